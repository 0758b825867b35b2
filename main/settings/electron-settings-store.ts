import Store from 'electron-store';
import type { SettingsStore } from './settings-store';
import { PRIVATE_FILE_MODE } from '../private-data-dir';

/** The Electron shell's settings: electron-store in the data dir (same format as conf). */
export function createElectronSettingsStore(dataDir: string): SettingsStore {
  const store = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings', configFileMode: PRIVATE_FILE_MODE });
  return {
    get: <T>(key: string) => store.get(key) as T | undefined,
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
