import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MonthlyAmounts } from '../../contract';
import { DB_FILE_NAME } from '../../main/db/open-database';
import { startHarness, type Harness } from '../harness/harness';
import { e2eNow, launchBrowser, newPinnedPage, screenshot, watchConsole } from '../helpers/browser';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';

/**
 * The dashboard in real Chromium (issues 16 and 17): the per-month chart of amounts synced, waiting
 * and failed shows the contract's sums for the 12 months up to the pinned November 2026, and the
 * three top cards keep equal heights and their places when what they say changes.
 */
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  harness = await startHarness({ now: e2eNow, syncAutoStart: false });
  await harness.services.api.loadDemoData({ seed: 7 });
  // The sync engine's outcomes as it leaves them (the chart only reads them): older invoices in
  // Xero, some of October's refused, the rest still waiting.
  const db = new Database(path.join(harness.services.config.dataDir, DB_FILE_NAME));
  db.prepare("UPDATE sync_records SET status = 'synced' WHERE kind = 'invoice' AND record_date < '2026-10-01'").run();
  db.prepare("UPDATE sync_records SET status = 'failed' WHERE kind = 'invoice' AND record_date LIKE '2026-10-%' AND record_id % 4 = 0").run();
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

interface Box { x: number; y: number; width: number; height: number }
async function cardBoxes(page: Page): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const name of ['Xero connection', 'Sync', 'Facility data']) {
    const box = await page.getByRole('region', { name, exact: true }).boundingBox();
    if (!box) throw new Error(`the ${name} card is not shown`);
    boxes.push(box);
  }
  return boxes;
}

function expectOneRow(boxes: Box[]) {
  const [first] = boxes as [Box];
  for (const b of boxes) {
    expect(Math.abs(b.y - first.y)).toBeLessThan(1);
    expect(Math.abs(b.height - first.height)).toBeLessThan(1);
    expect(Math.abs(b.width - first.width)).toBeLessThan(1);
  }
}

test('the chart shows amounts synced, waiting and failed per month, as the contract sums them', async () => {
  const amounts = (await harness.services.api.getMonthlyAmounts()) as MonthlyAmounts;
  expect(amounts.months.at(-1)).toBe('2026-11');
  const october = amounts.kinds.find((k) => k.kind === 'invoices')!.months.find((m) => m.month === '2026-10')!;
  expect(october.failedCents).toBeGreaterThan(0);
  expect(october.waitingCents).toBeGreaterThan(0);

  for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    const page = await newPinnedPage(browser, viewport);
    const problems = watchConsole(page);
    await page.goto(harness.url);
    const chart = page.getByRole('region', { name: 'Amounts by month' });
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 }).toBeGreaterThan(12);
    expect(await chart.getByText(/^Amounts by month \(/).innerText()).toBe(`Amounts by month (${amounts.currency})`);
    expect(await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents()).toEqual(expect.arrayContaining(['Dec 2025', 'Oct 2026', 'Nov 2026']));

    // October's bar: its tooltip gives the three sums in the organisation's currency.
    const money = (cents: number) => page.evaluate(([c, cur]) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: cur, currencyDisplay: 'narrowSymbol' }).format(c / 100), [cents, amounts.currency!] as const);
    await chart.scrollIntoViewIfNeeded();
    const oct = chart.locator('.recharts-cartesian-axis-tick-value', { hasText: 'Oct 2026' });
    const tick = (await oct.boundingBox())!;
    const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
    await page.mouse.move(tick.x + tick.width / 2, plot.y + plot.height / 2, { steps: 4 });
    const tooltip = chart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.innerText()).toContain('Oct 2026');
    const text = await tooltip.innerText();
    expect(text).toContain(await money(october.syncedCents));
    expect(text).toContain(await money(october.waitingCents));
    expect(text).toContain(await money(october.failedCents));
    expect(text).toMatch(/Synced[\s\S]*Waiting[\s\S]*Failed/);
    await screenshot(page, `dashboard-chart-invoices-${viewport.width}`);

    // Another kind: payments, all waiting.
    await chart.getByText('Payments', { exact: true }).click();
    await expect.poll(() => chart.getByText(/^Payments by document date/).count()).toBe(1);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await screenshot(page, `dashboard-chart-payments-${viewport.width}`);
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }
});

test('the top cards have equal heights and keep their places when what they say changes', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(harness.url);
  await expect.poll(() => page.getByRole('region', { name: 'Facility data', exact: true }).count()).toBe(1);
  const before = await cardBoxes(page);
  expectOneRow(before);
  await screenshot(page, 'dashboard-cards-before-1366');

  // The state changes: sync paused (another message) and an import's result in the Facility data card.
  await harness.services.api.pauseSync();
  await expect.poll(() => page.getByRole('region', { name: 'Sync', exact: true }).innerText(), { timeout: 20_000 }).toContain('Sync is paused.');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import facility data…' }).click();
  await (await chooser).setFiles(path.join(SAMPLE_CSV_DIR, 'locations.csv'));
  await expect.poll(() => page.getByText('Import finished').count(), { timeout: 20_000 }).toBe(1);

  const after = await cardBoxes(page);
  expectOneRow(after);
  // Nothing moved sideways or changed width.
  after.forEach((b, i) => {
    expect(Math.abs(b.x - before[i]!.x)).toBeLessThan(1);
    expect(Math.abs(b.width - before[i]!.width)).toBeLessThan(1);
  });
  await screenshot(page, 'dashboard-cards-after-1366');
  await harness.services.api.resumeSync();
  expect(problems).toEqual([]);
});
