import type { XeroEndpoints } from '../../contract';
import type { SettingsStore } from '../settings/settings-store';
import { adoptUnscopedSecrets, type SecretStore } from './secret-store';

/**
 * A data folder's Xero connection belongs to the identity issuer its tokens came from. Settings
 * remember that issuer; with any other Xero address the folder counts as not connected (and its
 * keychain entries, scoped by issuer, are not even found), so a sign-in never travels elsewhere.
 */
export const ISSUER_KEY = 'xero.issuer';

/** Why the saved connection does not apply to these endpoints, in plain words; null when it does. */
export function bindingProblem(settings: SettingsStore, endpoints: XeroEndpoints): string | null {
  const bound = settings.get<string>(ISSUER_KEY);
  if (bound === endpoints.issuer) return null;
  if (!bound) {
    return 'This data folder was connected to Xero by an older version of Facility Sync and its sign-in could not be matched to this Xero address. Click Connect to Xero to sign in again; your settings and mappings are kept.';
  }
  return `This data folder is connected to Xero at ${bound}, but Facility Sync is now set to use ${endpoints.issuer}, so it sends nothing there. Start Facility Sync with the address it was connected to, or click Connect to Xero to connect to this one.`;
}

/**
 * Versions before issue 18 kept one refresh token for every data folder. A folder connected back
 * then adopts it once (and the old entries are deleted), but only against the real Xero: the only
 * place the old entries can safely be sent, since the demo and tests are the only users of other
 * addresses.
 */
export async function adoptOlderSignIn(opts: { settings: SettingsStore; endpoints: XeroEndpoints; service: string; secrets: SecretStore }): Promise<void> {
  const { settings, endpoints } = opts;
  if (endpoints.mode !== 'xero' || settings.get(ISSUER_KEY) !== undefined || settings.get('xero.organisation') === undefined) return;
  if (await adoptUnscopedSecrets(opts.service, opts.secrets)) settings.set(ISSUER_KEY, endpoints.issuer);
}
