import keytar from 'keytar';
import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { XeroConnectionStatus } from '../../contract';
import { SCOPE_SETS } from '../../main/xero/scopes';
import { startConnectionFixture, type ConnectionFixture } from '../helpers/connection-fixture';
import { appErrorOf } from '../helpers/app-error-of';

/** The whole Connect to Xero flow against the local Xero emulator, with the real keychain. */
const fixtures: ConnectionFixture[] = [];
afterEach(async () => {
  while (fixtures.length) await fixtures.pop()!.close();
});

async function fixture(options: Parameters<typeof startConnectionFixture>[0] = {}) {
  const f = await startConnectionFixture(options);
  fixtures.push(f);
  return f;
}

/** A Xero app registered with this fixture's exact redirect URI (public PKCE app unless a secret is given). */
function registerApp(f: ConnectionFixture, clientId: string, clientSecret?: string) {
  f.emulator.admin.registerApp({ clientId, ...(clientSecret ? { clientSecret } : {}), redirectUris: [`http://localhost:${f.port}/callback`] });
}

const api = (f: ConnectionFixture) => f.services.api;

describe('Connect to Xero against the emulator', () => {
  test('a public PKCE app connects: S256 challenge, exact redirect URI, granular scopes, organisation kept in settings', async () => {
    const f = await fixture();
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    const events: XeroConnectionStatus[] = [];
    f.services.events.on('xero:connection', (s) => events.push(s));

    f.consent = { organisation: 'Harbour Storage Ltd' };
    const status = await api(f).connectXero();
    expect(status).toEqual({ state: 'connected', organisation: { tenantId: expect.any(String), name: 'Harbour Storage Ltd' } });
    expect(events.map((e) => e.state)).toEqual(['connecting', 'connected']);
    expect(f.lastConsent?.body).toContain('You can close this window and return to Facility Sync');

    const authorize = new URL(f.opened[0]!);
    expect(authorize.origin + authorize.pathname).toBe(`${f.emulator.url}/identity/connect/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${f.port}/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toBe(SCOPE_SETS.granular);

    // The sync engine's view: a working token for the chosen tenant.
    const session = f.services.xeroConnection;
    expect(session.tenantId()).toBe(status.organisation!.tenantId);
    const token = await session.getAccessToken();
    const res = await fetch(`${f.emulator.url}/connections`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(f.services.settings.get('xero.organisation')).toMatchObject({ name: 'Harbour Storage Ltd', tenantId: status.organisation!.tenantId });
    expect(await f.keychainPassword('refresh-token')).toBeTruthy();
  });

  test('a confidential web app connects with its secret; the secret is never sent back', async () => {
    const f = await fixture();
    registerApp(f, 'web-app', 'web-secret-value');
    const saved = await api(f).saveXeroCredentials({ clientId: 'web-app', clientSecret: 'web-secret-value' });
    expect(saved.hasClientSecret).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('web-secret-value');
    expect(await f.keychainPassword('client-secret')).toBe('web-secret-value');
    expect((await api(f).connectXero()).state).toBe('connected');
    expect(JSON.stringify(await api(f).getXeroSettings())).not.toContain('web-secret-value');
  });

  test('the older broad scope set is used when chosen', async () => {
    const f = await fixture();
    registerApp(f, 'old-app');
    await api(f).saveXeroCredentials({ clientId: 'old-app' });
    expect((await api(f).setXeroScopeSet('broad')).scopes).toBe(SCOPE_SETS.broad);
    await api(f).connectXero();
    expect(new URL(f.opened[0]!).searchParams.get('scope')).toContain('accounting.transactions');
  });

  test('user denies access: plain message, still disconnected', async () => {
    const f = await fixture();
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    f.consent = { decision: 'deny' };
    const err = await appErrorOf(api(f).connectXero());
    expect(err.code).toBe('access_denied');
    expect(err.message).toMatch(/Allow access/);
    expect(f.services.xeroConnection.status().state).toBe('disconnected');
  });

  test('wrong client id: Xero refuses it on its sign-in page, so the app says so at once, before opening the browser', async () => {
    const f = await fixture({ oauthTimeoutMs: 60_000 });
    await api(f).saveXeroCredentials({ clientId: 'not-a-registered-app' });
    const started = Date.now();
    const err = await appErrorOf(api(f).connectXero());
    // Told at once (the 60 s wait for the browser never starts), with what to do.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.code).toBe('invalid_client');
    expect(err.message).toContain('Unauthorized client');
    expect(err.message).toContain('Client ID');
    expect(f.opened).toEqual([]);
    expect(f.services.xeroConnection.status().state).toBe('disconnected');
    // The reason stays on the connection status (the tab shows it after the user looked elsewhere) ...
    expect((await api(f).getXeroSettings()).connection.lastFailure?.message).toBe(err.message);
    // ... until the Client ID changes, and a connect with the right one works.
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    expect(f.services.xeroConnection.status().lastFailure).toBeUndefined();
    await api(f).connectXero();
    expect(f.services.xeroConnection.status()).toMatchObject({ state: 'connected' });
    expect(f.services.xeroConnection.status().lastFailure).toBeUndefined();
  });

  test('nobody comes back from the browser: the timeout names the Client ID and the exact redirect URI', async () => {
    const f = await fixture({ oauthTimeoutMs: 800 });
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    f.consent = null;
    const err = await appErrorOf(api(f).connectXero());
    expect(f.opened).toHaveLength(1);
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('Client ID');
    expect(err.message).toContain(`http://localhost:${f.port}/callback`);
    expect(f.services.xeroConnection.status().lastFailure?.message).toBe(err.message);
  });

  test('a refused sign-in is kept as the last failure until a connect succeeds', async () => {
    const f = await fixture();
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    f.consent = { decision: 'deny' };
    const err = await appErrorOf(api(f).connectXero());
    expect(f.services.xeroConnection.status()).toMatchObject({ state: 'disconnected', lastFailure: { message: err.message } });
    expect(f.services.xeroConnection.status().lastFailure?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    f.consent = {};
    await api(f).connectXero();
    expect(f.services.xeroConnection.status().lastFailure).toBeUndefined();
  });

  test('redirect URI mismatch: said at once, with the exact redirect URI to register', async () => {
    const f = await fixture({ oauthTimeoutMs: 60_000 });
    f.emulator.admin.registerApp({ clientId: 'other-uri-app', redirectUris: ['http://localhost:1/callback'] });
    await api(f).saveXeroCredentials({ clientId: 'other-uri-app' });
    const err = await appErrorOf(api(f).connectXero());
    expect(err.code).toBe('redirect_uri_mismatch');
    expect(err.message).toContain(`http://localhost:${f.port}/callback`);
    expect(f.opened).toEqual([]);
  });

  test('wrong client secret: the token exchange fails with a plain message', async () => {
    const f = await fixture();
    registerApp(f, 'web-app', 'right-secret');
    await api(f).saveXeroCredentials({ clientId: 'web-app', clientSecret: 'wrong-secret' });
    const err = await appErrorOf(api(f).connectXero());
    expect(err.code).toBe('invalid_client');
    expect(err.message).toMatch(/Client ID or Client Secret/);
  });

  test('port in use: plain message naming the port', async () => {
    const f = await fixture();
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(f.port, '127.0.0.1', resolve));
    try {
      const err = await appErrorOf(api(f).connectXero());
      expect(err.code).toBe('port_in_use');
      expect(err.message).toContain(String(f.port));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test('several organisations: the user chooses one; reconnecting keeps it', async () => {
    const first = await fixture();
    registerApp(first, 'desktop-app');
    await api(first).saveXeroCredentials({ clientId: 'desktop-app' });
    first.consent = { organisation: 'Demo Storage Co' };
    await api(first).connectXero();

    // Same Xero user and app on another computer connects the second organisation: Xero now lists both.
    const second = await first.another();
    fixtures.push(second);
    second.emulator.admin.registerApp({ clientId: 'desktop-app', redirectUris: [`http://localhost:${first.port}/callback`, `http://localhost:${second.port}/callback`] });
    await api(second).saveXeroCredentials({ clientId: 'desktop-app' });
    second.consent = { organisation: 'Harbour Storage Ltd' };
    const status = await api(second).connectXero();
    expect(status.state).toBe('choose_organisation');
    expect(status.organisations?.map((o) => o.name).sort()).toEqual(['Demo Storage Co', 'Harbour Storage Ltd']);
    expect(second.services.xeroConnection.tenantId()).toBeNull();
    await expect(second.services.xeroConnection.getAccessToken()).rejects.toMatchObject({ code: 'not_connected' });

    const demo = status.organisations!.find((o) => o.name === 'Demo Storage Co')!;
    expect(await api(second).chooseXeroOrganisation(demo.tenantId)).toMatchObject({ state: 'connected', organisation: demo });
    expect(second.services.xeroConnection.tenantId()).toBe(demo.tenantId);
    await expect(api(second).chooseXeroOrganisation('unknown-tenant')).rejects.toMatchObject({ code: 'not_found' });

    second.consent = { organisation: 'Harbour Storage Ltd' };
    expect((await api(second).connectXero()).organisation).toEqual(demo);
  });

  test('disconnect revokes the token, deletes the connection, the keychain entries and the organisation', async () => {
    const f = await fixture();
    registerApp(f, 'web-app', 'the-secret');
    await api(f).saveXeroCredentials({ clientId: 'web-app', clientSecret: 'the-secret' });
    await api(f).connectXero();
    const accessToken = await f.services.xeroConnection.getAccessToken();
    const refreshToken = (await f.keychainPassword('refresh-token'))!;

    expect(await api(f).disconnectXero()).toEqual({ state: 'disconnected' });
    expect(await keytar.findCredentials(f.keychainService)).toEqual([]);
    expect(f.services.settings.get('xero.organisation')).toBeUndefined();
    expect(f.services.settings.get('xero.clientId')).toBe('web-app');
    // Xero forgot the connection and the tokens.
    expect((await fetch(`${f.emulator.url}/connections`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
    const refresh = await fetch(`${f.emulator.url}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('web-app:the-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    await expect(f.services.xeroConnection.getAccessToken()).rejects.toMatchObject({ code: 'not_connected' });
  });

  test('a refresh token Xero no longer accepts turns into "Reconnect to Xero" and loses nothing else', async () => {
    const f = await fixture();
    registerApp(f, 'desktop-app');
    await api(f).saveXeroCredentials({ clientId: 'desktop-app' });
    const connected = await api(f).connectXero();
    // The user removes the app in Xero (revocation), then the access token runs out.
    const refreshToken = (await f.keychainPassword('refresh-token'))!;
    await fetch(`${f.emulator.url}/connect/revocation`, { method: 'POST', body: new URLSearchParams({ token: refreshToken, client_id: 'desktop-app' }) });
    f.services.xeroConnection.invalidateAccessToken!();

    const events: XeroConnectionStatus[] = [];
    f.services.events.on('xero:connection', (s) => events.push(s));
    const err = await appErrorOf(f.services.xeroConnection.getAccessToken());
    expect(err.code).toBe('reconnect_required');
    expect(err.message).toContain('Reconnect to Xero');
    expect(events).toEqual([{ state: 'reconnect_required', organisation: connected.organisation }]);
    const settings = await api(f).getXeroSettings();
    expect(settings.connection).toEqual({ state: 'reconnect_required', organisation: connected.organisation });
    expect(settings.clientId).toBe('desktop-app');

    expect((await api(f).connectXero()).state).toBe('connected');
    expect(f.services.xeroConnection.tenantId()).toBe(connected.organisation!.tenantId);
  });
});
