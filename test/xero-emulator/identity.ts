/**
 * Xero's identity server: discovery, JWKS, the authorize/consent page, the token and revocation
 * endpoints. Wrong client ids and redirect URIs show an error page and never redirect.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { consentPage, errorPage } from './consent-page';
import type { EmulatorContext } from './context';
import { parseForm, sendHtml, sendJson } from './http-util';
import { DEMO_USER } from './state';
import type { RegisteredApp } from './types';

const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;
const CODE_TTL_MS = 5 * 60 * 1000;

export function discovery(ctx: EmulatorContext): Record<string, unknown> {
  const base = ctx.url;
  return {
    issuer: base,
    authorization_endpoint: `${base}/identity/connect/authorize`,
    token_endpoint: `${base}/connect/token`,
    revocation_endpoint: `${base}/connect/revocation`,
    jwks_uri: `${base}/.well-known/openid-configuration/jwks`,
    scopes_supported: ['openid', 'profile', 'email', 'offline_access', 'accounting.contacts', 'accounting.transactions', 'accounting.invoices', 'accounting.payments', 'accounting.settings', 'accounting.settings.read'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: ['sub', 'xero_userid', 'email', 'given_name', 'family_name', 'preferred_username', 'global_session_id'],
  };
}

function oauthError(res: ServerResponse, status: number, error: string, description?: string): void {
  sendJson(res, status, { error, ...(description ? { error_description: description } : {}) });
}

function redirect(res: ServerResponse, target: string, params: Record<string, string>): void {
  const u = new URL(target);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  res.writeHead(302, { location: u.toString(), 'content-length': 0 });
  res.end();
}

/** GET shows the consent page; POST is the consent form's answer. */
export function handleAuthorize(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
  const p = req.method === 'POST' ? parseForm(body) : Object.fromEntries(url.searchParams);
  const app = p.client_id ? ctx.state.apps.get(p.client_id) : undefined;
  if (!app) return sendHtml(res, 400, errorPage('Unauthorized client: this client id is not registered with Xero.'));
  const redirectUri = p.redirect_uri ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return sendHtml(res, 400, errorPage(`Invalid redirect_uri: ${redirectUri || '(none)'} is not registered for this app.`));
  }
  const back = (params: Record<string, string>) => redirect(res, redirectUri, { ...params, ...(p.state ? { state: p.state } : {}) });
  if (p.response_type !== 'code') return back({ error: 'unsupported_response_type' });
  if (!p.scope) return back({ error: 'invalid_scope' });
  if (p.code_challenge && p.code_challenge_method !== 'S256') return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
  if (!app.clientSecret && !p.code_challenge) return back({ error: 'invalid_request', error_description: 'code challenge required' });

  const orgs = [...ctx.state.orgs.values()].map((o) => o.organisation);
  let tenantId: string | undefined;
  if (req.method === 'POST') {
    if (p.decision !== 'allow') return back({ error: 'access_denied' });
    tenantId = p.tenant_id;
  } else if (ctx.autoConsent) {
    tenantId = ctx.state.findOrg(ctx.autoConsentOrganisation)?.organisation.OrganisationID;
  } else {
    const keep = { ...p };
    delete keep.decision;
    delete keep.tenant_id;
    return sendHtml(res, 200, consentPage(app.name ?? app.clientId, p.scope, orgs, keep));
  }
  if (!tenantId || !ctx.state.orgs.has(tenantId)) return sendHtml(res, 400, errorPage('Choose an organisation to connect.'));

  const authEventId = randomUUID();
  connect(ctx, app.clientId, tenantId, authEventId);
  const code = randomBytes(24).toString('hex');
  ctx.state.codes.set(code, {
    clientId: app.clientId,
    redirectUri,
    ...(p.code_challenge ? { codeChallenge: p.code_challenge } : {}),
    scope: p.scope,
    ...(p.nonce ? { nonce: p.nonce } : {}),
    userId: DEMO_USER.userId,
    authEventId,
    expiresAt: ctx.state.now() + CODE_TTL_MS,
  });
  ctx.persist();
  back({ code, scope: p.scope, session_state: randomBytes(8).toString('hex') });
}

/** Consent creates (or renews) the connection between the user's app and the chosen organisation. */
export function connect(ctx: EmulatorContext, clientId: string, tenantId: string, authEventId: string): void {
  const now = ctx.state.now();
  const existing = ctx.state.connections.find((c) => c.clientId === clientId && c.userId === DEMO_USER.userId && c.tenantId === tenantId);
  if (existing) {
    existing.authEventId = authEventId;
    existing.updatedDateUtc = now;
    return;
  }
  ctx.state.connections.push({ id: randomUUID(), tenantId, clientId, userId: DEMO_USER.userId, authEventId, createdDateUtc: now, updatedDateUtc: now });
}

/** Basic auth or client_secret_post for confidential apps; client_id alone for public (PKCE) apps. */
function authenticateClient(ctx: EmulatorContext, req: IncomingMessage, form: Record<string, string>): RegisteredApp | undefined {
  let id = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  }
  const app = id ? ctx.state.apps.get(id) : undefined;
  if (!app) return undefined;
  if (app.clientSecret !== undefined && app.clientSecret !== secret) return undefined;
  return app;
}

export async function handleToken(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const form = parseForm(body);
  const app = authenticateClient(ctx, req, form);
  if (!app) return oauthError(res, 400, 'invalid_client');
  const { state } = ctx;
  if (form.grant_type === 'authorization_code') {
    const code = state.codes.get(form.code ?? '');
    if (code) state.codes.delete(form.code ?? ''); // single use, even when the exchange fails
    if (!code || code.clientId !== app.clientId || code.expiresAt < state.now()) return oauthError(res, 400, 'invalid_grant');
    if (code.redirectUri !== form.redirect_uri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match');
    if (code.codeChallenge) {
      const verifier = form.code_verifier ?? '';
      const hashed = createHash('sha256').update(verifier).digest('base64url');
      if (hashed !== code.codeChallenge) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
    }
    const grantId = randomUUID();
    state.grants.set(grantId, {
      clientId: app.clientId,
      userId: code.userId,
      scope: code.scope,
      authEventId: code.authEventId,
      ...(code.nonce ? { nonce: code.nonce } : {}),
    });
    const out = await ctx.tokens.issue(state, grantId, ctx.url, ctx.accessTokenTtlMs);
    ctx.persist();
    return sendJson(res, 200, out, { 'cache-control': 'no-store' });
  }
  if (form.grant_type === 'refresh_token') {
    const rec = state.refreshTokens.get(form.refresh_token ?? '');
    const grant = rec ? state.grants.get(rec.grantId) : undefined;
    const now = state.now();
    if (!rec || !grant || grant.clientId !== app.clientId) return oauthError(res, 400, 'invalid_grant');
    if (rec.supersededAt !== undefined && now - rec.supersededAt > ctx.refreshGraceMs) return oauthError(res, 400, 'invalid_grant');
    if (now - rec.issuedAt > SIXTY_DAYS_MS) return oauthError(res, 400, 'invalid_grant');
    rec.supersededAt ??= now;
    // Id tokens from a refresh carry no nonce.
    delete grant.nonce;
    const out = await ctx.tokens.issue(state, rec.grantId, ctx.url, ctx.accessTokenTtlMs);
    ctx.persist();
    return sendJson(res, 200, out, { 'cache-control': 'no-store' });
  }
  return oauthError(res, 400, 'unsupported_grant_type');
}

/** Revoking a refresh token ends its grant and removes the app's connections (RFC 7009: always 200). */
export function handleRevocation(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, body: string): void {
  const form = parseForm(body);
  const app = authenticateClient(ctx, req, form);
  if (!app) return oauthError(res, 400, 'invalid_client');
  const { state } = ctx;
  const token = form.token ?? '';
  const rec = state.refreshTokens.get(token);
  const grant = rec ? state.grants.get(rec.grantId) : undefined;
  if (rec && grant && grant.clientId === app.clientId) {
    for (const [t, r] of state.refreshTokens) if (r.grantId === rec.grantId) state.refreshTokens.delete(t);
    for (const [t, a] of state.accessTokens) if (a.grantId === rec.grantId) state.accessTokens.delete(t);
    state.grants.delete(rec.grantId);
    state.connections = state.connections.filter((c) => !(c.clientId === app.clientId && c.userId === grant.userId));
  } else if (state.accessTokens.get(token)?.clientId === app.clientId) {
    state.accessTokens.delete(token);
  }
  ctx.persist();
  res.writeHead(200, { 'content-length': 0 });
  res.end();
}
