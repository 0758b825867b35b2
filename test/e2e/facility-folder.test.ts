import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { launchBrowser, screenshot, newPinnedPage, e2eNow, watchConsole } from '../helpers/browser';

/** Settings > Facility data folder in the browser demo (a text field there), and the dashboard's last import. */
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  harness = await startHarness({ now: e2eNow, syncAutoStart: false, facilityFolderStableMs: 300 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('a folder is chosen in Settings, checked, and files saved there show on the dashboard as they are imported', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Facility data folder' });
  const field = card.getByLabel('Folder');

  await field.fill('/no/such/folder');
  await card.getByRole('button', { name: 'Save folder' }).click();
  await expect.poll(() => card.getByText('The folder /no/such/folder does not exist. Create it or choose another folder.').count()).toBe(1);

  const folder = mkdtempSync(path.join(os.tmpdir(), 'demo-folder-'));
  await field.fill(folder);
  await card.getByRole('button', { name: 'Save folder' }).click();
  await expect.poll(() => card.getByText(`Watching ${folder}: export files saved there are imported as they arrive.`).count()).toBe(1);
  await screenshot(page, 'settings-facility-folder-1366');

  await page.getByRole('button', { name: 'Dashboard' }).click();
  cpSync(path.resolve('test/fixtures/csv-sample/locations.csv'), path.join(folder, 'locations.csv'));
  writeFileSync(path.join(folder, 'buildings.csv'), 'building_id,location_id,name,updated_at\nB-1,LOC-NOPE,Building,2025-01-02T09:00:00Z\n');
  const status = page.getByRole('status', { name: 'Facility data folder' });
  // The time as the locations write it (Sydney: 10:00 UTC on the pinned day is 9:00 pm there).
  await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/Last file: buildings\.csv \(21 Nov 2026, 9:00\spm\), rejected: 1 row rejected: line 2: location "LOC-NOPE" is unknown; import it first/);
  expect(await status.innerText()).toContain(`Watching ${folder}.`);
  expect(existsSync(path.join(folder, 'imported', 'locations.csv.result.txt'))).toBe(true);
  expect(existsSync(path.join(folder, 'rejected', 'buildings.csv.result.txt'))).toBe(true);
  await screenshot(page, 'dashboard-facility-folder-1366');
  expect(problems).toEqual([]);
});
