import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { requeueMappingFailures } from '../../main/mapping/mapping-requeue';
import { idOf, openSampleFacilityDb } from '../helpers/sample-facility-db';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
});
afterEach(() => db.close());

/** Marks a record and its latest outbox row failed, as the engine does when Xero or a builder refuses it. */
function fail(kind: 'invoice' | 'payment', recordId: number, code: string) {
  db.prepare(
    `UPDATE outbox SET status = 'failed', error_code = ?, error_explanation = 'x', error_fix = 'y'
     WHERE id = (SELECT MAX(id) FROM outbox WHERE kind = ? AND record_id = ?)`,
  ).run(code, kind, recordId);
  db.prepare("UPDATE sync_records SET status = 'failed', error_code = ?, error_explanation = 'x', error_fix = 'y' WHERE kind = ? AND record_id = ?")
    .run(code, kind, recordId);
}
const state = (kind: string, id: number) => ({
  record: db.prepare('SELECT status, error_code FROM sync_records WHERE kind = ? AND record_id = ?').get(kind, id),
  outbox: db.prepare('SELECT status, error_code, next_attempt_at FROM outbox WHERE kind = ? AND record_id = ? ORDER BY id DESC LIMIT 1').get(kind, id),
});

describe('requeueMappingFailures', () => {
  test('queues again only the records that failed because of the mapping', () => {
    const unmapped = idOf(db, 'invoices', 'INV-5004');
    const badAccount = idOf(db, 'payments', 'P-9001');
    const duplicate = idOf(db, 'invoices', 'INV-5002');
    fail('invoice', unmapped, 'mapping_charge_type');
    fail('payment', badAccount, 'account_invalid');
    fail('invoice', duplicate, 'invoice_number_taken');

    expect(requeueMappingFailures(db, '2026-01-01T00:00:00.000Z')).toBe(2);
    expect(state('invoice', unmapped)).toEqual({ record: { status: 'pending', error_code: null }, outbox: { status: 'pending', error_code: null, next_attempt_at: null } });
    expect(state('payment', badAccount).record).toEqual({ status: 'pending', error_code: null });
    expect(state('invoice', duplicate)).toMatchObject({ record: { status: 'failed', error_code: 'invoice_number_taken' }, outbox: { status: 'failed' } });
    expect(requeueMappingFailures(db)).toBe(0);
  });
});
