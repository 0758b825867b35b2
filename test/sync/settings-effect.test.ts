/**
 * The sync settings as the Synchronize tab reads them (issue 15), against the emulator over real HTTP
 * with a real SQLite file: the lock dates the last run read, with when, kept for offline; and what a
 * change does (records queued for Xero, records held), which the run that follows bears out.
 * The clock is injected; the demo data covers May and June 2025.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { createOrganisationState } from '../../main/sync/records/organisation';
import { createSyncSettings } from '../../main/sync/sync-settings';
import { type XeroApiClient } from '../../main/xero/api-client';
import { openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { fastEmulatorClient, syncUntilQuiet as syncQuiet } from '../helpers/quiet-sync';

const ORG = 'Demo Storage Co';
const NOW = new Date('2025-07-01T09:00:00.000Z');
let emu: XeroEmulator;
let db: Db;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-settings-'));
  setDemoMapping(db, emu.admin);
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const client = (): Promise<XeroApiClient> => fastEmulatorClient(emu.url);

const syncUntilQuiet = (c: XeroApiClient) => syncQuiet(db, c, { now: () => NOW });

const datedCount = (status: string, code?: string) =>
  db.prepare(`SELECT COUNT(*) FROM sync_records WHERE kind <> 'tenant' AND status = ?${code ? ' AND error_code = ?' : ''}`).pluck().get(...(code ? [status, code] : [status])) as number;

describe('sync settings for the Synchronize tab', () => {
  it('keeps the lock dates the last run read, says what a change queues and holds, and the next run does just that', async () => {
    createOrganisationState(db).adopt({ tenantId: emu.admin.tenantId(ORG), name: ORG });
    const settings = createSyncSettings(db, () => {}, { now: () => NOW, proposeStartDate: false });
    expect((await settings.getSyncSettings()).lockDates).toBeNull();

    emu.admin.setLockDates(ORG, { PeriodLockDate: '2025-05-31', EndOfYearLockDate: '2024-06-30' });
    const c = await client();
    const first = await settings.setSyncSettings({ startDate: '2025-06-15' });
    expect(first.effect.queued).toBe(0);
    expect(first.effect.held).toBeGreaterThan(0);
    await syncUntilQuiet(c);
    // Everything not in Xero and dated before 15 Jun is held; the count said so beforehand.
    expect(datedCount('before_start_date')).toBe(first.effect.held);

    const read = await settings.getSyncSettings();
    expect(read.lockDates).toEqual({ periodLockDate: '2025-05-31', endOfYearLockDate: '2024-06-30', lockDate: '2025-05-31', readAt: NOW.toISOString() });
    // Read from SQLite, not Xero: the same with Xero unreachable (no request is made).
    const requests = emu.admin.requests().length;
    expect((await settings.getSyncSettings()).lockDates?.readAt).toBe(NOW.toISOString());
    expect(emu.admin.requests()).toHaveLength(requests);

    // Moving it to 1 May queues the records of May and June held so far; May's are in the locked period and wait for it.
    const earlier = await settings.setSyncSettings({ startDate: '2025-05-01' });
    expect(earlier.effect).toEqual({ queued: first.effect.held, held: 0 });
    await syncUntilQuiet(c);
    expect(datedCount('before_start_date')).toBe(0);
    const locked = datedCount('waiting', 'period_locked');
    expect(locked).toBeGreaterThan(0);

    // Posting them on the first open date: the effect counts the records waiting for the lock date; the run sends them.
    const post = await settings.setSyncSettings({ lockedPeriod: 'post_on_first_open_date' });
    expect(post.effect).toEqual({ queued: locked, held: 0 });
    await syncUntilQuiet(c);
    expect(datedCount('waiting', 'period_locked')).toBe(0);
    expect(statusCounts(db).failed ?? 0).toBe(0);
    // Nothing changes: nothing queued, nothing held.
    expect((await settings.setSyncSettings({ lockedPeriod: 'post_on_first_open_date' })).effect).toEqual({ queued: 0, held: 0 });
  }, 60_000);
});
