import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ProgressEvent } from '../../contract';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { tempDbPath } from '../helpers/temp-db';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { copySample, writeCsv } from '../helpers/csv-test-folder';

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

/** A temp copy of the sample folder imported into a fresh database, then marked synced as a sync run would. */
async function syncedSampleCopy(): Promise<{ dir: string; db: Db }> {
  const dir = copySample();
  const db = openDatabase(tempDbPath());
  await importFacilityCsv(db, dir);
  db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
  return { dir, db };
}

/** Rewrites one text in a CSV file of the folder and returns the file's path. */
function editCsv(dir: string, file: string, from: string, to: string): string {
  const text = readFileSync(path.join(dir, file), 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  return writeCsv(dir, file, text.replace(from, to));
}

describe('importFacilityCsv', () => {
  test('imports the sample folder, every synced record pending with one live outbox row', async () => {
    const db = openDatabase(tempDbPath());
    const events: ProgressEvent[] = [];
    const result = await importFacilityCsv(db, SAMPLE_CSV_DIR, { onProgress: (e) => events.push(e) });
    expect(result).toMatchObject({ inserted: 54, updated: 0, unchanged: 0, rejected: [] });
    expect(result.files.map((f) => f.file)).toEqual([
      'locations.csv', 'buildings.csv', 'units.csv', 'charge_types.csv', 'tenants.csv', 'invoices.csv', 'invoice_lines.csv', 'payments.csv',
      'credit_notes.csv', 'credit_note_lines.csv', 'allocations.csv', 'refunds.csv',
    ]);
    // Tenants, invoices, payments, a prepayment, credit notes, allocations (two from credit notes, one from the prepayment) and a refund.
    expect(count(db, "SELECT count(*) FROM sync_records WHERE status = 'pending'")).toBe(4 + 8 + 5 + 1 + 3 + 3 + 1);
    expect(count(db, "SELECT count(*) FROM outbox WHERE status = 'pending'")).toBe(25);
    expect(count(db, "SELECT total_cents FROM invoices WHERE external_id = 'INV-5001'")).toBe(14140);
    expect(db.prepare("SELECT name FROM tenants WHERE external_id = 'T-1004'").pluck().get()).toBe('Mia "Mimi" Chen');
    expect(events.filter((e) => e.type === 'done')).toHaveLength(12);
  });

  test('a small file written a row at a time keeps SQLite temporary data in memory while it imports; the others and what follows do not', async () => {
    const db = openDatabase(tempDbPath());
    // temp_store: 0 default (temporary files), 2 memory. Read while each file streams through its checks.
    const seen = new Map<string, number>();
    await importFacilityCsv(db, SAMPLE_CSV_DIR, {
      onProgress: (e) => { if (e.type === 'progress') seen.set(e.label, Number(db.pragma('temp_store', { simple: true }))); },
    });
    expect(Object.fromEntries(seen)).toMatchObject({
      'tenants.csv': 0, 'invoices.csv': 0, 'invoice_lines.csv': 0, 'payments.csv': 0,
      'credit_notes.csv': 2, 'credit_note_lines.csv': 2, 'allocations.csv': 0, 'refunds.csv': 2,
    });
    expect(db.pragma('temp_store', { simple: true })).toBe(0);
  });

  test('importing the same files again changes nothing and queues nothing', async () => {
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, SAMPLE_CSV_DIR);
    const outbox = count(db, 'SELECT count(*) FROM outbox');
    const again = await importFacilityCsv(db, SAMPLE_CSV_DIR);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 54, rejected: [] });
    expect(count(db, 'SELECT count(*) FROM outbox')).toBe(outbox);
  });

  test('a changed record goes back to pending with a new outbox row; the older pending row is superseded', async () => {
    const { dir, db } = await syncedSampleCopy();
    const result = await importFacilityCsv(db, editCsv(dir, 'tenants.csv', 'Olivia Smith', 'Olivia Smith-Jones'));
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const statuses = db.prepare("SELECT t.external_id, s.status FROM sync_records s JOIN tenants t ON t.id = s.record_id WHERE s.kind = 'tenant' ORDER BY 1").all();
    expect(statuses).toEqual([
      { external_id: 'T-1001', status: 'pending' }, { external_id: 'T-1002', status: 'synced' },
      { external_id: 'T-1003', status: 'synced' }, { external_id: 'T-1004', status: 'synced' },
    ]);
    expect(count(db, "SELECT count(*) FROM outbox WHERE status = 'pending' AND kind = 'tenant'")).toBe(1);
  });

  test('a changed invoice line makes its invoice pending and recomputes the total', async () => {
    const { dir, db } = await syncedSampleCopy();
    const result = await importFacilityCsv(db, editCsv(dir, 'invoice_lines.csv', 'L-3,INV-5001,3,CT-LOCK,Disc lock,2,19.95', 'L-3,INV-5001,3,CT-LOCK,Disc lock,3,19.95'));
    expect(result).toMatchObject({ updated: 1, unchanged: 13 });
    expect(count(db, "SELECT total_cents FROM invoices WHERE external_id = 'INV-5001'")).toBe(16135);
    expect(count(db, "SELECT count(*) FROM sync_records WHERE status = 'pending'")).toBe(1);
  });

  test('payments follow their invoice to another building in the report, without being queued again', async () => {
    const { dir, db } = await syncedSampleCopy();
    const placeOf = (payment: string) => db.prepare(
      `SELECT b.external_id FROM sync_records s JOIN payments p ON p.id = s.record_id LEFT JOIN buildings b ON b.id = s.building_id
       WHERE s.kind = 'payment' AND p.external_id = ?`,
    ).pluck().get(payment);
    expect([placeOf('P-9002'), placeOf('P-9003')]).toEqual(['BLD-SYD-B', 'BLD-SYD-B']);
    const countsBefore = count(db, "SELECT COALESCE(SUM(n), 0) FROM sync_counts WHERE kind = 'payment' AND building_id = (SELECT id FROM buildings WHERE external_id = 'BLD-SYD-A')");
    await importFacilityCsv(db, editCsv(dir, 'invoices.csv', 'INV-5002,SYD-5002,T-1002,U-SYD-B201', 'INV-5002,SYD-5002,T-1002,U-SYD-A102'));
    expect([placeOf('P-9002'), placeOf('P-9003')]).toEqual(['BLD-SYD-A', 'BLD-SYD-A']);
    expect(count(db, "SELECT COALESCE(SUM(n), 0) FROM sync_counts WHERE kind = 'payment' AND building_id = (SELECT id FROM buildings WHERE external_id = 'BLD-SYD-A')")).toBe(countsBefore + 2);
    expect(count(db, "SELECT count(*) FROM sync_records WHERE kind = 'payment' AND status = 'pending'")).toBe(0);
    expect(count(db, "SELECT count(*) FROM outbox WHERE status = 'pending' AND kind = 'invoice'")).toBe(1);
  });

  test('rejects bad rows with file, line and a plain reason, and writes nothing from that file', async () => {
    const dir = copySample();
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, dir);
    writeCsv(dir, 'payments.csv', [
      'payment_id,invoice_id,paid_on,amount,method,status,reference,updated_at',
      'P-NEW1,INV-5004,2025-02-06,104.00,cash,completed,,2025-02-06T10:00:00Z',
      'P-NEW2,INV-9999,2025-02-06,10.00,cash,completed,,2025-02-06T10:00:00Z',
      'P-NEW3,INV-5004,2025-02-30,-1.00,bitcoin,completed,,yesterday',
      'P-NEW1,INV-5004,2025-02-06,104.00,cash,completed,,2025-02-06T10:00:00Z',
    ].join('\n'));
    const result = await importFacilityCsv(db, dir);
    const payments = result.files.find((f) => f.file === 'payments.csv')!;
    expect(payments).toMatchObject({ imported: false, inserted: 0 });
    expect(result.rejected).toEqual([
      { file: 'payments.csv', line: 3, reason: 'invoice "INV-9999" is unknown; import it first' },
      { file: 'payments.csv', line: 4, reason: expect.stringMatching(/paid_on "2025-02-30" is not a date.*amount -1.00 is negative.*method "bitcoin" is not one of.*updated_at "yesterday"/) },
      { file: 'payments.csv', line: 5, reason: 'payment_id "P-NEW1" appears again (first on line 2); each id once per file' },
    ]);
    expect(count(db, "SELECT count(*) FROM payments WHERE external_id LIKE 'P-NEW%'")).toBe(0);
    expect(result.files.filter((f) => f.imported)).toHaveLength(11);
  });

  test('a change Xero never sees (a payment reference), or values put back as they were synced, leave the record synced', async () => {
    const { dir, db } = await syncedSampleCopy();
    const status = () => db.prepare("SELECT s.status FROM sync_records s JOIN payments p ON p.id = s.record_id WHERE s.kind = 'payment' AND p.external_id = 'P-9001'").pluck().get();
    const open = () => count(db, "SELECT count(*) FROM outbox WHERE status = 'pending'");
    const original = readFileSync(path.join(dir, 'payments.csv'), 'utf8');
    let result = await importFacilityCsv(db, editCsv(dir, 'payments.csv', 'Visa ending 4242,2025-01-05T10:25:00Z', 'Visa 4242 (card replaced),2025-01-06T08:00:00Z'));
    expect(result).toMatchObject({ updated: 1, rejected: [] });
    expect([status(), open()]).toEqual(['synced', 0]);
    // A real change (the amount) waits to be sent; putting it back as it was synced leaves nothing to send.
    await importFacilityCsv(db, editCsv(dir, 'payments.csv', 'P-9001,INV-5001,2025-01-05,141.40', 'P-9001,INV-5001,2025-01-05,140.00'));
    expect([status(), open()]).toEqual(['pending', 1]);
    result = await importFacilityCsv(db, writeCsv(dir, 'payments.csv', original));
    expect(result.rejected).toEqual([]);
    expect([status(), open()]).toEqual(['synced', 0]);
  });

  test('an invoice number already used by another invoice in an earlier import is refused, and nothing of that file is written', async () => {
    const { dir, db } = await syncedSampleCopy();
    // A later export reuses SYD-5004 (INV-5004's number) for a new invoice: in Xero it would replace INV-5004.
    writeCsv(dir, 'invoices.csv', [
      'invoice_id,invoice_number,tenant_id,unit_id,issue_date,due_date,updated_at',
      'INV-7001,SYD-5004,T-1002,,2025-05-01,2025-05-08,2025-05-01T09:00:00Z',
      'INV-7002,SYD-7002,T-1002,,2025-05-01,2025-05-08,2025-05-01T09:00:00Z',
    ].join('\n'));
    const result = await importFacilityCsv(db, path.join(dir, 'invoices.csv'));
    expect(result.rejected).toEqual([
      { file: 'invoices.csv', line: 2, reason: 'invoice_number "SYD-5004" already belongs to invoice "INV-5004"; each invoice needs its own number' },
    ]);
    expect(count(db, "SELECT count(*) FROM invoices WHERE external_id IN ('INV-7001', 'INV-7002')")).toBe(0);
    expect(count(db, "SELECT count(*) FROM sync_records WHERE status <> 'synced'")).toBe(0);
    // The invoice that owns the number may still be re-imported with it.
    writeCsv(dir, 'invoices.csv', [
      'invoice_id,invoice_number,tenant_id,unit_id,issue_date,due_date,updated_at',
      'INV-5004,SYD-5004,T-1001,U-SYD-A101,2025-02-05,2025-02-19,2025-02-06T10:20:00Z',
    ].join('\n'));
    const again = await importFacilityCsv(db, path.join(dir, 'invoices.csv'));
    expect(again).toMatchObject({ updated: 1, rejected: [] });
  });

  test('a first import still checks each file against the files before it: a second invoices or lines file cannot take what the first one wrote', async () => {
    // Into an empty database, whose number and line lookups are not asked while their table is empty (csv-import.ts).
    const dir = copySample();
    const at = '2025-05-01T09:00:00Z';
    writeCsv(dir, 'invoices_more.csv', [
      'invoice_id,invoice_number,tenant_id,unit_id,issue_date,due_date,updated_at', `INV-7001,SYD-5001,T-1002,,2025-05-01,2025-05-08,${at}`,
    ].join('\n'));
    writeCsv(dir, 'invoice_lines_more.csv', [
      'line_id,invoice_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at', `L-1,INV-5002,9,CT-RENT,Rent,1,10.00,${at}`,
    ].join('\n'));
    writeCsv(dir, 'credit_notes_more.csv', [
      'credit_note_id,credit_note_number,tenant_id,invoice_id,unit_id,issue_date,reason,status,updated_at',
      `CN-8001,SYD-CN-7001,T-1001,,,2025-07-01,adjustment,,${at}`,
    ].join('\n'));
    writeCsv(dir, 'credit_note_lines_more.csv', [
      'line_id,credit_note_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at', `CL-1,CN-7002,9,CT-RENT,Fee,1,15.00,${at}`,
    ].join('\n'));
    const db = openDatabase(tempDbPath());
    const result = await importFacilityCsv(db, dir);
    expect(result.rejected).toEqual([
      { file: 'invoices_more.csv', line: 2, reason: 'invoice_number "SYD-5001" already belongs to invoice "INV-5001"; each invoice needs its own number' },
      { file: 'invoice_lines_more.csv', line: 2, reason: 'line_id "L-1" already belongs to another invoice' },
      { file: 'credit_notes_more.csv', line: 2, reason: 'credit_note_number "SYD-CN-7001" already belongs to credit note "CN-7001"; each credit note needs its own number' },
      { file: 'credit_note_lines_more.csv', line: 2, reason: 'line_id "CL-1" already belongs to another credit note' },
    ]);
    expect(result.files.filter((f) => !f.imported).map((f) => f.file)).toEqual([
      'invoices_more.csv', 'invoice_lines_more.csv', 'credit_notes_more.csv', 'credit_note_lines_more.csv',
    ]);
    expect(count(db, "SELECT count(*) FROM invoices WHERE external_id = 'INV-7001'")).toBe(0);
  });

  test('the invoices a block of payments names are asked for at once and found as row by row: padded, unknown, repeated, more than are remembered', async () => {
    const { dir, db } = await syncedSampleCopy();
    const at = '2025-03-01T09:00:00Z';
    const invoiceId = (n: number) => `INV-A${String(n).padStart(5, '0')}`;
    // 12,000 invoices: more than csv-import.ts remembers per lookup (10,000).
    await importFacilityCsv(db, writeCsv(dir, 'invoices.csv', ['invoice_id,invoice_number,tenant_id,unit_id,issue_date,due_date,updated_at',
      ...Array.from({ length: 12_000 }, (_, i) => `${invoiceId(i + 1)},A-${i + 1},T-1001,,2025-03-01,2025-03-08,${at}`)].join('\n')));
    // The reference holds the invoice each payment must get. Rows 1-12,000 name each invoice once, over several
    // blocks (256 K characters each), so the memory fills and starts again; the next 8,000 name invoices again,
    // some still remembered, some not. (A single block naming more than are remembered: remembered.test.ts.)
    const payments = (unknown: boolean) => ['payment_id,invoice_id,paid_on,amount,method,reference,updated_at',
      ...Array.from({ length: 20_000 }, (_, i) => {
        const invoice = invoiceId(i < 12_000 ? i + 1 : ((i * 7) % 12_000) + 1);
        const named = unknown && i % 5000 === 4999 ? `INV-Z${i}` : i % 1000 === 7 ? `  ${invoice} ` : invoice;
        return `PAY-A${i},${named},2025-03-02,1.00,cash,${invoice},${at}`;
      })].join('\n');
    const refused = await importFacilityCsv(db, writeCsv(dir, 'payments.csv', payments(true)));
    expect(refused.rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual(
      [5000, 10_000, 15_000, 20_000].map((n) => `${n + 1}: invoice "INV-Z${n - 1}" is unknown; import it first`),
    );
    expect(count(db, "SELECT count(*) FROM payments WHERE external_id LIKE 'PAY-A%'")).toBe(0);
    const imported = await importFacilityCsv(db, writeCsv(dir, 'payments.csv', payments(false)));
    expect(imported).toMatchObject({ inserted: 20_000, rejected: [] });
    expect(count(db, `SELECT count(*) FROM payments AS p JOIN invoices AS i ON i.id = p.invoice_id
      WHERE p.external_id LIKE 'PAY-A%' AND i.external_id = p.reference`)).toBe(20_000);
  });

  test('an invoice line names each problem once: empty invoice_id, a line total over the maximum, a repeated line_no', async () => {
    const { dir, db } = await syncedSampleCopy();
    const header = 'line_id,invoice_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at';
    const at = '2025-02-01T00:00:00Z';
    const result = await importFacilityCsv(db, writeCsv(dir, 'invoice_lines.csv', [
      header,
      `L-X1,,1,CT-RENT,Rent,1,10.00,${at}`,
      `L-X2,INV-5001,1,CT-RENT,Rent,100000,99999999.00,${at}`,
      `L-X3,INV-5001,1,CT-RENT,Rent,1,10.00,${at}`,
    ].join('\n')));
    expect(result.rejected).toEqual([
      { file: 'invoice_lines.csv', line: 2, reason: 'invoice_id is empty' },
      { file: 'invoice_lines.csv', line: 3, reason: 'quantity × unit_amount is larger than 999,999,999.99' },
      { file: 'invoice_lines.csv', line: 4, reason: 'line_no 1 appears twice for invoice "INV-5001"' },
    ]);
    expect(count(db, "SELECT count(*) FROM invoice_lines WHERE external_id LIKE 'L-X%'")).toBe(0);
  });

  test('reports a missing column, broken quotes and non-UTF-8 bytes as whole-file rejections', async () => {
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, SAMPLE_CSV_DIR);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-bad-'));
    const events: ProgressEvent[] = [];
    const missing = await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', 'tenant_id,name\nT-1,Ann\n'), { onProgress: (e) => events.push(e) });
    expect(missing.rejected).toEqual([{ file: 'tenants.csv', line: 1, reason: expect.stringContaining('no location_id, updated_at columns') }]);
    expect(events).toEqual([{ type: 'error', label: 'tenants.csv', message: expect.stringMatching(/no location_id, updated_at columns\. Add them and import the file again/) }]);
    const quotes = await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', 'tenant_id,location_id,name,updated_at\nT-9,LOC-SYD,"Ann,2025-01-01T00:00:00Z\n'));
    expect(quotes.rejected[0]).toMatchObject({ file: 'tenants.csv', reason: expect.stringContaining('never closed') });
    const latin1 = Buffer.concat([Buffer.from('tenant_id,location_id,name,updated_at\nT-9,LOC-SYD,Ren'), Buffer.from([0xe9]), Buffer.from(',2025-01-01T00:00:00Z\n')]);
    const encoding = await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', latin1));
    expect(encoding.rejected).toEqual([{ file: 'tenants.csv', line: 2, reason: expect.stringContaining('not UTF-8') }]);
    expect(count(db, "SELECT count(*) FROM tenants WHERE external_id = 'T-9'")).toBe(0);
  });

  test('imports a single file, accepts a BOM and extra columns, and refuses names it cannot place', async () => {
    const db = openDatabase(tempDbPath());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-one-'));
    const file = writeCsv(dir, 'Locations-2025.csv', '\uFEFFLocation_ID,Name,Currency,Time_Zone,Updated_At,Manager\nL9,Hobart,aud,Australia/Hobart,2025-01-01 10:00:00+11:00,Sam\n');
    expect(await importFacilityCsv(db, file)).toMatchObject({ inserted: 1, rejected: [] });
    expect(db.prepare('SELECT currency, updated_at FROM locations').get()).toEqual({ currency: 'AUD', updated_at: '2024-12-31T23:00:00.000Z' });
    await expect(importFacilityCsv(db, writeCsv(dir, 'export.csv', 'a\n1\n'))).rejects.toThrow(/cannot tell what export.csv holds/);
    await expect(importFacilityCsv(db, path.join(dir, 'nope'))).rejects.toThrow(/Nothing to import/);
    await expect(importFacilityCsv(db, mkdtempSync(path.join(os.tmpdir(), 'csv-empty-')))).rejects.toThrow(/No facility CSV files/);
  });
});
