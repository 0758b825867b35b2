import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';
import { driveConsent } from '../helpers/consent';
import { freePort } from '../helpers/free-port';
import { E2E_NOW, e2eNow, launchBrowser, screenshot, watchConsole } from '../helpers/browser';
import { pickOption } from '../helpers/sample-harness';

/**
 * Issue 17's walk, as an office manager on a 1366x768 laptop does it in one sitting: a wrong Client
 * ID (told within 2 s), the right one, the facility's exports chosen in the file picker, the sync,
 * Xero out of reach and back (the header, the dashboard and Newest failures agree at each step), and
 * the report with the refused payment's Fix in view and nothing scrolling sideways.
 */
let harness: Harness;
let browser: Browser;
let page: Page;
let problems: string[];
let emulator: XeroEmulator;
const keychainService = `facility-sync-e2e-${randomUUID()}`;
const CLIENT_ID = 'e2e-walk-app';

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  const oauthPort = await freePort();
  emulator.admin.registerApp({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${oauthPort}/callback`] });
  harness = await startHarness({
    now: e2eNow, xeroBaseUrl: emulator.url, oauthPort, keychainService, xeroMinuteMs: 600,
    syncProbeIntervalMs: 500, xeroMinRetryDelayMs: 5, syncRetryDelayMs: 60_000,
    // The "system browser": the emulator's consent page, allowed for the first organisation.
    openExternal: async (url) => void (await driveConsent(url)),
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone });
  page = await context.newPage();
  await page.clock.setFixedTime(E2E_NOW);
  problems = watchConsole(page);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
  for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
});

const shot = (name: string) => screenshot(page, `walk-${name}-1366`);
const headerBadge = () => page.getByLabel(/^Xero sync: /);
const dashboardBadge = () => page.getByLabel(/^Xero: /);
const newestFailures = () => page.locator('h3:has-text("Newest failures") + *');
const kept = () => page.getByRole('alert').filter({ hasText: 'The last try to connect did not finish' });

async function saveClientId(id: string) {
  await page.getByRole('textbox', { name: 'Client ID' }).fill(id);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
}

async function importFiles(files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import facility data…' }).click();
  await (await chooser).setFiles(files);
}

test('wrong Client ID, connect, import with the file picker, sync, offline and back, the report on a laptop', async () => {
  // 1. A Client ID Xero does not know: said within 2 s of Connect, kept on the tab.
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/authenticate`);
  await saveClientId('not-this-app');
  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect.poll(async () => (await kept().count()) === 1 && (await kept().innerText()).includes('Xero does not recognise this Client ID'), { timeout: 2_000, interval: 100 }).toBe(true);
  await shot('01-wrong-client-id');

  // 2. The right one: connected, and the tab points to what comes next.
  await saveClientId(CLIENT_ID);
  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect.poll(() => page.getByText(/^Connected to /).count(), { timeout: 30_000 }).toBe(1);
  // The state can arrive (a status event) a moment before the Connect call's own answer, which shows the hint.
  await expect.poll(() => page.getByText('Next: Synchronize').count(), { timeout: 5_000 }).toBe(1);
  expect(await kept().count()).toBe(0);
  const api = harness.services.api;
  await api.refreshReferenceData();

  // 3. The exports, chosen in the file picker (held while they are mapped), then sent.
  await api.pauseSync();
  await page.goto(harness.url);
  const sample = path.resolve('test/fixtures/csv-sample');
  await importFiles(readdirSync(sample).map((f) => path.join(sample, f)));
  await expect.poll(() => page.getByText('54 new, 0 updated, 0 unchanged, 0 rejected.').count(), { timeout: 30_000 }).toBe(1);
  // The sample's locations are no options in the emulator's tracking categories: mapped without tracking.
  const { mapping } = await api.suggestMapping();
  await api.setMapping({ ...(mapping as Mapping), tracking: [] });
  await api.resumeSync();
  await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 60_000 }).toBe('Connected - nothing waiting to be sent.');
  await expect.poll(() => headerBadge().innerText()).toBe('CONNECTED');
  await expect.poll(() => newestFailures().innerText()).toBe('No failures. Everything that was sent reached Xero.');
  await shot('02-sent');

  // 4. Xero out of reach while November's exports arrive: every view says Offline, at once.
  emulator.admin.setFaults({ offline: true });
  const november = path.resolve('test/fixtures/csv-november-resync');
  await importFiles(readdirSync(november).map((f) => path.join(november, f)));
  await expect.poll(() => headerBadge().innerText(), { timeout: 15_000 }).toBe('OFFLINE');
  await expect.poll(() => dashboardBadge().innerText()).toBe('OFFLINE');
  await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^Offline - \d+ changes? waiting$/);
  await expect.poll(() => newestFailures().innerText()).toMatch(/Xero cannot be reached right now: they go out when it can\.$/);
  await shot('03-offline');

  // 5. Back: Sync now answers; the one payment Xero refuses (more than is owed) is listed with its fix.
  emulator.admin.setFaults({ offline: false });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => page.getByTestId('sync-now-answer').innerText(), { timeout: 60_000 }).toMatch(/^Sync now at /);
  await expect.poll(() => page.getByRole('table', { name: 'Newest failures' }).count(), { timeout: 60_000 }).toBe(1);
  await expect.poll(() => headerBadge().innerText()).toBe('CONNECTED');
  await expect.poll(() => dashboardBadge().innerText()).toBe('CONNECTED');
  await shot('04-back');

  // 6. The report at 1366 wide: nothing scrolls sideways, the refused payment's Fix is whole and not covered.
  await page.goto(`${harness.url}#/reports/integration`);
  await pickOption(page, page.getByRole('combobox', { name: 'Search by' }), 'Payments');
  await pickOption(page, page.getByRole('combobox', { name: 'Status' }), 'Non-synced');
  await page.getByRole('button', { name: 'Get Report' }).click();
  const results = page.getByRole('table', { name: 'Integration report results' });
  const fix = results.getByRole('button', { name: /^Fix/ }).first();
  await expect.poll(() => fix.count(), { timeout: 30_000 }).toBe(1);
  await fix.scrollIntoViewIfNeeded();
  const layout = await fix.evaluate((el) => {
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
      inside: b.width > 0 && b.left >= 0 && b.right <= window.innerWidth && b.top >= 0 && b.bottom <= window.innerHeight,
      uncovered: hit === el || el.contains(hit),
    };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.inside).toBe(true);
  expect(layout.uncovered).toBe(true);
  await shot('05-report');
  expect(problems).toEqual([]);
}, 300_000);
