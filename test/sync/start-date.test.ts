/**
 * Sync start date (issue 15) against the emulator over real HTTP, with a real SQLite file: records
 * dated before it that never reached Xero are held as before_start_date (not failures), the rest is
 * sent; moving it earlier sends what now falls after it. The financial-year proposal at its edges.
 * The demo data covers May and June 2025 (a fixed endMonth), so nothing depends on today.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { financialYearStart, proposedStartDate, readStartDate, writeStartDate } from '../../main/sync/start-date';
import { createOrganisationState } from '../../main/sync/records/organisation';
import { createSyncSettings } from '../../main/sync/sync-settings';
import { type XeroApiClient } from '../../main/xero/api-client';
import { compareBooks, openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { fastEmulatorClient, syncUntilQuiet as syncQuiet } from '../helpers/quiet-sync';

const START = '2025-06-01';

describe('financial year proposal', () => {
  it('is the first day of the financial year holding today, at the year end and the day after', () => {
    expect(financialYearStart(30, 6, '2026-06-30')).toBe('2025-07-01');
    expect(financialYearStart(30, 6, '2026-07-01')).toBe('2026-07-01');
    expect(financialYearStart(31, 3, '2026-03-31')).toBe('2025-04-01');
    expect(financialYearStart(31, 3, '2026-04-01')).toBe('2026-04-01');
    expect(financialYearStart(31, 12, '2026-12-31')).toBe('2026-01-01');
    expect(financialYearStart(31, 12, '2027-01-01')).toBe('2027-01-01');
    // A 29 Feb year end in a year without one ends on 28 Feb.
    expect(financialYearStart(29, 2, '2027-03-01')).toBe('2027-03-01');
    expect(financialYearStart(29, 2, '2027-02-28')).toBe('2026-03-01');
    expect(proposedStartDate({ financialYearEndDay: 30, financialYearEndMonth: 6 }, new Date('2026-07-01T00:30:00Z'))).toBe('2026-07-01');
    expect(proposedStartDate({}, new Date('2026-07-01T00:00:00Z'))).toBeNull();
  });
});

let emu: XeroEmulator;
let db: Db;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-start-'));
  setDemoMapping(db, emu.admin);
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const client = (): Promise<XeroApiClient> => fastEmulatorClient(emu.url);

const syncUntilQuiet = (c: XeroApiClient, opts: { proposeStartDate?: boolean; today?: () => Date } = {}) => syncQuiet(db, c, opts);

function datedRecords() {
  return db.prepare(
    `SELECT d.kind, d.record_id, d.day, s.status, s.error_code FROM (
       SELECT 'invoice' AS kind, id AS record_id, issue_date AS day FROM invoices
       UNION ALL SELECT 'credit_note', id, issue_date FROM credit_notes
       UNION ALL SELECT 'payment', id, paid_on FROM payments
       UNION ALL SELECT 'refund', id, paid_on FROM refunds
       UNION ALL SELECT 'allocation', id, allocated_on FROM allocations
     ) d JOIN sync_records s ON s.kind = d.kind AND s.record_id = d.record_id`,
  ).all() as Array<{ kind: string; record_id: number; day: string; status: string; error_code: string | null }>;
}

function xeroDates(): string[] {
  const org = emu.admin.state().organisations[0] as unknown as {
    invoices: Array<{ Date: string }>; creditNotes: Array<{ Date: string }>; payments: Array<{ Date: string }>;
  };
  return [...org.invoices, ...org.creditNotes, ...org.payments].map((d) => String(d.Date).slice(0, 10));
}

describe('sync start date', () => {
  it('holds what is dated before it as before_start_date (no failure), sends the rest, and sends the held ones once it moves earlier', async () => {
    const c = await client();
    const tenantId = emu.admin.tenantId('Demo Storage Co');
    createOrganisationState(db).adopt({ tenantId, name: 'Demo Storage Co' });
    let runs = 0;
    const settings = createSyncSettings(db, () => runs++, { now: () => new Date('2026-12-06T00:00:00Z'), proposeStartDate: false });
    await settings.setSyncSettings({ startDate: START });
    expect(readStartDate(db, tenantId)).toEqual({ date: START, confirmed: true });
    await syncUntilQuiet(c);

    const records = datedRecords();
    const before = records.filter((r) => r.day < START && r.status !== 'excluded');
    expect(before.length).toBeGreaterThan(0);
    for (const r of before) expect(r).toMatchObject({ status: 'before_start_date', error_code: 'before_start_date' });
    const after = records.filter((r) => r.day >= START && r.status !== 'excluded');
    // After it: synced, or (money on a May document) waiting for that document's copy in Xero; nothing failed.
    expect(after.filter((r) => r.status === 'synced').length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status !== 'synced').every((r) => r.status === 'waiting')).toBe(true);
    expect(statusCounts(db).failed ?? 0).toBe(0);
    // A tenant whose documents are all before it is held like them; the others reach Xero (the demo invoices every tenant in June, so all do here).
    const tenants = db.prepare(
      `SELECT s.status, (SELECT COUNT(*) FROM invoices i WHERE i.tenant_id = t.id) + (SELECT COUNT(*) FROM credit_notes c WHERE c.tenant_id = t.id) AS docs,
              EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = t.id AND i.issue_date >= @s)
                OR EXISTS (SELECT 1 FROM credit_notes c WHERE c.tenant_id = t.id AND c.issue_date >= @s) AS newer
       FROM tenants t JOIN sync_records s ON s.kind = 'tenant' AND s.record_id = t.id`,
    ).all({ s: START }) as Array<{ status: string; docs: number; newer: number }>;
    for (const t of tenants) expect(t.status).toBe(t.docs > 0 && !t.newer ? 'before_start_date' : 'synced');
    expect(xeroDates().length).toBeGreaterThan(0);
    expect(xeroDates().filter((d) => d < START)).toEqual([]);

    // Moving it earlier queues what now falls after it; the next run sends it, without duplicates.
    await settings.setSyncSettings({ startDate: '2025-01-01' });
    expect(runs).toBe(2);
    await syncUntilQuiet(c);
    const counts = statusCounts(db);
    expect(counts.before_start_date ?? 0).toBe(0);
    expect(counts.failed ?? 0).toBe(0);
    expect(counts.waiting ?? 0).toBe(0);
    const books = compareBooks(db, emu.admin);
    expect(books.duplicates).toEqual([]);
    expect(books.missing).toEqual([]);

    // Moving it later never touches what is already in Xero.
    await settings.setSyncSettings({ startDate: '2025-07-01' });
    await syncUntilQuiet(c);
    expect(statusCounts(db).before_start_date ?? 0).toBe(0);
  });

  it('the first sync proposes the first day of the financial year, which applies and shows as proposed', async () => {
    const c = await client();
    const tenantId = emu.admin.tenantId('Demo Storage Co');
    // The emulator's organisation ends its year on 30 Jun (AU) or 31 Mar: either way on 2025-06-15 May is in the year before or the same.
    await syncUntilQuiet(c, { proposeStartDate: true, today: () => new Date('2025-06-15T12:00:00Z') });
    const proposed = readStartDate(db, tenantId);
    expect(proposed?.confirmed).toBe(false);
    expect(proposed?.date).toMatch(/^2025-0[47]-01$|^2024-07-01$/);
    const start = proposed?.date as string;
    expect(xeroDates().filter((d) => d < start)).toEqual([]);
    writeStartDate(db, tenantId, { date: start, confirmed: true });
    expect(readStartDate(db, tenantId)).toEqual({ date: start, confirmed: true });
  });
});
