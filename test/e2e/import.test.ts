import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { launchBrowser, screenshot, newPinnedPage, e2eNow } from '../helpers/browser';

/** Import from the dashboard: the main process asks for the folder (here: the harness answers). */
let harness: Harness;
let browser: Browser;
let nextPath: string | null = null;

beforeAll(async () => {
  harness = await startHarness({ now: e2eNow, syncAutoStart: false, chooseImportPath: async () => nextPath });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('imports a folder of CSV exports and reports rejected rows in plain words', async () => {
  const page = await newPinnedPage(browser, { width: 1280, height: 900 });
  await page.goto(harness.url);

  nextPath = path.resolve('test/fixtures/csv-sample');
  await page.getByRole('button', { name: 'Import facility data…' }).click();
  await expect.poll(() => page.getByText(/^\d+ new, 0 updated, 0 unchanged, 0 rejected\.$/).count()).toBe(1);
  await expect.poll(() => page.getByRole('region', { name: 'Payments counts', exact: true }).innerText()).toMatch(/non-synced/);

  // A payments file with a broken amount and an unknown invoice: nothing of it is written.
  const bad = mkdtempSync(path.join(os.tmpdir(), 'bad-csv-'));
  writeFileSync(
    path.join(bad, 'payments.csv'),
    'payment_id,invoice_id,paid_on,amount,method,status,reference,updated_at\n' +
      'P-X1,INV-5001,2025-02-01,12.3.4,cash,completed,,2025-02-01T00:00:00Z\n' +
      'P-X2,INV-NOPE,2025-02-01,10.00,cash,completed,,2025-02-01T00:00:00Z\n',
  );
  nextPath = bad;
  await page.getByRole('button', { name: 'Import facility data…' }).click();
  await expect.poll(() => page.getByText(/0 new, 0 updated, 0 unchanged, 2 rejected\./).count()).toBe(1);
  expect(await page.getByText(/payments\.csv line 2: /).count()).toBe(1);
  expect(await page.getByText(/payments\.csv line 3: /).count()).toBe(1);
  await screenshot(page, 'dashboard-import-rejected');

  nextPath = null;
  await page.getByRole('button', { name: 'Import facility data…' }).click();
  await expect.poll(() => page.getByText('Nothing was imported').count()).toBe(1);
  expect(await page.getByText(/cancelled/i).count()).toBeGreaterThan(0);
});
