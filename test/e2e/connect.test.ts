import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from '../harness/harness';
import { startXeroEmulator } from '../xero-emulator/index';
import { freePort } from '../helpers/free-port';
import { launchBrowser, screenshot, watchConsole, newPinnedPage, e2eNow } from '../helpers/browser';

/**
 * The office manager's path in real Chromium: Authenticate tab, type the Client ID, Save,
 * Connect to Xero, approve on Xero's (the emulator's) consent page, see the organisation.
 */
let harness: Harness;
let browser: Browser;
let emulator: Awaited<ReturnType<typeof startXeroEmulator>>;
const keychainService = `facility-sync-e2e-${randomUUID()}`;
const CLIENT_ID = 'e2e-desktop-app';

beforeAll(async () => {
  emulator = await startXeroEmulator();
  const oauthPort = await freePort();
  emulator.admin.registerApp({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${oauthPort}/callback`] });
  harness = await startHarness({ now: e2eNow, xeroBaseUrl: emulator.url, oauthPort, keychainService });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await emulator?.close();
  for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
});

async function openedUrls(): Promise<string[]> {
  const res = await fetch(`${harness.origin}/__harness/opened-urls`, { headers: { 'x-harness-token': harness.token } });
  return (await res.json()) as string[];
}

test('Connect to Xero from the Authenticate tab and see the connected organisation', async () => {
  const page = await newPinnedPage(browser, { width: 1280, height: 900 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/quick-guide`);

  // The Quick guide gives the exact redirect URI with a Copy button.
  await expect.poll(() => page.getByTestId('redirect-uri').first().innerText()).toMatch(/^http:\/\/localhost:\d+\/callback$/);
  expect(await page.getByRole('button', { name: 'Copy', exact: true }).count()).toBeGreaterThan(0);

  await page.getByRole('tab', { name: 'Authenticate' }).click();
  await page.getByRole('textbox', { name: 'Client ID' }).fill(CLIENT_ID);
  expect(await page.getByLabel('Client Secret', { exact: true }).getAttribute('type')).toBe('password');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText('Saved.').count()).toBe(1);

  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect.poll(async () => (await openedUrls()).length).toBe(1);
  const authorizeUrl = (await openedUrls())[0]!;
  expect(authorizeUrl.startsWith(`${emulator.url}/identity/connect/authorize?`)).toBe(true);
  await expect.poll(() => page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
  // While waiting, the tab already says what an error page in the browser would mean.
  expect(await page.getByRole('alert').filter({ hasText: 'Xero shows an error page instead?' }).isVisible()).toBe(true);

  // The "system browser": the emulator's consent page.
  const xeroPage = await newPinnedPage(browser);
  await xeroPage.goto(authorizeUrl);
  await xeroPage.getByLabel('Harbour Storage Ltd').check();
  await xeroPage.getByRole('button', { name: 'Allow access' }).click();
  await expect.poll(() => xeroPage.getByText('You can close this window and return to Facility Sync').count()).toBe(1);
  await xeroPage.close();

  await expect.poll(() => page.getByText('Connected to Harbour Storage Ltd').count(), { timeout: 15_000 }).toBe(1);
  expect(await page.getByRole('button', { name: 'Disconnect' }).count()).toBe(1);
  await screenshot(page, 'authenticate-connected');
  expect(problems).toEqual([]);
});

test('Disconnect returns to Connect to Xero', async () => {
  const page = await newPinnedPage(browser, { width: 1280, height: 900 });
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/authenticate`);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  // One click only asks: the dialog says what disconnecting does and what stays in Xero.
  const dialog = page.getByRole('dialog', { name: 'Disconnect from Harbour Storage Ltd?' });
  await expect.poll(() => dialog.getByText('Everything already sent stays in Xero.', { exact: false }).count()).toBe(1);
  await dialog.getByRole('button', { name: 'Stay connected' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await page.getByText('Connected to Harbour Storage Ltd').count()).toBe(1);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Connect to Xero' }).count()).toBe(1);
  expect(await page.getByText('Disconnected from Harbour Storage Ltd').count()).toBe(1);
  expect(await keytar.findCredentials(keychainService)).toEqual([]);
});

test('Cancel while waiting, then a Client ID Xero does not know: told within 2 s, and the reason stays on the tab', async () => {
  const page = await newPinnedPage(browser, { width: 1366, height: 768 });
  const problems = watchConsole(page);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/authenticate`);

  // Waiting for the browser: the hint is there at once; Cancel keeps what an error page usually means.
  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  const hint = page.getByRole('alert').filter({ hasText: 'Xero shows an error page instead?' });
  await expect.poll(() => hint.count()).toBe(1);
  await screenshot(page, 'connect-waiting-1366');
  await page.getByRole('button', { name: 'Cancel' }).click();
  const kept = page.getByRole('alert').filter({ hasText: 'The last try to connect did not finish' });
  await expect.poll(() => kept.count()).toBe(1);
  expect(await kept.innerText()).toContain('You cancelled connecting to Xero');

  // A Client ID Xero does not know: said within 2 s of Connect, without opening the browser.
  await page.getByRole('textbox', { name: 'Client ID' }).fill('not-this-app');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
  const before = (await openedUrls()).length;
  await page.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect.poll(async () => (await kept.count()) === 1 && (await kept.innerText()).includes('Xero does not recognise this Client ID'), { timeout: 2_000, interval: 100 }).toBe(true);
  expect(await kept.innerText()).toContain('Unauthorized client');
  expect((await openedUrls()).length).toBe(before);
  // Said once (not also as a red error above it).
  expect(await page.getByText('Xero does not recognise this Client ID', { exact: false }).count()).toBe(1);

  // Leaving the tab and coming back still shows it.
  await page.goto(`${harness.url}#/dashboard`);
  await page.goto(`${harness.url}#/settings/integration/accounting-software/xero/authenticate`);
  await expect.poll(() => kept.count()).toBe(1);
  await screenshot(page, 'connect-wrong-client-id-1366');
  expect(problems).toEqual([]);
});
