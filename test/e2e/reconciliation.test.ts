/**
 * Reports > Reconciliation at a back-office laptop's 1366x768 (issue 16): the sample synced to the
 * emulator agrees; after a payment keyed in Xero the page lists it with a link into the integration
 * report; Export CSV downloads the CSV; the print stylesheet puts the page on one A4 page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPinnedPage, screenshot, SHOTS_DIR, watchConsole } from '../helpers/browser';
import { startSyncedSampleHarness, type SampleHarness } from '../helpers/sample-harness';

let h: SampleHarness;
let page: Page;
let problems: string[];

beforeAll(async () => {
  h = await startSyncedSampleHarness();
  page = await newPinnedPage(h.browser, { width: 1366, height: 768 });
  problems = watchConsole(page);
}, 90_000);

afterAll(async () => {
  await h?.close();
});

const result = () => page.getByRole('status', { name: 'Reconciliation result' });

test('the month agrees, then a payment keyed in Xero shows as a difference that opens the integration report', async () => {
  await page.goto(`${h.harness.url}#/reports`);
  await page.getByRole('button', { name: 'Reconciliation' }).click();
  // The month picker starts at the pinned clock's month.
  await expect.poll(() => page.getByLabel('Month').first().innerText().catch(() => ''), { timeout: 15_000 }).toContain('November 2026');
  // The picker: October of the same year, reconciled (the sample has nothing dated then: it agrees).
  await page.getByLabel('Month').first().click();
  await page.getByRole('button', { name: 'Oct', exact: true }).click();
  await expect.poll(() => page.getByLabel('Month').first().innerText(), { timeout: 15_000 }).toContain('October 2026');
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await expect.poll(() => result().innerText().catch(() => ''), { timeout: 30_000 }).toContain('The facility and Xero agree for October 2026: no differences.');
  // The dashboard's row of months under the chart: October green, a month never reconciled grey; a cell opens its month.
  await page.goto(`${h.harness.url}#/dashboard`);
  const row = page.getByRole('group', { name: 'Reconciliation by month' });
  await expect.poll(() => row.getByRole('button').count(), { timeout: 30_000 }).toBe(12);
  const october = row.getByRole('button', { name: 'Oct 2026: the facility and Xero agree' });
  expect(await october.getAttribute('data-status')).toBe('green');
  expect(await row.getByRole('button', { name: /^Sept? 2026: not reconciled yet$/ }).getAttribute('data-status')).toBe('unknown');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-reconciliation-row-1366');
  await october.click();
  await expect.poll(() => page.getByLabel('Month').first().innerText().catch(() => ''), { timeout: 15_000 }).toContain('October 2026');
  // The sample's invoices are from early 2025: a month with one still owed, opened by its route.
  const invoices = h.emulator.admin.state().organisations[0]!.invoices as Array<{ InvoiceNumber: string; Date: string; AmountDue: number; Status: string }>;
  const open = invoices.find((i) => i.Status === 'AUTHORISED' && i.AmountDue >= 25);
  expect(open).toBeDefined();
  const month = open!.Date.slice(0, 7);
  const monthName = new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  await page.goto(`${h.harness.url}#/reports/reconciliation/${month}`);
  await expect.poll(() => page.getByLabel('Month').first().innerText().catch(() => ''), { timeout: 15_000 }).toContain(monthName);
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await expect.poll(() => result().innerText().catch(() => ''), { timeout: 30_000 }).toContain(`The facility and Xero agree for ${monthName}: no differences.`);
  const totals = page.getByRole('table', { name: 'Totals' });
  expect(await totals.innerText()).toMatch(/Invoiced[\s\S]*Outstanding at month end/);

  h.emulator.admin.asPerson.addPayment(undefined, { invoice: open!.InvoiceNumber, amount: 25, date: `${month}-18` });
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await expect.poll(() => result().innerText(), { timeout: 30_000 }).toContain(`${monthName}: 1 difference between the facility and Xero`);
  const differences = page.getByRole('table', { name: 'Differences' });
  expect(await differences.innerText()).toContain('Payment in Xero the facility does not have');
  expect(await totals.innerText()).toMatch(/Received[\s\S]*\$25\.00/);
  await screenshot(page, 'reconciliation-1366');

  // Export CSV: a download through the formula-neutralising writer.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`reconciliation-${month}.csv`);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Section,What,Facility id,Xero number,Date,Facility,Xero,Difference,Reason,Status');
  expect(csv).toContain(`Difference,payment,,${open!.InvoiceNumber},${month}-18,,25.00,25.00,Payment in Xero the facility does not have`);

  // Printed (Chromium's print to PDF, as Electron's printToPDF does): one A4 page, without the navigation.
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'reconciliation-print-1366');
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, path: `${SHOTS_DIR}/reconciliation.pdf` });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });

  // The difference opens the integration report on its invoice.
  await page.getByRole('button', { name: `Open invoice ${open!.InvoiceNumber} in the integration report` }).click();
  await expect.poll(() => page.url()).toContain('#/reports/integration/kind=invoices');
  const report = page.getByRole('table', { name: 'Integration report results' });
  await expect.poll(() => report.innerText().catch(() => ''), { timeout: 15_000 }).toContain(open!.InvoiceNumber);
  // The dashboard's per-month status (contract), from the stored result: this month red, one difference.
  const statuses = await h.harness.services.api.getReconciliationStatus({ month });
  expect(statuses.at(-1)).toMatchObject({ month, status: 'red', differences: 1 });
  expect(problems).toEqual([]);
});

test('offline, the page says Xero cannot be reached and shows the facility side', async () => {
  await h.emulator.close();
  await page.goto(`${h.harness.url}#/reports/reconciliation/2025-01`);
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await expect.poll(() => result().innerText().catch(() => ''), { timeout: 60_000 }).toContain('Xero cannot be reached');
  expect(await result().innerText()).toContain("The facility's side for January 2025 is shown");
  const totals = await page.getByRole('table', { name: 'Totals' }).innerText();
  expect(totals).toMatch(/Invoiced\s+\$[\d,]+\.\d\d\s+–\s+–/);
  await screenshot(page, 'reconciliation-offline-1366');
}, 90_000);
