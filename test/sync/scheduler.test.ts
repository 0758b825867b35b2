import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { DB_FILE_NAME, openDatabase, type Db } from '../../main/db/open-database';
import { saveMapping } from '../../main/mapping/mapping';
import { createServices, type Services } from '../../main/services';
import type { SyncEngineStatus, SyncProgressEvent } from '../../contract';
import { perKind } from '../../contract/record-kinds';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, demoMapping } from '../helpers/sync-setup';

let emu: XeroEmulator;
let services: Services;
let db: Db;
const progress: SyncProgressEvent[] = [];
const statuses: SyncEngineStatus[] = [];

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 100, limits: { perMinute: 10_000, perDay: 1_000_000 } });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sync-scheduler-'));
  services = await createServices({
    dataDir,
    keychainService: `facility-sync-test-${process.pid}`,
    xeroSession: await connectedEmulatorSession(emu.url),
    xeroMinuteMs: 100,
    syncAutoStart: false,
    syncProbeIntervalMs: 50,
  });
  db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  saveMapping(db, demoMapping(emu.admin));
  progress.length = 0;
  statuses.length = 0;
  services.events.on('sync:progress', (e) => progress.push(e));
  services.events.on('sync:status', (s) => statuses.push(s));
});
afterEach(async () => {
  await services.close();
  db.close();
  await emu.close();
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await dispatch(services.api, method, args);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

async function until(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync scheduler through the contract', () => {
  it('syncs after an import by itself, reporting progress per kind, then is idle with nothing waiting', async () => {
    await call('loadDemoData', { seed: 3 });
    await until(async () => {
      const s = await call<SyncEngineStatus>('getSyncStatus');
      return s.state === 'idle' && s.lastSyncAt !== null;
    }, 60_000);
    const s = await call<SyncEngineStatus>('getSyncStatus');
    expect(s.waiting).toEqual(perKind(() => 0));
    for (const kind of ['tenant', 'invoice', 'payment'] as const) {
      expect(progress.some((e) => e.type === 'start' && e.kind === kind)).toBe(true);
      expect(progress.some((e) => e.type === 'done' && e.kind === kind && e.current === e.total)).toBe(true);
    }
    expect(statuses.some((x) => x.state === 'syncing')).toBe(true);
    const books = compareBooks(db, emu.admin);
    expect(books.missing).toEqual([]);
    expect(books.duplicates).toEqual([]);
  }, 90_000);

  it('goes "Offline - N changes waiting" when the network is gone and resumes by itself when a probe succeeds', async () => {
    await call('pauseSync');
    await call('loadDemoData', { seed: 4 });
    emu.admin.setFaults({ offline: true });
    await call('resumeSync');
    const offline = await call<SyncEngineStatus>('getSyncStatus');
    expect(offline.state).toBe('offline');
    const waiting = Object.values(offline.waiting).reduce((sum, n) => sum + n, 0);
    expect(waiting).toBeGreaterThan(0);
    expect(offline.message).toBe(`Offline - ${waiting.toLocaleString('en-US')} changes waiting`);
    emu.admin.setFaults({ offline: false });
    await until(async () => {
      const s = await call<SyncEngineStatus>('getSyncStatus');
      return s.state === 'idle' && s.waiting.tenant + s.waiting.invoice + s.waiting.payment === 0;
    }, 60_000);
    expect(compareBooks(db, emu.admin).missing).toEqual([]);
  }, 90_000);

  it('stays paused across imports until resumed', async () => {
    const paused = await call<SyncEngineStatus>('pauseSync');
    expect(paused.state).toBe('paused');
    await call('loadDemoData', { seed: 5 });
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.admin.requests().filter((r) => r.method !== 'GET' && r.path.includes('api.xro'))).toEqual([]);
    expect((await call<SyncEngineStatus>('getSyncStatus')).state).toBe('paused');
  });

  it('pausing mid-run stops sending after the batches in flight', async () => {
    await call('loadDemoData', { seed: 6 });
    await until(() => progress.some((e) => e.type === 'progress'));
    await call('pauseSync');
    const sent = emu.admin.requests().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.admin.requests().length).toBe(sent);
    const s = await call<SyncEngineStatus>('getSyncStatus');
    expect(s.state).toBe('paused');
    expect(s.waiting.tenant + s.waiting.invoice + s.waiting.payment).toBeGreaterThan(0);
  });

  it('a sync asked for during a run gets a run of its own after it (a mapping fixed mid-run is used)', async () => {
    await call('pauseSync');
    await call('loadDemoData', { seed: 7 });
    // Payments cannot go: no bank account is chosen. The run starts with that mapping.
    const good = demoMapping(emu.admin);
    saveMapping(db, { ...good, paymentAccounts: {} });
    const first = call<SyncEngineStatus>('resumeSync');
    await until(() => progress.some((e) => e.type === 'progress'));
    // Fixed while the run is under way: Sync now must not just hand back the run that planned without it.
    saveMapping(db, good);
    const second = await call<SyncEngineStatus>('syncNow');
    await first;
    expect(second.state).toBe('idle');
    expect(second.waiting).toEqual(perKind(() => 0));
    const books = compareBooks(db, emu.admin);
    expect(books.missing).toEqual([]);
    expect(books.duplicates).toEqual([]);
  }, 90_000);
});
