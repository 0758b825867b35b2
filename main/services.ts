/**
 * Composition root (DESIGN.md): the Electron main process, the CLI and test/harness all build the
 * same services here from a config. Each area adds its service module and spreads it into `api`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Api } from '../preload/api';
import { PushEventBus } from './push-events';
import { resolveXeroEndpoints } from './xero/endpoints';
import { APP_NAME, APP_VERSION } from './app-meta';
import { createConfSettingsStore, type SettingsStore } from './settings/settings-store';
import { DB_FILE_NAME, openDatabase, type Db } from './db/open-database';
import { createFacilityService } from './facility/facility-service';

export interface ServicesConfig {
  /** Where SQLite, settings and logs live. Created if missing. */
  dataDir: string;
  /** Base URL of a Xero emulator (tests, demo). Unset: the real Xero. */
  xeroBaseUrl?: string;
  /** Opens a URL in the system browser (shell.openExternal in Electron). */
  openExternal?: (url: string) => Promise<void>;
  /** Non-secret settings. Electron passes electron-store; default: conf in dataDir. */
  settingsStore?: SettingsStore;
  /** Asks the user for a CSV file or folder to import (Electron: an open dialog); null when cancelled. */
  chooseImportPath?: () => Promise<string | null>;
}

export interface Services {
  readonly config: Readonly<ServicesConfig>;
  readonly api: Api;
  readonly events: PushEventBus;
  readonly settings: SettingsStore;
  close(): Promise<void>;
}

export async function createServices(config: ServicesConfig): Promise<Services> {
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const events = new PushEventBus();
  const xero = resolveXeroEndpoints(config.xeroBaseUrl);
  const closers: Array<() => Promise<void> | void> = [];
  const settings = config.settingsStore ?? createConfSettingsStore(dataDir);
  const db: Db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  closers.push(() => void db.close());
  const facility = createFacilityService({ db, events, chooseImportPath: config.chooseImportPath });

  const api: Api = {
    async getAppInfo() {
      return { name: APP_NAME, version: APP_VERSION, dataDir, xero };
    },
    ...facility,
  };

  return {
    config: { ...config, dataDir },
    api,
    events,
    settings,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
