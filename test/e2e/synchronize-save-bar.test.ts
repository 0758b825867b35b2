import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Harness } from '../harness/harness';
import { newPinnedPage, screenshot, SHOTS_DIR, watchConsole } from '../helpers/browser';
import { selectField, startSampleHarness, type SampleHarness } from '../helpers/sample-harness';

/**
 * The Synchronize tab on a 1366x768 laptop (issue 17): a field's warning goes once Create in Xero
 * has filled it (before Save); success messages show next to what they are about, in view; the
 * save bar stays at the bottom of the window, counts the problems, and takes the user to the first.
 */
let h: SampleHarness;
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startSampleHarness();
  ({ harness, browser } = h);
});
afterAll(async () => h?.close());

const VIEWPORT = { width: 1366, height: 768 };

/** What the window shows (the sticky bar where the user sees it), beside the full-page screenshot. */
async function windowShot(page: Page, name: string) {
  await screenshot(page, name);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}-window.png`) });
}

async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= VIEWPORT.height;
}

test('Create in Xero clears the warning at once; messages sit by their cause; the save bar sticks and finds the first problem', async () => {
  const page = await newPinnedPage(browser, VIEWPORT);
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/synchronize`);
  const bar = page.getByRole('region', { name: 'Save the mapping' });

  // Refresh from Xero: its message is by the toolbar's buttons.
  await page.getByRole('button', { name: 'Refresh from Xero' }).click();
  const loaded = page.getByText('Loaded the latest accounts, tax rates, categories and items from Xero.');
  await expect.poll(() => loaded.count()).toBe(1);
  expect(await loaded.locator('xpath=ancestor-or-self::*[@data-message-at][1]').getAttribute('data-message-at')).toBe('toolbar');

  await page.getByRole('button', { name: 'Suggest mappings' }).click();
  await expect.poll(() => selectField(page, 'Tracking category 1').inputValue()).toBe('Location');

  // Not saved yet, the draft's own problems show: Sydney has no option in Xero.
  const warning = page.getByText('Sydney Central Storage has no "Location" option: its invoices will wait until you choose one.');
  await expect.poll(() => warning.count()).toBe(1);
  const countBefore = Number((await bar.getByRole('button', { name: /mapping problems?$/ }).innerText()).split(' ')[0]);
  expect(countBefore).toBeGreaterThan(0);

  // Create in Xero under the Sydney field: the warning goes at once, the success shows under that field, in view.
  const sydney = selectField(page, 'Sydney Central Storage');
  const row = sydney.locator('xpath=ancestor::div[contains(@class,"mantine-Stack-root")][1]');
  await row.getByRole('button', { name: 'Create in Xero' }).scrollIntoViewIfNeeded();
  await row.getByRole('button', { name: 'Create in Xero' }).click();
  const created = row.getByText('Created the option "Sydney Central Storage" in Xero.');
  await expect.poll(() => created.count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => warning.count()).toBe(0);
  expect(await sydney.inputValue()).toBe('Sydney Central Storage');
  expect(await inView(page, created)).toBe(true);
  const fieldBox = (await sydney.boundingBox())!;
  const messageBox = (await created.boundingBox())!;
  expect(messageBox.y - fieldBox.y).toBeGreaterThan(0);
  expect(messageBox.y - fieldBox.y).toBeLessThan(160);
  // One problem fewer in the save bar, still unsaved.
  const problemCount = async () => {
    const button = bar.getByRole('button', { name: /mapping problems?$/ });
    return (await button.count()) === 0 ? 0 : Number((await button.innerText()).split(' ')[0]);
  };
  await expect.poll(problemCount).toBe(countBefore - 1);
  expect(await bar.innerText()).toContain('Unsaved changes');
  await windowShot(page, 'synchronize-create-in-xero-1366');

  // Every other missing option too, then Save: the save message is in the bar, at the bottom of the window.
  const createAll = page.getByRole('button', { name: /^Create all missing/ });
  if (await createAll.count()) await createAll.first().click();
  for (let n = await page.getByRole('button', { name: 'Create in Xero' }).count(); n > 0; n = await page.getByRole('button', { name: 'Create in Xero' }).count()) {
    const button = page.getByRole('button', { name: 'Create in Xero' }).first();
    const label = await button.locator('xpath=ancestor::div[contains(@class,"mantine-Stack-root")][1]').innerText();
    if (label.includes('Creates an item')) break; // items are created through a dialog; not needed here
    await button.click();
    await expect.poll(() => page.getByRole('button', { name: 'Create in Xero' }).count(), { timeout: 20_000 }).toBeLessThan(n);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await bar.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = bar.getByText(/^Mapping saved\./);
  await expect.poll(() => saved.count(), { timeout: 20_000 }).toBe(1);
  expect(await inView(page, saved)).toBe(true);

  // The bar is at the bottom of the window whether the page is at its top or scrolled.
  for (const y of [0, 600]) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    const box = (await bar.boundingBox())!;
    expect(Math.abs(box.y + box.height - VIEWPORT.height)).toBeLessThan(2);
  }
  expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 600)).toBe(true);

  // A new problem far down the page (Cash payments lose their account): counted at once, and the
  // count takes the user there, with the focus in the field.
  const savedIssues = (await harness.services.api.getMapping()).issues.length;
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const cash = selectField(page, 'Cash');
  await cash.hover();
  await cash.locator('xpath=ancestor::div[contains(@class,"mantine-Select-root")][1]').locator('button').first().click();
  await expect.poll(() => cash.inputValue()).toBe('');
  const count = bar.getByRole('button', { name: /mapping problems?$/ });
  await expect.poll(() => count.innerText()).toBe(`${savedIssues + 1} mapping problem${savedIssues + 1 === 1 ? '' : 's'}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await inView(page, cash)).toBe(false);
  await count.click();
  const firstProblem = page.locator('[data-mapping-problem]').first();
  await expect.poll(() => firstProblem.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await inView(page, firstProblem)).toBe(true);
  if (savedIssues === 0) {
    // The only problem is the Cash field: it is the one in view, with the focus.
    expect(await cash.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText('Cash payments have no account: they will wait until you choose a Xero bank account.').count()).toBe(1);
  }
  await windowShot(page, 'synchronize-save-bar-first-problem-1366');

  // A problem message goes where its cause is too: Refresh from Xero while Xero cannot be reached.
  h.emulator.admin.setFaults({ offline: true });
  try {
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Refresh from Xero' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Xero could not be reached' });
    await expect.poll(() => failed.count(), { timeout: 60_000 }).toBe(1);
    expect(await failed.getAttribute('data-message-at')).toBe('toolbar');
    expect(await inView(page, failed)).toBe(true);
    await windowShot(page, 'synchronize-refresh-offline-1366');
  } finally {
    h.emulator.admin.setFaults({ offline: false });
  }
  expect(problems).toEqual([]);
});
