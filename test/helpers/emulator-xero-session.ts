import type { XeroSession } from '../../main/xero/session';
import { resolveXeroEndpoints } from '../../main/xero/endpoints';
import type { XeroEmulator } from '../xero-emulator/index';

/**
 * A XeroSession over a token the emulator issues directly (admin.createTokenFor), standing in for
 * the connection service in tests that only need "a connected organisation". invalidateAccessToken
 * gets a fresh token, like a refresh would.
 */
export async function emulatorXeroSession(emulator: XeroEmulator, organisation?: string): Promise<XeroSession> {
  let grant = await emulator.admin.createTokenFor({ organisation });
  let stale = false;
  return {
    apiBaseUrl: resolveXeroEndpoints(emulator.url).apiBaseUrl,
    tenantId: () => grant.tenantId,
    async getAccessToken() {
      if (stale) {
        grant = await emulator.admin.createTokenFor({ organisation });
        stale = false;
      }
      return grant.access_token;
    },
    invalidateAccessToken() {
      stale = true;
    },
  };
}
