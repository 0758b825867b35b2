/**
 * The integration report on a back-office laptop (issue 17), measured in real Chromium at 1366x768
 * and 1920x1080 on the demo facility (3 locations in Australia, a year of invoices), connected to the emulator: the 300 tenants reach Xero, the invoices wait with a
 * mapping problem and a Fix link (nothing is mapped). No sideways scroll, one scroll area, Fix
 * inside the window, at least 12 rows; the report kept across pages; dates, amounts and times in
 * the locations' locale; Exclude on a record in Xero asks first in plain words.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { e2eNow, launchBrowser, newPinnedPage, SHOTS_DIR, watchConsole } from '../helpers/browser';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { pickOption } from '../helpers/sample-harness';

/** What the window shows (the page is thousands of rows tall: a full-page picture says nothing about the laptop). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

let emulator: XeroEmulator;
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  harness = await startHarness({ now: e2eNow, xeroBaseUrl: emulator.url, xeroSession: await emulatorXeroSession(emulator), xeroMinuteMs: 600 });
  const api = harness.services.api;
  await api.loadDemoData({ seed: 17 });
  await api.refreshReferenceData();
  await api.syncNow();
  const deadline = Date.now() + 240_000;
  for (;;) {
    const s = await api.getSyncStatus();
    if (s.state === 'idle' && s.lastSyncAt !== null && s.waiting.tenant === 0) break;
    if (Date.now() > deadline) throw new Error(`sync did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
});

async function getReport(page: Page, kind: string, status: string): Promise<void> {
  await pickOption(page, page.getByRole('combobox', { name: 'Search by' }), kind);
  await pickOption(page, page.getByRole('combobox', { name: 'Status' }), status);
  await page.getByRole('button', { name: 'Get Report' }).click();
}

const table = (page: Page) => page.getByRole('table', { name: 'Integration report results' });

/** Scrolls the page (the one scroll area) so the results' column header sits under the app's header. */
async function scrollToResults(page: Page): Promise<void> {
  await table(page).evaluate((el) => {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header);
  });
  await page.waitForTimeout(300);
}

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  /** Elements other than the page that scroll (a nested scroll area). */
  nestedScrollers: string[];
  /** Rows whole inside the window, below the sticky column header. */
  rowsInView: number;
  /** Fix links in view, and those not wholly inside the window or their row. */
  fixLinks: number;
  fixOutside: number;
}

function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement!;
    const nestedScrollers: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const s = getComputedStyle(el);
      const scrollsY = /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
      const scrollsX = /(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
      if (scrollsY || scrollsX) nestedScrollers.push(`${el.tagName}.${el.className}`);
    }
    const t = document.querySelector('[aria-label="Integration report results"]')!;
    const headerRow = t.querySelector('[role="row"]')!.getBoundingClientRect();
    let rowsInView = 0;
    let fixLinks = 0;
    let fixOutside = 0;
    for (const row of t.querySelectorAll('[role="rowgroup"] [role="row"]')) {
      const r = row.getBoundingClientRect();
      if (r.top < headerRow.bottom - 1 || r.bottom > window.innerHeight + 1) continue;
      rowsInView++;
      const fix = row.querySelector('button[aria-label^="Fix"]');
      if (!fix) continue;
      fixLinks++;
      const b = fix.getBoundingClientRect();
      const inside = b.width > 0 && b.left >= 0 && b.right <= window.innerWidth && b.top >= r.top && b.bottom <= r.bottom;
      // Nothing covers it: the point at its centre is the link itself.
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (!inside || !(hit === fix || fix.contains(hit))) fixOutside++;
    }
    return { scrollWidth: scroller.scrollWidth, innerWidth: window.innerWidth, nestedScrollers, rowsInView, fixLinks, fixOutside };
  });
}

test('at 1366x768: no sideways scroll, one scroll area, 12+ rows, Fix always inside; dates and amounts as the locale writes them', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/reports/integration`);
  // Before any report: what to do.
  await expect.poll(() => page.getByRole('status', { name: 'Report is empty' }).innerText(), { timeout: 15_000 }).toMatch(/Choose what to list, then Get Report/);

  await getReport(page, 'Invoices', 'Non-synced');
  await expect.poll(() => table(page).getByRole('button', { name: /^Fix/ }).count(), { timeout: 30_000 }).toBeGreaterThan(12);
  await screenshot(page, 'report-laptop-1366-top');
  await scrollToResults(page);
  const layout = await measure(page);
  await screenshot(page, 'report-laptop-1366-rows');
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.nestedScrollers).toEqual([]);
  expect(layout.rowsInView).toBeGreaterThanOrEqual(12);
  expect(layout.fixLinks).toBe(layout.rowsInView);
  expect(layout.fixOutside).toBe(0);

  // Scrolled far down (rows loaded as the page scrolls), still no sideways scroll and Fix inside.
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(500);
  const deeper = await measure(page);
  expect(deeper.scrollWidth).toBeLessThanOrEqual(deeper.innerWidth);
  expect(deeper.rowsInView).toBeGreaterThanOrEqual(12);
  expect(deeper.fixOutside).toBe(0);

  // Record dates as en-AU writes them (the demo's locations are in Australia) with the ISO date on hover;
  // amounts with their currency and separators (AUD as "$"; another currency is named: NZD 2,675.00).
  const cells = await table(page).locator('[role="rowgroup"] [role="row"]').evaluateAll((rows) =>
    rows.map((r) => {
      const c = r.querySelectorAll('[role="cell"]');
      return { record: c[1]!.querySelector('[title]')?.getAttribute('title') ?? '', shown: c[1]!.querySelector('p')?.textContent ?? '', date: c[2]!.textContent, iso: c[2]!.getAttribute('title'), amount: c[3]!.textContent };
    }),
  );
  expect(cells.length).toBeGreaterThan(12);
  for (const c of cells) {
    expect(c.date).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(c.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.amount).toMatch(/^(\$|NZD\u00a0)\d{1,3}(,\d{3})*\.\d{2}$/);
    // The whole record id is there to read on hover, however narrow the column.
    expect(c.record.length).toBeGreaterThan(3);
    expect(c.record).toBe(c.shown);
  }
  expect(problems).toEqual([]);
  await page.close();
});

test('the report is kept when leaving Reports and coming back; a report with no rows says what to do', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  await page.goto(`${harness.url}#/reports/integration`);
  await getReport(page, 'Invoices', 'Non-synced');
  await expect.poll(() => table(page).getAttribute('data-loaded-rows'), { timeout: 30_000 }).not.toBe('0');
  const before = await page.locator('[aria-label="Counts"]').innerText();
  await page.evaluate(() => window.scrollTo(0, 2000));
  const firstRowBefore = await table(page).locator('[role="rowgroup"] [role="row"]').evaluateAll((rows) =>
    rows.find((r) => r.getBoundingClientRect().top >= 90)?.getAttribute('data-record-id'),
  );

  await page.getByRole('button', { name: 'Dashboard' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Accounting Software Integration Report' }).click();
  // Back without pressing Get Report: the same filters and the same results.
  await expect.poll(() => table(page).getAttribute('data-loaded-rows'), { timeout: 5_000 }).not.toBe('0');
  expect(await page.locator('[aria-label="Counts"]').innerText()).toBe(before);
  expect(await page.getByRole('combobox', { name: 'Search by' }).inputValue()).toBe('Invoices');
  expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('Non-synced');
  // Where it was scrolled to: the same rows at the top of the window.
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1900);
  const firstRowAfter = await table(page).locator('[role="rowgroup"] [role="row"]').evaluateAll((rows) =>
    rows.find((r) => r.getBoundingClientRect().top >= 90)?.getAttribute('data-record-id'),
  );
  expect(firstRowAfter).toBe(firstRowBefore);
  await screenshot(page, 'report-kept-1366');

  // No invoice has reached Xero (nothing is mapped): Synced lists none, and says what to do.
  await getReport(page, 'Invoices', 'Synced');
  const blank = page.getByRole('status', { name: 'Report is empty' });
  await expect.poll(() => blank.innerText(), { timeout: 15_000 }).toMatch(/No invoices here are synced\.[\s\S]*Set Status to All/);
  await screenshot(page, 'report-blank-1366');
  await page.close();
});

test('Exclude from sync on a tenant in Xero asks first: it stays in Xero; Cancel changes nothing', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  await page.goto(`${harness.url}#/reports/integration`);
  await getReport(page, 'Tenants', 'Synced');
  await expect.poll(() => table(page).getByRole('checkbox').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  // Times of the last send in the locations' time zone, the time never broken over two lines.
  const attempt = table(page).locator('[role="rowgroup"] [role="row"]').first().locator('[role="cell"]').nth(6);
  expect(await attempt.innerText()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}\n\d{1,2}:\d{2}\s?[ap]m$/);
  for (const line of await attempt.locator('div').all()) expect((await line.boundingBox())!.height).toBeLessThan(22);

  const first = table(page).getByRole('checkbox').first();
  await first.check();
  await pickOption(page, page.getByRole('combobox', { name: 'Sync option' }), 'Exclude from sync');
  await page.getByRole('button', { name: 'Apply' }).click();
  const ask = page.getByRole('dialog', { name: 'Exclude from sync?' });
  await expect.poll(() => ask.innerText(), { timeout: 10_000 }).toMatch(/1 tenant will no longer be sent to Xero/);
  expect(await ask.innerText()).toMatch(/It is already in Xero\. It stays in Xero as it is: Facility Sync only stops keeping it in step[\s\S]*To remove it from Xero, void or delete it in Xero itself/);
  await screenshot(page, 'exclude-confirm-1366');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => ask.count()).toBe(0);
  expect(await page.getByRole('dialog', { name: 'Sync option applied' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Apply' }).click();
  await ask.getByRole('button', { name: 'Exclude from sync' }).click();
  const outcome = page.getByRole('dialog', { name: 'Sync option applied' });
  await expect.poll(() => outcome.innerText(), { timeout: 10_000 }).toMatch(/1 tenant excluded from sync\. It is already in Xero\. It stays in Xero/);
  await screenshot(page, 'exclude-outcome-1366');
  await page.close();
});

test('at 1920x1080 the report fits as well, with more rows', async () => {
  const page = await newPinnedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${harness.url}#/reports/integration`);
  await getReport(page, 'Invoices', 'All');
  await expect.poll(() => table(page).getByRole('button', { name: /^Fix/ }).count(), { timeout: 30_000 }).toBeGreaterThan(12);
  await scrollToResults(page);
  const layout = await measure(page);
  await screenshot(page, 'report-1920');
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.nestedScrollers).toEqual([]);
  expect(layout.rowsInView).toBeGreaterThanOrEqual(20);
  expect(layout.fixOutside).toBe(0);
  await page.close();
});

test('the dashboard shows counts and the last sync as the locations write them', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  await page.goto(`${harness.url}#/`);
  const tenants = page.getByRole('region', { name: 'Tenants counts' });
  await expect.poll(() => tenants.innerText(), { timeout: 15_000 }).toMatch(/\d+ synced/);
  const invoices = await page.getByRole('region', { name: 'Invoices counts' }).innerText();
  // Thousands of invoices wait: written with a separator.
  expect(invoices).toMatch(/\d,\d{3} non-synced/);
  expect(await page.getByText(/^Last sync: /).innerText()).toMatch(/^Last sync: \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}\s[ap]m$/);
  await screenshot(page, 'dashboard-formats-1366');
  await page.close();
});

test('before anything is imported, the report says to import first, and where', async () => {
  const empty = await startHarness({ now: e2eNow });
  try {
    const page = await newPinnedPage(browser, { width: 1366, height: 768 });
    await page.goto(`${empty.url}#/reports/integration`);
    await getReport(page, 'Tenants', 'All');
    const blank = page.getByRole('status', { name: 'Report is empty' });
    await expect.poll(() => blank.innerText(), { timeout: 15_000 }).toMatch(/No tenants have been imported yet\.[\s\S]*Import the facility system's export on the Dashboard/);
    await screenshot(page, 'report-nothing-imported-1366');
    await blank.getByRole('button', { name: 'Dashboard' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(1);
    await page.close();
  } finally {
    await empty.close();
  }
});
