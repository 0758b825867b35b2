import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { authorizeRefusal } from '../../main/xero/authorize-probe';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';

/** The look at Xero's sign-in page before the browser opens, against the emulator's real pages. */
let emulator: XeroEmulator;
let consenting: XeroEmulator;
const callbacks: string[] = [];
const loopback = createServer((req, res) => {
  callbacks.push(req.url ?? '');
  res.end('ok');
});
let redirectUri = '';

beforeAll(async () => {
  emulator = await startXeroEmulator();
  consenting = await startXeroEmulator({ autoConsent: true });
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/callback`;
  for (const e of [emulator, consenting]) e.admin.registerApp({ clientId: 'desktop-app', redirectUris: [redirectUri] });
});
afterAll(async () => {
  loopback.close();
  await emulator.close();
  await consenting.close();
});

const authorize = (base: string, clientId: string, redirect = redirectUri) =>
  new URL(`${base}/identity/connect/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirect, scope: 'openid offline_access', state: 's', code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' })}`);

test('an unknown Client ID and an unregistered redirect URI are read from the error page', async () => {
  expect((await authorizeRefusal(authorize(emulator.url, 'nobody'), redirectUri))?.code).toBe('invalid_client');
  const other = 'http://127.0.0.1:1/callback';
  const refused = await authorizeRefusal(authorize(emulator.url, 'desktop-app', other), other);
  expect(refused?.code).toBe('redirect_uri_mismatch');
  expect(refused?.message).toContain(other);
});

test("a sign-in page that works says nothing, and an identity server that consents by itself never gets the probe to the app's redirect URI", async () => {
  expect(await authorizeRefusal(authorize(emulator.url, 'desktop-app'), redirectUri)).toBeNull();
  expect(await authorizeRefusal(authorize(consenting.url, 'desktop-app'), redirectUri)).toBeNull();
  expect(callbacks).toEqual([]);
});

test('an address that does not answer says nothing (the browser flow goes on)', async () => {
  expect(await authorizeRefusal(new URL('http://127.0.0.1:1/identity/connect/authorize'), redirectUri, 1_000)).toBeNull();
});
