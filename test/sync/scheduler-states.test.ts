/**
 * Issue 17, "states that agree": the scheduler's one state against the real emulator and its faults.
 * Offline shows from the first failed attempt (not after the client's retries), Xero's 500s say
 * when the next try is in plain words, and Sync now during that wait tries at once.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { DB_FILE_NAME, openDatabase, type Db } from '../../main/db/open-database';
import { saveMapping } from '../../main/mapping/mapping';
import { createServices, type Services, type ServicesConfig } from '../../main/services';
import type { SyncEngineStatus } from '../../contract';
import { formatClockTime } from '../../contract/sync-words';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, demoMapping } from '../helpers/sync-setup';

const NOW = new Date('2026-11-21T10:00:00Z');
let emu: XeroEmulator;
let services: Services;
let db: Db;
const statuses: Array<SyncEngineStatus & { seenAt: number }> = [];

async function start(config: Partial<ServicesConfig> = {}) {
  emu = await startXeroEmulator({ port: 0, minuteMs: 100, limits: { perMinute: 10_000, perDay: 1_000_000 } });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sync-states-'));
  services = await createServices({
    dataDir,
    keychainService: `facility-sync-test-${process.pid}`,
    xeroSession: await connectedEmulatorSession(emu.url),
    xeroMinuteMs: 100,
    syncAutoStart: false,
    syncProbeIntervalMs: 60_000,
    now: () => new Date(NOW),
    ...config,
  });
  db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  saveMapping(db, demoMapping(emu.admin));
  statuses.length = 0;
  services.events.on('sync:status', (s) => statuses.push({ ...s, seenAt: Date.now() }));
}

afterEach(async () => {
  await services?.close();
  db?.close();
  await emu?.close();
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await dispatch(services.api, method, args);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

const total = (s: SyncEngineStatus) => Object.values(s.waiting).reduce((a, b) => a + b, 0);

describe('sync state: offline, Xero problems and Sync now', () => {
  it('says "Offline" from the first failed attempt, while the client still retries, not seconds later', async () => {
    await start(); // the client's real retry delays (500 ms doubling: several seconds in all)
    await call('pauseSync');
    await call('loadDemoData', { seed: 4 });
    emu.admin.setFaults({ offline: true });
    const startedAt = Date.now();
    let runEndedAt = 0;
    const run = call<SyncEngineStatus>('resumeSync').then((s) => {
      runEndedAt = Date.now();
      return s;
    });
    await expect.poll(() => statuses.find((s) => s.state === 'offline'), { timeout: 30_000, interval: 20 }).toBeTruthy();
    const firstOffline = statuses.find((s) => s.state === 'offline')!;
    // Shown while the run is still under way, within a second of starting.
    expect(runEndedAt).toBe(0);
    expect(firstOffline.seenAt - startedAt).toBeLessThan(1_000);
    expect(firstOffline.message).toBe(`Offline - ${total(firstOffline).toLocaleString('en-US')} changes waiting`);
    const after = await run;
    expect(after.state).toBe('offline');
    expect(runEndedAt - startedAt).toBeGreaterThan(1_000);
    // No "Sending changes to Xero" after the first offline status of that run.
    expect(statuses.slice(statuses.indexOf(firstOffline)).map((s) => s.state)).not.toContain('syncing');
  }, 90_000);

  it('on Xero 500s: "Xero had a temporary problem; Facility Sync will try again at <time>", no HTTP code; Sync now tries at once', async () => {
    await start({ xeroMinRetryDelayMs: 5, syncRetryDelayMs: 60_000 });
    await call('pauseSync');
    await call('loadDemoData', { seed: 4 });
    emu.admin.setFaults({ failNext: 100_000 });
    const failed = await call<SyncEngineStatus>('resumeSync');
    expect(failed.state).toBe('retrying');
    expect(failed.nextTryAt).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    expect(failed.message).toBe(`Xero had a temporary problem; Facility Sync will try again at ${formatClockTime(failed.nextTryAt!)}.`);
    expect(failed.message).not.toMatch(/HTTP|\b5\d\d\b/);
    expect(total(failed)).toBeGreaterThan(0);

    // Sync now during the wait answers: it tries now (a request reaches Xero) and says what happened.
    const before = emu.admin.requests().length;
    const again = await call<SyncEngineStatus>('syncNow');
    expect(emu.admin.requests().length).toBeGreaterThan(before);
    expect(again.state).toBe('retrying');
    expect(again.nextTryAt).toBe(new Date(NOW.getTime() + 120_000).toISOString()); // the wait doubles
    expect(again.message).toMatch(/^Xero had a temporary problem; Facility Sync will try again at \d\d:\d\d\.$/);

    // Xero is back: Sync now sends everything, exactly once.
    emu.admin.setFaults({ failNext: 0 });
    let s = await call<SyncEngineStatus>('syncNow');
    for (let i = 0; i < 5 && total(s) > 0; i++) s = await call<SyncEngineStatus>('syncNow');
    expect(s.state).toBe('idle');
    expect(s.nextTryAt).toBeNull();
    expect(s.message).toBe('Connected - nothing waiting to be sent.');
    const books = compareBooks(db, emu.admin);
    expect(books.missing).toEqual([]);
    expect(books.duplicates).toEqual([]);
  }, 120_000);

  it('Sync now while paused says why nothing was tried', async () => {
    await start();
    await call('pauseSync');
    await call('loadDemoData', { seed: 5 });
    const s = await call<SyncEngineStatus>('syncNow');
    expect(s.state).toBe('paused');
    expect(s.message).toBe('Sync is paused. Choose Resume to send changes again.');
    expect(emu.admin.requests().filter((r) => r.path.includes('api.xro'))).toEqual([]);
  });
});
