import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { createFacilityRepository } from '../../main/facility/repository';
import type { InvoiceRow } from '../../main/facility/types';
import { reconcileMonth, reconciliationStatus } from '../../main/report/reconciliation/reconcile';
import { reconciliationCsv } from '../../main/report/reconciliation/reconciliation-csv';
import { runSync } from '../../main/sync/engine';
import { reviewXeroChanges } from '../../main/sync/records/xero-review';
import { checkXeroChanges } from '../../main/sync/xero-changes';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { openDemoDb, setDemoMapping } from '../helpers/sync-setup';
import { freePort } from '../helpers/free-port';
import { tempDbPath } from '../helpers/temp-db';
import { saveMapping } from '../../main/mapping/mapping';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator;
let db: Db;
let client: XeroApiClient;
const ORG = 'Demo Storage Co';
const MONTH = '2025-06';

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  // Xero's clock at a fixed moment, whatever today is.
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  db = openDemoDb(tempDbPath('reconciliation-'), { tenants: 20 });
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

type WireInvoice = { InvoiceID: string; InvoiceNumber: string; Date: string; Status: string; Total: number; AmountPaid: number; AmountCredited: number; AmountDue: number };
const at = (iso: string) => () => new Date(iso);
const cents = (v: number) => Math.round(v * 100);
const shown = (c: number) => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The differences add up to the totals' differences, measure by measure. */
function expectDifferencesExplainTotals(r: Reconciliation): void {
  for (const t of r.totals) {
    const explained = r.differences.reduce((s, d) => s + (d.effect[t.measure] ?? 0), 0);
    expect({ measure: t.measure, explained }).toEqual({ measure: t.measure, explained: t.differenceCents });
  }
}

describe('reconciliation of a month', () => {
  it('lists exactly a void, a changed line, a deleted payment and a payment only Xero has, then reconciles to zero once they are settled', async () => {
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:00:00Z') });
    const before = await reconcileMonth({ db, client, now: at('2026-12-03T03:10:00Z') }, { month: MONTH });
    expect(before.xeroRead).toBe(true);
    expect(before.differences).toEqual([]);
    expect(before.status).toBe('green');
    expect(before.summary).toBe('The facility and Xero agree for June 2025: no differences.');
    // Five GETs: the month's invoices, the invoices owed at month end, credit notes, payments, overpayments.
    expect(before.xeroCalls).toBe(5);
    // The facility's totals from its own tables, Xero's equal to them.
    const sum = (sql: string) => db.prepare(sql).pluck().get() as number;
    const facility = {
      invoiced: sum(`SELECT COALESCE(SUM(total_cents), 0) FROM invoices WHERE status = 'open' AND issue_date LIKE '${MONTH}-%'`),
      // Money received: payments on invoices and prepayments (issue 14) alike.
      received: sum(`SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE status = 'completed' AND paid_on LIKE '${MONTH}-%'`)
        + sum(`SELECT COALESCE(SUM(amount_cents), 0) FROM prepayments WHERE status = 'completed' AND paid_on LIKE '${MONTH}-%'`),
      credited: sum(`SELECT COALESCE(SUM(total_cents), 0) FROM credit_notes WHERE status = 'open' AND issue_date LIKE '${MONTH}-%'`),
      refunded: sum(`SELECT COALESCE(SUM(amount_cents), 0) FROM refunds WHERE status = 'completed' AND paid_on LIKE '${MONTH}-%'`),
    };
    expect(facility.invoiced).toBeGreaterThan(0);
    expect(facility.refunded).toBeGreaterThan(0);
    // The demo's month has money paid ahead and credit applied from it (issue 14): they agree too.
    expect(sum(`SELECT COUNT(*) FROM prepayments WHERE paid_on <= '${MONTH}-30'`)).toBeGreaterThan(0);
    expect(sum(`SELECT COUNT(*) FROM allocations WHERE prepayment_id IS NOT NULL AND allocated_on LIKE '${MONTH}-%'`)).toBeGreaterThan(0);
    for (const [measure, value] of Object.entries(facility)) {
      expect(before.totals.find((t) => t.measure === measure)).toMatchObject({ facilityCents: value, xeroCents: value, differenceCents: 0 });
    }
    // Net of the credit tenants hold unapplied (prepaid months): it may be below zero, never nothing.
    expect(before.totals.find((t) => t.measure === 'outstanding')?.facilityCents).not.toBe(0);

    // A person in Xero: voids one June invoice, changes another's line, deletes a June payment, records a payment.
    const invoices = (emu.admin.state().organisations[0]!.invoices as WireInvoice[]).filter((i) => i.Date.startsWith(MONTH));
    const untouched = invoices.filter((i) => i.Status === 'AUTHORISED' && i.AmountPaid === 0 && i.AmountCredited === 0);
    const [toVoid, toEdit] = untouched;
    const toPay = invoices.find((i) => i.Status === 'AUTHORISED' && i.AmountDue >= 1.5 && i !== toVoid && i !== toEdit);
    const payment = db.prepare(
      `SELECT p.id, p.external_id, p.amount_cents, i.invoice_number FROM payments p JOIN invoices i ON i.id = p.invoice_id
       WHERE p.status = 'completed' AND p.paid_on LIKE '${MONTH}-%' ORDER BY p.id LIMIT 1`,
    ).get() as { id: number; external_id: string; amount_cents: number; invoice_number: string };
    expect([untouched.length >= 2, Boolean(toPay), Boolean(payment)]).toEqual([true, true, true]);
    const person = emu.admin.asPerson;
    person.voidInvoice(ORG, toVoid!.InvoiceNumber);
    const edited = person.setInvoiceLineAmount(ORG, toEdit!.InvoiceNumber, 0, 999) as { Total: number };
    person.deletePayment(ORG, `FS-PAY:${payment.external_id}`);
    const foreign = person.addPayment(ORG, { invoice: toPay!.InvoiceNumber, amount: 1.5, date: `${MONTH}-20` }) as { PaymentID: string };

    const drift = await reconcileMonth({ db, client, now: at('2026-12-03T04:00:00Z') }, { month: MONTH });
    const editDelta = cents(edited.Total) - cents(toEdit!.Total);
    expect(drift.differences.map((d) => ({ kind: d.kind, facilityId: d.facilityId, xeroNumber: d.xeroNumber, facilityCents: d.facilityCents, xeroCents: d.xeroCents, effect: d.effect, reason: d.reason, category: d.category })))
      .toEqual(expect.arrayContaining([
        {
          kind: 'invoice', facilityId: toVoid!.InvoiceNumber, xeroNumber: toVoid!.InvoiceNumber, facilityCents: cents(toVoid!.Total), xeroCents: 0,
          effect: { invoiced: -cents(toVoid!.Total), outstanding: -cents(toVoid!.Total) }, reason: 'Voided in Xero', category: 'difference',
        },
        {
          kind: 'invoice', facilityId: toEdit!.InvoiceNumber, xeroNumber: toEdit!.InvoiceNumber, facilityCents: cents(toEdit!.Total), xeroCents: cents(edited.Total),
          effect: { invoiced: editDelta, outstanding: editDelta },
          reason: `Total ${shown(cents(edited.Total))} in Xero, ${shown(cents(toEdit!.Total))} here`, category: 'difference',
        },
        {
          kind: 'payment', facilityId: payment.external_id, xeroNumber: payment.invoice_number, facilityCents: payment.amount_cents, xeroCents: 0,
          effect: { received: -payment.amount_cents, outstanding: payment.amount_cents }, reason: 'Deleted in Xero', category: 'difference',
        },
        {
          kind: 'payment', facilityId: null, xeroNumber: toPay!.InvoiceNumber, facilityCents: null, xeroCents: 150,
          effect: { received: 150, outstanding: -150 }, reason: 'Payment in Xero the facility does not have', category: 'difference',
        },
      ]));
    expect(drift.differences).toHaveLength(4);
    expect(drift.status).toBe('red');
    expect(drift.summary).toBe('June 2025: 4 differences between the facility and Xero, listed below with the records that explain them.');
    expectDifferencesExplainTotals(drift);
    // Each difference opens the integration report on its record.
    const voided = drift.differences.find((d) => d.reason === 'Voided in Xero');
    expect(voided?.link).toEqual({
      route: ['reports', 'integration'], filter: { kind: 'invoices', status: 'all', from: voided?.date, to: voided?.date }, search: toVoid!.InvoiceNumber,
    });
    const payDate = db.prepare('SELECT issue_date FROM invoices WHERE invoice_number = ?').pluck().get(toPay!.InvoiceNumber) as string;
    expect(drift.differences.find((d) => d.facilityId === null)?.link).toEqual({
      route: ['reports', 'integration'], filter: { kind: 'invoices', status: 'all', from: payDate, to: payDate }, search: toPay!.InvoiceNumber,
    });
    // The CSV: the five totals, the four differences, a summary line; amounts as decimals.
    const csv = reconciliationCsv(drift);
    expect(csv.fileName).toBe('reconciliation-2025-06.csv');
    const lines = csv.csv.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 5 + 4 + 1);
    expect(lines).toContain(
      `Difference,payment,,${toPay!.InvoiceNumber},${MONTH}-20,,1.50,1.50,Payment in Xero the facility does not have (moves Received +1.50; Outstanding at month end -1.50),difference`,
    );
    const invoicedDiff = editDelta - cents(toVoid!.Total);
    const dec = (c: number) => (c / 100).toFixed(2);
    expect(lines[1]).toBe(`Total,Invoiced,,,2025-06-01 to 2025-06-30,${dec(facility.invoiced)},${dec(facility.invoiced + invoicedDiff)},${dec(invoicedDiff)},,`);

    // The month before is untouched: still zero.
    expect((await reconcileMonth({ db, client, now: at('2026-12-03T04:01:00Z') }, { month: '2025-05' })).differences).toEqual([]);

    // Settle: send ours again for the line and the deleted payment; the void is made here too; the stray payment is deleted in Xero.
    // The check for changes made in Xero (what each run does) finds the same four records, in words.
    const check = await checkXeroChanges({ db, client, now: at('2026-12-03T04:30:00Z') });
    const idOfInvoice = (n: string) => db.prepare('SELECT id FROM invoices WHERE invoice_number = ?').pluck().get(n) as number;
    expect(check.changed.map((c) => [c.kind, c.recordId, c.what])).toEqual(expect.arrayContaining([
      ['invoice', idOfInvoice(toVoid!.InvoiceNumber), 'Voided in Xero on 3 Dec 2026.'],
      ['invoice', idOfInvoice(toEdit!.InvoiceNumber), `Total ${(cents(edited.Total) / 100).toFixed(2)} in Xero, ${(cents(toEdit!.Total) / 100).toFixed(2)} here.`],
      ['payment', payment.id, 'Deleted in Xero on 3 Dec 2026.'],
      ['invoice', idOfInvoice(toPay!.InvoiceNumber), 'Payment of 1.50 recorded in Xero that the facility does not have.'],
    ]));
    expect(check.changed).toHaveLength(4);
    // ... the same records the reconciliation lists (the foreign payment under the invoice it was keyed on).
    expect(new Set(drift.differences.map((d) => d.facilityId ?? d.xeroNumber))).toEqual(
      new Set([toVoid!.InvoiceNumber, toEdit!.InvoiceNumber, payment.external_id, toPay!.InvoiceNumber]),
    );
    const tenantId = client.tenantId();
    const idOf = (n: string) => db.prepare('SELECT id FROM invoices WHERE invoice_number = ?').pluck().get(n) as number;
    const when = '2026-12-03T05:00:00.000Z';
    expect(reviewXeroChanges(db, tenantId, 'invoice', [idOf(toEdit!.InvoiceNumber)], 'send_ours', when).changed).toHaveLength(1);
    expect(reviewXeroChanges(db, tenantId, 'payment', [payment.id], 'send_ours', when).changed).toEqual([payment.id]);
    expect(reviewXeroChanges(db, tenantId, 'invoice', [idOf(toVoid!.InvoiceNumber), idOf(toPay!.InvoiceNumber)], 'accept', when).changed).toHaveLength(2);
    const row = db.prepare('SELECT external_id, invoice_number, tenant_id, unit_id, issue_date, due_date, status, updated_at FROM invoices WHERE invoice_number = ?')
      .get(toVoid!.InvoiceNumber) as InvoiceRow;
    db.transaction(() => createFacilityRepository(db, () => when).upsertInvoice({ ...row, status: 'void', updated_at: when }))();
    person.deletePayment(ORG, foreign.PaymentID);

    // Before the run: what was queued here is on its way (amber), the rest agrees.
    const queued = await reconcileMonth({ db, client, now: at('2026-12-03T05:01:00Z') }, { month: MONTH });
    expect(queued.differences.map((d) => d.category)).toEqual(queued.differences.map(() => 'waiting'));
    expect(queued.status).toBe('amber');
    expectDifferencesExplainTotals(queued);

    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T05:10:00Z') });
    const settled = await reconcileMonth({ db, client, now: at('2026-12-03T06:00:00Z') }, { month: MONTH });
    expect(settled.differences).toEqual([]);
    expect(settled.status).toBe('green');
    expect(settled.totals.every((t) => t.differenceCents === 0)).toBe(true);

    // The per-month status, from the stored results (no Xero call): June green, May green, earlier never reconciled.
    const statuses = reconciliationStatus(db, tenantId, '2025-07');
    expect(statuses).toHaveLength(12);
    expect(statuses.slice(-3).map((s) => [s.month, s.status])).toEqual([['2025-05', 'green'], ['2025-06', 'green'], ['2025-07', 'unknown']]);
  });

  it('per location by the tracking option the mapping uses; offline it shows the facility side and says Xero cannot be reached', async () => {
    db.close();
    db = openDemoDb(tempDbPath('reconciliation-loc-'), { locations: 2, tenants: 16 });
    const mapping = setDemoMapping(db, emu.admin);
    saveMapping(db, { ...mapping, tracking: [{ source: 'location', categoryId: null, categoryName: 'Location', options: { 'LOC-1': 'Downtown', 'LOC-2': 'Harbourside' } }] });
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:00:00Z') });
    const locations = db.prepare('SELECT id, external_id FROM locations ORDER BY id').all() as Array<{ id: number; external_id: string }>;
    expect(locations).toHaveLength(2);
    const all = await reconcileMonth({ db, client, now: at('2026-12-03T03:10:00Z') }, { month: MONTH });
    const [one, two] = await Promise.all(locations.map((l) => reconcileMonth({ db, client, now: at('2026-12-03T03:10:00Z') }, { month: MONTH, locationId: l.id })));
    expect([all.differences, one!.differences, two!.differences]).toEqual([[], [], []]);
    expect(one!.location).toEqual({ id: locations[0]!.id, name: expect.any(String) });
    for (const t of all.totals) {
      const parts = [one!, two!].map((r) => r.totals.find((x) => x.measure === t.measure)!);
      expect(parts.reduce((s, p) => s + p.facilityCents, 0)).toBe(t.facilityCents);
      expect(parts.reduce((s, p) => s + (p.xeroCents ?? 0), 0)).toBe(t.xeroCents);
    }
    expect(one!.totals.find((t) => t.measure === 'invoiced')!.facilityCents).toBeGreaterThan(0);
    expect(two!.totals.find((t) => t.measure === 'invoiced')!.facilityCents).toBeGreaterThan(0);

    // Xero's documents are placed by their tracking option: with the options swapped, LOC-1's Xero invoices are LOC-2's.
    const tracked = (options: Record<string, string>) => saveMapping(db, { ...mapping, tracking: [{ source: 'location', categoryId: null, categoryName: 'Location', options }] });
    tracked({ 'LOC-1': 'Harbourside', 'LOC-2': 'Downtown' });
    const swapped = await reconcileMonth({ db, client, now: at('2026-12-03T03:20:00Z') }, { month: MONTH, locationId: locations[0]!.id });
    expect(swapped.totals.find((t) => t.measure === 'invoiced')!.xeroCents).toBe(two!.totals.find((t) => t.measure === 'invoiced')!.facilityCents);
    tracked({ 'LOC-1': 'Downtown', 'LOC-2': 'Harbourside' });

    // A payment keyed in Xero on a LOC-2 invoice shows at LOC-2 only.
    const loc2Invoice = db.prepare(
      `SELECT i.invoice_number FROM invoices i JOIN sync_records s ON s.kind = 'invoice' AND s.record_id = i.id
       WHERE s.location_id = ? AND i.issue_date LIKE '${MONTH}-%' ORDER BY i.id`,
    ).pluck().all(locations[1]!.id) as string[];
    const open = (emu.admin.state().organisations[0]!.invoices as WireInvoice[]).find((i) => loc2Invoice.includes(i.InvoiceNumber) && i.AmountDue >= 2);
    expect(open).toBeDefined();
    emu.admin.asPerson.addPayment(ORG, { invoice: open!.InvoiceNumber, amount: 2, date: `${MONTH}-21` });
    const [after1, after2] = await Promise.all(locations.map((l) => reconcileMonth({ db, client, now: at('2026-12-03T04:00:00Z') }, { month: MONTH, locationId: l.id })));
    expect(after1!.differences).toEqual([]);
    expect(after2!.differences.map((d) => [d.reason, d.xeroNumber, d.effect])).toEqual([['Payment in Xero the facility does not have', open!.InvoiceNumber, { received: 200, outstanding: -200 }]]);
    expect(after2!.differences[0]!.link.filter.locationId).toBe(locations[1]!.id);

    // Offline: nothing answers at Xero's address.
    const session = await connectedEmulatorSession(emu.url);
    const dead = createXeroApiClient({ ...session, tenantId: () => session.tenantId(), getAccessToken: () => session.getAccessToken(), apiBaseUrl: `http://127.0.0.1:${await freePort()}/api.xro/2.0` },
      new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), { retries: 0, minRetryDelayMs: 5, timeoutMs: 2000 });
    const offline = await reconcileMonth({ db, client: dead, now: at('2026-12-03T05:00:00Z') }, { month: MONTH });
    expect(offline.xeroRead).toBe(false);
    expect(offline.status).toBe('unknown');
    expect(offline.offlineReason).toBe('Xero cannot be reached: this computer seems to be offline, or Xero is not answering.');
    expect(offline.summary).toContain("The facility's side for June 2025 is shown");
    expect(offline.totals.map((t) => [t.facilityCents, t.xeroCents])).toEqual(all.totals.map((t) => [t.facilityCents, null]));
    expect(offline.differences).toEqual([]);
    // Connected to another organisation than the records went to: Xero is not read at all, and the page says why.
    const why = 'Connected to Harbour Storage Ltd, but your records were sent to Demo Storage Co.';
    const blocked = await reconcileMonth({ db, client, blockedReason: () => why, now: at('2026-12-03T05:01:00Z') }, { month: MONTH });
    expect([blocked.xeroRead, blocked.xeroCalls, blocked.offlineReason, blocked.status]).toEqual([false, 0, why, 'unknown']);

    // The stored status of June is still the last one Xero was read for.
    expect(reconciliationStatus(db, client.tenantId(), MONTH).at(-1)).toMatchObject({ month: MONTH, status: 'green' });
  });
});
