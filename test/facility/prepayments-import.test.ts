/**
 * Issue 14 in the facility files: payments.csv rows without an invoice are prepayments of the tenant
 * named in tenant_id, allocations.csv applies a prepayment (or a credit note) to invoices, refunds.csv
 * pays a prepayment back (payment_id). Each rule that refuses a row says why in words; a refused row
 * keeps the whole file out.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { copySample, writeCsv } from '../helpers/csv-test-folder';
import { tempDbPath } from '../helpers/temp-db';

const AT = '2025-07-01T09:00:00Z';
const PAY_HEADER = 'payment_id,invoice_id,tenant_id,paid_on,amount,method,status,reference,updated_at';
const ALLOC_HEADER = 'allocation_id,payment_id,credit_note_id,invoice_id,amount,allocated_on,status,updated_at';
const REFUND_HEADER = 'refund_id,credit_note_id,payment_id,paid_on,amount,method,status,reference,updated_at';

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
const pendingOutbox = (db: Db, kind: string) => count(db, "SELECT count(*) FROM outbox WHERE status = 'pending' AND kind = ?", kind);
const syncOf = (db: Db, kind: string, table: string, externalId: string) => db.prepare(
  `SELECT s.status, l.external_id AS location, b.external_id AS building, s.record_date FROM sync_records s JOIN ${table} r ON r.id = s.record_id
   JOIN locations l ON l.id = s.location_id LEFT JOIN buildings b ON b.id = s.building_id WHERE s.kind = ? AND r.external_id = ?`,
).get(kind, externalId);

/**
 * The sample folder's payments (not its prepayment) with a tenant_id column in payments.csv (empty for
 * its payments) and these prepayments, imported and marked synced. `payments(...rows)` writes the sample's payments (lines 2
 * to 6) and the rows after them (line 7 on).
 */
async function sampleWith(...prepayments: string[]): Promise<{ dir: string; db: Db; payments(...rows: string[]): string }> {
  const dir = copySample();
  // The sample's own prepayment (P-9101) and its allocation stay out: these tests write their own.
  rmSync(path.join(dir, 'allocations.csv'));
  const [header = '', ...rows] = readFileSync(path.join(dir, 'payments.csv'), 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  const sample = rows
    .map((row) => Object.fromEntries(row.split(',').map((v, i) => [columns[i], v])) as Record<string, string>)
    .filter((row) => row.invoice_id)
    .map((row) => PAY_HEADER.split(',').map((c) => row[c] ?? '').join(','));
  const payments = (...rows: string[]) => writeCsv(dir, 'payments.csv', [PAY_HEADER, ...sample, ...rows].join('\n'));
  payments(...prepayments);
  const db = openDatabase(tempDbPath());
  expect((await importFacilityCsv(db, dir)).rejected).toEqual([]);
  db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
  return { dir, db, payments };
}

const PRE_1 = `PRE-1,,T-1001,2025-02-01,300.00,online_banking,,Rent paid ahead,${AT}`;
const PRE_2 = `PRE-2,,T-1004,2025-02-01,50.00,cash,,,${AT}`;

describe('payments.csv: a payment without invoice_id is a prepayment of its tenant', () => {
  test('written to prepayments, each a pending sync record under its tenant\'s place and paid_on; payments stay as they are', async () => {
    const { dir, db, payments } = await sampleWith();
    // P-9004 names its tenant too, which agrees with its invoice.
    const file = payments(PRE_1, PRE_2);
    writeCsv(dir, 'payments.csv', readFileSync(file, 'utf8').replace('P-9004,INV-5003,,', 'P-9004,INV-5003,T-1003,'));
    const result = await importFacilityCsv(db, file);
    expect(result).toMatchObject({ inserted: 2, updated: 0, unchanged: 5, rejected: [] });
    expect(db.prepare('SELECT p.external_id, t.external_id AS tenant, p.paid_on, p.amount_cents, p.method, p.status, p.reference FROM prepayments p JOIN tenants t ON t.id = p.tenant_id ORDER BY p.id').all()).toEqual([
      { external_id: 'PRE-1', tenant: 'T-1001', paid_on: '2025-02-01', amount_cents: 30000, method: 'online_banking', status: 'completed', reference: 'Rent paid ahead' },
      { external_id: 'PRE-2', tenant: 'T-1004', paid_on: '2025-02-01', amount_cents: 5000, method: 'cash', status: 'completed', reference: '' },
    ]);
    expect(count(db, 'SELECT count(*) FROM payments')).toBe(5);
    // T-1001 rents A101 in building A of Sydney; T-1004 has no unit.
    expect(syncOf(db, 'prepayment', 'prepayments', 'PRE-1')).toEqual({ status: 'pending', location: 'LOC-SYD', building: 'BLD-SYD-A', record_date: '2025-02-01' });
    expect(syncOf(db, 'prepayment', 'prepayments', 'PRE-2')).toEqual({ status: 'pending', location: 'LOC-SYD', building: null, record_date: '2025-02-01' });
    expect([pendingOutbox(db, 'prepayment'), pendingOutbox(db, 'payment')]).toEqual([2, 0]);
    expect(db.prepare("SELECT DISTINCT change FROM outbox WHERE kind = 'prepayment'").pluck().all()).toEqual(['create']);
  });

  test('a change to its reference only leaves it synced; a change to what Xero holds queues it', async () => {
    const { db, payments } = await sampleWith(PRE_1);
    let result = await importFacilityCsv(db, payments(PRE_1.replace('Rent paid ahead', 'Six months ahead')));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect([(syncOf(db, 'prepayment', 'prepayments', 'PRE-1') as { status: string }).status, pendingOutbox(db, 'prepayment')]).toEqual(['synced', 0]);
    result = await importFacilityCsv(db, payments(PRE_1.replace('300.00', '320.00')));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect([(syncOf(db, 'prepayment', 'prepayments', 'PRE-1') as { status: string }).status, pendingOutbox(db, 'prepayment')]).toEqual(['pending', 1]);
  });

  test('a prepayment follows its tenant to another building without being queued again; so does a refund of it', async () => {
    const { dir, db } = await sampleWith(PRE_1);
    writeCsv(dir, 'refunds.csv', [REFUND_HEADER, `RP-1,,PRE-1,2025-03-01,10.00,cash,,,${AT}`].join('\n'));
    await importFacilityCsv(db, path.join(dir, 'refunds.csv'));
    db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
    const tenants = readFileSync(path.join(dir, 'tenants.csv'), 'utf8');
    expect(await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', tenants.replace('T-1001,LOC-SYD,U-SYD-A101', 'T-1001,LOC-SYD,U-SYD-B201')))).toMatchObject({ updated: 1, rejected: [] });
    expect(syncOf(db, 'prepayment', 'prepayments', 'PRE-1')).toMatchObject({ status: 'synced', building: 'BLD-SYD-B' });
    expect(syncOf(db, 'refund', 'refunds', 'RP-1')).toMatchObject({ status: 'synced', building: 'BLD-SYD-B' });
    expect([pendingOutbox(db, 'prepayment'), pendingOutbox(db, 'refund'), pendingOutbox(db, 'tenant')]).toEqual([0, 0, 1]);
  });

  test('a prepayment needs its tenant; a payment_id keeps its kind; rejected rows keep the whole file out', async () => {
    const { dir, db, payments } = await sampleWith(PRE_1);
    const file = payments(`PRE-3,,,2025-02-01,10.00,cash,,,${AT}`, `PRE-4,,T-1001,2025-02-01,10.00,cash,,,${AT}`);
    writeCsv(dir, 'payments.csv', readFileSync(file, 'utf8').replace('P-9001,INV-5001,,', 'P-9001,,T-1001,'));
    const result = await importFacilityCsv(db, file);
    expect(result.rejected).toEqual([
      { file: 'payments.csv', line: 2, reason: 'payment P-9001 was imported as a payment of invoice INV-5001; without invoice_id it would become a prepayment, and a payment_id keeps the kind it was first imported as: give its invoice_id again, or reverse it and give the prepayment a new payment_id' },
      { file: 'payments.csv', line: 7, reason: 'the row has no invoice_id, so it is a prepayment (money paid before it is owed), and a prepayment needs the tenant_id of the tenant who paid it; give the invoice_id it pays or the tenant_id' },
    ]);
    expect(count(db, "SELECT count(*) FROM prepayments WHERE external_id = 'PRE-4'")).toBe(0);

    // Checked over the whole file once every row passed: a stored prepayment given an invoice, an invoice of another tenant.
    const across = await importFacilityCsv(db, payments(
      `P-9010,INV-5002,T-1001,2025-02-01,10.00,cash,,,${AT}`,
      `PRE-1,INV-5004,T-1001,2025-02-01,300.00,online_banking,,,${AT}`,
      `PRE-4,,T-1001,2025-02-01,10.00,cash,,,${AT}`,
    ));
    expect(across.rejected).toEqual([
      { file: 'payments.csv', line: 7, reason: 'invoice INV-5002 belongs to tenant T-1002, not T-1001; a payment pays its own tenant\'s invoice: correct the invoice_id or the tenant_id' },
      { file: 'payments.csv', line: 8, reason: 'payment PRE-1 was imported as a prepayment of tenant T-1001; with an invoice_id it would become a payment of that invoice, and a payment_id keeps the kind it was first imported as: leave invoice_id empty (apply the prepayment with allocations.csv), or reverse it and give the payment a new payment_id' },
    ]);
    expect(count(db, "SELECT count(*) FROM prepayments WHERE external_id = 'PRE-4'") + count(db, "SELECT count(*) FROM payments WHERE external_id = 'P-9010'")).toBe(0);
  });

  test('a prepayment with credit applied cannot be reversed, shrunk below it or moved to another tenant until its allocations are reversed', async () => {
    const { dir, db, payments } = await sampleWith(PRE_1);
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,89.00,2025-02-06,,${AT}`].join('\n'));
    expect((await importFacilityCsv(db, path.join(dir, 'allocations.csv'))).rejected).toEqual([]);
    const reversed = PRE_1.replace(',,Rent', ',reversed,Rent');
    const result = await importFacilityCsv(db, payments(reversed, `PRE-5,,T-1004,2025-02-01,1.00,cash,,,${AT}`));
    expect(result.rejected).toEqual([{
      file: 'payments.csv', line: 7,
      reason: 'prepayment PRE-1 has 89.00 applied to invoices or paid back, so it cannot be reversed; reverse its allocations (allocations.csv) and refunds (refunds.csv) first, then reverse it',
    }]);
    expect((await importFacilityCsv(db, payments(PRE_1.replace('300.00', '80.00')))).rejected.map((r) => r.reason)).toEqual([
      'prepayment PRE-1 has 89.00 applied to invoices or paid back, more than its new amount 80.00; reverse its allocations (allocations.csv) and refunds (refunds.csv) first',
    ]);
    expect((await importFacilityCsv(db, payments(PRE_1.replace(',T-1001,', ',T-1004,')))).rejected.map((r) => r.reason)).toEqual([
      'prepayment PRE-1 has 89.00 applied to invoices or paid back for tenant T-1001, so it cannot move to tenant T-1004; reverse its allocations (allocations.csv) and refunds (refunds.csv) first',
    ]);
    expect(count(db, "SELECT count(*) FROM prepayments WHERE status = 'completed' AND amount_cents = 30000")).toBe(1);

    // Its allocation reversed first (queued to be taken back in Xero), then the prepayment reverses.
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,89.00,2025-02-06,reversed,${AT}`].join('\n'));
    expect(await importFacilityCsv(db, path.join(dir, 'allocations.csv'))).toMatchObject({ updated: 1, rejected: [] });
    expect(await importFacilityCsv(db, payments(reversed))).toMatchObject({ updated: 1, rejected: [] });
    expect([pendingOutbox(db, 'allocation'), pendingOutbox(db, 'prepayment')]).toEqual([1, 1]);
  });
});

describe('allocations.csv: credit applied to an invoice', () => {
  test('a prepayment applied to its tenant\'s invoices: each a pending allocation under the invoice\'s place and date; the same file again changes nothing', async () => {
    const { dir, db } = await sampleWith(PRE_1, PRE_2);
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,89.00,2025-02-06,,${AT}`, `A-2,PRE-2,,INV-5005,19.95,2025-02-02,completed,${AT}`].join('\n'));
    expect(await importFacilityCsv(db, path.join(dir, 'allocations.csv'))).toMatchObject({ inserted: 2, rejected: [] });
    expect(db.prepare('SELECT a.external_id, p.external_id AS source, a.credit_note_id, i.external_id AS invoice, a.amount_cents, a.status FROM allocations a JOIN prepayments p ON p.id = a.prepayment_id JOIN invoices i ON i.id = a.invoice_id ORDER BY a.id').all()).toEqual([
      { external_id: 'A-1', source: 'PRE-1', credit_note_id: null, invoice: 'INV-5004', amount_cents: 8900, status: 'completed' },
      { external_id: 'A-2', source: 'PRE-2', credit_note_id: null, invoice: 'INV-5005', amount_cents: 1995, status: 'completed' },
    ]);
    expect(syncOf(db, 'allocation', 'allocations', 'A-1')).toEqual({ status: 'pending', location: 'LOC-SYD', building: 'BLD-SYD-A', record_date: '2025-02-06' });
    expect(pendingOutbox(db, 'allocation')).toBe(2);
    // In a folder it is imported after the credit notes and before the refunds; again, nothing changes.
    expect(await importFacilityCsv(db, dir)).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
    expect(pendingOutbox(db, 'allocation')).toBe(2);
  });

  test('each row names one live source of the invoice\'s tenant and an open invoice; ids of derived allocations are kept', async () => {
    const { dir, db } = await sampleWith(PRE_1, PRE_2, `PRE-4,,T-1002,2025-01-06,10.00,cash,,,${AT}`, `PRE-6,,T-1001,2025-01-06,10.00,cash,reversed,,${AT}`);
    const result = await importFacilityCsv(db, writeCsv(dir, 'allocations.csv', [
      ALLOC_HEADER,
      `A-1,PRE-1,CN-7001,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-2,,,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-3,P-9001,,INV-5001,1.00,2025-02-06,,${AT}`,
      `A-4,PRE-2,,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-5,PRE-4,,INV-5006,1.00,2025-02-06,,${AT}`,
      `CN:X,PRE-1,,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-6,PRE-9,,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-7,PRE-6,,INV-5004,1.00,2025-02-06,,${AT}`,
      `A-8,PRE-1,,INV-5004,1.00,2025-02-06,,${AT}`,
    ].join('\n')));
    expect(result.rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '2: give exactly one of payment_id (a prepayment) and credit_note_id: the credit the allocation applies',
      '3: give exactly one of payment_id (a prepayment) and credit_note_id: the credit the allocation applies',
      '4: payment P-9001 pays invoice INV-5001, so it has no credit to apply; only a prepayment (a payments.csv row without invoice_id) can be allocated',
      '5: invoice INV-5004 belongs to tenant T-1001, but prepayment PRE-2 is tenant T-1004\'s; credit applies only to its own tenant\'s invoices',
      '6: invoice INV-5006 is void, so nothing can be applied to it; reverse the allocation (status reversed) or apply it to another invoice',
      '7: allocation_id "CN:X" starts with "CN:", which Facility Sync keeps for the credit a credit note applies to the invoice it names; give the allocation another id',
      '8: prepayment "PRE-9" is unknown; import it first (payments.csv, without invoice_id)',
      '9: prepayment PRE-6 is reversed, so it has no credit to apply; reverse the allocation (status reversed)',
    ]);
    expect(count(db, 'SELECT count(*) FROM allocations WHERE prepayment_id IS NOT NULL')).toBe(0);
  });

  test('a source never gives more than it has left, an invoice never takes more than it has due, stored allocations counted', async () => {
    const { dir, db } = await sampleWith(PRE_1, `PRE-5,,T-1001,2025-01-06,10.00,cash,,,${AT}`);
    const allocations = (...rows: string[]) => importFacilityCsv(db, writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, ...rows].join('\n')));
    // INV-5004: 104.00, 15.00 applied by CN-7001 (derived): 89.00 due. INV-5001 is paid in full. CN-7001 is all applied.
    let result = await allocations(
      `A-1,PRE-5,,INV-5004,20.00,2025-02-06,,${AT}`,
      `A-2,PRE-1,,INV-5001,1.00,2025-02-06,,${AT}`,
      `A-3,,CN-7001,INV-5004,1.00,2025-02-06,,${AT}`,
    );
    expect(result.rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '2: the completed allocations from prepayment PRE-5 in this file add up to 20.00, more than the 10.00 left of it (10.00); an allocation applies only credit that is left',
      '3: the completed allocations to invoice INV-5001 in this file add up to 1.00, more than it has due (0.00: its total 141.40 less 141.40 paid); apply less to it, or apply the rest to another invoice',
      '4: the completed allocations from credit note CN-7001 in this file add up to 1.00, more than the 0.00 left of it (15.00 less 15.00 applied before); an allocation applies only credit that is left',
    ]);
    expect(await allocations(`A-1,PRE-1,,INV-5004,80.00,2025-02-06,,${AT}`)).toMatchObject({ inserted: 1, rejected: [] });
    // A later file: A-1 stays stored (not listed), so INV-5004 has 9.00 due; a reversed row takes nothing.
    result = await allocations(`A-4,PRE-1,,INV-5004,9.01,2025-03-06,,${AT}`, `A-5,PRE-5,,INV-5004,5.00,2025-03-06,reversed,${AT}`);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'the completed allocations to invoice INV-5004 in this file add up to 9.01, more than it has due (9.00: its total 104.00 less 95.00 applied before); apply less to it, or apply the rest to another invoice',
    ]);
    // Listed again, a stored allocation counts as the file has it: A-1 lowered to 70.00 leaves room for 19.00.
    expect(await allocations(`A-1,PRE-1,,INV-5004,70.00,2025-02-06,,${AT}`, `A-4,PRE-1,,INV-5004,19.00,2025-03-06,,${AT}`)).toMatchObject({ inserted: 1, updated: 1, rejected: [] });
  });

  test('a void invoice takes back what was applied to it, and a void credit note what it applied: the credit is free again', async () => {
    const { dir, db } = await sampleWith(PRE_1);
    // PRE-1 applied to INV-5004 (104.00: 15.00 credited by CN-7001, 89.00 due); then INV-5004 is voided.
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,89.00,2025-02-06,,${AT}`].join('\n'));
    await importFacilityCsv(db, path.join(dir, 'allocations.csv'));
    db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
    const invoices = readFileSync(path.join(dir, 'invoices.csv'), 'utf8');
    await importFacilityCsv(db, writeCsv(dir, 'invoices.csv', invoices.replace('2025-02-12,,2025-02-05T10:20:00Z', '2025-02-12,void,2025-02-20T10:00:00Z')));
    expect(db.prepare("SELECT external_id, status FROM allocations WHERE external_id <> 'CN:CN-7003' ORDER BY external_id").all()).toEqual([
      { external_id: 'A-1', status: 'reversed' }, { external_id: 'CN:CN-7001', status: 'reversed' },
    ]);
    expect(pendingOutbox(db, 'allocation')).toBe(2);
    // PRE-1 holds all of its 300.00 again: a refund of it all is accepted.
    writeCsv(dir, 'refunds.csv', [REFUND_HEADER, `RP-1,,PRE-1,2025-03-01,300.00,cash,,,${AT}`].join('\n'));
    expect(await importFacilityCsv(db, path.join(dir, 'refunds.csv'))).toMatchObject({ inserted: 1, rejected: [] });

    // A credit note voided takes back an allocations.csv allocation from it too.
    writeCsv(dir, 'credit_notes.csv', `${readFileSync(path.join(dir, 'credit_notes.csv'), 'utf8').trimEnd()}\nCN-8001,SYD-CN-8001,T-1004,,,2025-07-01,discount,,${AT}\n`);
    writeCsv(dir, 'credit_note_lines.csv', ['line_id,credit_note_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at', `CL-81,CN-8001,1,CT-RENT,Goodwill,1,5.00,${AT}`].join('\n'));
    await importFacilityCsv(db, path.join(dir, 'credit_notes.csv'));
    await importFacilityCsv(db, path.join(dir, 'credit_note_lines.csv'));
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-2,,CN-8001,INV-5005,5.00,2025-07-01,,${AT}`].join('\n'));
    expect(await importFacilityCsv(db, path.join(dir, 'allocations.csv'))).toMatchObject({ inserted: 1, rejected: [] });
    const voided = readFileSync(path.join(dir, 'credit_notes.csv'), 'utf8').replace(`CN-8001,SYD-CN-8001,T-1004,,,2025-07-01,discount,,`, 'CN-8001,SYD-CN-8001,T-1004,,,2025-07-01,discount,void,');
    expect(await importFacilityCsv(db, writeCsv(dir, 'credit_notes.csv', voided))).toMatchObject({ updated: 1, rejected: [] });
    expect(db.prepare("SELECT status FROM allocations WHERE external_id = 'A-2'").pluck().get()).toBe('reversed');
  });

  test('an allocation never moves to another source or invoice', async () => {
    const { dir, db } = await sampleWith(PRE_1, `PRE-5,,T-1001,2025-01-06,10.00,cash,,,${AT}`);
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,10.00,2025-02-06,,${AT}`].join('\n'));
    await importFacilityCsv(db, path.join(dir, 'allocations.csv'));
    const result = await importFacilityCsv(db, writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-5,,INV-5004,10.00,2025-02-06,,${AT}`].join('\n')));
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'allocation A-1 was imported for invoice INV-5004 from another source or to another invoice; an allocation cannot move: reverse it (status reversed) and add the new one with its own allocation_id',
    ]);
  });
});

describe('refunds.csv: a prepayment paid back (payment_id)', () => {
  test('a refund of a prepayment: under its tenant\'s place; never more than is left of it after its allocations', async () => {
    const { dir, db } = await sampleWith(PRE_1);
    writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-1,PRE-1,,INV-5004,89.00,2025-02-06,,${AT}`].join('\n'));
    await importFacilityCsv(db, path.join(dir, 'allocations.csv'));
    const sampleRefund = `R-8001,CN-7002,,2025-04-02,200.00,online_banking,completed,EFT NGUYEN BROS,2025-04-02T09:00:00Z`;
    const refunds = (...rows: string[]) => importFacilityCsv(db, writeCsv(dir, 'refunds.csv', [REFUND_HEADER, sampleRefund, ...rows].join('\n')));
    let result = await refunds(`RP-1,CN-7002,PRE-1,2025-03-01,1.00,cash,,,${AT}`, `RP-2,,P-9001,2025-03-01,1.00,cash,,,${AT}`);
    expect(result.rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '3: give exactly one of credit_note_id and payment_id (a prepayment): what the refund pays back',
      '4: payment P-9001 pays invoice INV-5001, so it holds no credit to refund; only a prepayment (a payments.csv row without invoice_id) can be refunded',
    ]);
    result = await refunds(`RP-1,,PRE-1,2025-03-01,200.00,online_banking,,,${AT}`, `RP-2,,PRE-1,2025-03-02,11.01,cash,,,${AT}`);
    expect(result.rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '3: the completed refunds of prepayment "PRE-1" add up to 211.01, more than is left of it (211.00: its amount 300.00 less 89.00 applied to invoices); a refund cannot pay back more than was prepaid',
    ]);
    expect(count(db, 'SELECT count(*) FROM refunds WHERE prepayment_id IS NOT NULL')).toBe(0);
    expect(await refunds(`RP-1,,PRE-1,2025-03-01,200.00,online_banking,,,${AT}`, `RP-2,,PRE-1,2025-03-02,11.00,cash,,,${AT}`)).toMatchObject({ inserted: 2, unchanged: 1, rejected: [] });
    expect(syncOf(db, 'refund', 'refunds', 'RP-1')).toEqual({ status: 'pending', location: 'LOC-SYD', building: 'BLD-SYD-A', record_date: '2025-03-01' });
    // Nothing is left of PRE-1 now (nor due on INV-5004): a further allocation from it is refused.
    const more = await importFacilityCsv(db, writeCsv(dir, 'allocations.csv', [ALLOC_HEADER, `A-9,PRE-1,,INV-5004,0.01,2025-02-06,,${AT}`].join('\n')));
    expect(more.rejected.map((r) => r.reason)).toEqual([
      'the completed allocations from prepayment PRE-1 in this file add up to 0.01, more than the 0.00 left of it (300.00 less 89.00 applied before and 211.00 paid back); an allocation applies only credit that is left',
      'the completed allocations to invoice INV-5004 in this file add up to 0.01, more than it has due (0.00: its total 104.00 less 104.00 applied before); apply less to it, or apply the rest to another invoice',
    ]);
  });
});
