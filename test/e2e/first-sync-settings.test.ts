/**
 * The Synchronize tab's First sync section (issue 15) in real Chromium at a back-office laptop's
 * 1366x768, against the real services and the emulator, the page's clock and the services' calendar
 * pinned to E2E_NOW (21 Nov 2026). The sample's history (Jan and Feb 2025) is held by the proposed
 * start date (1 Jul 2026, the first day of the AU financial year); Xero's period is locked up to
 * 31 Jan 2025. Changing the start date to 1 Jan 2025 sends February and holds January in the locked
 * period (the report says why); choosing to post on the first open date sends January dated 1 Feb.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import { startHarness } from '../harness/harness';
import { e2eNow, launchBrowser, newPinnedPage, screenshot, watchConsole } from '../helpers/browser';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { DB_FILE_NAME } from '../../main/db/open-database';
import { createOrganisationState } from '../../main/sync/records/organisation';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';

const ORG = 'Demo Storage Co';
let emulator: XeroEmulator;
let harness: Harness;
let browser: Browser;
let page: Page;
let problems: string[];

/** The scheduler is idle twice in a row, half a second apart (a change queues a run behind the one running). */
async function settled(): Promise<void> {
  const api = harness.services.api;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const s = await api.getSyncStatus();
    if (s.state === 'idle' && s.lastSyncAt !== null) {
      await new Promise((r) => setTimeout(r, 500));
      if ((await api.getSyncStatus()).state === 'idle') return;
    }
    if (Date.now() > deadline) throw new Error(`sync did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Counted in the services' own SQLite file (read-only), to check the words on screen. */
function count(sql: string): number {
  const db = new Database(path.join(harness.services.config.dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  emulator.admin.setLockDates(ORG, { PeriodLockDate: '2025-01-31' });
  harness = await startHarness({
    now: e2eNow, xeroBaseUrl: emulator.url, xeroSession: await emulatorXeroSession(emulator), xeroMinuteMs: 600, proposeSyncStartDate: true,
  });
  const api = harness.services.api;
  await api.importFacilityData({ path: SAMPLE_CSV_DIR });
  await api.refreshReferenceData();
  const { mapping } = await api.suggestMapping();
  // The sample's locations have no tracking options in the emulator: leave tracking out so everything goes.
  await api.setMapping({ ...mapping, tracking: [] });
  // The harness hands the services a ready session instead of the OAuth flow, which is what records
  // the organisation the records belong to (organisation-guard.ts): record it as that flow would.
  const db = new Database(path.join(harness.services.config.dataDir, DB_FILE_NAME));
  createOrganisationState(db).adopt({ tenantId: emulator.admin.tenantId(ORG), name: ORG });
  db.close();
  await api.syncNow();
  await settled();
  browser = await launchBrowser();
  page = await newPinnedPage(browser, { width: 1366, height: 768 });
  problems = watchConsole(page);
}, 120_000);

let emulatorClosed = false;
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (!emulatorClosed) await emulator?.close();
});

const section = () => page.getByRole('region', { name: 'First sync' });

async function invoiceReport(): Promise<string> {
  await page.goto(`${harness.url}#/reports/integration`);
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.getByRole('option', { name: 'Invoices', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All', exact: true }).click();
  await page.getByRole('button', { name: 'Get Report' }).click();
  const table = page.getByRole('table', { name: 'Integration report results' });
  await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(9); // header + 8
  return table.innerText();
}

const xeroInvoice = (number: string) =>
  (emulator.admin.state().organisations[0]!.invoices as Array<{ InvoiceNumber: string; Date: string; Reference?: string }>).filter((i) => i.InvoiceNumber === number);

test('the proposed start date and the lock dates read at the last sync, in plain words', async () => {
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  const s = section();
  // The explanation shows at once; the settings follow from the services.
  await expect.poll(() => s.innerText(), { timeout: 15_000 }).toContain('Proposed: first day of your financial year, 1 Jul 2026.');
  const text = await s.innerText();
  expect(text).toContain('History before this date is already in Xero or comes in as opening balances.');
  expect(text).toMatch(/Locked up to 31 Jan 2025 \(period lock date 31 Jan 2025\)\. Read from Xero at the last sync, 21 Nov 2026 at \d\d:\d\d\./);
  expect(await s.getByRole('radio', { name: 'Hold records in a locked period (recommended)' }).isChecked()).toBe(true);
  await s.scrollIntoViewIfNeeded();
  await screenshot(page, 'first-sync-proposed-1366');
  // Send all history asks first, in words; Cancel leaves the start date as it was.
  await s.getByRole('button', { name: 'Send all history' }).click();
  const ask = page.getByRole('dialog', { name: 'Send all history?' });
  await expect.poll(() => ask.innerText()).toContain('those dated before 1 Jul 2026 go to Xero too');
  expect(await ask.innerText()).toContain('are held until the lock date moves');
  await screenshot(page, 'first-sync-send-all-history-asked-1366');
  await ask.getByRole('button', { name: 'Keep the start date' }).click();
  await expect.poll(() => ask.count()).toBe(0);
  expect((await harness.services.api.getSyncSettings()).startDate).toEqual({ date: '2026-07-01', confirmed: false });
  expect(await s.getByRole('button', { name: 'Send all history' }).isVisible()).toBe(true);
  // Everything in the sample is before the proposed date: held, not failed.
  const report = await invoiceReport();
  expect(report).toMatch(/^before start date$/im);
  expect(report).not.toMatch(/^synced$/im);
  expect(xeroInvoice('SYD-5001')).toHaveLength(0);
}, 60_000);

test('moving the start date to 1 Jan 2025 sends February and holds January in the locked period; posting on the first open date sends January', async () => {
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  const s = section();
  await s.getByRole('button', { name: 'Change' }).click();
  await s.getByRole('button', { name: 'New sync start date' }).click();
  // The calendar opens on the current start date's month (July 2026): up to the decade, then 2025, January, the 1st.
  await page.getByRole('button', { name: 'July 2026', exact: true }).click();
  await page.getByRole('button', { name: '2026', exact: true }).click();
  await page.getByRole('button', { name: '2025', exact: true }).click();
  await page.getByRole('button', { name: 'Jan', exact: true }).click();
  await page.getByRole('button', { name: '1 January 2025', exact: true }).click();
  await expect.poll(() => s.getByRole('button', { name: 'New sync start date' }).innerText()).toBe('1 Jan 2025');
  expect((await harness.services.api.getSyncSettings()).startDate).toEqual({ date: '2026-07-01', confirmed: false });
  const held = count("SELECT COUNT(*) FROM sync_records WHERE kind <> 'tenant' AND status = 'before_start_date'");
  expect(held).toBeGreaterThan(0);
  await s.getByRole('button', { name: 'Use this date' }).click();
  // The words come from the change's result: every dated record of the sample that was held now goes.
  await expect.poll(() => s.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/^Sync start date set to 1 Jan 2025\. \d+ records now go to Xero\.$/);
  const queued = Number(/(\d+) records now go/.exec(await s.getByRole('status').innerText())?.[1]);
  expect(queued).toBe(held); // all the sample's dated records are on or after 1 Jan 2025
  await expect.poll(() => s.innerText()).toContain('1 Jan 2025: records dated before it are not sent.');
  await screenshot(page, 'first-sync-start-date-changed-1366');
  await expect.poll(() => xeroInvoice('SYD-5004').length, { timeout: 60_000 }).toBe(1);
  await settled();

  let report = await invoiceReport();
  expect(report).toMatch(/SYD-5004[\s\S]*?^synced$/im);
  expect(report).toContain('The period up to 31 Jan 2025 is locked in Xero by your accountant.');
  expect(xeroInvoice('SYD-5004')).toHaveLength(1);
  expect(xeroInvoice('SYD-5001')).toHaveLength(0);
  await screenshot(page, 'first-sync-report-locked-1366');

  const locked = count("SELECT COUNT(*) FROM sync_records WHERE status = 'waiting' AND error_code = 'period_locked'");
  expect(locked).toBeGreaterThan(0);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  // The choice is the saved one (controlled by the answer of setSyncSettings): click, then wait for it.
  const post = section().getByRole('radio', { name: 'Post them on the first open date with their own date in the reference' });
  await post.click();
  await expect.poll(() => post.isChecked(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => section().getByRole('status').innerText(), { timeout: 15_000 })
    .toMatch(/^Records in a locked period are posted on the first open date \(1 Feb 2025\)\. \d+ records? now go to Xero\.$/);
  expect(Number(/(\d+) records? now go/.exec(await section().getByRole('status').innerText())?.[1])).toBe(locked);
  await screenshot(page, 'first-sync-post-on-first-open-date-1366');
  await expect.poll(() => xeroInvoice('SYD-5001').length, { timeout: 60_000 }).toBe(1);
  await settled();

  report = await invoiceReport();
  expect(report).not.toContain('is locked in Xero');
  expect(report).not.toMatch(/^before start date$/im);
  const jan = xeroInvoice('SYD-5001');
  expect(jan).toHaveLength(1);
  expect(String(jan[0]!.Date).slice(0, 10)).toBe('2025-02-01');
  expect(jan[0]!.Reference).toContain('(dated 5 Jan 2025)');
  await screenshot(page, 'first-sync-report-posted-1366');
  expect(problems).toEqual([]);
}, 180_000);

test('offline: with Xero unreachable the section still shows the last lock dates, when they were read, and the choice', async () => {
  await emulator.close();
  emulatorClosed = true;
  await harness.services.api.syncNow().catch(() => undefined);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  const s = section();
  await expect.poll(() => s.innerText(), { timeout: 15_000 })
    .toMatch(/Locked up to 31 Jan 2025 \(period lock date 31 Jan 2025\)\. Read from Xero at the last sync, 21 Nov 2026 at \d\d:\d\d\./);
  expect(await s.innerText()).toContain('1 Jan 2025: records dated before it are not sent.');
  expect(await s.getByRole('radio', { name: 'Post them on the first open date with their own date in the reference' }).isChecked()).toBe(true);
  await s.scrollIntoViewIfNeeded();
  await screenshot(page, 'first-sync-offline-1366');
  // Offline too, the change applies here once confirmed (the run that follows waits for Xero).
  await s.getByRole('button', { name: 'Send all history' }).click();
  await page.getByRole('dialog', { name: 'Send all history?' }).getByRole('button', { name: 'Send all history' }).click();
  await expect.poll(() => s.innerText(), { timeout: 15_000 }).toContain('None: all history is sent to Xero.');
  expect(await s.getByRole('status').innerText()).toMatch(/^No sync start date: all history is sent\./);
  expect((await harness.services.api.getSyncSettings()).startDate.date).toBeNull();
  expect(problems).toEqual([]);
}, 60_000);
