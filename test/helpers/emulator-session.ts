import { resolveXeroEndpoints } from '../../main/xero/endpoints';
import type { XeroSession } from '../../main/xero/session';

/**
 * A XeroSession over the emulator's admin token route (POST /__emulator/tokens): it stands in for
 * the connection service (OAuth in a browser) and works from a child process too. After a 401 the
 * engine invalidates the token and the next call asks for a fresh one, like a refresh would.
 */
export function emulatorSession(emulatorUrl: string, organisation?: string): XeroSession & { tokensIssued: number } {
  let token: Promise<{ access_token: string; tenantId: string }> | null = null;
  let tenant: string | null = null;
  const session = {
    tokensIssued: 0,
    apiBaseUrl: resolveXeroEndpoints(emulatorUrl).apiBaseUrl,
    async getAccessToken() {
      token ??= fetch(`${emulatorUrl}/__emulator/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organisation }),
      }).then(async (r) => {
        if (!r.ok) throw new Error(`emulator token route answered ${r.status}`);
        session.tokensIssued++;
        return (await r.json()) as { access_token: string; tenantId: string };
      });
      const t = await token.catch((err: unknown) => {
        token = null;
        throw err;
      });
      tenant = t.tenantId;
      return t.access_token;
    },
    invalidateAccessToken() {
      token = null;
    },
    tenantId: () => tenant,
  };
  return session;
}

/** Resolves the tenant id before the first API call (the engine asks for it synchronously). */
export async function connectedEmulatorSession(emulatorUrl: string, organisation?: string) {
  const s = emulatorSession(emulatorUrl, organisation);
  await s.getAccessToken();
  return s;
}
