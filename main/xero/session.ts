/**
 * What the sync engine and the reference mirror need from a Xero connection: a valid access
 * token and the chosen organisation. The connection service (OAuth, keychain) implements it;
 * tests against the emulator may implement it with a token from the emulator's token endpoint.
 */
export interface XeroSession {
  /** A valid access token (refreshed when near expiry). Rejects with AppError('not_connected' | 'reconnect_required'). */
  getAccessToken(): Promise<string>;
  /** Forces a refresh after Xero answered 401 (e.g. TokenExpired) before the token's own expiry. */
  invalidateAccessToken?(): void;
  /** The chosen organisation's tenant id, or null when not connected. */
  tenantId(): string | null;
  /** Base URL of the Accounting API (https://api.xero.com/api.xro/2.0 or the emulator's). */
  apiBaseUrl: string;
}
