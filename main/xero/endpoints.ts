import type { XeroEndpoints } from '../../preload/api';

/** Real Xero (XERO-FACTS.md "OAuth 2.0"), or everything under one base URL (the emulator). */
export function resolveXeroEndpoints(baseUrl?: string): XeroEndpoints {
  if (!baseUrl) {
    return {
      mode: 'xero',
      issuer: 'https://identity.xero.com',
      authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
      tokenUrl: 'https://identity.xero.com/connect/token',
      revocationUrl: 'https://identity.xero.com/connect/revocation',
      connectionsUrl: 'https://api.xero.com/connections',
      apiBaseUrl: 'https://api.xero.com/api.xro/2.0',
    };
  }
  const base = baseUrl.replace(/\/+$/, '');
  return {
    mode: 'emulator',
    issuer: base,
    authorizeUrl: `${base}/identity/connect/authorize`,
    tokenUrl: `${base}/connect/token`,
    revocationUrl: `${base}/connect/revocation`,
    connectionsUrl: `${base}/connections`,
    apiBaseUrl: `${base}/api.xro/2.0`,
  };
}

/**
 * True only for a URL on the configured emulator's own origin (tests and the demo run it on
 * http://127.0.0.1). The Electron shell lets exactly these through to the system browser besides
 * https, so Connect to Xero works against the emulator; with no base URL nothing extra passes.
 */
export function isEmulatorUrl(url: string, baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  try {
    const target = new URL(url);
    const base = new URL(baseUrl);
    return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin === base.origin && !target.username && !target.password;
  } catch {
    return false;
  }
}
