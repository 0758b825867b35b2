import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { migrate, readVersion } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { openDatabase } from '../../main/db/open-database';
import { tempDbPath } from '../helpers/temp-db';

const latest = MIGRATIONS.at(-1)!.version;

describe('openDatabase', () => {
  test('creates the file at the latest version with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempDbPath());
    expect(readVersion(db)).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  test('reopening an up-to-date file applies nothing and keeps its rows', () => {
    const file = tempDbPath();
    const db = openDatabase(file);
    db.prepare("INSERT INTO locations (external_id, name, currency, time_zone, updated_at) VALUES ('L1','Sydney','AUD','Australia/Sydney','2025-01-01T00:00:00.000Z')").run();
    db.close();
    const again = openDatabase(file);
    expect(readVersion(again)).toBe(latest);
    expect(again.prepare('SELECT count(*) FROM locations').pluck().get()).toBe(1);
    again.close();
  });

  test('refuses a database written by a newer version, in plain words, and leaves it untouched', () => {
    const file = tempDbPath();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latest + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer version of Facility Sync.*Install the latest version/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latest + 5);
    check.close();
  });

  test('a file that is not a database is reported as unreadable', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = tempDbPath();
    writeFileSync(file, 'this is not sqlite '.repeat(500));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_unreadable' }));
  });
});

describe('migrate', () => {
  test('applies all pending migrations in one transaction: a failing one rolls back the others', () => {
    const db = new Database(tempDbPath());
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, migrations)).toThrow(/nowhere/);
    expect(readVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('a','b')").pluck().get()).toBe(0);
    db.close();
  });

  test('applies only the migrations newer than the stored version', () => {
    const db = new Database(tempDbPath());
    const first = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);' }];
    expect(migrate(db, first)).toBe(1);
    const both = [...first, { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y INTEGER DEFAULT 3;' }];
    expect(migrate(db, both)).toBe(2);
    expect(db.prepare('SELECT x, y FROM a').get()).toEqual({ x: 7, y: 3 });
    db.close();
  });

  test('migrations are numbered 1, 2, 3... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
