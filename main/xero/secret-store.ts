import keytar from 'keytar';
import { AppError } from '../app-error';

/**
 * The only place secrets live (DESIGN.md "Secrets"): the OS keychain through keytar, behind three
 * functions so the backend can change (STYLE.md #10). Nothing else in the app stores a secret.
 */
export type SecretName = 'client-secret' | 'refresh-token';

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Facility Sync for Xero';

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

/** `service` is the keychain entry's service name; tests pass their own to stay isolated. */
export function createSecretStore(service: string = DEFAULT_KEYCHAIN_SERVICE): SecretStore {
  return {
    get: (name) => guarded(() => keytar.getPassword(service, name)),
    set: (name, value) => guarded(() => keytar.setPassword(service, name, value)),
    delete: (name) => guarded(async () => void (await keytar.deletePassword(service, name))),
  };
}
