import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

test('002-sync-engine: adds in-flight batch keys, attempts and sync state to a database holding queued records', () => {
  const db = databaseAt(1);
  const at = '2025-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${at}');
    INSERT INTO tenants (id, external_id, location_id, name, updated_at) VALUES (1,'T-1',1,'Olivia Smith','${at}');
    INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
      VALUES ('tenant',1,1,NULL,'2025-01-01','failed','h1','${at}');
    INSERT INTO outbox (kind, record_id, change, content_hash, status, attempts, created_at, updated_at)
      VALUES ('tenant',1,'create','h1','pending',2,'${at}','${at}');
  `);

  migrateTo(db, 2);
  expect(readVersion(db)).toBe(2);

  // Existing rows survive with the new columns' defaults.
  expect(db.prepare('SELECT attempts, batch_key, last_attempt_at FROM outbox').get()).toEqual({ attempts: 2, batch_key: null, last_attempt_at: null });
  expect(db.prepare('SELECT status, attempts, last_attempt_at, disambiguate FROM sync_records').get()).toEqual({
    status: 'failed',
    attempts: 0,
    last_attempt_at: null,
    disambiguate: 0,
  });

  // The engine's new columns and table take values; sync_state keys are unique.
  db.exec(`UPDATE outbox SET status = 'in_flight', batch_key = 'k-1', last_attempt_at = '${at}'`);
  db.exec(`UPDATE sync_records SET attempts = 3, last_attempt_at = '${at}', disambiguate = 1`);
  db.exec("INSERT INTO sync_state VALUES ('paused', '1')");
  expect(() => db.exec("INSERT INTO sync_state VALUES ('paused', '0')")).toThrow();
  expect(db.prepare("SELECT batch_key FROM outbox WHERE status = 'in_flight'").pluck().get()).toBe('k-1');
  db.close();
});
