/**
 * The browser demo's stand-in for the import dialog (issue 17): the bridge lets the user choose
 * files with the browser's own picker and uploads them here, one request per file; each lands in a
 * private temp folder (700, files 600), and the next import with no path (the contract's "ask the
 * user") takes that folder, or the file when only one was chosen, as Electron's dialog would give.
 * Bounded like the import: 256 MB a file, 64 files a choice.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { MAX_FILE_BYTES } from '../../main/facility/csv-read';

export const MAX_FILES_PER_CHOICE = 64;

export interface UploadAnswer {
  status: number;
  body: { ok: true; value: { file: string } } | { ok: false; error: { code: string; message: string } };
}

const refuse = (status: number, code: string, message: string): UploadAnswer => ({ status, body: { ok: false, error: { code, message } } });

export interface ImportUploads {
  /** Receives one chosen file; `choice` groups the files of one pick (a new one replaces the last). */
  receive(req: IncomingMessage, choice: string, name: string): Promise<UploadAnswer>;
  /** The services' chooseImportPath: what was last chosen, once; null when nothing waits. */
  take(): Promise<string | null>;
  close(): void;
}

export function createImportUploads(): ImportUploads {
  let current: { choice: string; dir: string; files: string[] } | null = null;
  const dirs = new Set<string>();

  return {
    async receive(req, choice, name) {
      if (!/^[A-Za-z0-9_-]{8,64}$/.test(choice)) return refuse(400, 'bad_request', 'The upload is not valid. Choose the files again.');
      const base = path.basename(name);
      // eslint-disable-next-line no-control-regex
      if (base !== name || base === '' || base === '.' || base === '..' || base.length > 255 || /[\u0000-\u001F\\/]/u.test(base)) {
        return refuse(400, 'bad_request', `"${name.slice(0, 80)}" is not a file name Facility Sync can use. Rename the file and choose it again.`);
      }
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) return tooLarge(base);
      if (current?.choice !== choice) {
        current = { choice, dir: mkdtempSync(path.join(os.tmpdir(), 'facility-sync-upload-')), files: [] };
        dirs.add(current.dir);
      }
      const target = current;
      if (target.files.length >= MAX_FILES_PER_CHOICE) return refuse(400, 'bad_request', `Choose at most ${MAX_FILES_PER_CHOICE} files at a time.`);
      if (target.files.includes(base)) return refuse(400, 'bad_request', `${base} was chosen twice. Choose each file once.`);
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(size > MAX_FILE_BYTES ? new RangeError('too large') : null, chunk);
        },
      });
      const file = path.join(target.dir, base);
      try {
        await pipeline(req, limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        rmSync(file, { force: true });
        if (err instanceof RangeError) return tooLarge(base);
        return refuse(400, 'bad_request', `${base} did not arrive whole. Choose it again.`);
      }
      target.files.push(base);
      return { status: 200, body: { ok: true, value: { file: base } } };
    },
    async take() {
      const chosen = current;
      current = null;
      if (!chosen || chosen.files.length === 0) return null;
      return chosen.files.length === 1 ? path.join(chosen.dir, chosen.files[0]!) : chosen.dir;
    },
    close() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      dirs.clear();
    },
  };
}

function tooLarge(name: string): UploadAnswer {
  return refuse(413, 'too_large', `${name} is larger than 256 MB. Split the export into smaller files and choose them again.`);
}
