import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Tenant records, settings and logs are for the signed-in user only (issue 18 finding 4). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder readable by this user only and makes whatever is already in it private
 * too (folders 700, files 600), so data written by an older version that used the umask's 755/644
 * is fixed at the next start. Symlinks are left alone. On Windows the per-user profile folder's
 * ACL already keeps other users out and POSIX modes mean little, so there it only creates the folder.
 */
export function preparePrivateDataDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') return;
  chmodSync(dir, PRIVATE_DIR_MODE);
  makeContentsPrivate(dir);
}

function makeContentsPrivate(dir: string): void {
  for (const name of readdirSync(dir)) {
    const entry = path.join(dir, name);
    let stat;
    try {
      stat = lstatSync(entry);
    } catch {
      continue; // removed meanwhile (e.g. a SQLite -shm file of a closing connection)
    }
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(entry, PRIVATE_DIR_MODE);
      makeContentsPrivate(entry);
    } else if (stat.isFile() && (stat.mode & 0o777 & ~PRIVATE_FILE_MODE) !== 0) {
      chmodSync(entry, stat.mode & PRIVATE_FILE_MODE);
    }
  }
}
