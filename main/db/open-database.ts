import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../app-error';
import { PRIVATE_FILE_MODE } from '../private-data-dir';
import { migrate } from './migrate';

export type Db = Database.Database;

export const DB_FILE_NAME = 'facility-sync.sqlite';

/**
 * Opens (creating if needed) the local mirror and brings its schema up to date.
 * WAL lets the report read while an import writes; the busy timeout rides out a short lock
 * held by another connection instead of failing at once.
 */
export function openDatabase(file: string): Db {
  let db: Db;
  try {
    // Created 600 before SQLite opens it: SQLite gives its -wal and -shm files the database's mode.
    if (file !== ':memory:') closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // REPLACE must fire delete triggers too, or the report's summary counts (migration 004) drift.
    db.pragma('recursive_triggers = ON');
  } catch (err) {
    throw new AppError(
      'db_unreadable',
      `Facility Sync could not open its data file (${file}). Check that the disk is not full or read-only; if the file is damaged, move it aside and import your data again.`,
      { cause: err },
    );
  }
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
