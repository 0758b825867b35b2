import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

const SUMMARY = 'SELECT kind, location_id, building_id, record_date, status, n FROM sync_counts ORDER BY 1, 2, 3, 4, 5';

test('004-report-counts: back-fills the counts from the sync records already held, then keeps them with triggers', () => {
  const db = databaseAt(3);
  const at = '2025-01-01T00:00:00.000Z';
  const record = db.prepare(
    `INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', '${at}')`,
  );
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${at}'), (2,'L2','Perth','AUD','Australia/Perth','${at}');
    INSERT INTO buildings VALUES (1,'B1',1,'Building A','${at}'), (2,'B2',2,'Building A','${at}');
  `);
  record.run('payment', 1, 1, 1, '2025-01-02', 'synced');
  record.run('payment', 2, 1, 1, '2025-01-02', 'synced');
  record.run('payment', 3, 1, 1, '2025-01-02', 'failed');
  record.run('payment', 4, 2, 2, '2025-01-02', 'synced');
  record.run('invoice', 1, 1, 1, '2025-01-02', 'pending');
  record.run('tenant', 1, 1, null, '2025-01-01', 'pending'); // a tenant without a unit has no building

  migrateTo(db, 4);
  expect(readVersion(db)).toBe(4);
  expect(db.prepare(SUMMARY).all()).toEqual([
    { kind: 'invoice', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'pending', n: 1 },
    { kind: 'payment', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'failed', n: 1 },
    { kind: 'payment', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'synced', n: 2 },
    { kind: 'payment', location_id: 2, building_id: 2, record_date: '2025-01-02', status: 'synced', n: 1 },
    { kind: 'tenant', location_id: 1, building_id: 0, record_date: '2025-01-01', status: 'pending', n: 1 },
  ]);
  // The rows it was given are untouched, and the triggers count what comes after.
  expect(db.prepare('SELECT count(*) FROM sync_records').pluck().get()).toBe(6);
  record.run('payment', 5, 2, 2, '2025-01-02', 'synced');
  db.exec("UPDATE sync_records SET status = 'synced' WHERE kind = 'payment' AND record_id = 3");
  db.exec("DELETE FROM sync_records WHERE kind = 'tenant'");
  expect(db.prepare(SUMMARY).all()).toEqual([
    { kind: 'invoice', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'pending', n: 1 },
    { kind: 'payment', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'synced', n: 3 },
    { kind: 'payment', location_id: 2, building_id: 2, record_date: '2025-01-02', status: 'synced', n: 2 },
  ]);
  db.close();
});
