/**
 * For browser tests of the Synchronize tab: the emulator, the harness on the real services with
 * the sample facility imported, and Chromium; `selectField` finds a Mantine Select's input by its label.
 */
import type { Browser, Page } from 'playwright-core';
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

export async function startSampleHarness(): Promise<SampleHarness> {
  const emulator = await startXeroEmulator({ minuteMs: 600 });
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
