import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { launchBrowser, screenshot, newPinnedPage, e2eNow, watchConsole } from '../helpers/browser';

/**
 * The browser demo's import (issue 17): "Import facility data…" opens the browser's file picker,
 * the chosen files are uploaded to the harness and imported as a folder of exports; nothing in the
 * harness answers for the dialog (no chooseImportPath), as a person running `npm run demo:browser` meets it.
 */
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  harness = await startHarness({ now: e2eNow, syncAutoStart: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

const SAMPLE = path.resolve('test/fixtures/csv-sample');

test('the file picker imports the chosen exports; Australian dates and amounts are read and said; a binary file is named', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(harness.url);
  const importButton = page.getByRole('button', { name: 'Import facility data…' });

  // Several files chosen at once, in any order: imported as a folder would be, in dependency order.
  const chooser = page.waitForEvent('filechooser');
  await importButton.click();
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  await picker.setFiles(readdirSync(SAMPLE).sort().reverse().map((f) => path.join(SAMPLE, f)));
  await expect.poll(() => page.getByText('54 new, 0 updated, 0 unchanged, 0 rejected.').count()).toBe(1);
  await expect.poll(() => page.getByRole('region', { name: 'Payments counts', exact: true }).innerText()).toMatch(/non-synced/);

  // Typical Australian Excel output, set on the picker's input (setInputFiles), and a renamed picture.
  const payments = [
    'payment_id,invoice_id,paid_on,amount,method,status,reference,updated_at',
    'P-9001,INV-5001,05/01/2025,$141.40,credit_card,completed,Visa ending 4242,2025-01-05T10:25:00Z',
    'P-9002,INV-5002,10/01/2025,"$1,300.00",online_banking,completed,EFT NGUYEN,2025-01-10T09:00:00Z',
  ].join('\r\n');
  const second = page.waitForEvent('filechooser');
  await importButton.click();
  await (await second).element().setInputFiles([
    { name: 'payments.csv', mimeType: 'text/csv', buffer: Buffer.from(payments) },
    { name: 'refunds.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
  ]);
  await expect.poll(() => page.getByText('0 new, 1 updated, 1 unchanged, 1 rejected.').count()).toBe(1);
  expect(await page.getByText('payments.csv: dates read as day/month/year.').count()).toBe(1);
  expect(await page.getByText('refunds.csv: this is not a CSV or Excel file', { exact: false }).count()).toBe(1);
  await screenshot(page, 'dashboard-import-file-picker-1366');
  // The card's result fits the window: nothing scrolls sideways at 1366 wide.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Chosen for this import: month first reads 10/01/2025 as October 1, and the result says so.
  await page.getByLabel('Dates such as 05/01/2025').selectOption('month-first');
  const third = page.waitForEvent('filechooser');
  await importButton.click();
  await (await third).setFiles([{ name: 'payments.csv', mimeType: 'text/csv', buffer: Buffer.from(payments) }]);
  await expect.poll(() => page.getByText('payments.csv: dates read as month/day/year.').count()).toBe(1);
  expect(await page.getByText('0 new, 2 updated, 0 unchanged, 0 rejected.').count()).toBe(1);

  // Choosing nothing says so.
  const again = page.waitForEvent('filechooser');
  await importButton.click();
  await (await again).setFiles([]);
  await expect.poll(() => page.getByText('Nothing was imported').count()).toBe(1);
  expect(await page.getByText(/Import cancelled: no file or folder was chosen/).count()).toBe(1);
  expect(problems).toEqual([]);
});
