/**
 * Issue 13's acceptance: a facility folder with every kind of credit (move-in discount lines,
 * corrections and write-offs applied to invoices, move-out refunds paid back, voided duplicates)
 * is imported, synced through a SIGKILL mid-batch and through 500s and dropped connections, then
 * a second export voids an invoice whose payment is reversed, voids credit notes that were applied
 * and refunded, and adds a discount. After each: every tenant owes in Xero exactly what the
 * facility says, to the cent, and no credit note, refund or allocation exists twice.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { generateDemoData, type DemoData } from '../../main/facility/demo-data';
import { killMidBatch, syncThroughFaults } from '../helpers/sync-faults';
import { compareBooks, facilityBalances, setDemoMapping, statusCounts, xeroBalances } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { writeDemoCsv } from '../helpers/write-demo-csv';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  await emu?.close();
});

async function importFolder(data: DemoData): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'credits-csv-'));
  writeDemoCsv(data, dir);
  const result = await importFacilityCsv(db as Db, dir, { now: () => '2025-06-01T00:00:00.000Z' });
  expect(result.rejected).toEqual([]);
}


function expectBooksAgree(): void {
  const books = compareBooks(db as Db, (emu as XeroEmulator).admin);
  expect(books.duplicates).toEqual([]);
  expect(books.missing).toEqual([]);
  const counts = statusCounts(db as Db);
  expect(counts.failed ?? 0).toBe(0);
  expect(counts.waiting ?? 0).toBe(0);
  expect(counts.pending ?? 0).toBe(0);
  expect(xeroBalances((emu as XeroEmulator).admin)).toEqual(facilityBalances(db as Db));
}

describe('credit notes, refunds, discounts, write-offs and voids (issue 13)', () => {
  it.each(['credit_note', 'allocation', 'refund'])('every tenant owes in Xero exactly what the facility says, through a SIGKILL during %s batches, faults and a second export of voids', async (killDuring) => {
    emu = await startXeroEmulator({ port: 0, minuteMs: 1000, limits: { perMinute: 2000 } });
    const dbFile = tempDbPath('credits-sync-');
    db = openDatabase(dbFile);
    // Seed 1 at this size has every case: discount lines, an adjustment and a write-off applied to
    // invoices, a move-out refund credit note paid back, and a voided duplicate.
    const data = generateDemoData({ seed: 1, locations: 1, tenants: 30, months: 4 });
    await importFolder(data);
    const reasons = (db.prepare('SELECT DISTINCT reason FROM credit_notes ORDER BY 1').pluck().all() as string[]);
    expect(reasons).toEqual(['adjustment', 'refund', 'write_off']);
    expect(db.prepare("SELECT COUNT(*) FROM invoices WHERE status = 'void'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(*) FROM invoice_lines WHERE unit_amount_cents < 0').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM allocations WHERE status = 'completed'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(*) FROM refunds').pluck().get()).toBeGreaterThan(0);
    setDemoMapping(db, emu.admin);

    emu.admin.setFaults({ latencyMs: 400 });
    await killMidBatch(db, dbFile, emu, killDuring);
    expect(db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'in_flight'").pluck().get()).toBeGreaterThan(0);
    await syncThroughFaults(db, emu);
    // The faults really reached the runs (the client retries most of them itself).
    expect(emu.admin.requests().some((r) => r.status === 500)).toBe(true);
    expectBooksAgree();
    const first = compareBooks(db, emu.admin).counts;
    expect(first.creditNotes).toBeGreaterThanOrEqual(3);
    expect(first.allocations).toBeGreaterThanOrEqual(2);
    expect(first.refunds).toBeGreaterThanOrEqual(1);

    // The next export: a duplicate found late (its payment reversed, the invoice voided), the
    // refund credit note cancelled (its refund reversed), a correction withdrawn (the credit note
    // voided, so its allocation comes off first), and a goodwill discount on an open invoice.
    const paid = db.prepare(
      `SELECT i.external_id AS invoice, p.external_id AS payment FROM invoices i JOIN payments p ON p.invoice_id = i.id
       WHERE i.status = 'open' AND p.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.invoice_id = i.id)
         AND (SELECT COUNT(*) FROM payments q WHERE q.invoice_id = i.id) = 1 ORDER BY i.id LIMIT 1`,
    ).get() as { invoice: string; payment: string };
    const refunded = data.refunds[0];
    const applied = data.creditNotes.find((c) => c.invoice && c.reason === 'adjustment');
    const open = db.prepare(
      `SELECT i.external_id, t.external_id AS tenant, i.issue_date FROM invoices i JOIN tenants t ON t.id = i.tenant_id
       WHERE i.status = 'open' AND i.external_id <> ? AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.invoice_id = i.id)
         AND i.total_cents - (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'completed') > 1000
       ORDER BY i.id DESC LIMIT 1`,
    ).get(paid.invoice) as { external_id: string; tenant: string; issue_date: string };
    if (!refunded || !applied) throw new Error('seed 1 lost its refund or its adjustment');
    const stamp = '2025-06-02T00:00:00.000Z';
    const changed: DemoData = {
      ...data,
      invoices: data.invoices.map((i) => (i.external_id === paid.invoice ? { ...i, status: 'void' as const, updated_at: stamp } : i)),
      payments: data.payments.map((p) => (p.external_id === paid.payment ? { ...p, status: 'reversed' as const, updated_at: stamp } : p)),
      refunds: data.refunds.map((r) => (r === refunded ? { ...r, status: 'reversed' as const, updated_at: stamp } : r)),
      creditNotes: [
        ...data.creditNotes.map((c) => (c.external_id === refunded.credit_note || c === applied ? { ...c, status: 'void' as const, updated_at: stamp } : c)),
        {
          external_id: 'CN-GOODWILL', credit_note_number: 'CN-GOODWILL-1', tenant: open.tenant, unit: '', invoice: open.external_id,
          issue_date: open.issue_date, reason: 'discount', status: 'open', updated_at: stamp,
          lines: [{ external_id: 'CN-GOODWILL-L1', line_no: 1, charge_type: 'CT-RENT', description: 'Goodwill discount', quantity: 1, unit_amount_cents: 1000 }],
        },
      ],
    };
    await importFolder(changed);
    await syncThroughFaults(db, emu);
    expectBooksAgree();
    const org = emu.admin.state().organisations[0] as unknown as {
      invoices: Array<{ InvoiceNumber: string; Status: string }>; creditNotes: Array<{ CreditNoteNumber: string; Status: string; Allocations?: unknown[] }>;
    };
    const number = db.prepare('SELECT invoice_number FROM invoices WHERE external_id = ?').pluck().get(paid.invoice);
    expect(org.invoices.find((i) => i.InvoiceNumber === number)?.Status).toBe('VOIDED');
    const voided = org.creditNotes.filter((c) => c.Status === 'VOIDED');
    expect(voided).toHaveLength(2);
    expect(voided.every((c) => (c.Allocations ?? []).length === 0)).toBe(true);
    expect(org.creditNotes.find((c) => c.CreditNoteNumber === 'CN-GOODWILL-1')?.Allocations).toHaveLength(1);
  }, 240_000);
});
