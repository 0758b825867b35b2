import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { launchBrowser, screenshot, watchConsole, newPinnedPage, e2eNow } from '../helpers/browser';

let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  harness = await startHarness({ now: e2eNow });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('opens the app and reaches Settings > Integration > Accounting Software > Xero with its three tabs', async () => {
  const page = await newPinnedPage(browser, { width: 1280, height: 800 });
  const problems = watchConsole(page);
  await page.goto(harness.url);

  // The renderer talks to the real services through the bridge.
  await expect.poll(() => page.getByText(/Facility Sync for Xero 0\.1\.0/).count()).toBe(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  // Settings' items are links that say what is behind them.
  await page.getByRole('link', { name: /^Integration/ }).click();
  await page.getByRole('link', { name: /^Accounting Software/ }).click();
  await screenshot(page, 'smoke-accounting-software');
  await page.getByRole('link', { name: /^Xero Tenants, invoices/ }).click();

  await expect.poll(() => page.getByRole('heading', { name: 'Xero', exact: true }).count()).toBe(1);
  const tabs = page.getByRole('tab');
  await expect.poll(() => tabs.allInnerTexts()).toEqual(['Quick guide', 'Authenticate', 'Synchronize']);
  // Nothing set up yet: the page opens on the Quick guide.
  await expect.poll(() => page.getByRole('tab', { name: 'Quick guide' }).getAttribute('aria-selected')).toBe('true');
  expect(page.url()).toMatch(/#\/settings\/integration\/accounting-software\/xero\/quick-guide$/);
  await page.getByRole('tab', { name: 'Authenticate' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Authenticate' }).getAttribute('aria-selected')).toBe('true');
  await page.getByRole('tab', { name: 'Quick guide' }).click();

  const file = await screenshot(page, 'smoke-xero-page');
  expect(existsSync(file)).toBe(true);
  expect(problems).toEqual([]);
});

test('the contract refuses calls without the per-run token', async () => {
  const res = await fetch(`${harness.origin}/__harness/api/getAppInfo`, { method: 'POST', body: '[]' });
  expect(res.status).toBe(403);
  const ok = await fetch(`${harness.origin}/__harness/api/getAppInfo`, {
    method: 'POST',
    body: '[]',
    headers: { 'x-harness-token': harness.token },
  });
  expect((await ok.json()).ok).toBe(true);
});
