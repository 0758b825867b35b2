/**
 * The check for changes made in Xero that a sync run makes after its sends (main/sync/xero-changes-in-run.ts):
 * at most once per interval, and a check that fails never fails the run's sends: the run completes, the
 * change it sent is synced, and the run says in words that Xero could not be checked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { createFacilityRepository } from '../../main/facility/repository';
import type { TenantRow } from '../../main/facility/types';
import { runSync } from '../../main/sync/engine';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { tempDbPath } from '../helpers/temp-db';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { openDemoDb, setDemoMapping } from '../helpers/sync-setup';

let emu: XeroEmulator;
let db: Db;
let client: XeroApiClient;

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('xero-changes-in-run-'));
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const at = (iso: string) => () => new Date(iso);
const gets = (collection: string) => emu.admin.requests().filter((r) => r.method === 'GET' && r.path.endsWith(`/${collection}`)).length;

describe('the check a sync run makes after its sends', () => {
  it('checks after the sends, then not again within the interval, then again after it', async () => {
    const first = await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:00:00Z'), checkXeroChanges: {} });
    expect(first.problem).toBeUndefined();
    expect(first.xeroChanges).toEqual({ ok: true, changed: 0 });
    const read = gets('CreditNotes');
    const soon = await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:10:00Z'), checkXeroChanges: {} });
    expect(soon.xeroChanges).toEqual({ ok: true, skipped: 'too_soon', changed: 0 });
    expect(gets('CreditNotes')).toBe(read);
    const later = await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:16:00Z'), checkXeroChanges: {} });
    expect(later.xeroChanges).toEqual({ ok: true, changed: 0 });
    expect(gets('CreditNotes')).toBe(read + 1);
    // Not asked: no check (engine tests and benchmarks count only the sends).
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T05:00:00Z') });
    expect(gets('CreditNotes')).toBe(read + 1);
  });

  it('a check that fails does not fail the sends: the change is synced and the run says Xero could not be checked', async () => {
    await runSync({ db, client, backoffBaseMs: 1, now: at('2026-12-03T03:00:00Z') });
    const tenant = db.prepare('SELECT * FROM tenants ORDER BY id LIMIT 1').get() as TenantRow & { id: number };
    const { id, ...row } = tenant;
    createFacilityRepository(db).upsertTenant({ ...row, name: 'Renamed Tenant', updated_at: '2030-01-01T00:00:00.000Z' });
    // Once the renamed tenant has gone out, Xero fails every request for a while (retries included).
    const run = await runSync({
      db, client, backoffBaseMs: 1, now: at('2026-12-03T03:30:00Z'), checkXeroChanges: {},
      onProgress: () => emu.admin.setFaults({ failNext: 20 }),
    });
    expect(run.problem).toBeUndefined();
    expect(run.succeeded).toBe(1);
    expect(run.xeroChanges).toEqual({
      ok: false,
      message: 'The changes were sent, but Facility Sync could not check Xero for changes made there: Xero had a temporary problem. It checks again at the next sync.',
    });
    expect(db.prepare("SELECT status FROM sync_records WHERE kind = 'tenant' AND record_id = ?").pluck().get(id)).toBe('synced');
    expect(db.prepare('SELECT status, error_message FROM sync_runs WHERE id = ?').get(run.runId)).toEqual({ status: 'completed', error_message: run.xeroChanges?.ok === false ? run.xeroChanges.message : null });
  });
});
