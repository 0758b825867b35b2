import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import path from 'node:path';
import { newPinnedPage, screenshot, SHOTS_DIR, watchConsole } from '../helpers/browser';
import { selectField, startSampleHarness, type SampleHarness } from '../helpers/sample-harness';

/**
 * Issue 13 on the Synchronize tab at 1366x768: the Write-offs row at the end of Products/Services is
 * suggested with its reason, offers only expense accounts, is chosen and saved, and shows the check's
 * error when a revenue account is chosen for it.
 */
const field = selectField;
const ROUTE = '#/settings/integration/accounting-software/xero/synchronize';

let h: SampleHarness;
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startSampleHarness();
  ({ harness, browser } = h);
  await harness.services.api.refreshReferenceData();
});

afterAll(async () => h?.close());

test('Write-offs: suggested with its reason, expense accounts only, saved, and a revenue account refused', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}${ROUTE}`);

  // Suggest mappings: Bad Debts with GST on Income (the decreasing adjustment), and why.
  await page.getByRole('button', { name: 'Suggest mappings' }).click();
  await expect.poll(() => field(page, 'Write-offs: expense account').inputValue()).toBe('495 Bad Debts');
  expect(await field(page, 'Write-offs: tax rate').inputValue()).toBe('GST on Income (10%)');
  expect(await page.getByText(/^Suggested: 495 Bad Debts, the expense account for bad debts, with GST on Income: .*decreasing adjustment/).count()).toBe(1);
  expect(await page.getByText('A write-off credit note (debt written off after a lien sale) goes to this expense account.').count()).toBe(1);
  await screenshot(page, 'write-off-suggested-1366');

  // Chosen by hand: the list holds expense accounts only (no Sales, no bank), then Save.
  await page.reload();
  await field(page, 'Write-offs: expense account').click();
  await expect.poll(() => page.getByRole('listbox').getByRole('option').allInnerTexts()).toEqual([
    '400 Advertising', '404 Bank Fees', '412 Consulting & Accounting', '429 General Expenses', '445 Light, Power, Heating', '469 Rent', '495 Bad Debts',
    '310 Cost of Goods Sold',
  ]);
  await page.getByRole('option', { name: '495 Bad Debts' }).click();
  await field(page, 'Write-offs: tax rate').click();
  await expect.poll(() => page.getByRole('listbox').getByRole('option').allInnerTexts()).not.toContain('GST on Expenses (10%)');
  await page.getByRole('option', { name: 'GST on Income (10%)' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText(/^Mapping saved\./).count()).toBe(1);
  expect((await harness.services.api.getMapping()).mapping.writeOff).toEqual({ accountCode: '495', taxType: 'OUTPUT' });
  expect(await page.getByText(/^Write-offs must go/).count()).toBe(0);

  // A revenue account chosen for it (e.g. saved before the list was limited): the check's error, the field marked.
  const { mapping } = await harness.services.api.getMapping();
  await harness.services.api.setMapping({ ...mapping, writeOff: { accountCode: '200', taxType: 'OUTPUT' } });
  await page.reload();
  const error = 'Write-offs must go to an expense account such as Bad Debts; 200 Sales is a revenue account.';
  await expect.poll(() => page.getByText(error, { exact: true }).count()).toBe(1);
  expect(await field(page, 'Write-offs: expense account').getAttribute('aria-invalid')).toBe('true');
  expect(await field(page, 'Write-offs: tax rate').getAttribute('aria-invalid')).not.toBe('true');
  await screenshot(page, 'write-off-revenue-refused-1366');
  // The row as the office manager sees it in a 1366x768 window.
  await page.getByText(error, { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS_DIR, 'write-off-row-1366x768.png') });
  expect(problems).toEqual([]);
});
