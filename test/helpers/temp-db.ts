import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';

/** A fresh temp directory and a database path inside it (tests use real SQLite files). */
export function tempDbPath(prefix = 'facility-db-'): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), prefix)), 'facility-sync.sqlite');
}

/** Applies the migrations up to and including `version`, as an app of that version would. */
export function migrateTo(db: Database.Database, version: number): void {
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
}

/** A fresh database file with foreign keys on, at schema `version`: the state a migration test starts from. */
export function databaseAt(version: number): Database.Database {
  const db = new Database(tempDbPath());
  db.pragma('foreign_keys = ON');
  migrateTo(db, version);
  return db;
}
