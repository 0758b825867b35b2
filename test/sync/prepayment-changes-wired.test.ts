/**
 * Changes made in Xero to prepayments, through the kinds' wiring (prepayment.ts and allocation.ts read
 * the Overpayments collection): a prepayment deleted in Xero and an allocation taken back there are
 * found by the check, in words; Send ours again puts both back with the next run; the month then
 * reconciles to zero and the next check finds nothing new.
 */
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { reconcileMonth } from '../../main/report/reconciliation/reconcile';
import { runSync } from '../../main/sync/engine';
import { reviewXeroChanges } from '../../main/sync/records/xero-review';
import { checkXeroChanges } from '../../main/sync/xero-changes';
import { createXeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { prepaymentRecords } from '../helpers/prepayment-records';
import { openDemoDb, setDemoMapping } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  await emu?.close();
});

it('finds a prepayment deleted and an allocation taken back in Xero, and Send ours again puts both back', async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  db = openDemoDb(tempDbPath('prepay-changes-'));
  setDemoMapping(db, emu.admin);
  const client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
  const tenant = db.prepare('SELECT id FROM tenants ORDER BY id LIMIT 1').pluck().get() as number;
  const f = prepaymentRecords(db, tenant);
  const july = f.invoice('PRE-INV-07', '2025-07-05', 10000);
  const pre = f.prepayment('PRE-1', '2025-06-02', 30000);
  const allocation = f.allocation('PRE-1-A2', pre, july, '2025-07-05', 10000);
  const second = f.prepayment('PRE-2', '2025-06-10', 8000);
  await runSync({ db, client, backoffBaseMs: 1, now: () => new Date('2026-12-03T02:40:00Z') });
  expect((await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T02:45:00Z') })).changed).toEqual([]);

  const linkOf = (kind: string, id: number) => db?.prepare('SELECT xero_id FROM xero_links WHERE kind = ? AND record_id = ?').pluck().get(kind, id) as string;
  await client.deleteOverpayment(linkOf('prepayment', second), 'person-1');
  await client.deleteOverpaymentAllocation(linkOf('prepayment', pre), linkOf('allocation', allocation));
  const check = await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T03:00:00Z') });
  expect(check.changed.map((c) => [c.kind, c.recordId]).sort()).toEqual([['allocation', allocation], ['prepayment', second]]);
  expect(check.changed.find((c) => c.kind === 'prepayment')?.what).toMatch(/^Deleted in Xero/);
  const before = await reconcileMonth({ db, client, now: () => new Date('2026-12-03T03:01:00Z') }, { month: '2025-07' });
  expect(before.differences.length).toBeGreaterThan(0);

  const org = client.tenantId();
  reviewXeroChanges(db, org, 'prepayment', [second], 'send_ours', '2026-12-03T03:05:00.000Z');
  reviewXeroChanges(db, org, 'allocation', [allocation], 'send_ours', '2026-12-03T03:05:00.000Z');
  await runSync({ db, client, backoffBaseMs: 1, now: () => new Date('2026-12-03T03:10:00Z') });
  expect(db.prepare("SELECT kind, record_id, status FROM sync_records WHERE status <> 'synced' AND status <> 'excluded'").all()).toEqual([]);
  const after = await reconcileMonth({ db, client, now: () => new Date('2026-12-03T03:20:00Z') }, { month: '2025-07' });
  expect(after.differences).toEqual([]);
  expect((await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T03:30:00Z') })).changed).toEqual([]);
}, 60_000);
