import * as client from 'openid-client';
import type { XeroEndpoints } from '../../contract';
import { AppError } from '../app-error';
import { isLoopbackHttpUrl } from './endpoints';

/**
 * openid-client configured for Xero's identity server (or the emulator's), and the translation of
 * its errors into plain words. Xero's "Web app" is a confidential client (client_secret_basic);
 * its "Mobile or desktop app" is a public PKCE client (client_id in the body, no secret).
 */
export interface OAuthClientOptions {
  endpoints: XeroEndpoints;
  clientId: string;
  clientSecret?: string | null;
}

export type TokenSet = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

export function createOAuthConfig({ endpoints, clientId, clientSecret }: OAuthClientOptions): client.Configuration {
  // Endpoints come from config (no discovery round trip): real Xero splits login and identity hosts.
  const server: client.ServerMetadata = {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorizeUrl,
    token_endpoint: endpoints.tokenUrl,
    revocation_endpoint: endpoints.revocationUrl,
  };
  const config = clientSecret
    ? new client.Configuration(server, clientId, { client_secret: clientSecret }, client.ClientSecretBasic(clientSecret))
    : new client.Configuration(server, clientId, undefined, client.None());
  // Plain http is allowed only for an emulator on this computer, never for anything else.
  if (endpoints.mode === 'emulator' && isLoopbackHttpUrl(endpoints.tokenUrl)) client.allowInsecureRequests(config);
  config.timeout = 30;
  return config;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  codeVerifier: string;
}

export async function buildAuthorizationRequest(config: client.Configuration, redirectUri: string, scope: string): Promise<AuthorizationRequest> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, state, codeVerifier };
}

export async function exchangeCode(config: client.Configuration, callbackUrl: URL, request: AuthorizationRequest): Promise<TokenSet> {
  try {
    return await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: request.codeVerifier, expectedState: request.state });
  } catch (err) {
    throw explainTokenError(err);
  }
}

/** Raw refresh; the token manager decides what invalid_grant means. */
export function refreshTokens(config: client.Configuration, refreshToken: string): Promise<TokenSet> {
  return client.refreshTokenGrant(config, refreshToken);
}

export async function revokeRefreshToken(config: client.Configuration, refreshToken: string): Promise<void> {
  await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
}

export function isInvalidGrant(err: unknown): boolean {
  return err instanceof client.ResponseBodyError && err.error === 'invalid_grant';
}

/** The HTTP status of the token endpoint's answer, when there was one. */
function answerStatus(err: unknown): number | undefined {
  if (err instanceof client.ResponseBodyError) return err.status;
  // A non-OAuth answer (Xero's 500 problem details) arrives as a ClientError around the Response.
  if (err instanceof client.ClientError && err.cause instanceof Response) return err.cause.status;
  return undefined;
}

function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError || (err instanceof Error && /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|timed? ?out/i.test(err.message));
}

/** Worth trying again with the same refresh token: no answer, Xero busy (429) or failing (5xx). */
export function isTransientTokenError(err: unknown): boolean {
  const status = answerStatus(err);
  return status === undefined ? isNetworkError(err) : status >= 500 || status === 429;
}

export function offlineError(cause?: unknown): AppError {
  return new AppError('offline', 'Facility Sync could not reach Xero. Check the internet connection and try again.', { cause });
}

/** Token endpoint failures in plain words with the fix. */
export function explainTokenError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const status = answerStatus(err);
  if (status !== undefined && (status >= 500 || status === 429)) {
    return new AppError(
      'offline',
      `Xero's sign-in service is not working right now (HTTP ${status}). Facility Sync tries again by itself; if it lasts, check status.xero.com.`,
      { cause: err },
    );
  }
  if (err instanceof client.ResponseBodyError) {
    if (err.error === 'invalid_client' || err.error === 'unauthorized_client') {
      return new AppError(
        'invalid_client',
        "Xero did not accept the Client ID or Client Secret. Copy both again from your app's Configuration page in the Xero developer portal, click Save, and connect again. (A \"Mobile or desktop app\" has no secret: leave Client Secret empty.)",
        { cause: err },
      );
    }
    if (err.error === 'invalid_grant') {
      return new AppError('invalid_grant', 'Xero did not accept the sign-in (it may have expired or been used already). Click Connect to Xero to try again.', { cause: err });
    }
    return new AppError('xero_error', `Xero refused the sign-in (${err.error}). Click Connect to Xero to try again.`, { cause: err });
  }
  if (isNetworkError(err)) return offlineError(err);
  return new AppError('xero_error', 'Xero sent an answer Facility Sync could not understand. Try again in a few minutes.', { cause: err });
}
