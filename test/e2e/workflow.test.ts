import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator } from '../xero-emulator/index';
import { freePort } from '../helpers/free-port';
import { launchBrowser, screenshot, watchConsole, newPinnedPage, e2eNow } from '../helpers/browser';

/**
 * The office manager's whole day in real Chromium against the real services and the emulator:
 * connect, map, sync; then Xero goes offline while new November payments arrive; the
 * Non-synced Payments report for one location, building and date range; select, ReSync, Apply;
 * the confirmation with live progress; the statuses update once Xero is back.
 */
let harness: Harness;
let browser: Browser;
let page: Page;
let problems: string[];
let emulator: Awaited<ReturnType<typeof startXeroEmulator>>;
const keychainService = `facility-sync-e2e-${randomUUID()}`;
const CLIENT_ID = 'e2e-workflow-app';
const shots: string[] = [];

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 2000 });
  const oauthPort = await freePort();
  emulator.admin.registerApp({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${oauthPort}/callback`] });
  harness = await startHarness({ now: e2eNow, xeroBaseUrl: emulator.url, oauthPort, keychainService, xeroMinuteMs: 2000, syncProbeIntervalMs: 500 });
  await harness.services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-sample') });
  browser = await launchBrowser();
  page = await newPinnedPage(browser, { width: 1440, height: 950 });
  problems = watchConsole(page);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
  for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
});

async function shot(name: string) {
  shots.push(await screenshot(page, `workflow-${String(shots.length + 1).padStart(2, '0')}-${name}`));
}

async function openedUrls(): Promise<string[]> {
  const res = await fetch(`${harness.origin}/__harness/opened-urls`, { headers: { 'x-harness-token': harness.token } });
  return (await res.json()) as string[];
}

async function pickDay(label: RegExp) {
  await page.locator('[data-dates-dropdown] table button:not([data-outside])').filter({ hasText: label }).first().click();
}

test('connect, map, sync, report, ReSync', async () => {
  // 1. Connect to Xero from the Authenticate tab.
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/authenticate`);
  await page.getByRole('textbox', { name: 'Client ID' }).fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect.poll(async () => (await openedUrls()).length).toBe(1);
  const xeroPage = await newPinnedPage(browser);
  await xeroPage.goto((await openedUrls())[0]!);
  await xeroPage.getByLabel('Demo Storage Co').check();
  await xeroPage.getByRole('button', { name: 'Allow access' }).click();
  await xeroPage.close();
  await expect.poll(() => page.getByText('Connected to Demo Storage Co').count(), { timeout: 20_000 }).toBe(1);
  await shot('connected');

  // 2. Map: suggest by name, then save.
  await page.getByRole('tab', { name: 'Synchronize' }).click();
  await page.getByRole('button', { name: 'Suggest mappings' }).click();
  // The facility's locations and unit types are not options in Xero yet: create them there.
  const create = page.getByRole('button', { name: 'Create in Xero' });
  await expect.poll(() => create.count()).toBeGreaterThan(0);
  for (let n = await create.count(); n > 0; n--) {
    await create.first().click();
    await expect.poll(() => create.count(), { timeout: 15_000 }).toBe(n - 1);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText(/saved/i).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await shot('mapped');

  // 3. Sync: everything reaches Xero (the dashboard counts say so).
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const payments = page.getByRole('region', { name: 'Payments counts', exact: true });
  // (The sample's one reversed payment never goes to Xero: it shows as excluded.)
  await expect.poll(() => payments.innerText(), { timeout: 60_000 }).toMatch(/4 synced[\s\S]*0 waiting · 0 failed/);
  await shot('synced');

  // 4. Xero becomes unreachable; new November invoice and payments arrive from the facility system.
  emulator.admin.setFaults({ offline: true });
  await harness.services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-november-resync') });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 30_000 }).toMatch(/Offline - \d+ changes? waiting/);
  await shot('offline');

  // 5. The Non-synced Payments report for Sydney, Building A, November 2026.
  await page.getByRole('button', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Accounting Software Integration Report' }).click();
  await page.getByRole('combobox', { name: 'Location' }).click();
  await page.getByRole('option', { name: 'Sydney Central Storage' }).click();
  await page.getByRole('combobox', { name: 'Building' }).click();
  await page.getByRole('option', { name: 'Building A' }).click();
  await page.getByRole('button', { name: 'Date range' }).click();
  await pickDay(/^1$/);
  await pickDay(/^30$/);
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.getByRole('option', { name: 'Payments', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Non-synced' }).click();
  await page.getByRole('button', { name: 'Get Report' }).click();
  const table = page.getByRole('table', { name: 'Integration report results' });
  await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(4); // header + 3
  expect(await table.getAttribute('aria-rowcount')).toBe('4');
  await shot('report-before');

  // 6. Select the three payments, ReSync, Apply: queued, and it says Xero is offline.
  for (const cb of await table.getByRole('checkbox').all()) await cb.check();
  await page.getByRole('combobox', { name: 'Sync option' }).click();
  await page.getByRole('option', { name: 'ReSync' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync option applied' });
  await expect.poll(() => dialog.innerText()).toMatch(/3 payments queued/);
  // The engine retries the dropped connection before it says offline: seconds on a loaded machine.
  await expect.poll(() => dialog.innerText(), { timeout: 15_000 }).toMatch(/waiting for the connection|cannot be reached/);
  await shot('resync-offline');

  // 7. Xero is back: the sync resumes by itself and the pop-up shows the outcome live.
  emulator.admin.setFaults({ offline: false });
  await expect
    .poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 })
    .toMatch(/3 payments queued for ReSync\. 2 reached Xero\. 1 failed: .*larger than what is still owed/i);
  await shot('resync-outcome');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // 8. The report updates: one payment still fails, with the reason and a Fix link.
  await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
  expect(await table.getByText(/larger than what is still owed/i).count()).toBe(1);
  expect(await table.getByRole('button', { name: 'Fix' }).count()).toBe(1);
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All' }).click();
  await page.getByRole('button', { name: 'Get Report' }).click();
  await expect.poll(() => table.getByText('Synced', { exact: true }).count()).toBe(2);
  expect(await table.getByText('Failed', { exact: true }).count()).toBe(1);
  expect(await table.getByRole('link', { name: 'Open in Xero' }).count()).toBe(2);
  await shot('report-after');

  // Export the report as CSV: a real download with the three rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('integration-report-payments-all-2026-11-21.csv');
  const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
  expect(csv).toHaveLength(4);
  expect(csv.filter((l) => l.includes(',synced,'))).toHaveLength(2);

  // Exactly once: Xero holds each synced payment once.
  const state = emulator.admin.state() as { organisations: Array<{ name: string; payments: Array<{ Reference?: string }> }> };
  const org = state.organisations.find((o) => o.name === 'Demo Storage Co')!;
  const refs = org.payments.map((p) => p.Reference ?? '');
  for (const id of ['P-E2E-1', 'P-E2E-2']) expect(refs.filter((r) => r.includes(id))).toHaveLength(1);
  expect(refs.filter((r) => r.includes('P-E2E-3'))).toHaveLength(0);
  expect(problems).toEqual([]);
});
