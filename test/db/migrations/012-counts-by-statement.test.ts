import { expect, test } from 'vitest';
import { createSyncChangeSet } from '../../../main/sync/records/record-changes';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

const SUMMARY = 'SELECT kind, location_id, building_id, record_date, status, n FROM sync_counts ORDER BY 1, 2, 3, 4, 5';
const GROUPED = `SELECT kind, location_id, COALESCE(building_id, 0) AS building_id, record_date, status, count(*) AS n
  FROM sync_records GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
const at = '2025-01-01T00:00:00.000Z';

function withPlaces(version: number) {
  const db = databaseAt(version);
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${at}'), (2,'L2','Perth','AUD','Australia/Perth','${at}');
    INSERT INTO buildings VALUES (1,'B1',1,'Building A','${at}'), (2,'B2',2,'Building A','${at}');
  `);
  const record = db.prepare(
    `INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', '${at}')`,
  );
  return { db, record };
}

test('012-counts-by-statement: the insert trigger counts every record, except while a writer holds the count itself', () => {
  const { db, record } = withPlaces(11);
  record.run('payment', 1, 1, 1, '2025-01-02', 'synced');
  migrateTo(db, 12);
  const before = db.prepare(SUMMARY).all();
  expect(before).toEqual(db.prepare(GROUPED).all());

  // Counted one by one, as before.
  record.run('payment', 2, 1, 1, '2025-01-02', 'synced');
  record.run('tenant', 1, 2, null, '2025-01-01', 'pending');
  expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());

  // Held: the trigger leaves the insert uncounted (the writer counts it); released: counted again.
  db.transaction(() => {
    db.exec('INSERT INTO sync_counts_by_statement (held) VALUES (1)');
    record.run('payment', 3, 1, 1, '2025-01-02', 'synced');
    expect(db.prepare("SELECT n FROM sync_counts WHERE kind = 'payment' AND status = 'synced'").pluck().get()).toBe(2);
    db.exec('DELETE FROM sync_counts_by_statement');
    record.run('payment', 4, 1, 1, '2025-01-02', 'synced');
    expect(db.prepare("SELECT n FROM sync_counts WHERE kind = 'payment' AND status = 'synced'").pluck().get()).toBe(3);
  })();
  // Only one row can ever be held.
  expect(() => db.exec('INSERT INTO sync_counts_by_statement (held) VALUES (2)')).toThrow(/CHECK/);
  db.close();
});

test('a set-based apply counts its new records itself, exactly, and holds nothing afterwards, even when it fails', () => {
  const { db, record } = withPlaces(12);
  record.run('invoice', 1, 1, 1, '2025-01-02', 'synced');
  const changes = createSyncChangeSet(db);
  const add = db.prepare('INSERT INTO temp.sync_changes (seq, record_id, hash, location_id, building_id, record_date) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    // Two places and days, a building-less record, and a record already held (changed: updated, not inserted).
    for (let i = 2; i <= 40; i++) add.run(i, i, `h${i}`, 1 + (i % 2), i % 3 === 0 ? null : 1 + (i % 2), `2025-01-0${1 + (i % 4)}`);
    add.run(1, 1, 'changed', 1, 1, '2025-01-02');
    changes.apply('invoice', at);
  })();
  expect(db.prepare("SELECT count(*) FROM sync_records WHERE kind = 'invoice'").pluck().get()).toBe(40);
  expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());
  expect(db.prepare('SELECT count(*) FROM sync_counts_by_statement').pluck().get()).toBe(0);

  // A record that breaks a rule mid-way (a location that does not exist): nothing is written, nothing stays held.
  changes.clear();
  add.run(1, 100, 'h', 99, null, '2025-01-02');
  expect(() => db.transaction(() => changes.apply('invoice', at))()).toThrow(/FOREIGN KEY/);
  expect(db.prepare('SELECT count(*) FROM sync_counts_by_statement').pluck().get()).toBe(0);
  expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());
  record.run('invoice', 200, 1, 1, '2025-01-02', 'pending');
  expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());
  db.close();
});
