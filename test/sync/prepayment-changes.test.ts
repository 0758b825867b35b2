/**
 * Changes made in Xero to what prepayments became (issue 14): the overpayments Xero lists as changed
 * (GET /Overpayments with If-Modified-Since, over real HTTP to the emulator) against the synced
 * facility records. Our own writes never count; a deleted one, one a person recorded for our tenant
 * and an allocation taken back are each told on their record, in words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { compareOverpaymentAllocations, comparePrepayments } from '../../main/sync/kinds/prepayment-changes';
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

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  // Xero's clock at a fixed moment (3 Dec 2026, 02:00 UTC), whatever today is: the words carry the day.
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  db = openDemoDb(tempDbPath('prepayment-changes-'));
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

/** Every overpayment Xero lists as changed since `since` (all pages), as the check reads them. */
async function changedOverpayments(since: Date): Promise<object[]> {
  const out: object[] = [];
  for (let page = 1; ; page++) {
    const res = await client.changedSince('Overpayments', since, page);
    out.push(...res.body);
    if (res.body.length < 100) return out;
  }
}

const changesOf = (records: object[]) => [...comparePrepayments(db, records), ...compareOverpaymentAllocations(db, records)]
  .map((c) => [c.kind, c.recordId, c.what, c.resendable]);

describe('changes made in Xero to prepayments', () => {
  it('finds exactly a deleted prepayment, one recorded only in Xero and an allocation taken back; our own writes do not count', async () => {
    const tenant = db.prepare('SELECT id FROM tenants ORDER BY id LIMIT 1').pluck().get() as number;
    const facility = prepaymentRecords(db, tenant);
    const june = facility.invoice('PRE-INV-06', '2025-06-05', 10000);
    const july = facility.invoice('PRE-INV-07', '2025-07-05', 10000);
    const pre = facility.prepayment('PRE-1', '2025-06-02', 30000);
    facility.allocation('PRE-1-A1', pre, june, '2025-06-05', 10000);
    const julyAllocation = facility.allocation('PRE-1-A2', pre, july, '2025-07-05', 10000);
    facility.refund('PRE-1-R1', pre, '2025-06-20', 5000);
    const second = facility.prepayment('PRE-2', '2025-06-10', 8000);
    const run = await runSync({ db, client, backoffBaseMs: 1, now: () => new Date('2026-12-03T02:40:00Z') });
    expect(run.failed).toBe(0);

    // What Facility Sync itself wrote (the overpayments, their allocations and refund) is no change.
    const since = new Date(Date.UTC(2026, 11, 2));
    const ownWrites = await changedOverpayments(since);
    // The demo's prepayments and these two.
    expect(ownWrites.length).toBe(db.prepare("SELECT COUNT(*) FROM prepayments WHERE status = 'completed'").pluck().get());
    expect(changesOf(ownWrites)).toEqual([]);

    // A person in Xero: deletes PRE-2, records 40.00 paid ahead by the same tenant, takes July's credit back.
    const linkOf = (kind: string, id: number) => db.prepare('SELECT xero_id FROM xero_links WHERE kind = ? AND record_id = ?').pluck().get(kind, id) as string;
    const bank = (emu.admin.state().organisations[0]!.accounts as Array<{ Code?: string; AccountID: string }>).find((a) => a.Code === '090')!;
    emu.admin.asPerson.deleteOverpayment(ORG, 'FS-PRE:PRE-2');
    await client.createOverpayments([{
      type: 'RECEIVE-OVERPAYMENT', contact: { contactID: linkOf('tenant', tenant) }, bankAccount: { accountID: bank.AccountID }, date: '2025-06-15',
      reference: 'Paid at the counter', lineAmountTypes: 'NoTax', lineItems: [{ description: 'Rent ahead', lineAmount: 40 }],
    } as never], 'person-2');
    emu.admin.asPerson.removeOverpaymentAllocation(ORG, 'FS-PRE:PRE-1', linkOf('allocation', julyAllocation));

    const changed = await changedOverpayments(since);
    expect(changed).toHaveLength(ownWrites.length + 1);
    expect(changesOf(changed)).toEqual(expect.arrayContaining([
      ['prepayment', second, 'Deleted in Xero on 3 Dec 2026', true],
      ['tenant', tenant, 'Prepayment of 40.00 recorded in Xero that the facility does not have', false],
      ['allocation', julyAllocation, '100.00 applied to invoice PRE-INV-07 was taken back in Xero on 3 Dec 2026', true],
    ]));
    expect(changesOf(changed)).toHaveLength(3);

    // The facility agreeing with Xero is no change: PRE-2 reversed here, July's allocation reversed here.
    db.prepare("UPDATE prepayments SET status = 'reversed' WHERE id = ?").run(second);
    db.prepare("UPDATE allocations SET status = 'reversed' WHERE id = ?").run(julyAllocation);
    expect(changesOf(changed)).toEqual([['tenant', tenant, 'Prepayment of 40.00 recorded in Xero that the facility does not have', false]]);
  });
});
