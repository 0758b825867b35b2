/**
 * Lock dates (issue 15) against the emulator over real HTTP, with a real SQLite file: records dated
 * on or before the organisation's lock date wait with the reason and never reach Xero; moving the
 * lock date earlier sends them on the next run; with "post on the first open date" they go out dated
 * the day after the lock date, their own date in the reference, and Xero's balances equal the
 * facility's. The demo data covers May and June 2025 (a fixed endMonth), so nothing depends on today.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { writeLockedPeriodPolicy } from '../../main/sync/locked-period';
import { type XeroApiClient } from '../../main/xero/api-client';
import { compareBooks, facilityBalances, openDemoDb, setDemoMapping, statusCounts, xeroBalances } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { fastEmulatorClient, syncUntilQuiet as syncQuiet } from '../helpers/quiet-sync';

const LOCK = '2025-05-31';
const HELD = 'The period up to 31 May 2025 is locked in Xero by your accountant.';

let emu: XeroEmulator;
let db: Db;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-lock-'));
  setDemoMapping(db, emu.admin);
  // The accountant locked May (an adviser-free user is bound by both dates; the later one counts).
  emu.admin.setLockDates('Demo Storage Co', { PeriodLockDate: LOCK, EndOfYearLockDate: '2024-06-30' });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const client = (): Promise<XeroApiClient> => fastEmulatorClient(emu.url);

const syncUntilQuiet = (c: XeroApiClient) => syncQuiet(db, c);

/** Every dated record with its date and sync status. */
function datedRecords() {
  return db.prepare(
    `SELECT d.kind, d.record_id, d.day, s.status, s.error_code, s.error_explanation, s.error_fix FROM (
       SELECT 'invoice' AS kind, id AS record_id, issue_date AS day FROM invoices
       UNION ALL SELECT 'credit_note', id, issue_date FROM credit_notes
       UNION ALL SELECT 'payment', id, paid_on FROM payments
       UNION ALL SELECT 'refund', id, paid_on FROM refunds
       UNION ALL SELECT 'allocation', id, allocated_on FROM allocations
     ) d JOIN sync_records s ON s.kind = d.kind AND s.record_id = d.record_id`,
  ).all() as Array<{ kind: string; record_id: number; day: string; status: string; error_code: string | null; error_explanation: string | null; error_fix: string | null }>;
}

/** Every date of a transaction Xero holds (documents not DRAFT, live payments, allocations). */
function xeroDates(): string[] {
  const org = emu.admin.state().organisations[0] as unknown as {
    invoices: Array<{ Date: string; Status: string }>; creditNotes: Array<{ Date: string; Status: string; Allocations?: Array<{ Date: string }> }>;
    payments: Array<{ Date: string; Status: string }>;
  };
  return [
    ...org.invoices.map((i) => i.Date), ...org.creditNotes.map((c) => c.Date),
    ...org.creditNotes.flatMap((c) => (c.Allocations ?? []).map((a) => a.Date)), ...org.payments.map((p) => p.Date),
  ].map((d) => String(d).slice(0, 10));
}

describe('lock dates', () => {
  it('holds what is dated on or before the lock date with the reason, sends the rest, and sends the held ones once the lock date moves earlier', async () => {
    const c = await client();
    await syncUntilQuiet(c);
    const records = datedRecords();
    const locked = records.filter((r) => r.day <= LOCK && r.status !== 'excluded');
    expect(new Set(locked.map((r) => r.kind))).toEqual(new Set(['invoice', 'payment']));
    for (const r of locked) {
      expect(r).toMatchObject({ status: 'waiting', error_code: 'period_locked', error_explanation: HELD });
      expect(r.error_fix).toMatch(/Ask your accountant to move the lock date.*or choose in Settings to post such records on the first open date \(1 Jun 2025\)/);
    }
    // After the lock date: synced, or waiting for a held record they depend on; nothing failed.
    const open = records.filter((r) => r.day > LOCK && r.status !== 'excluded');
    // (allocations: the demo's prepaid rent applied to June's invoices, issue 14)
    expect(new Set(open.filter((r) => r.status === 'synced').map((r) => r.kind))).toEqual(new Set(['invoice', 'payment', 'credit_note', 'refund', 'allocation']));
    expect(open.filter((r) => r.status !== 'synced').every((r) => r.status === 'waiting' && /^waiting_for_/.test(r.error_code ?? ''))).toBe(true);
    expect(statusCounts(db).failed ?? 0).toBe(0);
    // Nothing dated in the locked period reached Xero, and Xero refused no write.
    expect(xeroDates().length).toBeGreaterThan(0);
    expect(xeroDates().filter((d) => d <= LOCK)).toEqual([]);
    const writes = emu.admin.requests().filter((r) => r.method !== 'GET' && r.path.includes('api.xro'));
    expect(writes.every((w) => w.status === 200)).toBe(true);
    // The lock date is read at every run: one GET /Organisation per run.
    expect(emu.admin.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/Organisation')).length).toBeGreaterThan(0);

    emu.admin.setLockDates('Demo Storage Co', { PeriodLockDate: '2025-04-30' });
    await syncUntilQuiet(c);
    const counts = statusCounts(db);
    expect(counts.waiting ?? 0).toBe(0);
    expect(counts.failed ?? 0).toBe(0);
    const books = compareBooks(db, emu.admin);
    expect(books.duplicates).toEqual([]);
    expect(books.missing).toEqual([]);
    expect(xeroBalances(emu.admin)).toEqual(facilityBalances(db));
  });

  it('posts them on the first open date when the organisation chose so: dated the day after the lock date, their own date in the reference', async () => {
    const c = await client();
    writeLockedPeriodPolicy(db, emu.admin.tenantId('Demo Storage Co'), 'post_on_first_open_date');
    await syncUntilQuiet(c);
    const counts = statusCounts(db);
    expect(counts.waiting ?? 0).toBe(0);
    expect(counts.failed ?? 0).toBe(0);
    const books = compareBooks(db, emu.admin);
    expect(books.duplicates).toEqual([]);
    expect(books.missing).toEqual([]);
    expect(xeroBalances(emu.admin)).toEqual(facilityBalances(db));
    expect(xeroDates().filter((d) => d <= LOCK)).toEqual([]);

    const org = emu.admin.state().organisations[0] as unknown as {
      invoices: Array<{ InvoiceNumber: string; Date: string; DueDate?: string; Reference?: string }>;
      payments: Array<{ Date: string; Reference?: string }>;
    };
    const mayInvoice = db.prepare("SELECT invoice_number, issue_date FROM invoices WHERE issue_date <= ? AND status = 'open' ORDER BY id LIMIT 1").get(LOCK) as { invoice_number: string; issue_date: string };
    const inXero = org.invoices.find((i) => i.InvoiceNumber === mayInvoice.invoice_number);
    expect(String(inXero?.Date).slice(0, 10)).toBe('2025-06-01');
    const [y, m, d] = mayInvoice.issue_date.split('-');
    expect(inXero?.Reference).toMatch(new RegExp(` \\(dated ${Number(d)} ${['Jan', 'Feb', 'Mar', 'Apr', 'May'][Number(m) - 1]} ${y}\\)$`));
    expect(String(inXero?.DueDate).slice(0, 10) >= '2025-06-01').toBe(true);
    const mayPayment = db.prepare("SELECT external_id FROM payments WHERE paid_on <= ? AND status = 'completed' ORDER BY id LIMIT 1").pluck().get(LOCK) as string;
    const paid = org.payments.find((p) => p.Reference === `FS-PAY:${mayPayment}`);
    // The payment keeps its natural key as its whole Reference, so a lost answer is still found by it.
    expect(String(paid?.Date).slice(0, 10)).toBe('2025-06-01');
  });

  it('stops the run like any network problem when the lock date cannot be read', async () => {
    const c = await client();
    emu.admin.setFaults({ offline: true });
    const r = await runSync({ db, client: c, backoffBaseMs: 1 });
    expect(r.problem?.explained).toMatchObject({ code: 'offline', transient: true });
    expect(r.sent).toBe(0);
    expect(statusCounts(db).pending).toBeGreaterThan(0);
  });
});
