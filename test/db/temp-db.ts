import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory and a database path inside it (tests use real SQLite files). */
export function tempDbPath(prefix = 'facility-db-'): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), prefix)), 'facility-sync.sqlite');
}
