import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

const AT = '2025-01-01T00:00:00.000Z';
const SUMMARY = 'SELECT kind, location_id, building_id, record_date, status, n FROM sync_counts ORDER BY 1, 2, 3, 4, 5';

test('007-review-statuses: keeps every sync record and count, takes the three new statuses and still refuses others', () => {
  const db = databaseAt(6);
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${AT}');
    INSERT INTO tenants (id, external_id, location_id, name, updated_at) VALUES (1,'T1',1,'Ann','${AT}'), (2,'T2',1,'Bob','${AT}');
    INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash, updated_at, attempts, disambiguate)
      VALUES ('tenant',1,1,NULL,'2025-01-01','synced','h','h','${AT}',2,0), ('tenant',2,1,NULL,'2025-01-02','failed','t',NULL,'${AT}',1,1);
  `);
  const before = { records: db.prepare('SELECT * FROM sync_records ORDER BY record_id').all(), counts: db.prepare(SUMMARY).all() };

  migrateTo(db, 7);
  expect(readVersion(db)).toBe(7);
  expect(db.prepare('SELECT * FROM sync_records ORDER BY record_id').all()).toEqual(before.records);
  expect(db.prepare(SUMMARY).all()).toEqual(before.counts);
  const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all();
  expect(indexes).toEqual(expect.arrayContaining(['sync_records_all', 'sync_records_location', 'sync_records_building']));

  for (const status of ['before_start_date', 'needs_review', 'changed_in_xero']) {
    db.prepare('UPDATE sync_records SET status = ? WHERE record_id = 2').run(status);
    expect(db.prepare(SUMMARY).all()).toContainEqual({ kind: 'tenant', location_id: 1, building_id: 0, record_date: '2025-01-02', status, n: 1 });
  }
  expect(() => db.exec("UPDATE sync_records SET status = 'lost'")).toThrow(/CHECK/);
  db.close();
});
