/**
 * Prepayments in the integration report (issue 14), at a back-office laptop's 1366x768: the sample's
 * prepayment (P-9101, Jack O'Brien paid February and March ahead; February's applied to MEL-5008),
 * synced to the emulator. Payments, prepayments and refunds say their type, a prepayment how much is
 * still unapplied, and Search by Tenants shows each tenant's balance in the facility and in Xero side
 * by side once Xero's balances are read.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPinnedPage, screenshot, watchConsole } from '../helpers/browser';
import { reportAll, startSyncedSampleHarness, type SampleHarness } from '../helpers/sample-harness';

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

const report = (kind: string) => reportAll(page, kind);

test('payments and prepayments say their type; a prepayment shows what is still unapplied', async () => {
  await page.goto(`${h.harness.url}#/reports/integration`);
  const prepayments = await report('Prepayments');
  await expect.poll(() => prepayments.getByRole('row').count(), { timeout: 15_000 }).toBe(2); // header + P-9101
  const row = prepayments.locator('[data-record-id="P-9101"]');
  await expect.poll(() => row.innerText(), { timeout: 15_000 }).toMatch(/synced/i);
  const text = await row.innerText();
  expect(text).toContain("Prepayment · Jack O'Brien");
  expect(text).toMatch(/\$290\.00[\s\S]*\$145\.00 unapplied/);
  await screenshot(page, 'prepayments-report-1366');

  const payments = await report('Payments');
  await expect.poll(() => payments.getByRole('row').count(), { timeout: 15_000 }).toBe(6);
  expect(await payments.locator('[data-record-id="P-9001"]').innerText()).toContain('Payment · Olivia Smith');
  const refunds = await report('Refunds');
  await expect.poll(() => refunds.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
  expect(await refunds.locator('[data-record-id="R-8001"]').innerText()).toContain('Refund · Nguyen Bros, Removals');
  expect(problems).toEqual([]);
});

test("Search by Tenants: each tenant's balance in the facility, and Xero's beside it once read", async () => {
  await page.goto(`${h.harness.url}#/reports/integration`);
  const tenants = await report('Tenants');
  await expect.poll(() => tenants.getByRole('row').count(), { timeout: 15_000 }).toBe(5);
  expect(await tenants.getByRole('columnheader', { name: 'Balance' }).count()).toBe(1);
  const jack = tenants.locator('[data-record-id="T-1003"]');
  // Owes nothing on MEL-5003 or MEL-5008, and holds March's rent (145.00) in credit.
  expect(await jack.innerText()).toMatch(/-\$145\.00[\s\S]*Xero: not read/);
  await page.getByRole('button', { name: 'Compare balances with Xero' }).click();
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Balances agree' }).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => jack.innerText(), { timeout: 15_000 }).toMatch(/-\$145\.00[\s\S]*Xero -\$145\.00/);
  expect(await tenants.locator('[data-balance-differs]').count()).toBe(0);
  expect(await page.getByText(/Xero's balances as read/).count()).toBe(1);
  await screenshot(page, 'tenant-balances-1366');
  expect(problems).toEqual([]);
});
