import type { XeroScopeSet } from '../../contract';

/**
 * Xero apps created from March 2026 must ask for granular scopes; older apps keep the broad
 * accounting.transactions scope (docs/xero-facts.md "OAuth 2.0"). offline_access gives the refresh token.
 */
export const SCOPE_SETS: Record<XeroScopeSet, string> = {
  granular: 'openid profile email offline_access accounting.contacts accounting.invoices accounting.payments accounting.settings',
  broad: 'openid profile email offline_access accounting.transactions accounting.contacts accounting.settings',
};

export const DEFAULT_SCOPE_SET: XeroScopeSet = 'granular';

export function isScopeSet(value: unknown): value is XeroScopeSet {
  return value === 'granular' || value === 'broad';
}
