import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../main/app-error';
import { resolveXeroEndpoints } from '../../main/xero/endpoints';
import { startLoopbackListener } from '../../main/xero/loopback';
import {
  buildAuthorizationRequest, createOAuthConfig, exchangeCode, explainTokenError, isInvalidGrant, isTransientTokenError, refreshTokens,
} from '../../main/xero/oauth-client';
import { SCOPE_SETS } from '../../main/xero/scopes';
import { createSecretStore, type SecretStore } from '../../main/xero/secret-store';
import { TokenManager } from '../../main/xero/token-manager';
import { startXeroEmulator } from '../xero-emulator/index';
import { driveConsent } from '../helpers/consent';
import { freePort } from '../helpers/free-port';

/** Real tokens from the emulator, the real keychain; only the clock is the test's. */
let emulator: Awaited<ReturnType<typeof startXeroEmulator>>;
let port: number;
const CLIENT_ID = 'token-manager-app';
const service = `facility-sync-test-${randomUUID()}`;

beforeAll(async () => {
  emulator = await startXeroEmulator();
  port = await freePort();
  emulator.admin.registerApp({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${port}/callback`] });
});
afterAll(async () => {
  await emulator?.close();
});
afterEach(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

const config = () => createOAuthConfig({ endpoints: resolveXeroEndpoints(emulator.url), clientId: CLIENT_ID });

/** A fresh grant through the real flow: loopback listener, consent page, code exchange. */
async function grant() {
  const request = await buildAuthorizationRequest(config(), `http://localhost:${port}/callback`, SCOPE_SETS.granular);
  const listener = await startLoopbackListener({ port, expectedState: request.state });
  try {
    await driveConsent(request.url.href);
    return await exchangeCode(config(), await listener.callback, request);
  } finally {
    await listener.close();
  }
}

function manager(secrets: SecretStore = createSecretStore(service), clock = { now: Date.now() }) {
  const calls = { refresh: 0, reconnect: 0 };
  const tm = new TokenManager({
    secrets,
    refresh: async (rt) => {
      calls.refresh++;
      return refreshTokens(config(), rt);
    },
    isInvalidGrant,
    isTransient: isTransientTokenError,
    minRetryDelayMs: 10,
    explain: explainTokenError,
    onReconnectRequired: () => calls.reconnect++,
    now: () => clock.now,
  });
  return { tm, calls, clock };
}

describe('token manager', () => {
  test('keeps the access token until 2 minutes before expiry, then refreshes and stores the rotated refresh token', async () => {
    const { tm, calls, clock } = manager();
    const first = await grant();
    expect(first.expires_in).toBe(1800);
    await tm.accept(first);
    expect(await keytar.getPassword(service, 'refresh-token')).toBe(first.refresh_token);

    clock.now += 27 * 60_000;
    expect(await tm.getAccessToken()).toBe(first.access_token);
    expect(calls.refresh).toBe(0);

    clock.now += 90_000; // 28.5 minutes: inside the 2-minute margin
    const second = await tm.getAccessToken();
    expect(second).not.toBe(first.access_token);
    expect(calls.refresh).toBe(1);
    const rotated = await keytar.getPassword(service, 'refresh-token');
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(first.refresh_token);
    expect(await tm.getAccessToken()).toBe(second);
  });

  test('concurrent callers share one refresh', async () => {
    const { tm, calls } = manager();
    await tm.accept(await grant());
    tm.invalidate();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => tm.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(calls.refresh).toBe(1);
    const res = await fetch(`${emulator.url}/connections`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(res.status).toBe(200);
  });

  test('the rotated refresh token is stored before the new access token is used: a failed keychain write hands out nothing', async () => {
    const real = createSecretStore(service);
    let keychainWorks = true;
    const flaky: SecretStore = {
      get: real.get,
      delete: real.delete,
      set: async (name, value) => {
        if (!keychainWorks) throw new AppError('keychain_unavailable', 'locked');
        return real.set(name, value);
      },
    };
    const { tm, calls } = manager(flaky);
    const first = await grant();
    await tm.accept(first);
    tm.invalidate();
    keychainWorks = false;
    await expect(tm.getAccessToken()).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(await real.get('refresh-token')).toBe(first.refresh_token);
    // Xero still accepts the old refresh token for a while, so the next try recovers.
    keychainWorks = true;
    const token = await tm.getAccessToken();
    expect(token).not.toBe(first.access_token);
    expect(calls.refresh).toBe(2);
    expect(await real.get('refresh-token')).not.toBe(first.refresh_token);
  });

  test('invalid_grant becomes reconnect_required once and keeps the other secrets', async () => {
    const secrets = createSecretStore(service);
    await secrets.set('client-secret', 'kept');
    const { tm, calls } = manager(secrets);
    await tm.accept(await grant());
    await fetch(`${emulator.url}/connect/revocation`, {
      method: 'POST',
      body: new URLSearchParams({ token: (await secrets.get('refresh-token'))!, client_id: CLIENT_ID }),
    });
    tm.invalidate();
    const [a, b] = await Promise.allSettled([tm.getAccessToken(), tm.getAccessToken()]);
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'reconnect_required' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'reconnect_required' } });
    expect(calls).toEqual({ refresh: 1, reconnect: 1 });
    expect(await secrets.get('client-secret')).toBe('kept');
  });

  test('without a refresh token: not_connected; Xero unreachable: offline (not reconnect)', async () => {
    const { tm } = manager();
    await expect(tm.getAccessToken()).rejects.toMatchObject({ code: 'not_connected' });

    const secrets = createSecretStore(service);
    await secrets.set('refresh-token', 'some-token');
    const deadPort = await freePort();
    const offline = new TokenManager({
      secrets,
      refresh: (rt) => refreshTokens(createOAuthConfig({ endpoints: resolveXeroEndpoints(`http://127.0.0.1:${deadPort}`), clientId: CLIENT_ID }), rt),
      isInvalidGrant,
      explain: explainTokenError,
      onReconnectRequired: () => {
        throw new Error('must not ask to reconnect when offline');
      },
    });
    await expect(offline.getAccessToken()).rejects.toMatchObject({ code: 'offline' });
    expect(await secrets.get('refresh-token')).toBe('some-token');
  });

  test('a 500 from the token endpoint is retried like any transient failure, with the same refresh token', async () => {
    const { tm, calls } = manager();
    const first = await grant();
    await tm.accept(first);
    tm.invalidate();
    emulator.admin.setFaults({ failNext: 2 });
    const token = await tm.getAccessToken().finally(() => emulator.admin.setFaults({ failNext: 0 }));
    expect(token).not.toBe(first.access_token);
    expect(calls.refresh).toBe(3); // two 500s, then Xero answers
    const tokenCalls = emulator.admin.log.filter((e) => e.path === '/connect/token').map((e) => e.status);
    expect(tokenCalls.slice(-3)).toEqual([500, 500, 200]);
    expect(await keytar.getPassword(service, 'refresh-token')).not.toBe(first.refresh_token);
  });

  test('a token endpoint that keeps failing ends as offline in plain words, and the refresh token is kept', async () => {
    const { tm } = manager();
    await tm.accept(await grant());
    const kept = await keytar.getPassword(service, 'refresh-token');
    tm.invalidate();
    emulator.admin.setFaults({ failNext: 10 });
    try {
      const err = await tm.getAccessToken().then(() => null, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'offline', message: expect.stringMatching(/HTTP 500.*tries again by itself/) });
      expect(await keytar.getPassword(service, 'refresh-token')).toBe(kept);
    } finally {
      emulator.admin.setFaults({ failNext: 0 });
    }
  });
});
