import keytar from 'keytar';
import { AppError } from '../app-error';

/**
 * The only place secrets live (README "Architecture"): the OS keychain through keytar, behind three
 * functions so the backend can change (docs/conventions.md #10). Nothing else in the app stores a secret.
 */
export type SecretName = 'client-secret' | 'refresh-token';

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/**
 * Whose secrets these are: one data folder's, obtained from one identity issuer. Two data folders
 * (the app and `npm run demo`, say) keep separate sign-ins, and a token obtained from
 * identity.xero.com is never found, so never sent, when the app points at another Xero address.
 */
export interface SecretScope {
  /** The data folder, as an absolute canonical path. */
  dataDir: string;
  /** The identity issuer the secrets were obtained from (https://identity.xero.com or the emulator's URL). */
  issuer: string;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Facility Sync for Xero';

/** The keychain account of a secret: readable in Keychain Access / Seahorse, unique per scope. */
export function keychainAccount(name: SecretName, scope?: SecretScope): string {
  return scope ? `${name} | ${scope.issuer} | ${scope.dataDir}` : name;
}

const KEYCHAIN_FIX =
  'Facility Sync keeps your Xero client secret and sign-in in the system keychain, and it could not reach it. ' +
  'Unlock your keychain (on Linux: start GNOME Keyring or KWallet and unlock the login keyring; on macOS: unlock Keychain Access), then try again.';

/** keytar's errors (no keychain, locked, D-Bus missing) become one plain, fixable message. */
function keychainUnavailable(cause: unknown): AppError {
  return new AppError('keychain_unavailable', KEYCHAIN_FIX, { cause });
}

async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw keychainUnavailable(err);
  }
}

/**
 * `service` is the keychain entry's service name (tests pass their own to stay isolated); `scope`
 * binds the entries to a data folder and issuer. Without a scope the entries are the unscoped ones
 * versions before issue 18 wrote (read only to adopt them, see adoptUnscopedSecrets).
 */
export function createSecretStore(service: string = DEFAULT_KEYCHAIN_SERVICE, scope?: SecretScope): SecretStore {
  const account = (name: SecretName) => keychainAccount(name, scope);
  return {
    get: (name) => guarded(() => keytar.getPassword(service, account(name))),
    set: (name, value) => guarded(() => keytar.setPassword(service, account(name), value)),
    delete: (name) => guarded(async () => void (await keytar.deletePassword(service, account(name)))),
  };
}

/**
 * Moves the secrets an older version kept for every data folder at once into `to`, and deletes the
 * old entries, so exactly one data folder adopts them. The caller decides when that is safe.
 */
export async function adoptUnscopedSecrets(service: string, to: SecretStore): Promise<boolean> {
  const unscoped = createSecretStore(service);
  const found = { 'client-secret': await unscoped.get('client-secret'), 'refresh-token': await unscoped.get('refresh-token') };
  if (!found['refresh-token']) return false;
  for (const name of ['client-secret', 'refresh-token'] as const) {
    const value = found[name];
    if (value) await to.set(name, value);
    await unscoped.delete(name);
  }
  return true;
}
