/** Test helpers: reach the emulator only through the official clients (openid-client, xero-node). */
import * as client from 'openid-client';
import { afterAll, beforeAll } from 'vitest';
import { AccountingApi } from 'xero-node';
import { startXeroEmulator, type XeroEmulator, type XeroEmulatorOptions } from '../xero-emulator/index';

export const REDIRECT = 'http://localhost:47321/callback';
export const SCOPE = 'openid profile email offline_access accounting.contacts accounting.transactions accounting.settings';

export async function discover(emu: Pick<XeroEmulator, 'url'>, clientId: string, secret?: string): Promise<client.Configuration> {
  return client.discovery(new URL(emu.url), clientId, secret, secret ? client.ClientSecretBasic(secret) : client.None(), {
    execute: [client.allowInsecureRequests],
  });
}

/** Plays the browser: follows the authorize URL; on the consent page picks `orgName` and presses "Allow access". */
export async function browse(authUrl: URL, orgName?: string, decision = 'allow'): Promise<Response> {
  const first = await fetch(authUrl, { redirect: 'manual' });
  if (first.status !== 200) return first;
  const html = await first.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1] ?? '', decodeHtml(m[2] ?? ''));
  const orgs = [...html.matchAll(/name="tenant_id" value="([^"]+)"[^>]*> ([^<]+)</g)];
  const chosen = orgs.find((o) => o[2] === orgName) ?? orgs[0];
  form.set('tenant_id', chosen?.[1] ?? '');
  form.set('decision', decision);
  return fetch(new URL('/identity/connect/authorize', authUrl), { method: 'POST', body: form, redirect: 'manual' });
}

function decodeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Authorization code + PKCE (S256) + state, exactly as the app does it. */
export async function signIn(emu: XeroEmulator, clientId: string, secret?: string, orgName?: string) {
  const config = await discover(emu, clientId, secret);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const redirected = await browse(authUrl, orgName);
  const location = redirected.headers.get('location');
  if (!location) throw new Error(`no redirect (HTTP ${redirected.status})`);
  const tokens = await client.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens };
}

/** GET or DELETE on Xero's /connections with the access token, through openid-client. */
export function connections(config: client.Configuration, accessToken: string, method: 'GET' | 'DELETE' = 'GET', id = ''): Promise<Response> {
  const url = new URL(`/connections${id ? `/${id}` : ''}`, config.serverMetadata().issuer);
  return client.fetchProtectedResource(config, accessToken, url, method);
}

export function accounting(emu: XeroEmulator, accessToken: string): AccountingApi {
  const api = new AccountingApi();
  api.basePath = `${emu.url}/api.xro/2.0`;
  api.accessToken = accessToken;
  return api;
}

export interface XeroFailure {
  response: { statusCode: number; body: unknown; headers: Record<string, string> };
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** xero-node rejects with a JSON string; parse it so tests can read status, headers and body. */
export async function failure(p: Promise<unknown>): Promise<XeroFailure> {
  try {
    await p;
  } catch (err) {
    return JSON.parse(typeof err === 'string' ? err : JSON.stringify(err)) as XeroFailure;
  }
  throw new Error('expected the call to fail');
}

/** A token set and tenant id without the browser dance, for tests about the accounting API. */
export async function apiFor(emu: XeroEmulator, organisation?: string) {
  const t = await emu.admin.createTokenFor({ organisation });
  return { api: accounting(emu, t.access_token), tenantId: t.tenantId, tokens: t };
}

export interface EmulatorApi {
  emu: XeroEmulator;
  api: AccountingApi;
  tenant: string;
}

/**
 * One emulator for the whole test file and an AccountingApi signed in to its first organisation:
 * registers beforeAll/afterAll, so the fields are set once the tests run.
 */
export function useEmulatorApi(options?: XeroEmulatorOptions): EmulatorApi {
  const ctx = {} as EmulatorApi;
  beforeAll(async () => {
    ctx.emu = await startXeroEmulator(options);
    const { api, tenantId } = await apiFor(ctx.emu);
    Object.assign(ctx, { api, tenant: tenantId });
  });
  afterAll(() => ctx.emu.close());
  return ctx;
}
