/**
 * Issue 17: the ReSync pop-up's (and the CLI's) words, with the right counts in whole sentences,
 * through the contract against the real emulator: synced rows, offline rows, and a ReSync that goes out.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ReportRow, SyncEngineStatus, SyncOptionProgress } from '../../contract';
import { dispatch } from '../../main/dispatch';
import { DB_FILE_NAME, openDatabase, type Db } from '../../main/db/open-database';
import { resyncSentence } from '../../main/report/resync-sentences';
import { createServices, type Services } from '../../main/services';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator;
let services: Services;
let db: Db;

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 100, limits: { perMinute: 10_000, perDay: 1_000_000 } });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-words-'));
  services = await createServices({
    dataDir, keychainService: `facility-sync-test-${process.pid}`, xeroSession: await connectedEmulatorSession(emu.url),
    xeroMinuteMs: 100, xeroMinRetryDelayMs: 5, syncAutoStart: false, syncProbeIntervalMs: 60_000,
  });
  db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  await call('pauseSync');
  await call('importFacilityData', { path: SAMPLE_CSV_DIR });
  await call('refreshReferenceData');
  // Suggested from Xero's lists, without tracking (the sample's locations have no option in the emulator).
  const { mapping } = await call<{ mapping: Record<string, unknown> }>('suggestMapping');
  await call('setMapping', { ...mapping, tracking: [] });
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

const payments = async () => (await call<{ rows: ReportRow[] }>('queryReport', { kind: 'payments', status: 'all' })).rows;

async function syncAll(): Promise<SyncEngineStatus> {
  let s = await call<SyncEngineStatus>('resumeSync');
  for (let i = 0; i < 5 && Object.values(s.waiting).some((n) => n > 0); i++) s = await call<SyncEngineStatus>('syncNow');
  return s;
}

test('synced rows: "3 payments are already synced: nothing to resend."', async () => {
  const s = await syncAll();
  expect(s.state).toBe('idle');
  const ids = (await payments()).filter((r) => r.status === 'synced').slice(0, 3).map((r) => r.id);
  expect(ids).toHaveLength(3);
  const p = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'resync', ids });
  expect(p.message).toBe('3 payments are already synced: nothing to resend.');
  expect(p).toMatchObject({ total: 0, finished: true });
});

test('offline with 3 selected, their first send lost: "3 payments queued; they go out when Xero can be reached."', async () => {
  emu.admin.setFaults({ offline: true });
  expect((await call<SyncEngineStatus>('resumeSync')).state).toBe('offline');
  // The send that lost its connection left the rows in flight (outcome unknown): they still go out, so they count.
  const ids = (await payments()).filter((r) => r.status !== 'synced').slice(0, 3).map((r) => r.id);
  expect(ids).toHaveLength(3);
  const p = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'resync', ids });
  expect(p.message).toBe('3 payments queued; they go out when Xero can be reached.');
  expect(p).toMatchObject({ total: 3, offline: true, finished: false });
});

test('a ReSync that goes out: "3 payments queued for ReSync.", then what became of each, in sentences', async () => {
  const ids = (await payments()).slice(0, 3).map((r) => r.id);
  const updates: SyncOptionProgress[] = [];
  services.events.on('report:sync-option', (p) => updates.push(p));
  const p = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'resync', ids });
  expect(p.message).toBe('3 payments queued for ReSync.');
  expect(p).toMatchObject({ total: 3, offline: false, finished: false });
  await syncAll();
  await expect.poll(() => updates.at(-1)?.finished, { timeout: 30_000 }).toBe(true);
  // The sample's first payments: two go out; one was reversed in the facility system before it reached Xero.
  expect(updates.at(-1)!.message).toBe(
    '3 payments queued for ReSync. 2 reached Xero. 1 was not sent: This payment was reversed before it reached Xero, so there is nothing to send.',
  );
});

test('mixed and single counts read as whole sentences', () => {
  const base = { kind: 'payments' as const, synced: 0, failed: 0, skippedExcluded: 0, reach: 'online' as const };
  expect(resyncSentence({ ...base, queued: 2, alreadySynced: 1 })).toBe('2 payments queued for ReSync. 1 payment is already synced: nothing to resend.');
  expect(resyncSentence({ ...base, queued: 1, alreadySynced: 0, synced: 1 })).toBe('1 payment queued for ReSync. It reached Xero.');
  expect(resyncSentence({ ...base, queued: 3, alreadySynced: 0, synced: 1, failed: 1, firstFailure: 'Payment amount exceeds the amount outstanding on this document' }))
    .toBe('3 payments queued for ReSync. 1 reached Xero. 1 failed: Payment amount exceeds the amount outstanding on this document. 1 is still being sent.');
  expect(resyncSentence({ ...base, queued: 0, alreadySynced: 0, skippedExcluded: 2 })).toBe('2 payments are excluded from sync and were skipped: choose "Include in sync" first.');
  expect(resyncSentence({ ...base, kind: 'tenants', queued: 3, alreadySynced: 0, reach: 'not_connected' }))
    .toBe('3 tenants queued; they go out once Facility Sync is connected to Xero (Settings > Integration > Accounting Software > Xero > Authenticate).');
});
