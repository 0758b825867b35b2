import Conf from 'conf';
import { PRIVATE_FILE_MODE } from '../private-data-dir';

/**
 * Non-secret settings (chosen organisation, scopes, mappings' metadata...). Never put a secret
 * here: secrets live only in the OS keychain (main/xero/secret-store.ts).
 *
 * electron-store is conf plus Electron defaults, and it imports `electron` at load time, so the
 * Electron shell passes an electron-store instance while the CLI and the browser harness use conf
 * directly. Both write the same JSON file format into the data dir.
 */
export interface SettingsStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createConfSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'facility-sync', configFileMode: PRIVATE_FILE_MODE });
  return {
    get: <T>(key: string) => conf.get(key) as T | undefined,
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  };
}
