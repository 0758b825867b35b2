import type { XeroEndpoints } from '../../contract';
import { AppError } from '../app-error';

/** Hosts where plain http is acceptable: the emulator on this computer, nothing else. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

export function isLoopbackHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/**
 * A base URL receives the client secret and refresh token, so it must be https, or http on this
 * computer only (127.0.0.1 / localhost: the emulator); no user name or password in it.
 */
function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AppError('bad_request', `The Xero address "${baseUrl}" is not a web address. Give one like https://xero.example or http://127.0.0.1:47310.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('bad_request', 'The Xero address must not carry a user name, password, query or fragment. Give just the address, like http://127.0.0.1:47310.');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url.href.replace(/\/+$/, '');
  throw new AppError(
    'bad_request',
    `Facility Sync refuses the Xero address ${url.origin}: it would send your Xero sign-in unencrypted. Use https, or http only for an emulator on this computer (127.0.0.1 or localhost).`,
  );
}

/** Real Xero (docs/xero-facts.md "OAuth 2.0"), or everything under one base URL (the emulator). */
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
  const base = checkBaseUrl(baseUrl);
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
