import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

const AT = '2025-01-01T00:00:00.000Z';
const SUMMARY = 'SELECT kind, location_id, building_id, record_date, status, n FROM sync_counts ORDER BY 1, 2, 3, 4, 5';

test('006-credit-notes: keeps every row and count of the rebuilt tables, allows discount lines and new kinds', () => {
  const db = databaseAt(5);
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${AT}');
    INSERT INTO buildings VALUES (1,'B1',1,'Building A','${AT}');
    INSERT INTO charge_types VALUES (1,'CT-RENT','Rent','rent','${AT}');
    INSERT INTO tenants (id, external_id, location_id, name, updated_at) VALUES (1,'T1',1,'Ann','${AT}');
    INSERT INTO invoices (id, external_id, invoice_number, tenant_id, issue_date, due_date, total_cents, updated_at)
      VALUES (1,'I1','INV-1',1,'2025-01-02','2025-01-09',1000,'${AT}');
    INSERT INTO invoice_lines VALUES (1,'L1',1,1,1,'Rent',1,1000,1000,'${AT}');
    INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash, updated_at, attempts, disambiguate)
      VALUES ('invoice',1,1,1,'2025-01-02','synced','h','h','${AT}',2,0), ('tenant',1,1,NULL,'2025-01-01','failed','t',NULL,'${AT}',1,1);
    INSERT INTO outbox (id, kind, record_id, change, content_hash, status, created_at, updated_at, batch_key)
      VALUES (7,'invoice',1,'create','h','done','${AT}','${AT}','k1');
    INSERT INTO xero_links VALUES ('invoice',1,'x-1','${AT}');
  `);
  const before = {
    records: db.prepare('SELECT * FROM sync_records ORDER BY kind').all(),
    outbox: db.prepare('SELECT * FROM outbox').all(),
    links: db.prepare('SELECT * FROM xero_links').all(),
    lines: db.prepare('SELECT * FROM invoice_lines').all(),
    counts: db.prepare(SUMMARY).all(),
  };

  migrateTo(db, 6);
  expect(readVersion(db)).toBe(6);
  expect(db.prepare('SELECT * FROM sync_records ORDER BY kind').all()).toEqual(before.records);
  expect(db.prepare('SELECT * FROM outbox').all()).toEqual(before.outbox);
  expect(db.prepare('SELECT * FROM xero_links').all()).toEqual(before.links);
  expect(db.prepare('SELECT * FROM invoice_lines').all()).toEqual(before.lines);
  expect(db.prepare(SUMMARY).all()).toEqual(before.counts);
  expect(db.prepare('SELECT status FROM invoices').pluck().get()).toBe('open');
  // The indexes the report and the engine rely on are back.
  const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all();
  expect(indexes).toEqual(expect.arrayContaining(['sync_records_all', 'sync_records_location', 'sync_records_building', 'outbox_due', 'outbox_record']));

  // A discount line; a credit note record in the sync tables; the counts follow through the recreated triggers.
  db.exec(`INSERT INTO invoice_lines VALUES (2,'L2',1,2,1,'Move-in promotion',1,-500,-500,'${AT}')`);
  db.exec(`INSERT INTO credit_notes (id, external_id, credit_note_number, tenant_id, issue_date, reason, updated_at)
           VALUES (1,'C1','CN-1',1,'2025-01-03','refund','${AT}')`);
  db.exec(`INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
           VALUES ('credit_note',1,1,NULL,'2025-01-03','pending','c','${AT}')`);
  db.exec("UPDATE sync_records SET status = 'pending' WHERE kind = 'invoice'");
  expect(db.prepare(SUMMARY).all()).toEqual([
    { kind: 'credit_note', location_id: 1, building_id: 0, record_date: '2025-01-03', status: 'pending', n: 1 },
    { kind: 'invoice', location_id: 1, building_id: 1, record_date: '2025-01-02', status: 'pending', n: 1 },
    { kind: 'tenant', location_id: 1, building_id: 0, record_date: '2025-01-01', status: 'failed', n: 1 },
  ]);
  expect(() => db.exec("UPDATE invoices SET status = 'cancelled'")).toThrow(/CHECK/);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
