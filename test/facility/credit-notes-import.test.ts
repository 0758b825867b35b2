import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { copySample, writeCsv } from '../helpers/csv-test-folder';
import { tempDbPath } from '../helpers/temp-db';

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

/** A temp copy of the sample folder imported into a fresh database, then marked synced as a sync run would. */
async function syncedSampleCopy(): Promise<{ dir: string; db: Db }> {
  const dir = copySample();
  const db = openDatabase(tempDbPath());
  const result = await importFacilityCsv(db, dir);
  expect(result.rejected).toEqual([]);
  db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
  return { dir, db };
}

function editCsv(dir: string, file: string, from: string, to: string): string {
  const text = readFileSync(path.join(dir, file), 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  return writeCsv(dir, file, text.replace(from, to));
}

/** Appends rows to a CSV file of the folder (the header stays). */
function addRows(dir: string, file: string, ...rows: string[]): string {
  return writeCsv(dir, file, `${readFileSync(path.join(dir, file), 'utf8').trimEnd()}\n${rows.join('\n')}\n`);
}

const allocation = (db: Db, creditNote: string) => db.prepare(
  `SELECT a.amount_cents AS amount, a.status, i.external_id AS invoice, s.status AS sync
   FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN sync_records s ON s.kind = 'allocation' AND s.record_id = a.id
   WHERE a.external_id = ?`,
).get(`CN:${creditNote}`);
const syncStatus = (db: Db, kind: string, table: string, externalId: string) => db.prepare(
  `SELECT s.status FROM sync_records s JOIN ${table} r ON r.id = s.record_id WHERE s.kind = ? AND r.external_id = ?`,
).pluck().get(kind, externalId);
const pendingOutbox = (db: Db, kind?: string) => count(db, `SELECT count(*) FROM outbox WHERE status = 'pending'${kind ? ' AND kind = ?' : ''}`, ...(kind ? [kind] : []));

const CN_HEADER = 'credit_note_id,credit_note_number,tenant_id,invoice_id,unit_id,issue_date,reason,status,updated_at';
const CN_LINES_HEADER = 'line_id,credit_note_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at';
const REFUND_HEADER = 'refund_id,credit_note_id,paid_on,amount,method,status,reference,updated_at';
const AT = '2025-07-01T09:00:00Z';

describe('importing credit notes, refunds, discount lines and voided invoices', () => {
  test('the sample folder: totals with a discount line, one allocation per applied credit note, every record queued once', async () => {
    const { db } = await syncedSampleCopy();
    expect(count(db, "SELECT total_cents FROM invoices WHERE external_id = 'INV-5007'")).toBe(8500);
    expect(db.prepare("SELECT status FROM invoices WHERE external_id IN ('INV-5005', 'INV-5006') ORDER BY external_id").pluck().all()).toEqual(['open', 'void']);
    expect(db.prepare('SELECT external_id, total_cents FROM credit_notes ORDER BY 1').all()).toEqual([
      { external_id: 'CN-7001', total_cents: 1500 }, { external_id: 'CN-7002', total_cents: 20000 }, { external_id: 'CN-7003', total_cents: 8500 },
    ]);
    // Applied in full: the late fee waived on INV-5004 (104.00 due) and the write-off of all of INV-5007.
    expect(allocation(db, 'CN-7001')).toEqual({ amount: 1500, status: 'completed', invoice: 'INV-5004', sync: 'synced' });
    expect(allocation(db, 'CN-7003')).toEqual({ amount: 8500, status: 'completed', invoice: 'INV-5007', sync: 'synced' });
    // ... and the sample's prepayment P-9101 applied to MEL-5008 (allocations.csv).
    expect(count(db, 'SELECT count(*) FROM allocations')).toBe(3);
    expect(db.prepare('SELECT kind, count(*) AS n FROM sync_records GROUP BY kind ORDER BY kind').all()).toEqual([
      { kind: 'allocation', n: 3 }, { kind: 'credit_note', n: 3 }, { kind: 'invoice', n: 8 }, { kind: 'payment', n: 5 },
      { kind: 'prepayment', n: 1 }, { kind: 'refund', n: 1 }, { kind: 'tenant', n: 4 },
    ]);
    // Reported where they belong: a credit note under its unit's building, its refund with it, an allocation under its invoice's.
    const place = (kind: string, table: string, id: string) => db.prepare(
      `SELECT b.external_id FROM sync_records s JOIN ${table} r ON r.id = s.record_id LEFT JOIN buildings b ON b.id = s.building_id WHERE s.kind = ? AND r.external_id = ?`,
    ).pluck().get(kind, id);
    expect([place('credit_note', 'credit_notes', 'CN-7002'), place('refund', 'refunds', 'R-8001'), place('allocation', 'allocations', 'CN:CN-7003')])
      .toEqual(['BLD-SYD-B', 'BLD-SYD-B', 'BLD-SYD-A']);
    expect(db.prepare("SELECT record_date FROM sync_records WHERE kind = 'refund'").pluck().get()).toBe('2025-04-02');
  });

  test('importing the same files again changes nothing and queues nothing', async () => {
    const { dir, db } = await syncedSampleCopy();
    const outbox = count(db, 'SELECT count(*) FROM outbox');
    const again = await importFacilityCsv(db, dir);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 54, rejected: [] });
    expect(count(db, 'SELECT count(*) FROM outbox')).toBe(outbox);
    expect(count(db, "SELECT count(*) FROM sync_records WHERE status <> 'synced'")).toBe(0);
  });

  test('an invoice becoming void is queued again and its allocations are reversed, keeping their amount; its payments stay as they are', async () => {
    const { dir, db } = await syncedSampleCopy();
    const result = await importFacilityCsv(db, editCsv(dir, 'invoices.csv', '2025-02-12,,2025-02-05T10:20:00Z', '2025-02-12,void,2025-02-20T10:00:00Z'));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect(syncStatus(db, 'invoice', 'invoices', 'INV-5004')).toBe('pending');
    expect(allocation(db, 'CN-7001')).toEqual({ amount: 1500, status: 'reversed', invoice: 'INV-5004', sync: 'pending' });
    expect([pendingOutbox(db, 'invoice'), pendingOutbox(db, 'allocation'), pendingOutbox(db)]).toEqual([1, 1, 2]);
  });

  test('the invoice hash covers its status: open invoices keep theirs, the void one differs from its open twin', async () => {
    const { dir, db } = await syncedSampleCopy();
    const hash = (id: string) => db.prepare("SELECT s.content_hash FROM sync_records s JOIN invoices i ON i.id = s.record_id WHERE s.kind = 'invoice' AND i.external_id = ?").pluck().get(id);
    const before = hash('INV-5006');
    await importFacilityCsv(db, editCsv(dir, 'invoices.csv', '2025-01-13,void,', '2025-01-13,open,'));
    expect(hash('INV-5006')).not.toBe(before);
    expect(syncStatus(db, 'invoice', 'invoices', 'INV-5006')).toBe('pending');
  });

  test('a discount line may be negative, but an invoice total below 0 is rejected, and a payment is never negative', async () => {
    const { dir, db } = await syncedSampleCopy();
    let result = await importFacilityCsv(db, editCsv(dir, 'invoice_lines.csv', 'first month half price,1,-72.50', 'first month half price,1,-160.00'));
    expect(result.rejected).toEqual([{
      file: 'invoice_lines.csv', line: 12,
      reason: 'the lines of invoice "INV-5007" add up to -2.50; an invoice\'s total cannot be negative, so its discount lines may take away at most what its other lines charge',
    }]);
    expect(count(db, "SELECT total_cents FROM invoices WHERE external_id = 'INV-5007'")).toBe(8500);
    result = await importFacilityCsv(db, editCsv(dir, 'invoice_lines.csv', 'first month half price,1,-160.00', 'first month half price,100000,-99999999.00'));
    expect(result.rejected).toEqual([{ file: 'invoice_lines.csv', line: 13, reason: 'quantity × unit_amount is less than -999,999,999.99' }]);
    result = await importFacilityCsv(db, editCsv(dir, 'payments.csv', 'P-9004,INV-5003,2025-01-07,145.00', 'P-9004,INV-5003,2025-01-07,-145.00'));
    expect(result.rejected).toEqual([{ file: 'payments.csv', line: 5, reason: 'amount -145.00 is negative; amounts must be 0 or more' }]);
  });

  test('credit notes: each number once, within the file and across imports; an invoice of the tenant only; known reasons and statuses', async () => {
    const { dir, db } = await syncedSampleCopy();
    const result = await importFacilityCsv(db, writeCsv(dir, 'credit_notes.csv', [
      CN_HEADER,
      `CN-8001,SYD-CN-7001,T-1001,,,2025-07-01,discount,,${AT}`,
      `CN-8002,SYD-CN-8002,T-1001,INV-5002,,2025-07-01,refund,,${AT}`,
      `CN-8003,SYD-CN-8003,T-1001,,,2025-07-01,goodwill,cancelled,${AT}`,
      `CN-8004,SYD-CN-8003,T-1001,INV-9999,,2025-07-01,discount,,${AT}`,
    ].join('\n')));
    expect(result.rejected).toEqual([
      { file: 'credit_notes.csv', line: 2, reason: 'credit_note_number "SYD-CN-7001" already belongs to credit note "CN-7001"; each credit note needs its own number' },
      { file: 'credit_notes.csv', line: 3, reason: 'invoice "INV-5002" belongs to tenant "T-1002", not "T-1001"; a credit note applies only to its own tenant\'s invoices' },
      { file: 'credit_notes.csv', line: 4, reason: 'reason "goodwill" is not one of: refund, discount, write_off, adjustment; status "cancelled" is not one of: open, void' },
      { file: 'credit_notes.csv', line: 5, reason: 'invoice "INV-9999" is unknown; import it first; credit_note_number "SYD-CN-8003" is used twice in this file' },
    ]);
    expect(count(db, "SELECT count(*) FROM credit_notes WHERE external_id LIKE 'CN-8%'")).toBe(0);
  });

  test('credit note lines: a complete set per credit note, never below 0 in total, a line stays with its credit note', async () => {
    const { dir, db } = await syncedSampleCopy();
    const result = await importFacilityCsv(db, writeCsv(dir, 'credit_note_lines.csv', [
      CN_LINES_HEADER,
      `CL-1,CN-7002,1,CT-RENT,Fee,1,15.00,${AT}`,
      `CL-9,CN-7001,1,CT-LATE,Late fee waived,1,10.00,${AT}`,
      `CL-10,CN-7001,2,CT-LATE,Less,1,-20.00,${AT}`,
      `CL-11,CN-7001,2,CT-LATE,Again,1,1.00,${AT}`,
    ].join('\n')));
    expect(result.rejected).toEqual([
      { file: 'credit_note_lines.csv', line: 2, reason: 'line_id "CL-1" already belongs to another credit note' },
      { file: 'credit_note_lines.csv', line: 5, reason: 'line_no 2 appears twice for credit note "CN-7001"' },
    ]);
    const negative = await importFacilityCsv(db, writeCsv(dir, 'credit_note_lines.csv', [
      CN_LINES_HEADER, `CL-9,CN-7001,1,CT-LATE,Late fee waived,1,10.00,${AT}`, `CL-10,CN-7001,2,CT-LATE,Less,1,-20.00,${AT}`,
    ].join('\n')));
    expect(negative.rejected).toEqual([
      { file: 'credit_note_lines.csv', line: 2, reason: 'the lines of credit note "CN-7001" add up to -10.00; a credit note\'s total cannot be negative' },
    ]);
    // A smaller set replaces the lines: the credit note and its allocation are recomputed and queued.
    const smaller = await importFacilityCsv(db, writeCsv(dir, 'credit_note_lines.csv', [CN_LINES_HEADER, `CL-9,CN-7001,1,CT-LATE,Late fee part waived,1,10.00,${AT}`].join('\n')));
    expect(smaller).toMatchObject({ inserted: 1, rejected: [] });
    expect(count(db, "SELECT total_cents FROM credit_notes WHERE external_id = 'CN-7001'")).toBe(1000);
    expect(allocation(db, 'CN-7001')).toEqual({ amount: 1000, status: 'completed', invoice: 'INV-5004', sync: 'pending' });
    expect([pendingOutbox(db, 'credit_note'), pendingOutbox(db, 'allocation'), pendingOutbox(db)]).toEqual([1, 1, 2]);
  });

  test('the allocation takes what is still due (capped), is reversed with nothing due or when the credit note is void or applied nowhere', async () => {
    const { dir, db } = await syncedSampleCopy();
    // INV-5004: 104.00, nothing paid, 15.00 already applied by CN-7001: 89.00 is due. INV-5001 is paid in full.
    addRows(dir, 'credit_notes.csv', `CN-8001,SYD-CN-8001,T-1001,INV-5004,,2025-07-01,discount,,${AT}`, `CN-8002,SYD-CN-8002,T-1001,INV-5001,,2025-07-01,adjustment,,${AT}`);
    writeCsv(dir, 'credit_note_lines.csv', [CN_LINES_HEADER, `CL-81,CN-8001,1,CT-RENT,Goodwill,1,200.00,${AT}`, `CL-82,CN-8002,1,CT-RENT,Correction,1,5.00,${AT}`].join('\n'));
    writeCsv(dir, 'refunds.csv', REFUND_HEADER);
    expect((await importFacilityCsv(db, dir)).rejected).toEqual([]);
    expect(allocation(db, 'CN-8001')).toEqual({ amount: 8900, status: 'completed', invoice: 'INV-5004', sync: 'pending' });
    expect(allocation(db, 'CN-8002')).toEqual({ amount: 0, status: 'reversed', invoice: 'INV-5001', sync: 'pending' });

    db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
    // Voided, and applied nowhere: reversed, keeping the amount last computed (what Xero was given).
    editCsv(dir, 'credit_notes.csv', `CN-8001,SYD-CN-8001,T-1001,INV-5004,,2025-07-01,discount,,${AT}`, `CN-8001,SYD-CN-8001,T-1001,INV-5004,,2025-07-01,discount,void,${AT}`);
    editCsv(dir, 'credit_notes.csv', 'CN-7003,SYD-CN-7003,T-1004,INV-5007,', 'CN-7003,SYD-CN-7003,T-1004,,');
    const result = await importFacilityCsv(db, path.join(dir, 'credit_notes.csv'));
    expect(result).toMatchObject({ updated: 2, rejected: [] });
    expect(allocation(db, 'CN-8001')).toEqual({ amount: 8900, status: 'reversed', invoice: 'INV-5004', sync: 'pending' });
    expect(allocation(db, 'CN-7003')).toEqual({ amount: 8500, status: 'reversed', invoice: 'INV-5007', sync: 'pending' });
    expect([pendingOutbox(db, 'credit_note'), pendingOutbox(db, 'allocation')]).toEqual([2, 2]);
  });

  test('refunds cannot pay back more than the credit left on a credit note, counting the refunds already imported', async () => {
    const { dir, db } = await syncedSampleCopy();
    const refunds = (...rows: string[]) => importFacilityCsv(db, writeCsv(dir, 'refunds.csv', [REFUND_HEADER, ...rows].join('\n')));
    let result = await refunds(`R-8002,CN-7002,2025-04-03,0.01,cash,,,${AT}`, `R-8003,CN-7001,2025-04-03,1.00,cash,completed,,${AT}`);
    expect(result.rejected).toEqual([
      { file: 'refunds.csv', line: 2, reason: 'the completed refunds of credit note "CN-7002" add up to 200.01, more than the credit left on it (200.00: its total 200.00); a refund cannot pay back more than was credited' },
      { file: 'refunds.csv', line: 3, reason: 'the completed refunds of credit note "CN-7001" add up to 1.00, more than the credit left on it (0.00: its total 15.00 less 15.00 applied to invoice "INV-5004"); a refund cannot pay back more than was credited' },
    ]);
    expect(count(db, 'SELECT count(*) FROM refunds')).toBe(1);
    // The file's version of a stored refund replaces it; a reversed refund pays nothing back.
    result = await refunds(`R-8001,CN-7002,2025-04-02,150.00,online_banking,completed,EFT NGUYEN BROS,${AT}`, `R-8002,CN-7002,2025-04-03,50.00,cash,,,${AT}`, `R-8003,CN-7002,2025-04-03,9.00,cash,reversed,,${AT}`);
    expect(result).toMatchObject({ inserted: 2, updated: 1, rejected: [] });
    expect(syncStatus(db, 'refund', 'refunds', 'R-8001')).toBe('pending');
    result = await refunds(`R-8004,CN-7002,2025-04-05,a,cheque,,,${AT}`, `R-8005,CN-X,2025-04-05,0,cash,done,,${AT}`);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'amount "a" is not an amount like 125.00',
      'credit note "CN-X" is unknown; import it first; amount must be more than 0; status "done" is not one of: completed, reversed',
    ]);
  });

  test('a change to a refund\'s reference only leaves it synced; a change to what Xero holds queues it', async () => {
    const { dir, db } = await syncedSampleCopy();
    let result = await importFacilityCsv(db, editCsv(dir, 'refunds.csv', 'EFT NGUYEN BROS,2025-04-02T09:00:00Z', 'EFT to Nguyen Bros (BSB 062-000),2025-04-03T09:00:00Z'));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect([syncStatus(db, 'refund', 'refunds', 'R-8001'), pendingOutbox(db)]).toEqual(['synced', 0]);
    result = await importFacilityCsv(db, editCsv(dir, 'refunds.csv', 'R-8001,CN-7002,2025-04-02,200.00,online_banking', 'R-8001,CN-7002,2025-04-02,200.00,cheque'));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect([syncStatus(db, 'refund', 'refunds', 'R-8001'), pendingOutbox(db, 'refund')]).toEqual(['pending', 1]);
  });

  test('refunds follow their credit note, allocations their invoice, to another building, without being queued again', async () => {
    const { dir, db } = await syncedSampleCopy();
    const building = (kind: string, table: string, id: string) => db.prepare(
      `SELECT b.external_id FROM sync_records s JOIN ${table} r ON r.id = s.record_id LEFT JOIN buildings b ON b.id = s.building_id WHERE s.kind = ? AND r.external_id = ?`,
    ).pluck().get(kind, id);
    await importFacilityCsv(db, editCsv(dir, 'credit_notes.csv', 'CN-7002,SYD-CN-7002,T-1002,,U-SYD-B201', 'CN-7002,SYD-CN-7002,T-1002,,U-SYD-A102'));
    await importFacilityCsv(db, editCsv(dir, 'invoices.csv', 'INV-5007,SYD-5007,T-1004,U-SYD-A102', 'INV-5007,SYD-5007,T-1004,U-SYD-B201'));
    expect([building('refund', 'refunds', 'R-8001'), building('allocation', 'allocations', 'CN:CN-7003')]).toEqual(['BLD-SYD-A', 'BLD-SYD-B']);
    expect([pendingOutbox(db, 'refund'), pendingOutbox(db, 'allocation'), pendingOutbox(db)]).toEqual([0, 0, 2]);
  });
});
