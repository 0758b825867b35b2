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
