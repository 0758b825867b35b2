import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXeroEmulator, type XeroEmulator } from '../index';
import { accounting, browse, connections, discover, failure, REDIRECT, SCOPE, signIn } from '../../helpers/emulator-clients';

let emu: XeroEmulator;
beforeAll(async () => {
  emu = await startXeroEmulator();
});
afterAll(() => emu.close());

describe('OIDC discovery and sign-in', () => {
  it('publishes discovery with the base URL as issuer and Xero-shaped endpoints', async () => {
    const config = await discover(emu, 'demo-web-app', 'demo-web-secret');
    const m = config.serverMetadata();
    expect(m.issuer).toBe(emu.url);
    expect(m.authorization_endpoint).toBe(`${emu.url}/identity/connect/authorize`);
    expect(m.token_endpoint).toBe(`${emu.url}/connect/token`);
    expect(m.revocation_endpoint).toBe(`${emu.url}/connect/revocation`);
    const jwks = (await (await fetch(m.jwks_uri ?? '')).json()) as { keys: Array<{ kty: string; alg: string }> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('shows a consent page with both organisations and an Allow access button', async () => {
    const config = await discover(emu, 'demo-desktop-app');
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: SCOPE, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', state: 's' });
    const html = await (await fetch(url)).text();
    expect(html).toContain('Demo Storage Co');
    expect(html).toContain('Harbour Storage Ltd');
    expect(html).toMatch(/<button[^>]*>Allow access<\/button>/);
  });

  it('signs a public app in with PKCE, connects the chosen organisation and signs the id_token', async () => {
    const { config, tokens } = await signIn(emu, 'demo-desktop-app', undefined, 'Harbour Storage Ltd');
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(1800);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.claims()?.email).toBe('demo.user@example.com');
    const conns = (await (await connections(config, tokens.access_token)).json()) as Array<Record<string, string>>;
    expect(conns).toHaveLength(1);
    expect(conns[0]).toMatchObject({ tenantName: 'Harbour Storage Ltd', tenantType: 'ORGANISATION', tenantId: emu.admin.tenantId('Harbour Storage Ltd') });
    const org = await accounting(emu, tokens.access_token).getOrganisations(conns[0]?.tenantId ?? '');
    expect(org.body.organisations?.[0]?.name).toBe('Harbour Storage Ltd');
  });

  it('rejects a wrong PKCE verifier with invalid_grant', async () => {
    const config = await discover(emu, 'demo-desktop-app');
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT, scope: SCOPE, state: 'st',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256',
    });
    const location = (await browse(url)).headers.get('location') ?? '';
    const err = await client.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: 'st' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'invalid_grant' });
  });

  it('signs a confidential app in with Basic auth and refuses a wrong secret', async () => {
    const { tokens } = await signIn(emu, 'demo-web-app', 'demo-web-secret');
    expect(tokens.access_token).toBeTruthy();
    await expect(signIn(emu, 'demo-web-app', 'wrong-secret')).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('never redirects for an unknown client id or an unregistered redirect URI (port included)', async () => {
    for (const [id, redirect] of [['nobody', REDIRECT], ['demo-web-app', 'http://localhost:47322/callback']] as const) {
      const res = await fetch(`${emu.url}/identity/connect/authorize?client_id=${id}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=openid`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('something went wrong');
    }
  });

  it('redirects with access_denied when the user presses Cancel, and autoConsent skips the page', async () => {
    const config = await discover(emu, 'demo-web-app', 'demo-web-secret');
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: SCOPE, state: 'c' });
    const denied = new URL((await browse(url, undefined, 'deny')).headers.get('location') ?? '');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('c');
    const auto = await startXeroEmulator({ autoConsent: true });
    try {
      const res = await fetch(client.buildAuthorizationUrl(await discover(auto, 'demo-web-app', 'demo-web-secret'), { redirect_uri: REDIRECT, scope: SCOPE, state: 'a' }), { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    } finally {
      await auto.close();
    }
  });
});

describe('tokens over time', () => {
  it('rotates refresh tokens, allows the previous one for 30 minutes, then invalid_grant', async () => {
    const { config, tokens } = await signIn(emu, 'demo-desktop-app');
    const first = tokens.refresh_token ?? '';
    const second = await client.refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    emu.admin.advanceClock(29 * 60_000);
    const retry = await client.refreshTokenGrant(config, first); // the grace: a lost response may be retried
    expect(retry.access_token).toBeTruthy();
    emu.admin.advanceClock(2 * 60_000);
    await expect(client.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(config, retry.refresh_token ?? '')).resolves.toBeTruthy();
  });

  it('expires access tokens after 30 minutes of emulator time with 401 TokenExpired', async () => {
    const { tokens } = await signIn(emu, 'demo-web-app', 'demo-web-secret');
    const api = accounting(emu, tokens.access_token);
    const tenant = emu.admin.tenantId();
    await api.getOrganisations(tenant);
    emu.admin.advanceClock(30 * 60_000 + 1000);
    const err = await failure(api.getOrganisations(tenant));
    expect(err.response.statusCode).toBe(401);
    expect(err.body).toMatchObject({ Title: 'Unauthorized', Status: 401 });
    expect(err.body.Detail).toMatch(/^TokenExpired: token expired at /);
  });

  it('revocation ends the grant and removes the connections', async () => {
    const { config, tokens } = await signIn(emu, 'demo-desktop-app');
    await client.tokenRevocation(config, tokens.refresh_token ?? '');
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(connections(config, tokens.access_token)).rejects.toMatchObject({ status: 401 });
    expect(emu.admin.state().connections.filter((c) => c.clientId === 'demo-desktop-app')).toHaveLength(0);
  });

  it('DELETE /connections/{id} disconnects the organisation: 204, then 403 and 404', async () => {
    const { config, tokens } = await signIn(emu, 'demo-web-app', 'demo-web-secret');
    const [conn] = (await (await connections(config, tokens.access_token)).json()) as Array<{ id: string; tenantId: string }>;
    expect((await connections(config, tokens.access_token, 'DELETE', conn?.id)).status).toBe(204);
    expect((await connections(config, tokens.access_token, 'DELETE', conn?.id)).status).toBe(404);
    const err = await failure(accounting(emu, tokens.access_token).getOrganisations(conn?.tenantId ?? ''));
    expect(err.response.statusCode).toBe(403);
    expect(err.body.Detail).toBe('AuthenticationUnsuccessful');
  });

  it('registers an app with its own loopback port through the admin API', async () => {
    const res = await fetch(`${emu.url}/__emulator/apps`, { method: 'POST', body: JSON.stringify({ clientId: 'test-app', redirectUris: ['http://localhost:51234/callback'] }) });
    expect(res.status).toBe(201);
    const config = await discover(emu, 'test-app');
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: 'http://localhost:51234/callback', scope: SCOPE, state: 'p', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const location = (await browse(url)).headers.get('location') ?? '';
    expect(location.startsWith('http://localhost:51234/callback?')).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: 'p' });
    expect(tokens.access_token).toBeTruthy();
  });
});
