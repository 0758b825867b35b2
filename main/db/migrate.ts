import type Database from 'better-sqlite3';
import { AppError } from '../app-error';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Applies every pending migration in ONE transaction, so a failure leaves the database exactly
 * as it was (docs/conventions.md #5). The schema version lives in PRAGMA user_version.
 * Returns the version the database ends at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = readVersion(db);
  if (current > latest) {
    throw new AppError(
      'db_too_new',
      `This data file was written by a newer version of Facility Sync (data version ${current}; this app knows up to ${latest}). ` +
        'Install the latest version of Facility Sync to open it.',
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      // PRAGMA does not take bound parameters; the version is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  })();
  return latest;
}

export function readVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}
