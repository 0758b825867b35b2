/**
 * Credit notes and refunds in the integration report and on the dashboard (issue 13), at a
 * back-office laptop's 1366x768: the sample's three credit notes (a correction applied to an
 * invoice, a move-out refund credit, a write-off) and its refund, synced to the emulator.
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

test('the report lists credit notes with their numbers and status, and refunds with their credit note', async () => {
  await page.goto(`${h.harness.url}#/reports/integration`);
  const credits = await report('Credit notes');
  await expect.poll(() => credits.getByRole('row').count(), { timeout: 15_000 }).toBe(4); // header + 3
  const text = await credits.innerText();
  for (const n of ['SYD-CN-7001', 'SYD-CN-7002', 'SYD-CN-7003']) expect(text).toContain(n);
  expect(text).not.toMatch(/Failed|Waiting/);
  await screenshot(page, 'credit-notes-report-1366');

  const refunds = await report('Refunds');
  await expect.poll(() => refunds.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
  expect(await refunds.innerText()).toMatch(/SYD-CN-7002[\s\S]*200\.00|200\.00[\s\S]*SYD-CN-7002/);
  await screenshot(page, 'refunds-report-1366');

  const allocations = await report('Credit allocations');
  await expect.poll(() => allocations.getByRole('row').count(), { timeout: 15_000 }).toBe(4); // the correction, the write-off and the prepayment applied to MEL-5008
  expect(await allocations.innerText()).toContain('P-9101 -> MEL-5008');
  expect(await allocations.innerText()).toContain('SYD-CN-7001 -> SYD-5004');
  expect(problems).toEqual([]);
});

test('the dashboard counts credit notes, allocations and refunds like every other kind', async () => {
  await page.goto(`${h.harness.url}#/`);
  for (const label of ['Credit notes', 'Credit allocations', 'Refunds']) {
    const card = page.getByRole('region', { name: `${label} counts` });
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toMatch(/synced/);
  }
  expect(await page.getByRole('region', { name: 'Credit notes counts' }).innerText()).toMatch(/3 synced/);
  await screenshot(page, 'dashboard-credits-1366');
});
