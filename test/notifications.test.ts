/**
 * Issue 17: background notifications. Real services against the emulator; only Electron is faked
 * (vi.mock('electron')), so the system notifications it was asked to show can be counted:
 * one per run that ends with new failures, none for a run without new ones, none when switched
 * off (a setting kept across restarts), and one when Xero needs the user to connect again.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { Mapping, ReportRow, SyncEngineStatus } from '../contract';
import { AppError } from '../main/app-error';
import { dispatch } from '../main/dispatch';
import { DB_FILE_NAME, openDatabase, type Db } from '../main/db/open-database';
import { saveMapping } from '../main/mapping/mapping';
import { showSyncNotices } from '../main/notifications';
import { createServices, type Services } from '../main/services';
import type { XeroSession } from '../main/xero/session';
import { connectedEmulatorSession } from './helpers/emulator-session';
import { Notification } from './helpers/fake-electron';
import { SAMPLE_CSV_DIR } from './helpers/sample-facility-db';
import { startXeroEmulator, type XeroEmulator } from './xero-emulator';

vi.mock('electron', () => import('./helpers/fake-electron'));

let emu: XeroEmulator;
let services: Services;
let db: Db;
let dataDir: string;
let signedOut = false;
const focused: number[] = [];

async function open() {
  const real = await connectedEmulatorSession(emu.url);
  // The connection service's answer when the sign-in was revoked: "connect again".
  const session: XeroSession = {
    ...real,
    getAccessToken: () => (signedOut ? Promise.reject(new AppError('reconnect_required', 'Xero needs you to connect again.')) : real.getAccessToken()),
    tenantId: () => real.tenantId(),
  };
  services = await createServices({
    dataDir, keychainService: `facility-sync-test-${process.pid}`, xeroSession: session,
    xeroMinuteMs: 100, xeroMinRetryDelayMs: 5, syncAutoStart: false, syncProbeIntervalMs: 60_000,
  });
  showSyncNotices(services.events, () => focused.push(1));
}

beforeEach(async () => {
  Notification.shown.length = 0;
  signedOut = false;
  emu = await startXeroEmulator({ port: 0, minuteMs: 100, limits: { perMinute: 10_000, perDay: 1_000_000 } });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'notifications-'));
  await open();
  db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  await call('pauseSync');
  await call('importFacilityData', { path: SAMPLE_CSV_DIR });
  await call('refreshReferenceData');
  // Without tracking (the sample's locations have no option in the emulator).
  mapping = { ...(await call<{ mapping: Mapping }>('suggestMapping')).mapping, tracking: [] };
});

let mapping: Mapping;

/**
 * Records Xero refuses: the invoices go first (payments wait for a bank account), then a person
 * voids them in Xero, then the bank account is chosen and the payments go against voided invoices.
 */
async function makePaymentsFail(): Promise<void> {
  saveMapping(db, { ...mapping, paymentAccounts: {} });
  await call<SyncEngineStatus>('resumeSync');
  expect(Notification.shown).toHaveLength(0); // records waiting for the mapping are no failures
  const invoices = (await call<{ rows: ReportRow[] }>('queryReport', { kind: 'invoices', status: 'synced' })).rows;
  let voided = 0;
  for (const i of invoices) {
    try {
      emu.admin.asPerson.voidInvoice(undefined, i.reference);
      voided++;
    } catch {
      // Xero keeps an invoice with a credit note applied: that one stays.
    }
  }
  expect(voided).toBeGreaterThan(0);
  await call('setMapping', mapping);
  await call('syncNow');
}
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

const failedPayments = async () =>
  (await call<{ rows: ReportRow[] }>('queryReport', { kind: 'payments', status: 'non-synced' })).rows.filter((r) => r.status === 'failed').map((r) => r.id);

test('a run with new failures: one system notification; a run without: none; switched off (and kept so): none', async () => {
  await makePaymentsFail();
  const failed = await failedPayments();
  expect(failed.length).toBeGreaterThan(0);
  // The sample's prepayment credit for MEL-5008 goes to a voided invoice too: one credit allocation fails with the payments.
  const allocations = (await call<{ rows: ReportRow[] }>('queryReport', { kind: 'allocations', status: 'non-synced' })).rows.filter((r) => r.status === 'failed').length;
  expect(allocations).toBe(1);
  expect(Notification.shown).toHaveLength(1);
  expect(Notification.shown[0]!.options.title).toBe(`Facility Sync: ${failed.length + 1} records did not reach Xero`);
  expect(Notification.shown[0]!.options.body).toBe(
    `Xero did not accept ${failed.length} payments, 1 credit allocation in the last sync. Open Reports > Accounting Software Integration Report (Status: Non-synced) to see why and how to fix them.`,
  );
  Notification.shown[0]!.emit('click');
  expect(focused).toHaveLength(1);

  // Nothing new failed: no notification.
  await call('syncNow');
  expect(Notification.shown).toHaveLength(1);

  // Switched off, and still off after a restart: the same failures again tell nobody.
  expect(await call('setNotificationSettings', { enabled: false })).toEqual({ enabled: false });
  await services.close();
  await open();
  expect(await call('getNotificationSettings')).toEqual({ enabled: false });
  await call('applySyncOption', { kind: 'payments', option: 'resync', ids: failed });
  await call('syncNow');
  expect(await failedPayments()).toHaveLength(failed.length);
  expect(Notification.shown).toHaveLength(1);

  // On again: the next run with new failures tells, once.
  await call('setNotificationSettings', { enabled: true });
  await call('applySyncOption', { kind: 'payments', option: 'resync', ids: failed });
  await call('syncNow');
  expect(Notification.shown).toHaveLength(2);
}, 90_000);

test('Xero needs the user to connect again: one notification, not one per run', async () => {
  signedOut = true;
  expect((await call<SyncEngineStatus>('resumeSync')).state).toBe('reconnect_required');
  await call('syncNow');
  await call('syncNow');
  expect(Notification.shown.map((n) => n.options.title)).toEqual(['Facility Sync: connect to Xero again']);
  expect(Notification.shown[0]!.options.body).toMatch(/^Xero needs you to connect again, so nothing is being sent\. Open Settings > Integration > Accounting Software > Xero > Authenticate/);
});

test('no notification where the system has none', async () => {
  Notification.supported = false;
  try {
    await makePaymentsFail();
    expect(await failedPayments()).not.toHaveLength(0);
    expect(Notification.shown).toHaveLength(0);
  } finally {
    Notification.supported = true;
  }
});
