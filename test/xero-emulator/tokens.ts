/**
 * Token issuing: RS256-signed JWT access tokens and id_tokens (like Xero's), opaque refresh tokens,
 * and the access-token check every protected route uses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { problemError } from './http-util';
import { DEMO_USER, type AccessRecord, type EmulatorState } from './state';

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

export class TokenIssuer {
  private constructor(
    private readonly key: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    return new TokenIssuer(privateKey, { ...jwk, kid: randomUUID(), use: 'sig', alg: 'RS256' });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  private sign(claims: Record<string, unknown>, iatSeconds: number, expSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid ?? '', typ: 'JWT' })
      .setIssuedAt(iatSeconds)
      .setNotBefore(iatSeconds)
      .setExpirationTime(expSeconds)
      .sign(this.key);
  }

  /** Issues a token set for a grant and records it in the state. */
  async issue(state: EmulatorState, grantId: string, issuer: string, accessTokenTtlMs: number): Promise<TokenResponse> {
    const grant = state.grants.get(grantId);
    if (!grant) throw new Error('unknown grant');
    const now = state.now();
    const iat = Math.floor(now / 1000);
    const scopes = grant.scope.split(' ').filter(Boolean);
    const access = await this.sign(
      {
        iss: issuer,
        aud: `${issuer}/resources`,
        client_id: grant.clientId,
        sub: grant.userId,
        auth_time: iat,
        xero_userid: grant.userId,
        global_session_id: grantId,
        jti: randomUUID(),
        authentication_event_id: grant.authEventId,
        scope: scopes,
      },
      iat,
      Math.floor((now + accessTokenTtlMs) / 1000),
    );
    state.accessTokens.set(access, {
      grantId,
      clientId: grant.clientId,
      userId: grant.userId,
      authEventId: grant.authEventId,
      expiresAt: now + accessTokenTtlMs,
    });
    const out: TokenResponse = {
      access_token: access,
      expires_in: Math.round(accessTokenTtlMs / 1000),
      token_type: 'Bearer',
      scope: grant.scope,
    };
    if (scopes.includes('offline_access')) {
      const refresh = randomBytes(32).toString('hex');
      state.refreshTokens.set(refresh, { grantId, issuedAt: now });
      out.refresh_token = refresh;
    }
    if (scopes.includes('openid')) {
      // Wall-clock times: the client checks iat/exp against its own clock, which POST /clock does not move.
      const wall = Math.floor(Date.now() / 1000);
      out.id_token = await this.sign(
        {
          iss: issuer,
          aud: grant.clientId,
          sub: grant.userId,
          auth_time: wall,
          ...(grant.nonce ? { nonce: grant.nonce } : {}),
          xero_userid: grant.userId,
          global_session_id: grantId,
          sid: grantId,
          ...(scopes.includes('email') ? { email: DEMO_USER.email } : {}),
          ...(scopes.includes('profile')
            ? { given_name: DEMO_USER.givenName, family_name: DEMO_USER.familyName, preferred_username: DEMO_USER.email }
            : {}),
        },
        wall,
        wall + 300,
      );
    }
    return out;
  }
}

/** Checks the Bearer token: 401 problem details when it is missing, unknown or expired (emulator clock). */
export function authenticate(req: IncomingMessage, state: EmulatorState): AccessRecord & { token: string } {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw problemError(401, 'Unauthorized', 'AuthenticationUnsuccessful', { 'www-authenticate': 'Bearer' });
  const token = match[1].trim();
  const rec = state.accessTokens.get(token);
  if (!rec) throw problemError(401, 'Unauthorized', 'AuthenticationUnsuccessful', { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (state.now() >= rec.expiresAt) {
    const at = new Date(rec.expiresAt).toISOString();
    throw problemError(401, 'Unauthorized', `TokenExpired: token expired at ${at}`, {
      'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"',
    });
  }
  return { ...rec, token };
}
