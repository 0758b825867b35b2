import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import { startHarness } from '../harness/harness';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';
import { e2eNow, launchBrowser, newPinnedPage, screenshot, watchConsole } from '../helpers/browser';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { DB_FILE_NAME, openDatabase } from '../../main/db/open-database';
import { writeStartDate } from '../../main/sync/start-date';
import { importFacilityCsv } from '../../main/facility/csv-import';

/**
 * "Preview next sync" on the dashboard in real Chromium at 1366x768, against the real services and the
 * emulator (issue 15): the sample facility (January and February 2025), a contact and an invoice entered
 * by hand in Xero (the invoice with another total), a sync start date of 6 Jan 2025 and a lock date of
 * 7 Jan 2025. The screen shows the per-kind table, the amounts per account, tax rate and tracking
 * option, the invoice to review with the difference in words, and sample payloads collapsed; nothing is
 * written to Xero; Sync now then sends.
 */
const ORG = 'Demo Storage Co';
let harness: Harness;
let browser: Browser;
let emulator: XeroEmulator;

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  harness = await startHarness({ now: e2eNow, xeroBaseUrl: emulator.url, xeroSession: await emulatorXeroSession(emulator), xeroMinuteMs: 600, syncAutoStart: false });
  const api = harness.services.api;
  // Imported straight into the data file: an import through the services starts a sync at once (so would the app).
  const db = openDatabase(path.join(harness.services.config.dataDir, DB_FILE_NAME));
  await importFacilityCsv(db, SAMPLE_CSV_DIR);
  // The mapping as the Synchronize tab makes it: suggested from Xero's lists, the locations created as tracking options.
  const reference = await api.refreshReferenceData();
  const location = reference.trackingCategories.find((c) => c.name === 'Location');
  if (!location) throw new Error('the emulator has no Location tracking category');
  for (const name of ['Sydney Central Storage', 'Melbourne North Storage']) await api.createTrackingOption({ categoryId: location.categoryId, name });
  const { mapping } = await api.suggestMapping();
  await api.setMapping({ ...mapping, tracking: mapping.tracking.slice(0, 1) });
  // The start date as Settings keeps it, for this organisation (the test session never went through Connect).
  writeStartDate(db, (await emulatorXeroSession(emulator)).tenantId() as string, { date: '2025-01-06', confirmed: true });
  db.close();
  emulator.admin.setLockDates(ORG, { PeriodLockDate: '2025-01-07' });
  // Entered by hand in Xero: Olivia Smith, and her February invoice with 10.00 more than the facility's.
  const [olivia] = emulator.admin.enterByHand(ORG, { Contacts: [{ Name: 'Olivia Smith' }] }).Contacts as Array<{ ContactID: string }>;
  emulator.admin.enterByHand(ORG, {
    Invoices: [{
      Type: 'ACCREC', Status: 'AUTHORISED', InvoiceNumber: 'SYD-5004', Contact: { ContactID: olivia?.ContactID }, Date: '2025-02-05', DueDate: '2025-02-12',
      LineAmountTypes: 'Inclusive', LineItems: [{ Description: 'Rent A101, February 2025', Quantity: 1, UnitAmount: 114, AccountCode: '200', TaxType: 'OUTPUT' }],
    }],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
});

test('Preview next sync: per kind, amounts, what to review, sample payloads; nothing written to Xero', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/`);
  const logBefore = emulator.admin.requests().length;

  await page.getByRole('button', { name: 'Preview next sync' }).click();
  const dialog = page.getByRole('dialog', { name: 'Preview of the next sync' });
  const perKind = dialog.getByRole('table', { name: 'What the next sync would do, per kind' });
  await expect.poll(() => perKind.count(), { timeout: 60_000 }).toBe(1);
  const row = (label: string) => perKind.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  const headers = await perKind.getByRole('columnheader').allInnerTexts();
  const cell = async (label: string, column: string) => (await row(label).getByRole('cell').allInnerTexts())[headers.indexOf(column)];
  expect(headers).toEqual(expect.arrayContaining(['Create', 'Link to Xero', 'Needs review', 'Held: start date', 'Held: lock date']));
  expect(await cell('Tenants', 'Link to Xero')).toBe('1');
  expect(await cell('Tenants', 'Create')).toBe('3');
  expect(await cell('Invoices', 'Needs review')).toBe('1');
  expect(await cell('Invoices', 'Held: start date')).toBe('1');
  expect(await cell('Invoices', 'Held: lock date')).toBe('2');

  await expect.poll(() => dialog.getByText('Organisation: Demo Storage Co. Sync start date: 6 Jan 2025. Lock date in Xero: 7 Jan 2025.', { exact: false }).count()).toBe(1);
  const byTracking = dialog.getByRole('table', { name: 'Amounts by tracking option' });
  expect(await byTracking.getByRole('row').filter({ hasText: 'Location: Sydney Central Storage' }).count()).toBeGreaterThan(0);
  expect(await dialog.getByRole('table', { name: 'Amounts by account' }).getByRole('row').count()).toBeGreaterThan(1);
  const toLook = dialog.getByRole('table', { name: 'Records to look at' });
  expect(await toLook.getByRole('row').filter({ hasText: 'invoice SYD-5004' }).innerText()).toContain('In Xero with a different total: 114.00 there, 104.00 here');

  // Sample payloads are collapsed until asked for.
  const invoices = dialog.getByRole('button', { name: /^Invoices: \d+ of \d+$/ });
  expect(await invoices.getAttribute('aria-expanded')).toBe('false');
  await screenshot(page, 'sync-preview');
  await invoices.click();
  await expect.poll(() => dialog.getByText('"invoiceNumber": "SYD-5007"', { exact: false }).count()).toBe(1);
  await screenshot(page, 'sync-preview-payloads');

  // Nothing was written to Xero while the preview was made: reads of the Accounting API only.
  const calls = emulator.admin.requests().slice(logBefore).filter((e) => e.path.startsWith('/api.xro/'));
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((e) => e.method !== 'GET')).toEqual([]);

  // Sync now from the preview: the run sends what it listed (the three new contacts among them).
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => emulator.admin.state().organisations[0]!.contacts.length, { timeout: 60_000 }).toBe(4);
  expect(problems).toEqual([]);
}, 180_000);
