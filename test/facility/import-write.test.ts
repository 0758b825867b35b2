/**
 * The CSV import writes with set-based SQL (main/facility/import-write.ts); the repository writes a
 * record at a time (demo data). Both must apply the same rules, so the same data through either
 * path must leave the same records, sync records, outbox and report counts: on a first import, and
 * on later ones that change records that were synced, excluded, failed or linked to Xero, put
 * content back to what was synced, and move invoices between buildings.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ImportResult } from '../../contract';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { writeCsv } from '../helpers/csv-test-folder';
import { writeDemoCsv } from '../helpers/write-demo-csv';
import { generateDemoData, type DemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { createRecordStatusWriter } from '../../main/sync/records/record-status';
import { tempDbPath } from '../helpers/temp-db';

const now = () => '2025-07-01T00:00:00.000Z';

function importCsv(db: Db, data: DemoData): Promise<ImportResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'import-write-'));
  writeDemoCsv(data, dir);
  return importFacilityCsv(db, dir, { now });
}

/**
 * Everything the two paths must agree on, every outbox row included: a folder import queues each
 * invoice and credit note once, with its lines, as the repository does (migration 011,
 * test/facility/invoice-refresh.test.ts), so not even a first import leaves superseded rows.
 */
function state(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    tenants: all('SELECT * FROM tenants ORDER BY id'),
    invoices: all('SELECT * FROM invoices ORDER BY id'),
    lines: all('SELECT external_id, invoice_id, line_no, charge_type_id, description, quantity, unit_amount_cents, amount_cents, updated_at FROM invoice_lines ORDER BY invoice_id, line_no'),
    payments: all('SELECT * FROM payments ORDER BY id'),
    // Issue 14: payments.csv's rows without an invoice, written a row at a time after its payments on both paths.
    prepayments: all('SELECT * FROM prepayments ORDER BY id'),
    // Issue 13: credit notes and refunds are written a row at a time on both paths; allocations follow invoices.
    creditNotes: all('SELECT * FROM credit_notes ORDER BY id'),
    refunds: all('SELECT * FROM refunds ORDER BY id'),
    allocations: all('SELECT * FROM allocations ORDER BY id'),
    syncRecords: all('SELECT * FROM sync_records ORDER BY kind, record_id'),
    outbox: all('SELECT kind, record_id, change, content_hash, status, created_at, updated_at FROM outbox ORDER BY kind, record_id, id'),
    counts: all('SELECT * FROM sync_counts ORDER BY kind, location_id, building_id, record_date, status'),
  };
}

const totals = (r: ImportResult) => ({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected });

/** As a sync run leaves things: most records synced, some linked in Xero, one failed, one excluded. */
function syncSome(db: Db): void {
  db.exec(`
    UPDATE sync_records SET status = 'synced', synced_hash = content_hash;
    DELETE FROM outbox WHERE status = 'superseded';
    UPDATE outbox SET status = 'done';
    INSERT INTO xero_links (kind, record_id, xero_id, linked_at) SELECT kind, record_id, 'x-' || kind || record_id, '${now()}' FROM sync_records WHERE record_id % 3 = 0;
    UPDATE sync_records SET status = 'failed', error_code = 'e' WHERE kind = 'tenant' AND record_id = 4;
    UPDATE outbox SET status = 'failed' WHERE kind = 'tenant' AND record_id = 4;
    UPDATE sync_records SET status = 'excluded' WHERE kind = 'tenant' AND record_id = 5;
  `);
}

function changed(data: DemoData): DemoData {
  const next = structuredClone(data);
  const [t1, t2, t3, t4, t5, t6] = next.tenants;
  t1!.name += ' Jr'; // synced, not linked: create again
  t3!.email = 'new@example.com'; // linked in Xero: an update
  t4!.phone = '0400000000'; // failed: pending again, its failed outbox row retired
  t5!.name += ' (moved away)'; // excluded: pending again
  t6!.updated_at = '2025-06-30T00:00:00.000Z'; // only the facility's timestamp: updated, nothing to send
  t2!.name = t2!.name.toUpperCase();
  const [i1, i2, i3, i4] = next.invoices;
  i1!.unit = next.units.find((u) => u.building !== next.units.find((x) => x.external_id === i1!.unit)!.building)!.external_id; // payments follow
  i2!.lines[0]!.quantity += 1;
  i3!.lines.push({ external_id: `${i3!.external_id}-extra`, line_no: 9, charge_type: 'CT-LOCK', description: 'Disc lock', quantity: 1, unit_amount_cents: 1995 });
  i4!.lines.reverse().forEach((l, n) => (l.line_no = n + 1)); // renumbered in place
  const [p1, p2] = next.payments;
  p1!.reference = 'a new reference'; // never sent: stays synced
  p2!.amount_cents -= 100;
  // Issue 14: a prepayment's reference only (stays synced), another's amount raised (queued), a new one.
  const [pp1, pp2] = next.prepayments;
  pp1!.reference = 'a new reference';
  pp2!.amount_cents += 500;
  next.prepayments.push({ ...pp2!, external_id: 'PRE-NEW' });
  // A prepaying tenant moves to a unit in another building: its prepayment (synced) follows without being queued.
  const mover = next.tenants.find((t) => t.external_id === pp1!.tenant)!;
  const from = next.units.find((u) => u.external_id === mover.unit)!.building;
  mover.unit = next.units.find((u) => u.building !== from && u.building.startsWith(mover.location))!.external_id;
  next.tenants.push({ ...t1!, external_id: 'T-NEW', name: 'New Tenant' });
  next.payments.push({ ...p2!, external_id: 'P-NEW' });
  return next;
}

describe('the import writes what the repository writes', () => {
  test('first import, changes to synced, failed, excluded and linked records, and changes put back', async () => {
    const data = generateDemoData({ seed: 5, locations: 2, tenants: 40, months: 3 });
    const byRepository = openDatabase(tempDbPath());
    const byImport = openDatabase(tempDbPath());

    const first = writeDemoData(byRepository, data, now);
    expect(totals(await importCsv(byImport, data))).toEqual(totals(first));
    expect(state(byImport)).toEqual(state(byRepository));

    syncSome(byRepository);
    syncSome(byImport);
    const next = changed(data);
    const second = writeDemoData(byRepository, next, now);
    expect(second.updated).toBeGreaterThan(8);
    expect(byRepository.prepare("SELECT count(*) FROM outbox WHERE kind = 'prepayment' AND status = 'pending'").pluck().get()).toBe(2);
    expect(totals(await importCsv(byImport, next))).toEqual(totals(second));
    expect(state(byImport)).toEqual(state(byRepository));

    // Back to the content last synced: synced again with nothing to send, except a record excluded meanwhile (pending again).
    for (const db of [byRepository, byImport]) createRecordStatusWriter(db).exclude('tenant', 1, now());
    const back = writeDemoData(byRepository, data, now);
    expect(totals(await importCsv(byImport, data))).toEqual(totals(back));
    expect(state(byImport)).toEqual(state(byRepository));
    const again = await importCsv(byImport, data);
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
    expect(state(byImport)).toEqual(state(byRepository));
  });
});

describe('issue 13 through the set-based writer', () => {
  test('voiding an invoice with credit applied reverses its allocation, and allocations follow a moved invoice, as the repository does', async () => {
    const data = generateDemoData({ seed: 5, locations: 2, tenants: 40, months: 3 });
    const applied = data.creditNotes.filter((cn) => cn.invoice !== null).map((cn) => cn.invoice!);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    const byRepository = openDatabase(tempDbPath());
    const byImport = openDatabase(tempDbPath());
    writeDemoData(byRepository, data, now);
    await importCsv(byImport, data);
    syncSome(byRepository);
    syncSome(byImport);
    const completed = (db: Db) => db.prepare("SELECT count(*) FROM allocations WHERE status = 'completed'").pluck().get() as number;
    const before = completed(byImport);
    expect(before).toBeGreaterThan(0);

    const next = structuredClone(data);
    const voided = next.invoices.find((i) => i.external_id === applied[0])!;
    voided.status = 'void';
    voided.updated_at = '2025-06-30T00:00:00.000Z';
    const moved = next.invoices.find((i) => i.external_id === applied[1])!;
    const building = next.units.find((u) => u.external_id === moved.unit)!.building;
    moved.unit = next.units.find((u) => u.building !== building)!.external_id;
    const second = writeDemoData(byRepository, next, now);
    expect(totals(await importCsv(byImport, next))).toEqual(totals(second));
    expect(state(byImport)).toEqual(state(byRepository));
    expect(completed(byImport)).toBeLessThan(before);
    expect(byImport.prepare("SELECT count(*) FROM outbox WHERE kind = 'allocation' AND status = 'pending'").pluck().get()).toBeGreaterThan(0);
  });
});

describe('set-based writes touch only what changed', () => {
  const later = () => '2025-08-01T00:00:00.000Z';
  /** Every table the import writes, with every column (a rewrite with the same values and a later updated_at shows). */
  function everything(db: Db) {
    const all = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
    return Object.fromEntries(['tenants', 'invoices', 'invoice_lines', 'payments', 'prepayments', 'credit_notes', 'credit_note_lines', 'refunds', 'allocations', 'sync_records', 'outbox', 'sync_counts'].map((t) => [t, all(t)]));
  }

  test('importing the same folder again changes nothing and queues nothing', async () => {
    const data = generateDemoData({ seed: 7, locations: 2, tenants: 60, months: 4 });
    const db = openDatabase(tempDbPath());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-again-'));
    writeDemoCsv(data, dir);
    const first = await importFacilityCsv(db, dir, { now });
    syncSome(db);
    const before = everything(db);
    const again = await importFacilityCsv(db, dir, { now: later });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, rejected: [] });
    expect(everything(db)).toEqual(before);
  });

  test('a changed line queues its invoice and nothing else; the other invoices keep their lines (same ids)', async () => {
    const data = generateDemoData({ seed: 8, locations: 2, tenants: 60, months: 4 });
    const db = openDatabase(tempDbPath());
    await importCsv(db, data);
    syncSome(db);
    const lineIds = () => db.prepare('SELECT id FROM invoice_lines WHERE invoice_id <> ? ORDER BY id').pluck().all(invoiceId);
    const next = structuredClone(data);
    const target = next.invoices.find((i) => i.lines.length > 1)!;
    target.lines[1]!.description += ' (corrected)';
    const invoiceId = db.prepare('SELECT id FROM invoices WHERE external_id = ?').pluck().get(target.external_id) as number;
    const otherLines = lineIds();
    const syncBefore = db.prepare('SELECT * FROM sync_records WHERE NOT (kind = ? AND record_id = ?) ORDER BY kind, record_id').all('invoice', invoiceId);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-line-'));
    writeDemoCsv(next, dir);
    const result = await importFacilityCsv(db, path.join(dir, 'invoice_lines.csv'), { now: later });
    expect(result).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    expect(db.prepare("SELECT kind, record_id, change FROM outbox WHERE status = 'pending'").all()).toEqual([
      { kind: 'invoice', record_id: invoiceId, change: invoiceId % 3 === 0 ? 'update' : 'create' },
    ]);
    expect(db.prepare("SELECT status FROM sync_records WHERE kind = 'invoice' AND record_id = ?").pluck().get(invoiceId)).toBe('pending');
    expect(db.prepare('SELECT * FROM sync_records WHERE NOT (kind = ? AND record_id = ?) ORDER BY kind, record_id').all('invoice', invoiceId)).toEqual(syncBefore);
    expect(lineIds()).toEqual(otherLines);
  });

  test('a rejected row anywhere in a large file writes nothing of that file', async () => {
    const db = openDatabase(tempDbPath());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-reject-'));
    writeCsv(dir, 'locations.csv', 'location_id,name,currency,time_zone,updated_at\nLOC-1,Big Storage,AUD,Australia/Sydney,2025-01-02T09:00:00Z\n');
    const tenant = (n: number, name: string) => `T-${n},LOC-1,,"Tenant ${n}, ${name}",t${n}@example.com,0400 000 000,2025-01-05T10:15:00Z`;
    const header = 'tenant_id,location_id,unit_id,name,email,phone,updated_at';
    const rows = 8_000; // about 700 KB: several blocks, each checked in its own transaction
    writeCsv(dir, 'tenants.csv', [header, ...Array.from({ length: rows }, (_, i) => tenant(i + 1, 'Storage Co'))].join('\n'));
    expect(await importFacilityCsv(db, dir, { now })).toMatchObject({ inserted: rows + 1, rejected: [] });
    syncSome(db);
    const before = everything(db);
    for (const badAt of [1, rows / 2, rows + 100]) {
      // Every row changes (a new name, some new tenants), and one row is bad: none of it may be written.
      const lines = Array.from({ length: rows + 100 }, (_, i) => tenant(i + 1, 'Renamed'));
      lines[badAt - 1] = tenant(badAt, 'Renamed').replace('2025-01-05T10:15:00Z', 'yesterday');
      const result = await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', [header, ...lines].join('\n')), { now: later });
      expect(result.rejected).toEqual([{ file: 'tenants.csv', line: badAt + 1, reason: expect.stringContaining('updated_at "yesterday" is not a timestamp') }]);
      expect(result.files).toMatchObject([{ file: 'tenants.csv', imported: false, inserted: 0, updated: 0 }]);
      expect(everything(db)).toEqual(before);
    }
  });
});
