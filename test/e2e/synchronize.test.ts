import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import type { XeroEmulator } from '../xero-emulator/index';
import { selectField, startSampleHarness, type SampleHarness } from '../helpers/sample-harness';
import { screenshot, watchConsole, newPinnedPage } from '../helpers/browser';

/**
 * The Synchronize tab in real Chromium against the real services and the emulator: load Xero's
 * lists, Suggest mappings, fix what is missing with Create in Xero, Save, and see the mapping
 * stay after a reload.
 */
const field = selectField;

let h: SampleHarness;
let harness: Harness;
let browser: Browser;
let emulator: XeroEmulator;

beforeAll(async () => {
  h = await startSampleHarness();
  ({ harness, browser, emulator } = h);
});

afterAll(async () => h?.close());

test('Synchronize tab: Refresh from Xero, Suggest mappings, Create in Xero, Save, and the mapping stays', async () => {
  const page = await newPinnedPage(browser, { width: 1280, height: 900 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);

  for (const title of ['Map categories', 'Products/Services', 'Paid to Account']) {
    await expect.poll(() => page.getByRole('heading', { name: title, exact: true }).count()).toBe(1);
  }
  // Before Xero's lists are loaded the tab says so, in plain words.
  await expect.poll(() => page.getByText(/have not been loaded yet/).count()).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Refresh from Xero' }).click();
  await expect.poll(() => page.getByText('Loaded the latest accounts, tax rates, categories and items from Xero.').count()).toBe(1);
  await expect.poll(() => page.getByText(/From Demo Storage Co, loaded/).count()).toBe(1);

  await page.getByRole('button', { name: 'Suggest mappings' }).click();
  await expect.poll(() => page.getByText('Suggested mappings are filled in. Check them, then click Save.').count()).toBe(1);
  const rent = field(page, 'Monthly Rent');
  await expect.poll(() => rent.inputValue()).toBe('RENT - Storage unit rent');
  await expect.poll(() => field(page, 'Cash').inputValue()).toBe('090 Business Bank Account');
  await expect.poll(() => field(page, 'Tracking category 1').inputValue()).toBe('Location');

  // The facility's locations are not options in Xero yet: the row says so and offers Create in Xero.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText(/^Mapping saved\./).count()).toBe(1);
  await expect.poll(() => page.getByText('Sydney Central Storage has no "Location" option: its invoices will wait until you choose one.').count()).toBe(1);
  const sydney = field(page, 'Sydney Central Storage');
  await sydney.locator('xpath=ancestor::div[contains(@class,"mantine-Stack-root")][1]').getByRole('button', { name: 'Create in Xero' }).click();
  await expect.poll(() => page.getByText('Created the option "Sydney Central Storage" in Xero.').count()).toBe(1);
  await expect.poll(() => sydney.inputValue()).toBe('Sydney Central Storage');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText(/^Mapping saved\./).count()).toBe(1);

  // Stored in SQLite: the services read it back, and a reload shows it.
  const { mapping, issues } = await harness.services.api.getMapping();
  expect(mapping.chargeTypes['CT-RENT']).toEqual({ itemCode: 'RENT', accountCode: null, taxType: null });
  expect(mapping.tracking[0]).toMatchObject({ source: 'location', categoryName: 'Location', options: { 'LOC-SYD': 'Sydney Central Storage' } });
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const xeroOptions = emulator.admin.state() as unknown as { organisations: { trackingCategories: { Name: string; Options: { Name: string }[] }[] }[] };
  expect(JSON.stringify(xeroOptions)).toContain('Sydney Central Storage');

  await page.reload();
  await expect.poll(() => field(page, 'Monthly Rent').inputValue()).toBe('RENT - Storage unit rent');
  await expect.poll(() => field(page, 'Sydney Central Storage').inputValue()).toBe('Sydney Central Storage');

  // A mapping Xero cannot take is explained on its row in plain words.
  await harness.services.api.setMapping({ ...mapping, chargeTypes: { ...mapping.chargeTypes, 'CT-LATE': { itemCode: null, accountCode: '260', taxType: 'GSTX' } } });
  await page.reload();
  await expect.poll(() => page.getByText('The tax type "GSTX" for Late Fee is not in Xero. Choose one of the organisation\'s tax rates.').count()).toBe(1);
  // The save bar counts every problem of the mapping (the warnings too: their records wait as well).
  const problemCount = (await harness.services.api.getMapping()).issues.length;
  const bar = page.getByRole('region', { name: 'Save the mapping' });
  await expect.poll(() => bar.getByRole('button', { name: /mapping problems?$/ }).innerText()).toBe(`${problemCount} mapping problem${problemCount === 1 ? '' : 's'}`);
  expect(await bar.innerText()).toContain('The records they affect wait until fixed.');

  await screenshot(page, 'synchronize-tab');
  expect(problems).toEqual([]);
});
