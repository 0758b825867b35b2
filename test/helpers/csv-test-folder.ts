import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';


/** A temp copy of the sample folder, so tests can change files. */
export function copySample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-'));
  cpSync(SAMPLE_CSV_DIR, dir, { recursive: true });
  return dir;
}

export function writeCsv(dir: string, file: string, content: string | Buffer): string {
  const target = path.join(dir, file);
  writeFileSync(target, content);
  return target;
}
