/**
 * Integration Report UI figures in real Chromium over the browser harness: time to first rows,
 * then frame times while scrolling the virtualized table down until every payment is loaded
 * (100,000 at full size, 5,000 small), the row elements left in the DOM and the JS heap.
 * Read-only: nothing is selected or changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { DB_FILE_NAME, openDatabase } from '../main/db/open-database';
import { generateDemoData } from '../main/facility/demo-data';
import { writeDemoData } from '../main/facility/demo-write';
import { launchBrowser } from '../test/helpers/browser';
import { startHarness } from '../test/harness/harness';
import { measureScroll } from './report-ui-scroll';

type Size = 'small' | 'full';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** ~0.77 invoices per tenant-month and ~1.02 payments per invoice (see demo-data.ts). */
function buildDataDir(size: Size): { dir: string; payments: number; seconds: number } {
  const started = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-report-ui-'));
  const db = openDatabase(path.join(dir, DB_FILE_NAME));
  writeDemoData(db, generateDemoData({ seed: 7, locations: 6, tenants: size === 'full' ? 10_550 : 530, months: 12 }));
  db.pragma('optimize');
  const payments = db.prepare('SELECT count(*) FROM payments').pluck().get() as number;
  db.close();
  return { dir, payments, seconds: (performance.now() - started) / 1000 };
}

function ensureRendererBuilt(): void {
  if (existsSync(path.join(root, 'dist/renderer/index.html'))) return;
  console.log('dist/renderer missing: running `npx vite build`');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('`npx vite build` failed; the report UI bench needs the built renderer.');
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

async function chooseOption(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export default async function (size: Size): Promise<void> {
  ensureRendererBuilt();
  const data = buildDataDir(size);
  console.log(`report UI data: ${fmt(data.payments)} payments written in ${data.seconds.toFixed(1)} s`);
  const harness = await startHarness({ dataDir: data.dir, syncAutoStart: false });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${harness.url}#/reports/integration`);
    await chooseOption(page, 'Search by', 'Payments');
    await chooseOption(page, 'Status', 'All');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapStart = await heapUsed(cdp);

    const table = page.getByRole('table', { name: 'Integration report results' });
    const clicked = performance.now();
    await page.getByRole('button', { name: 'Get Report' }).click();
    await table.locator('[role="row"][aria-rowindex]').first().waitFor();
    const firstRowsMs = performance.now() - clicked;
    console.log(`time to first rows: ${firstRowsMs.toFixed(0)} ms (click "Get Report" -> first data row visible)`);

    // The page's own count of matching payments is what scrolling to the end must load.
    const countsText = (await page.getByLabel('Counts').textContent()) ?? '';
    const matching = Number(/([\d,]+) payments? match/.exec(countsText)?.[1]?.replaceAll(',', '') ?? data.payments);
    console.log(
      `report says: ${fmt(matching)} payments match; the table tells assistive technology aria-rowcount ` +
        `${fmt(Number(await table.getAttribute('aria-rowcount')))} (header included) with ${fmt(Number(await table.getAttribute('data-loaded-rows')))} rows loaded`,
    );

    const scroll = await measureScroll(page, { target: matching, capMs: size === 'full' ? 150_000 : 15_000 });
    const f = scroll.frames;
    console.log(
      `scroll: ${fmt(scroll.rowsLoaded)} of ${fmt(matching)} rows loaded in ${(scroll.elapsedMs / 1000).toFixed(1)} s` +
        ` (${fmt(scroll.scrolledPx)} px scrolled, ${fmt(scroll.waitFrames)} frames waiting at the bottom for the next page${scroll.capped ? ', STOPPED AT TIME CAP' : ''}${scroll.stalled ? ', STOPPED: NO NEW PAGE FOR 10 s' : ''})`,
    );
    console.log(`frames: ${fmt(f.count)}, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, over 50 ms: ${f.over50}, over 100 ms: ${f.over100} (${scroll.longAtPage} of the over-50 ms frames had just appended a page)`);
    console.log(`row elements in the DOM at the end: ${scroll.domRows} (of ${fmt(scroll.rowsLoaded)} rows loaded; last row shown: #${fmt(scroll.lastRowReached)})`);
    const heapEnd = await heapUsed(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapEndGc = await heapUsed(cdp);
    console.log(`JS heap used: ${mb(heapStart)} before the report, ${mb(heapEnd)} at the end, ${mb(heapEndGc)} after GC (+${mb(heapEndGc - heapStart)} holding ${fmt(scroll.rowsLoaded)} rows)`);
  } finally {
    await browser.close();
    await harness.close();
    rmSync(data.dir, { recursive: true, force: true });
  }
}
