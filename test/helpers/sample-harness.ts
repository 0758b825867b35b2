/**
 * For browser tests of the Synchronize tab: the emulator, the harness on the real services with
 * the sample facility imported, and Chromium; `selectField` finds a Mantine Select's input by its label.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';
import { e2eNow, launchBrowser } from './browser';
import { emulatorXeroSession } from './emulator-xero-session';
import { SAMPLE_CSV_DIR } from './sample-facility-db';

export interface SampleHarness {
  emulator: XeroEmulator;
  harness: Harness;
  browser: Browser;
  close(): Promise<void>;
}

/** `xeroClock`: Xero's clock reads this from the start (before anything is sent), whatever today is. */
export async function startSampleHarness(opts: { xeroClock?: Date } = {}): Promise<SampleHarness> {
  const emulator = await startXeroEmulator({ minuteMs: 600 });
  if (opts.xeroClock) emulator.admin.advanceClock(opts.xeroClock.getTime() - Date.now());
  const harness = await startHarness({ now: e2eNow, xeroBaseUrl: emulator.url, xeroSession: await emulatorXeroSession(emulator), xeroMinuteMs: 600 });
  await harness.services.api.importFacilityData({ path: SAMPLE_CSV_DIR });
  const browser = await launchBrowser();
  return {
    emulator, harness, browser,
    async close() {
      await browser.close();
      await harness.close();
      await emulator.close();
    },
  };
}

/** A Mantine Select's (or text input's) input by its visible label. */
export const selectField = (page: Page, label: string) => page.locator('input:not([type="hidden"])').and(page.getByLabel(label, { exact: true }));

/**
 * Opens a Mantine Select's list and clicks one of its options. A click on the field toggles the
 * list, so on a loaded machine a click during an opening animation can be lost, and a second click
 * closes the list while its options are still in the page ("element is not visible"). So: click
 * the field only while the option is not visible, give the list two seconds to open, and repeat;
 * and when the list closes under the option's click (seen in a full run under load), open it again.
 */
export async function pickOption(page: Page, select: Locator, optionName: string, timeoutMs = 20_000): Promise<void> {
  const option = page.getByRole('option', { name: optionName, exact: true });
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (Date.now() > until) throw new Error(`The option "${optionName}" could not be clicked after opening its list for ${timeoutMs / 1000} s`);
    if (!(await option.isVisible())) {
      await select.click();
      await option.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
      continue;
    }
    try {
      await option.click({ timeout: 3_000 });
      return;
    } catch {
      // The list closed while the click waited for the option to settle: open it again.
    }
  }
}

/**
 * The sample harness with the suggested mapping saved (tracking left out: the sample's locations have
 * no tracking options in the emulator, so everything goes) and one sync run finished.
 */
export async function startSyncedSampleHarness(): Promise<SampleHarness> {
  const h = await startSampleHarness();
  const api = h.harness.services.api;
  await api.refreshReferenceData();
  const { mapping } = await api.suggestMapping();
  await api.setMapping({ ...mapping, tracking: [] });
  await api.syncNow();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await api.getSyncStatus();
    if (s.state === 'idle' && s.lastSyncAt !== null) return h;
    if (Date.now() > deadline) throw new Error(`sync did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** On the integration report: Search by `kind` (its label, e.g. "Credit notes"), Status All, Get Report; the results table. */
export async function reportAll(page: Page, kind: string): Promise<Locator> {
  await page.getByRole('combobox', { name: 'Search by' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All', exact: true }).click();
  await page.getByRole('button', { name: 'Get Report' }).click();
  return page.getByRole('table', { name: 'Integration report results' });
}
