import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt } from '../../helpers/temp-db';

test('001-init: creates the mirror and sync tables, which hold real rows and enforce their rules', () => {
  const db = databaseAt(1);
  expect(readVersion(db)).toBe(1);
  const at = '2025-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${at}');
    INSERT INTO buildings VALUES (1,'B1',1,'Building A','${at}');
    INSERT INTO units VALUES (1,'U1',1,'A101','5x5','${at}');
    INSERT INTO charge_types VALUES (1,'CT1','Rent','rent','${at}');
    INSERT INTO tenants VALUES (1,'T1',1,1,'Olivia','o@example.com','','${at}');
    INSERT INTO invoices VALUES (1,'I1','INV-1',1,1,'2025-01-01','2025-01-08',8900,'${at}');
    INSERT INTO invoice_lines VALUES (1,'IL1',1,1,1,'Rent',1,8900,8900,'${at}');
    INSERT INTO payments VALUES (1,'P1',1,'2025-01-02',8900,'cash','completed','','${at}');
    INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
      VALUES ('payment',1,1,1,'2025-01-02','synced','h','${at}');
    INSERT INTO outbox (kind, record_id, change, content_hash, created_at, updated_at) VALUES ('payment',1,'create','h','${at}','${at}');
    INSERT INTO xero_links VALUES ('payment',1,'xero-guid','${at}');
    INSERT INTO sync_runs (started_at, trigger) VALUES ('${at}','manual');
  `);
  expect(db.prepare('SELECT synced FROM sync_records').pluck().get()).toBe(1);
  expect(db.prepare('SELECT status, attempts FROM outbox').get()).toEqual({ status: 'pending', attempts: 0 });
  const bad = [
    "INSERT INTO payments VALUES (2,'P2',99,'2025-01-02',100,'cash','completed','','x')", // unknown invoice
    "INSERT INTO payments VALUES (2,'P2',1,'2025-01-02',100,'bitcoin','completed','','x')", // unknown method
    "INSERT INTO payments VALUES (2,'P1',1,'2025-01-02',100,'cash','completed','','x')", // duplicate external id
    "INSERT INTO payments VALUES (2,'P2',1,'2025-01-02',-5,'cash','completed','','x')", // negative amount
    "INSERT INTO charge_types VALUES (2,'CT2','Gift','gift','x')", // unknown kind
    "INSERT INTO sync_records (kind, record_id, location_id, record_date, status, content_hash, updated_at) VALUES ('tenant',1,1,'2025-01-01','done','h','x')",
  ];
  for (const sql of bad) expect(() => db.exec(sql), sql).toThrow();
  db.close();
});
