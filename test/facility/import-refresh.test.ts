/**
 * A folder import hashes and queues each invoice and credit note once, with its lines (issue 18
 * finding 6): invoices.csv and credit_notes.csv mark the records they wrote (migration 011) and
 * the lines file after each refreshes them. Whatever stops the lines file (a rejected row, a crash
 * between the two files), every record the header file wrote is still queued, as before the change.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { createFacilityService } from '../../main/facility/facility-service';
import { PushEventBus } from '../../main/push-events';
import { copySample, writeCsv } from '../helpers/csv-test-folder';
import { tempDbPath } from '../helpers/temp-db';

const now = () => '2025-07-01T00:00:00.000Z';
const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;
const marked = (db: Db, kind = 'invoice') => count(db, `SELECT count(*) FROM import_refresh WHERE kind = '${kind}'`);
const pending = (db: Db, kind: string) => db.prepare(
  `SELECT r.record_id FROM sync_records r WHERE r.kind = ? AND r.status = 'pending' ORDER BY 1`,
).pluck().all(kind);

/** Runs the import in a child process that SIGKILLs itself right after `file` committed: no finally block runs. */
function importKilledAfter(file: string, dir: string, dbFile: string): void {
  expect(() => execFileSync(process.execPath, ['--import', 'tsx', path.resolve('test/helpers/import-child.ts'), dbFile, dir, file], { stdio: 'pipe' }))
    .toThrow();
}

/** What the sync sees of the invoices: totals, sync records and live outbox rows. */
function invoiceSyncState(db: Db) {
  return {
    invoices: db.prepare('SELECT external_id, total_cents FROM invoices ORDER BY external_id').all(),
    records: db.prepare(
      `SELECT i.external_id, r.status, r.content_hash, r.location_id, r.building_id, r.record_date
       FROM sync_records r JOIN invoices i ON i.id = r.record_id WHERE r.kind = 'invoice' ORDER BY i.external_id`,
    ).all(),
    outbox: db.prepare(
      `SELECT i.external_id, o.change, o.content_hash, o.status FROM outbox o JOIN invoices i ON i.id = o.record_id
       WHERE o.kind = 'invoice' AND o.status <> 'superseded' ORDER BY i.external_id`,
    ).all(),
  };
}

async function cleanImport(dir: string): Promise<Db> {
  const db = openDatabase(tempDbPath());
  await importFacilityCsv(db, dir, { now });
  return db;
}

describe('invoices refreshed once per folder import', () => {
  test('each invoice of a folder is queued once, with its lines, and nothing stays marked', async () => {
    const db = await cleanImport(copySample());
    const invoices = count(db, 'SELECT count(*) FROM invoices');
    expect(invoices).toBeGreaterThan(5);
    // Before: queued by invoices.csv (its header), then again with its lines, the first row superseded.
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'invoice'")).toBe(invoices);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'invoice' AND status = 'pending'")).toBe(invoices);
    expect(count(db, 'SELECT count(*) FROM invoices WHERE total_cents IS NULL OR total_cents = 0')).toBe(0);
    expect(marked(db)).toBe(0);
  });

  test('a header-only change in invoices.csv is queued with the lines file, and an invoices.csv alone queues at once', async () => {
    const dir = copySample();
    const db = await cleanImport(dir);
    db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
    const text = readFileSync(path.join(dir, 'invoices.csv'), 'utf8');
    const moved = text.replace('INV-5002,SYD-5002,T-1002,U-SYD-B201,2025-01-06,2025-01-13', 'INV-5002,SYD-5002,T-1002,U-SYD-B201,2025-01-06,2025-01-20');
    writeCsv(dir, 'invoices.csv', moved);
    await importFacilityCsv(db, dir, { now });
    expect(db.prepare("SELECT i.external_id, o.change FROM outbox o JOIN invoices i ON i.id = o.record_id WHERE o.status = 'pending'").all())
      .toEqual([{ external_id: 'INV-5002', change: 'create' }]);
    expect(marked(db)).toBe(0);

    writeCsv(dir, 'invoices.csv', moved.replace('2025-01-05,2025-01-12', '2025-01-05,2025-01-19'));
    await importFacilityCsv(db, path.join(dir, 'invoices.csv'), { now });
    expect(db.prepare("SELECT i.external_id FROM outbox o JOIN invoices i ON i.id = o.record_id WHERE o.status = 'pending' ORDER BY 1").pluck().all())
      .toEqual(['INV-5001', 'INV-5002']);
    expect(marked(db)).toBe(0);
  });

  test('a rejected invoice_lines.csv leaves the new invoices of invoices.csv queued all the same', async () => {
    const dir = copySample();
    const invoices = readFileSync(path.join(dir, 'invoices.csv'), 'utf8');
    writeCsv(dir, 'invoices.csv', `${invoices.trimEnd()}\nINV-5999,SYD-5999,T-1001,U-SYD-A101,2025-03-05,2025-03-12,,2025-03-05T10:20:00Z\n`);
    const lines = readFileSync(path.join(dir, 'invoice_lines.csv'), 'utf8');
    writeCsv(dir, 'invoice_lines.csv', `${lines.trimEnd()}\nL-999,INV-5999,1,CT-RENT,Rent,one,89.00,2025-03-05T10:20:00Z\n`);
    const db = openDatabase(tempDbPath());
    const result = await importFacilityCsv(db, dir, { now });
    expect(result.files.find((f) => f.file === 'invoice_lines.csv')?.imported).toBe(false);
    expect(result.files.find((f) => f.file === 'invoices.csv')?.imported).toBe(true);
    expect(marked(db)).toBe(0);
    const all = count(db, 'SELECT count(*) FROM invoices');
    expect(count(db, "SELECT count(*) FROM sync_records WHERE kind = 'invoice' AND status = 'pending'")).toBe(all);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'invoice' AND status = 'pending'")).toBe(all);
  });

  test('killed between invoices.csv and invoice_lines.csv: the app start queues what was marked, and importing again ends as a clean import', async () => {
    const dir = copySample();
    const dbFile = tempDbPath();
    importKilledAfter('invoices.csv', dir, dbFile);
    const db = openDatabase(dbFile);
    const invoices = count(db, 'SELECT count(*) FROM invoices');
    expect(invoices).toBeGreaterThan(5);
    expect(count(db, 'SELECT count(*) FROM invoice_lines')).toBe(0);
    expect(marked(db)).toBe(invoices);
    expect(count(db, "SELECT count(*) FROM sync_records WHERE kind = 'invoice'")).toBe(0);

    createFacilityService({ db, events: new PushEventBus(), now: () => new Date(now()) });
    expect(marked(db)).toBe(0);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'invoice' AND status = 'pending'")).toBe(invoices);

    await importFacilityCsv(db, dir, { now });
    expect(invoiceSyncState(db)).toEqual(invoiceSyncState(await cleanImport(dir)));
  });

  test('killed between the two files: the next import, of any file, queues what was marked first', async () => {
    const dir = copySample();
    const dbFile = tempDbPath();
    importKilledAfter('invoices.csv', dir, dbFile);
    const db = openDatabase(dbFile);
    expect(marked(db)).toBeGreaterThan(5);
    await importFacilityCsv(db, path.join(dir, 'tenants.csv'), { now });
    expect(marked(db)).toBe(0);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'invoice' AND status = 'pending'")).toBe(count(db, 'SELECT count(*) FROM invoices'));
  });
});

describe('credit notes refreshed once per folder import', () => {
  test('each credit note and its applied credit are queued once, with the lines, as the repository would', async () => {
    const db = await cleanImport(copySample());
    const creditNotes = count(db, 'SELECT count(*) FROM credit_notes');
    expect(creditNotes).toBe(3);
    // Before: a credit note was queued by credit_notes.csv (no lines: total 0, its credit reversed), then again with its lines.
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind IN ('credit_note', 'allocation') AND status = 'superseded'")).toBe(0);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'credit_note'")).toBe(creditNotes);
    expect(db.prepare('SELECT external_id, total_cents FROM credit_notes ORDER BY 1').all()).toEqual([
      { external_id: 'CN-7001', total_cents: 1500 }, { external_id: 'CN-7002', total_cents: 20000 }, { external_id: 'CN-7003', total_cents: 8500 },
    ]);
    expect(db.prepare("SELECT external_id, amount_cents, status FROM allocations WHERE credit_note_id IS NOT NULL ORDER BY 1").all()).toEqual([
      { external_id: 'CN:CN-7001', amount_cents: 1500, status: 'completed' }, { external_id: 'CN:CN-7003', amount_cents: 8500, status: 'completed' },
    ]);
    expect(marked(db, 'credit_note')).toBe(0);
  });

  test('a header-only change (a credit note made void) is refreshed in the folder import: its credit taken back before refunds.csv is checked', async () => {
    const dir = copySample();
    const db = await cleanImport(dir);
    db.exec("UPDATE sync_records SET status = 'synced', synced_hash = content_hash; UPDATE outbox SET status = 'done'");
    const text = readFileSync(path.join(dir, 'credit_notes.csv'), 'utf8');
    writeCsv(dir, 'credit_notes.csv', text.replace('CN-7001,SYD-CN-7001,T-1001,INV-5004,U-SYD-A101,2025-02-06,adjustment,,', 'CN-7001,SYD-CN-7001,T-1001,INV-5004,U-SYD-A101,2025-02-06,adjustment,void,'));
    const result = await importFacilityCsv(db, dir, { now });
    expect(result.rejected).toEqual([]);
    expect(db.prepare("SELECT status FROM allocations WHERE external_id = 'CN:CN-7001'").pluck().get()).toBe('reversed');
    expect(db.prepare("SELECT o.kind, c.external_id FROM outbox o JOIN credit_notes c ON c.id = o.record_id WHERE o.status = 'pending' AND o.kind = 'credit_note'").all())
      .toEqual([{ kind: 'credit_note', external_id: 'CN-7001' }]);
    expect(count(db, "SELECT count(*) FROM outbox WHERE kind = 'allocation' AND status = 'pending'")).toBe(1);
    expect(marked(db, 'credit_note')).toBe(0);
  });

  test('a rejected credit_note_lines.csv leaves the credit notes refreshed and queued before allocations.csv and refunds.csv', async () => {
    const dir = copySample();
    const lines = readFileSync(path.join(dir, 'credit_note_lines.csv'), 'utf8');
    writeCsv(dir, 'credit_note_lines.csv', `${lines.trimEnd()}\nCL-9,CN-7001,2,CT-LATE,Fee,many,1.00,2025-02-06T09:00:00Z\n`);
    const db = openDatabase(tempDbPath());
    const result = await importFacilityCsv(db, dir, { now });
    expect(result.files.find((f) => f.file === 'credit_note_lines.csv')?.imported).toBe(false);
    expect(marked(db, 'credit_note')).toBe(0);
    expect(pending(db, 'credit_note')).toHaveLength(3);
    // As before the change: the credit notes hold no lines (total 0), so refunds.csv's refund of CN-7002 is over its credit.
    expect(result.files.find((f) => f.file === 'refunds.csv')?.imported).toBe(false);
    expect(result.rejected.find((r) => r.file === 'refunds.csv')?.reason).toContain('more than the credit left on it');
  });

  test('killed between credit_notes.csv and credit_note_lines.csv: the app start queues the credit notes, and importing again ends as a clean import', async () => {
    const dir = copySample();
    const dbFile = tempDbPath();
    importKilledAfter('credit_notes.csv', dir, dbFile);
    const db = openDatabase(dbFile);
    expect(marked(db, 'credit_note')).toBe(3);
    expect(pending(db, 'credit_note')).toEqual([]);
    createFacilityService({ db, events: new PushEventBus(), now: () => new Date(now()) });
    expect(marked(db, 'credit_note')).toBe(0);
    expect(pending(db, 'credit_note')).toHaveLength(3);
    await importFacilityCsv(db, dir, { now });
    const clean = await cleanImport(dir);
    const creditState = (d: Db) => ({
      notes: d.prepare('SELECT external_id, total_cents, status FROM credit_notes ORDER BY 1').all(),
      allocations: d.prepare('SELECT external_id, amount_cents, status FROM allocations ORDER BY 1').all(),
      records: d.prepare("SELECT kind, record_id, status, content_hash FROM sync_records WHERE kind IN ('credit_note', 'allocation', 'refund') ORDER BY 1, 2").all(),
      live: d.prepare("SELECT kind, record_id, content_hash FROM outbox WHERE kind IN ('credit_note', 'allocation', 'refund') AND status = 'pending' ORDER BY 1, 2").all(),
    });
    expect(creditState(db)).toEqual(creditState(clean));
  });
});
