import { randomUUID } from 'node:crypto';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import { formatClockTime } from '../../contract/sync-words';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';
import { driveConsent } from '../helpers/consent';
import { freePort } from '../helpers/free-port';
import { E2E_NOW, e2eNow, launchBrowser, screenshot, watchConsole } from '../helpers/browser';

/**
 * Issue 17, "states that agree", at 1366x768 in real Chromium: the header badge, the dashboard and
 * "Newest failures" say the same thing before anything is sent, offline, on Xero's 500s (with the
 * time of the next try, no HTTP code) and after; Sync now answers; a run with new failures raises
 * one Web Notification (permission granted), and none once switched off in Settings.
 */
let harness: Harness;
let browser: Browser;
let page: Page;
let problems: string[];
let emulator: XeroEmulator;
const keychainService = `facility-sync-e2e-${randomUUID()}`;
const CLIENT_ID = 'e2e-states-app';
const shots: string[] = [];

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  const oauthPort = await freePort();
  emulator.admin.registerApp({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${oauthPort}/callback`] });
  harness = await startHarness({
    now: e2eNow, xeroBaseUrl: emulator.url, oauthPort, keychainService, xeroMinuteMs: 600,
    syncProbeIntervalMs: 500, xeroMinRetryDelayMs: 5, syncRetryDelayMs: 60_000,
    openExternal: async (url) => void (await driveConsent(url)),
  });
  const api = harness.services.api;
  await api.saveXeroCredentials({ clientId: CLIENT_ID });
  expect((await api.connectXero()).state).toBe('connected');
  await api.refreshReferenceData();

  browser = await launchBrowser();
  // The page reads the clock and zone the services format with: 10:00 UTC on the fixtures' day.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone });
  await context.grantPermissions(['notifications'], { origin: harness.origin });
  page = await context.newPage();
  await page.clock.setFixedTime(E2E_NOW);
  // Observe the Web Notifications the app raises (the real API still shows them).
  await page.addInitScript(() => {
    const Real = window.Notification;
    const seen: Array<{ title: string; body: string | undefined }> = [];
    (window as unknown as { seenNotices: typeof seen }).seenNotices = seen;
    class Observed extends Real {
      constructor(title: string, options?: NotificationOptions) {
        seen.push({ title, body: options?.body });
        super(title, options);
      }
    }
    Object.defineProperty(Observed, 'permission', { get: () => Real.permission });
    Object.defineProperty(Observed, 'requestPermission', { value: Real.requestPermission.bind(Real) });
    window.Notification = Observed as typeof Notification;
  });
  problems = watchConsole(page);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
  for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
});

async function shot(name: string) {
  shots.push(await screenshot(page, `sync-states-${String(shots.length + 1).padStart(2, '0')}-${name}`));
}

const headerBadge = () => page.getByLabel(/^Xero sync: /);
const dashboardBadge = () => page.getByLabel(/^Xero: /);
const syncLine = () => page.getByRole('status').first();
const newestFailures = () => page.locator('h3:has-text("Newest failures") + *');
const notices = () => page.evaluate(() => (window as unknown as { seenNotices: Array<{ title: string; body?: string }> }).seenNotices);

test('the header, the dashboard and Newest failures agree: nothing sent, offline, Xero problem, back; Sync now answers; notifications', async () => {
  await page.goto(harness.url);

  // 1. Connected, nothing imported yet: no "Everything that was sent reached Xero" before anything was sent.
  await expect.poll(() => headerBadge().innerText(), { timeout: 20_000 }).toBe('CONNECTED');
  await expect.poll(() => newestFailures().innerText()).toBe(
    'Nothing was sent to Xero yet. Import facility data (Import facility data… on this page); the sync starts by itself.',
  );
  await shot('nothing-sent-yet');

  // 2. The facility data arrives (sync held while it is mapped) and goes out.
  const api = harness.services.api;
  await api.pauseSync();
  await api.importFacilityData({ path: path.resolve('test/fixtures/csv-sample') });
  // The sample's locations are no options in the emulator's tracking categories: mapped without tracking.
  const { mapping } = await api.suggestMapping();
  await api.setMapping({ ...(mapping as Mapping), tracking: [] });
  await expect.poll(() => headerBadge().innerText()).toBe('PAUSED');
  await expect.poll(() => newestFailures().innerText()).toMatch(/^No failures\. Nothing has reached Xero yet: \d+ changes? waiting\. Sync is paused\. Choose Resume to send changes again\.$/);
  await shot('paused-before-first-send');
  await api.resumeSync();
  await expect.poll(() => syncLine().innerText(), { timeout: 60_000 }).toBe('Connected - nothing waiting to be sent.');
  await expect.poll(() => newestFailures().innerText()).toBe('No failures. Everything that was sent reached Xero.');
  expect(await headerBadge().innerText()).toBe('CONNECTED');
  await shot('sent');

  // 3. Xero cannot be reached while new November invoices and payments arrive: every view says Offline.
  emulator.admin.setFaults({ offline: true });
  await harness.services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-november-resync') });
  await expect.poll(() => headerBadge().innerText(), { timeout: 15_000 }).toBe('OFFLINE');
  await expect.poll(() => dashboardBadge().innerText()).toBe('OFFLINE');
  // The sentence follows the badge's push a moment later: wait for it, as for the badges.
  await expect.poll(() => syncLine().innerText()).toMatch(/^Offline - \d+ changes? waiting$/);
  await expect.poll(() => newestFailures().innerText()).toMatch(
    /^No failures\. Everything that was sent reached Xero; \d+ changes? waiting\. Xero cannot be reached right now: they go out when it can\.$/,
  );
  await shot('offline');

  // 4. Xero answers again, but with 500s: "Xero had a temporary problem; ... will try again at <time>", no HTTP code.
  emulator.admin.setFaults({ offline: false, failNext: 100_000 });
  await page.getByRole('button', { name: 'Sync now' }).click();
  // The next try is a minute on, or two when the offline probe's own try met the 500s first (the wait doubles).
  const words = (minutes: number) =>
    `Xero had a temporary problem; Facility Sync will try again at ${formatClockTime(new Date(E2E_NOW.getTime() + minutes * 60_000).toISOString())}.`;
  const answer = page.getByTestId('sync-now-answer');
  await expect.poll(() => answer.innerText(), { timeout: 30_000 }).toMatch(/^Sync now at .*: Xero/);
  const line = await syncLine().innerText();
  const problem = [words(1), words(2)].find((w) => w === line);
  expect(problem).toBeDefined();
  expect(await answer.innerText()).toBe(`Sync now at ${formatClockTime(E2E_NOW.toISOString())}: ${problem}`);
  expect(await headerBadge().innerText()).toBe('XERO PROBLEM');
  expect(await dashboardBadge().innerText()).toBe('XERO PROBLEM');
  expect(await newestFailures().innerText()).toMatch(new RegExp(`; \\d+ changes? waiting\\. ${problem!.replaceAll('.', '\\.')}$`));
  expect(await page.locator('body').innerText()).not.toMatch(/HTTP|\b500\b/);
  await shot('xero-problem');

  // 5. Xero is well again: Sync now during the wait tries at once. One payment is refused (more than is owed):
  //    one notification for that run, in the background too.
  emulator.admin.setFaults({ failNext: 0 });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => page.getByRole('table', { name: 'Newest failures' }).count(), { timeout: 60_000 }).toBe(1);
  await expect.poll(() => headerBadge().innerText()).toBe('CONNECTED');
  await expect.poll(notices, { timeout: 10_000 }).toEqual([
    {
      title: 'Facility Sync: 1 record did not reach Xero',
      body: 'Xero did not accept 1 payment in the last sync. Open Reports > Accounting Software Integration Report (Status: Non-synced) to see why and how to fix it.',
    },
  ]);
  await shot('back-with-one-failure');

  // 6. Switched off in Settings: the same failure again tells nobody.
  await page.getByRole('button', { name: 'Settings' }).click();
  const toggle = page.getByRole('switch', { name: /Tell me when a sync ends with new failures/ });
  await expect.poll(() => toggle.isChecked()).toBe(true);
  // The switch follows the saved setting (it turns once main has kept the choice).
  await toggle.click({ force: true });
  await expect.poll(() => toggle.isChecked()).toBe(false);
  await expect.poll(async () => (await harness.services.api.getNotificationSettings()).enabled).toBe(false);
  await shot('notifications-off');
  const failed = (await harness.services.api.queryReport({ kind: 'payments', status: 'non-synced' })).rows.filter((r) => r.status === 'failed');
  expect(failed).toHaveLength(1);
  await harness.services.api.applySyncOption({ kind: 'payments', option: 'resync', ids: failed.map((r) => r.id) });
  await harness.services.api.syncNow();
  await expect.poll(async () => (await harness.services.api.queryReport({ kind: 'payments', status: 'non-synced' })).rows.filter((r) => r.status === 'failed').length).toBe(1);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await notices()).toHaveLength(1);
  expect(problems).toEqual([]);
}, 240_000);
