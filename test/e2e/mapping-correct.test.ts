import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import type { XeroEmulator } from '../xero-emulator/index';
import { pickOption, selectField, startSampleHarness, type SampleHarness } from '../helpers/sample-harness';
import { screenshot, watchConsole, newPinnedPage } from '../helpers/browser';

/**
 * Issue 12 on the Synchronize tab at 1366x768: each suggestion says why; the lists offer only what
 * fits (no bank, GST or equity account for rent, no taxed rate for a deposit); Create in Xero makes
 * a complete item; "Create all missing" adds every missing tracking option at once.
 */
const field = selectField;

let h: SampleHarness;
let harness: Harness;
let browser: Browser;
let emulator: XeroEmulator;

beforeAll(async () => {
  h = await startSampleHarness();
  ({ harness, browser, emulator } = h);
  await harness.services.api.refreshReferenceData();
});

afterAll(async () => h?.close());

test('suggestions with reasons, lists that fit the field, a complete Create in Xero, Create all missing', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  await page.getByRole('button', { name: 'Suggest mappings' }).click();
  await expect.poll(() => page.getByText('Suggested mappings are filled in. Check them, then click Save.').count()).toBe(1);

  // Deposits go to the deposits liability account with no tax, and say why; fees get GST, not the GST-free item.
  await expect.poll(() => field(page, 'Security Deposit: liability account (deposits held)').inputValue()).toBe('855 Tenant Deposits Held');
  await expect.poll(() => field(page, 'Security Deposit: tax rate').inputValue()).toBe('BAS Excluded');
  expect(await page.getByText(/^Suggested: Deposits are held, not earned/).count()).toBe(1);
  expect(await field(page, 'Late Fee: tax rate').inputValue()).toBe('GST on Income (10%)');
  expect(await page.getByText(/item LATEFEE was not used/).count()).toBe(1);

  // The revenue account list holds income accounts only, grouped; the deposit's tax list only rates of 0%.
  await field(page, 'Late Fee: revenue account').click();
  const listbox = page.getByRole('listbox');
  await expect.poll(() => listbox.getByRole('option').allInnerTexts()).toEqual(['200 Sales', '260 Other Revenue', '270 Interest Income']);
  await page.keyboard.press('Escape');
  await field(page, 'Security Deposit: tax rate').click();
  await expect.poll(async () => (await page.getByRole('listbox').getByRole('option').allInnerTexts()).sort()).toEqual(['BAS Excluded', 'GST Free Income', 'Input Taxed']);
  await page.keyboard.press('Escape');
  await screenshot(page, 'mapping-suggested-1366');

  // Create in Xero: clear the Disc Lock row, then create a complete item for it.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText(/^Mapping saved\./).count()).toBe(1);
  const mapping = (await harness.services.api.getMapping()).mapping;
  await harness.services.api.setMapping({ ...mapping, chargeTypes: { ...mapping.chargeTypes, 'CT-LOCK': { itemCode: null, accountCode: null, taxType: null } } });
  await page.reload();
  const lockRow = page.getByRole('row').filter({ has: page.getByLabel('Disc Lock', { exact: true }) });
  await lockRow.getByRole('button', { name: 'Create in Xero' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an item in Xero for Disc Lock' });
  await expect.poll(() => field(page, 'Item code').inputValue()).toBe('DISCLOCK');
  expect(await field(page, 'Tax rate').inputValue()).toBe('GST on Income (10%)');
  expect(await dialog.getByRole('button', { name: 'Create item' }).isDisabled()).toBe(true);
  // Through pickOption: the dialog's opening animation can swallow the first click on the field.
  await pickOption(page, field(page, 'Sales account'), '200 Sales');
  await screenshot(page, 'mapping-create-item-1366');
  await dialog.getByRole('button', { name: 'Create item' }).click();
  await expect.poll(() => page.getByText('Created the item "DISCLOCK" in Xero.').count()).toBe(1);
  const org = emulator.admin.state().organisations[0] as unknown as { items: Array<{ Code: string; SalesDetails?: { AccountCode?: string; TaxType?: string } }> };
  expect(org.items.find((i) => i.Code === 'DISCLOCK')?.SalesDetails).toMatchObject({ AccountCode: '200', TaxType: 'OUTPUT' });

  // Create all missing: both locations' options in one go.
  await page.getByRole('button', { name: /^Create all missing \(2\)$/ }).click();
  await expect.poll(() => page.getByText(/^Created 2 options in Xero: /).count()).toBe(1);
  await screenshot(page, 'mapping-after-create-1366');
  expect(problems).toEqual([]);
});
