/**
 * The reconciliation with money received before it is owed (issue 14): a prepayment is received in
 * the month it is paid, its refund is refunded, its allocations settle invoices, and what is left of
 * it at month end lowers outstanding, on both sides. Real SQLite, real HTTP to the emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reconciliation, ReconciliationMeasure } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { reconcileMonth } from '../../main/report/reconciliation/reconcile';
import { runSync } from '../../main/sync/engine';
import { compareOverpaymentAllocations } from '../../main/sync/kinds/prepayment-changes';
import { createChangedInXeroWriter } from '../../main/sync/records/xero-changed';
import { RESENDABLE_FIX } from '../../main/sync/xero-changes';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { prepaymentRecords } from '../helpers/prepayment-records';
import { openDemoDb, setDemoMapping } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator;
let db: Db;
let client: XeroApiClient;
const ORG = 'Demo Storage Co';
const at = (iso: string) => () => new Date(iso);

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  // Xero's clock at a fixed moment, whatever today is.
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  db = openDemoDb(tempDbPath('reconcile-prepay-'), { tenants: 20 });
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

/** The differences add up to the totals' differences, measure by measure. */
function expectDifferencesExplainTotals(r: Reconciliation): void {
  for (const t of r.totals) {
    const explained = r.differences.reduce((s, d) => s + (d.effect[t.measure] ?? 0), 0);
    expect({ measure: t.measure, explained }).toEqual({ measure: t.measure, explained: t.differenceCents });
  }
}

/** Each total's facility and Xero figures less the same total's in `before`. */
function moved(after: Reconciliation, before: Reconciliation): Record<ReconciliationMeasure, [number, number | null]> {
  const out = {} as Record<ReconciliationMeasure, [number, number | null]>;
  for (const t of after.totals) {
    const b = before.totals.find((x) => x.measure === t.measure)!;
    out[t.measure] = [t.facilityCents - b.facilityCents, t.xeroCents === null || b.xeroCents === null ? null : t.xeroCents - b.xeroCents];
  }
  return out;
}

const brief = (r: Reconciliation) => r.differences.map((d) => ({
  kind: d.kind, facilityId: d.facilityId, xeroNumber: d.xeroNumber, facilityCents: d.facilityCents, xeroCents: d.xeroCents, effect: d.effect, reason: d.reason,
}));

describe('reconciliation with prepayments', () => {
  it('agrees for months with a prepayment, its allocations and a refund; lists a prepayment only Xero has, one deleted there and an allocation removed there', async () => {
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T02:10:00Z') });
    const juneBefore = await reconcileMonth({ db, client, now: at('2026-12-03T02:20:00Z') }, { month: '2025-06' });
    const julyBefore = await reconcileMonth({ db, client, now: at('2026-12-03T02:20:00Z') }, { month: '2025-07' });
    expect([juneBefore.differences, julyBefore.differences]).toEqual([[], []]);

    // A tenant pays 300.00 ahead on 2 June; June's and July's rent (100.00 each) are taken from it, 50.00 is paid back on 20 June.
    const tenant = db.prepare('SELECT id, external_id FROM tenants ORDER BY id LIMIT 1').get() as { id: number; external_id: string };
    const facility = prepaymentRecords(db, tenant.id);
    const june = facility.invoice('PRE-INV-06', '2025-06-05', 10000);
    const july = facility.invoice('PRE-INV-07', '2025-07-05', 10000);
    const pre = facility.prepayment('PRE-1', '2025-06-02', 30000);
    facility.allocation('PRE-1-A1', pre, june, '2025-06-05', 10000);
    const julyAllocation = facility.allocation('PRE-1-A2', pre, july, '2025-07-05', 10000);
    facility.refund('PRE-1-R1', pre, '2025-06-20', 5000);
    // A second prepayment, left unapplied.
    facility.prepayment('PRE-2', '2025-06-10', 8000);
    const run = await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T02:40:00Z') });
    expect(run.failed).toBe(0);
    const notSynced = db.prepare("SELECT kind, record_id, status, error_explanation FROM sync_records WHERE status <> 'synced'").all();
    expect(notSynced).toEqual([]);

    // June: +300.00 received, +50.00 refunded, +100.00 invoiced and settled, 150.00 still unapplied (outstanding -150.00 and -80.00).
    const juneAfter = await reconcileMonth({ db, client, now: at('2026-12-03T02:50:00Z') }, { month: '2025-06' });
    expect(juneAfter.differences).toEqual([]);
    expect(juneAfter.status).toBe('green');
    expect(juneAfter.xeroCalls).toBe(5);
    expect(moved(juneAfter, juneBefore)).toEqual({
      invoiced: [10000, 10000], credited: [0, 0], received: [38000, 38000], refunded: [5000, 5000], outstanding: [-23000, -23000],
    });
    // July: the July rent is settled from the prepayment; 50.00 of it and all 80.00 of the other are left.
    const julyAfter = await reconcileMonth({ db, client, now: at('2026-12-03T02:50:00Z') }, { month: '2025-07' });
    expect(julyAfter.differences).toEqual([]);
    expect(moved(julyAfter, julyBefore)).toEqual({
      invoiced: [10000, 10000], credited: [0, 0], received: [0, 0], refunded: [0, 0], outstanding: [-13000, -13000],
    });

    // A person in Xero: records 40.00 paid ahead by the same tenant, deletes the second prepayment, takes July's allocation back.
    const contactId = db.prepare("SELECT xero_id FROM xero_links WHERE kind = 'tenant' AND record_id = ?").pluck().get(tenant.id) as string;
    const bank = (emu.admin.state().organisations[0]!.accounts as Array<{ Code?: string; AccountID: string }>).find((a) => a.Code === '090')!;
    const foreign = await client.createOverpayments([{
      type: 'RECEIVE-OVERPAYMENT', contact: { contactID: contactId }, bankAccount: { accountID: bank.AccountID }, date: '2025-06-15',
      reference: 'Paid at the counter', lineAmountTypes: 'NoTax', lineItems: [{ description: 'Rent ahead', lineAmount: 40 }],
    } as never], 'person-1');
    expect(foreign.body.bankTransactions?.[0]?.statusAttributeString).toBe('OK');
    const linkOf = (kind: string, id: number) => db.prepare('SELECT xero_id FROM xero_links WHERE kind = ? AND record_id = ?').pluck().get(kind, id) as string;
    emu.admin.asPerson.deleteOverpayment(ORG, 'FS-PRE:PRE-2');
    emu.admin.asPerson.removeOverpaymentAllocation(ORG, 'FS-PRE:PRE-1', linkOf('allocation', julyAllocation));

    const juneDrift = await reconcileMonth({ db, client, now: at('2026-12-03T03:00:00Z') }, { month: '2025-06' });
    expect(brief(juneDrift)).toEqual([
      { kind: 'prepayment', facilityId: 'PRE-2', xeroNumber: null, facilityCents: 8000, xeroCents: 0, effect: { received: -8000, outstanding: 8000 }, reason: 'Deleted in Xero' },
      {
        kind: 'prepayment', facilityId: null, xeroNumber: null, facilityCents: null, xeroCents: 4000, effect: { received: 4000, outstanding: -4000 },
        reason: 'Prepayment in Xero the facility does not have',
      },
    ]);
    expectDifferencesExplainTotals(juneDrift);
    expect(juneDrift.status).toBe('red');
    // The one only Xero has opens its tenant in the integration report.
    expect(juneDrift.differences[1]?.link).toMatchObject({ filter: { kind: 'tenants' }, search: tenant.external_id });
    expect(juneDrift.differences[0]?.link).toMatchObject({ filter: { kind: 'prepayments', from: '2025-06-10', to: '2025-06-10' }, search: 'PRE-2' });

    const julyDrift = await reconcileMonth({ db, client, now: at('2026-12-03T03:00:00Z') }, { month: '2025-07' });
    expect(brief(julyDrift)).toEqual(expect.arrayContaining([
      { kind: 'prepayment', facilityId: 'PRE-1', xeroNumber: null, facilityCents: -5000, xeroCents: -15000, effect: { outstanding: -10000 }, reason: 'Unapplied at month end: 150.00 in Xero, 50.00 here' },
      { kind: 'invoice', facilityId: 'PRE-INV-07', xeroNumber: 'PRE-INV-07', facilityCents: null, xeroCents: 10000, effect: { outstanding: 10000 }, reason: 'Owed at month end: 100.00 in Xero, 0.00 here' },
      { kind: 'prepayment', facilityId: 'PRE-2', xeroNumber: null, facilityCents: -8000, xeroCents: null, effect: { outstanding: 8000 }, reason: 'Unapplied at month end: 0.00 in Xero, 80.00 here' },
      {
        kind: 'prepayment', facilityId: null, xeroNumber: null, facilityCents: null, xeroCents: -4000, effect: { outstanding: -4000 },
        reason: 'Unapplied at month end: 40.00 in Xero, 0.00 here: a prepayment in Xero the facility does not have',
      },
    ]));
    expect(julyDrift.differences).toHaveLength(4);
    expectDifferencesExplainTotals(julyDrift);

    // Once the check for changes made in Xero has told the allocation (what xero-changes.ts does with
    // compareOverpaymentAllocations's answer), what it moves at month end says why.
    const overpayments: object[] = [];
    for (let page = 1; ; page++) {
      const res = await client.changedSince('Overpayments', new Date(Date.UTC(2026, 11, 2)), page);
      overpayments.push(...res.body);
      if (res.body.length < 100) break;
    }
    const flag = createChangedInXeroWriter(db);
    for (const c of compareOverpaymentAllocations(db, overpayments)) {
      flag({ code: 'changed_in_xero', kind: c.kind, recordId: c.recordId, what: `${c.what}.`, fix: RESENDABLE_FIX, now: '2026-12-03T03:05:00.000Z' });
    }
    const taken = '100.00 applied to invoice PRE-INV-07 was taken back in Xero on 3 Dec 2026';
    const julyTold = await reconcileMonth({ db, client, now: at('2026-12-03T03:10:00Z') }, { month: '2025-07' });
    expect(julyTold.differences.filter((d) => d.facilityId === 'PRE-1' || d.facilityId === 'PRE-INV-07').map((d) => d.reason)).toEqual([
      `Unapplied at month end: 150.00 in Xero, 50.00 here: ${taken}`,
      `Owed at month end: 100.00 in Xero, 0.00 here: ${taken}`,
    ]);
  });

  it('credit applied here and not yet in Xero is waiting (amber), and agrees once sent', async () => {
    const tenant = db.prepare('SELECT id FROM tenants ORDER BY id LIMIT 1').pluck().get() as number;
    const facility = prepaymentRecords(db, tenant);
    const invoice = facility.invoice('PRE-INV-08', '2025-08-05', 10000);
    const pre = facility.prepayment('PRE-8', '2025-08-01', 10000);
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T02:10:00Z') });
    expect((await reconcileMonth({ db, client, now: at('2026-12-03T02:20:00Z') }, { month: '2025-08' })).status).toBe('green');

    // August's rent is taken from the prepayment here; the sync has not sent it yet.
    facility.allocation('PRE-8-A1', pre, invoice, '2025-08-05', 10000);
    const queued = await reconcileMonth({ db, client, now: at('2026-12-03T02:30:00Z') }, { month: '2025-08' });
    expect(brief(queued)).toEqual([
      {
        kind: 'prepayment', facilityId: 'PRE-8', xeroNumber: null, facilityCents: null, xeroCents: -10000, effect: { outstanding: -10000 },
        reason: 'Unapplied at month end: 100.00 in Xero, 0.00 here; credit applied here has not reached Xero yet (waiting)',
      },
      {
        kind: 'invoice', facilityId: 'PRE-INV-08', xeroNumber: 'PRE-INV-08', facilityCents: null, xeroCents: 10000, effect: { outstanding: 10000 },
        reason: 'Owed at month end: 100.00 in Xero, 0.00 here; credit applied here has not reached Xero yet (waiting)',
      },
    ]);
    expect(queued.status).toBe('amber');
    expectDifferencesExplainTotals(queued);

    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T02:40:00Z') });
    const sent = await reconcileMonth({ db, client, now: at('2026-12-03T02:50:00Z') }, { month: '2025-08' });
    expect([sent.status, sent.differences]).toEqual(['green', []]);
  });
});
