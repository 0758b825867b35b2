/**
 * Issue 14's acceptance: a facility folder where tenants prepay months of rent at move-in (applied
 * month by month by allocations), pay refundable deposits (held on the liability account) and get
 * them back at move-out with what is left of their prepayment, is imported, synced through a SIGKILL
 * mid-batch and through 500s and dropped connections, then a second export reverses an allocation and
 * a prepayment and pays a prepayment back. After each: every tenant's balance in Xero (invoices'
 * amount due less the unapplied credit of credit notes and overpayments) equals the facility's to the
 * cent, nothing exists twice, and the deposit liability account's balance in Xero equals the deposits
 * the facility holds. The product's own comparison (compareBalances) agrees.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { generateDemoData, type DemoData } from '../../main/facility/demo-data';
import { compareBalances, facilityBalances as productBalances } from '../../main/report/tenant-balances';
import { faultTolerantClient, killMidBatch, syncThroughFaults } from '../helpers/sync-faults';
import { compareBooks, facilityBalances, setDemoMapping, statusCounts, xeroBalances } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { writeDemoCsv } from '../helpers/write-demo-csv';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

const DEPOSIT_ACCOUNT = '855';
let emu: XeroEmulator | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  await emu?.close();
});

async function importFolder(data: DemoData): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prepay-csv-'));
  writeDemoCsv(data, dir);
  const result = await importFacilityCsv(db as Db, dir, { now: () => '2025-06-01T00:00:00.000Z' });
  expect(result.rejected).toEqual([]);
}


/** The deposit liability account's balance in Xero, as its trial balance shows it (the emulator's ledger). */
function xeroDepositsHeld(): number {
  return Math.round((emu as XeroEmulator).admin.accountBalance(undefined, DEPOSIT_ACCOUNT).Balance * 100);
}

/** The deposits the facility holds: deposit-charge lines of open invoices less those of open credit notes. */
function facilityDepositsHeld(): number {
  const sum = (sql: string) => (db as Db).prepare(sql).pluck().get() as number;
  return sum(`SELECT COALESCE(SUM(l.amount_cents), 0) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
              JOIN charge_types ct ON ct.id = l.charge_type_id WHERE ct.kind = 'deposit' AND i.status = 'open'`)
    - sum(`SELECT COALESCE(SUM(l.amount_cents), 0) FROM credit_note_lines l JOIN credit_notes c ON c.id = l.credit_note_id
           JOIN charge_types ct ON ct.id = l.charge_type_id WHERE ct.kind = 'deposit' AND c.status = 'open'`);
}

async function expectBooksAgree(): Promise<void> {
  const books = compareBooks(db as Db, (emu as XeroEmulator).admin);
  expect(books.duplicates).toEqual([]);
  expect(books.missing).toEqual([]);
  const counts = statusCounts(db as Db);
  expect(counts.failed ?? 0).toBe(0);
  expect(counts.waiting ?? 0).toBe(0);
  expect(counts.pending ?? 0).toBe(0);
  const facility = facilityBalances(db as Db);
  expect(xeroBalances((emu as XeroEmulator).admin)).toEqual(facility);
  // The product's balance (report, compareBalances) counts as this test does, and finds no difference in Xero.
  expect(Object.fromEntries(productBalances(db as Db))).toEqual(facility);
  const org = (emu as XeroEmulator).admin.state().organisations[0]?.tenantId as string;
  const check = await compareBalances(db as Db, await faultTolerantClient(emu as XeroEmulator), org, new Date('2025-06-03T00:00:00Z'));
  expect(check.differ).toEqual([]);
  expect(check.compared).toBe(Object.keys(facility).length);
  expect(facilityDepositsHeld()).toBeGreaterThan(0);
  expect(xeroDepositsHeld()).toBe(facilityDepositsHeld());
}

describe('prepayments, unapplied payments and refundable deposits (issue 14)', () => {
  it.each(['prepayment', 'allocation', 'refund'])('every tenant owes in Xero what the facility says, through a SIGKILL during %s batches, faults and a second export', async (killDuring) => {
    // Xero forgets an Idempotency-Key at once here: only the natural-key lookup stands between a lost answer and a duplicate.
    emu = await startXeroEmulator({ port: 0, minuteMs: 1000, limits: { perMinute: 2000 }, idempotencyWindowMs: 1 });
    const dbFile = tempDbPath('prepay-sync-');
    db = openDatabase(dbFile);
    // Seed 1 at this size: prepayments applied month by month, one paid back at move-out, deposits returned.
    const data = generateDemoData({ seed: 1, locations: 1, tenants: 30, months: 4 });
    await importFolder(data);
    const count = (sql: string) => db?.prepare(sql).pluck().get() as number;
    expect(count('SELECT COUNT(*) FROM prepayments')).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM allocations WHERE prepayment_id IS NOT NULL AND status = 'completed'")).toBeGreaterThan(1);
    expect(count('SELECT COUNT(*) FROM refunds WHERE prepayment_id IS NOT NULL')).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM credit_notes c WHERE c.reason = 'refund' AND EXISTS (SELECT 1 FROM credit_note_lines l JOIN charge_types ct ON ct.id = l.charge_type_id WHERE l.credit_note_id = c.id AND ct.kind = 'deposit')")).toBeGreaterThan(0);
    setDemoMapping(db, emu.admin);

    emu.admin.setFaults({ latencyMs: 400 });
    await killMidBatch(db, dbFile, emu, killDuring);
    expect(count("SELECT COUNT(*) FROM outbox WHERE status = 'in_flight'")).toBeGreaterThan(0);
    await syncThroughFaults(db, emu);
    expect(emu.admin.requests().some((r) => r.status === 500)).toBe(true);
    await expectBooksAgree();
    const first = compareBooks(db, emu.admin).counts;
    expect(first.prepayments).toBe(count("SELECT COUNT(*) FROM prepayments WHERE status = 'completed'"));

    // The next export: the last month's allocation taken back (its credit stays unapplied on the tenant)
    // and a new prepayment; the one after reverses that prepayment, which Xero then deletes.
    const stamp = '2025-06-02T00:00:00.000Z';
    const taken = data.allocations.at(-1);
    if (!taken) throw new Error('seed 1 lost its allocations');
    const tenant = data.tenants[0]?.external_id as string;
    const second: DemoData = {
      ...data,
      allocations: data.allocations.map((a) => (a === taken ? { ...a, status: 'reversed' as const, updated_at: stamp } : a)),
      prepayments: [...data.prepayments, { external_id: 'PRE-EXTRA', tenant, paid_on: '2025-05-20', amount_cents: 12_345, method: 'cash', status: 'completed', reference: '', updated_at: stamp }],
    };
    await importFolder(second);
    await syncThroughFaults(db, emu);
    await expectBooksAgree();

    const third: DemoData = {
      ...second,
      prepayments: second.prepayments.map((p) => (p.external_id === 'PRE-EXTRA' ? { ...p, status: 'reversed' as const, updated_at: '2025-06-03T00:00:00.000Z' } : p)),
    };
    await importFolder(third);
    await syncThroughFaults(db, emu);
    await expectBooksAgree();
    const overpayments = (emu.admin.state().organisations[0] as unknown as { overpayments: Array<{ Reference?: string; Status?: string }> }).overpayments;
    // Deleted through its bank transaction, the overpayment reads as VOIDED (Xero's Overpayment statuses).
    expect(overpayments.find((o) => o.Reference === 'FS-PRE:PRE-EXTRA')?.Status).toBe('VOIDED');
  }, 300_000);
});
