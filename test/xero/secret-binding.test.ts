import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createServices, type Services } from '../../main/services';
import { keychainAccount } from '../../main/xero/secret-store';
import { startXeroEmulator } from '../xero-emulator/index';
import { driveConsent } from '../helpers/consent';
import { freePort } from '../helpers/free-port';

/**
 * Issue 18 finding 1: one keychain service (as in the shipped app), several data folders and
 * Xero addresses. Real emulators, the real keychain, real settings files.
 */
type Emulator = Awaited<ReturnType<typeof startXeroEmulator>>;
const service = `facility-sync-test-${randomUUID()}`;
const CLIENT = { clientId: 'bound-web-app', clientSecret: 'the-client-secret' };
let xero: Emulator;
let other: Emulator;
const open: Services[] = [];

beforeAll(async () => {
  [xero, other] = await Promise.all([startXeroEmulator(), startXeroEmulator()]);
});
afterAll(async () => {
  await Promise.all([xero?.close(), other?.close()]);
});
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

const newDataDir = () => mkdtempSync(path.join(os.tmpdir(), 'bound-'));
const refreshTokenOf = (dataDir: string, emulator: Emulator) =>
  keytar.getPassword(service, keychainAccount('refresh-token', { dataDir: realpathSync(dataDir), issuer: emulator.url }));

async function app(dataDir: string, emulator: Emulator): Promise<Services> {
  const port = await freePort();
  emulator.admin.registerApp({ ...CLIENT, redirectUris: [`http://localhost:${port}/callback`] });
  const services = await createServices({
    dataDir, xeroBaseUrl: emulator.url, keychainService: service, oauthPort: port, oauthTimeoutMs: 10_000, syncAutoStart: false,
    openExternal: async (url) => void (await driveConsent(url)),
  });
  open.push(services);
  return services;
}

async function connected(dataDir: string, emulator: Emulator): Promise<Services> {
  const services = await app(dataDir, emulator);
  await services.api.saveXeroCredentials(CLIENT);
  expect((await services.api.connectXero()).state).toBe('connected');
  return services;
}

async function closeAll(): Promise<void> {
  while (open.length) await open.pop()!.close();
}

describe('secrets are bound to their data folder and Xero issuer', () => {
  test('another Xero address for a connected folder: not connected, with the reason, and nothing is sent there', async () => {
    const dir = newDataDir();
    await connected(dir, xero);
    await closeAll();
    other.admin.log.length = 0;

    const elsewhere = await app(dir, other);
    const status = elsewhere.xeroConnection.status();
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain(xero.url);
    expect(status.reason).toContain(other.url);
    expect((await elsewhere.api.getXeroSettings()).hasClientSecret).toBe(false);
    await expect(elsewhere.xeroConnection.getAccessToken()).rejects.toMatchObject({ code: 'not_connected', message: expect.stringContaining(xero.url) });
    expect(elsewhere.xeroConnection.tenantId()).toBeNull();
    await elsewhere.api.syncNow();
    expect(other.admin.log).toEqual([]);
    await closeAll();

    // Back on its own Xero, the folder is connected as before.
    const home = await app(dir, xero);
    expect(home.xeroConnection.status().state).toBe('connected');
    expect(await home.xeroConnection.getAccessToken()).toBeTruthy();
  });

  test('a second data folder keeps its own sign-in; disconnecting it leaves the first one alone', async () => {
    const first = newDataDir();
    const second = newDataDir();
    await connected(first, xero);
    const firstToken = await refreshTokenOf(first, xero);
    expect(firstToken).toBeTruthy();

    const secondApp = await connected(second, xero);
    expect(await refreshTokenOf(second, xero)).toBeTruthy();
    expect(await refreshTokenOf(second, xero)).not.toBe(firstToken);
    expect(await refreshTokenOf(first, xero)).toBe(firstToken);

    await secondApp.api.disconnectXero();
    expect(await refreshTokenOf(second, xero)).toBeNull();
    expect(await refreshTokenOf(first, xero)).toBe(firstToken);
    await closeAll();
    const firstApp = await app(first, xero);
    expect(await firstApp.xeroConnection.getAccessToken()).toBeTruthy();
  });

  test('plain http to anything but this computer is refused before anything is created', async () => {
    const dataDir = path.join(newDataDir(), 'never');
    for (const base of ['http://192.168.1.20:47310', 'http://evil.example', 'http://127.0.0.1.evil.example:80', 'ftp://127.0.0.1/']) {
      await expect(createServices({ dataDir, xeroBaseUrl: base, keychainService: service, syncAutoStart: false })).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('the shared sign-in older versions kept', () => {
  async function legacyFolder(): Promise<string> {
    const dir = newDataDir();
    const seeded = await createServices({ dataDir: dir, keychainService: service, syncAutoStart: false });
    seeded.settings.set('xero.clientId', CLIENT.clientId);
    seeded.settings.set('xero.organisation', { tenantId: 't-1', name: 'Harbour Storage Ltd', connectionId: 'c-1' });
    await seeded.close();
    await keytar.setPassword(service, 'refresh-token', 'legacy-refresh-token');
    await keytar.setPassword(service, 'client-secret', 'legacy-secret');
    return dir;
  }

  test('is adopted once by a connected folder on the real Xero, and the shared entries are removed', async () => {
    const dir = await legacyFolder();
    const services = await createServices({ dataDir: dir, keychainService: service, syncAutoStart: false });
    open.push(services);
    expect(services.xeroConnection.status().state).toBe('connected');
    const scope = { dataDir: realpathSync(dir), issuer: 'https://identity.xero.com' };
    expect(await keytar.getPassword(service, keychainAccount('refresh-token', scope))).toBe('legacy-refresh-token');
    expect(await keytar.getPassword(service, keychainAccount('client-secret', scope))).toBe('legacy-secret');
    expect(await keytar.getPassword(service, 'refresh-token')).toBeNull();
    expect(await keytar.getPassword(service, 'client-secret')).toBeNull();
  });

  test('is never adopted for another Xero address: that folder is not connected, and says why', async () => {
    const dir = await legacyFolder();
    const services = await app(dir, other);
    expect(services.xeroConnection.status()).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/older version/) });
    expect(await keytar.getPassword(service, 'refresh-token')).toBe('legacy-refresh-token');
  });
});
