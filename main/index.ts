// App lifecycle and wiring only: the guards live in window.ts, the contract in ipc.ts, the
// services in services.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, shell } from 'electron';
import { AppError } from './app-error';
import { cliModeArgs, runCliMode } from './cli-mode';
import { chooseFacilityFolder, chooseImportPath } from './import-dialog';
import { forwardPushEvents, registerIpcHandlers } from './ipc';
import { savePdf } from './pdf-dialog';
import { showSyncNotices } from './notifications';
import { chooseRendererUrl, registerRendererScheme, serveRenderer } from './renderer-protocol';
import { createServices, type Services } from './services';
import { claimSingleInstance, createMainWindow, installAppGuards, openExternalSafely } from './window';
import { createElectronSettingsStore } from './settings/electron-settings-store';
import { createWindowStateStore } from './window-state';
import { isEmulatorUrl } from './xero/endpoints';

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

const here = path.dirname(fileURLToPath(import.meta.url));
// app://facility-sync/ (main/renderer-protocol.ts), never file://; a dev-server override only unpackaged.
const rendererUrl = chooseRendererUrl(app.isPackaged);
registerRendererScheme();
const preloadPath = path.join(here, '../preload/index.cjs');

const cliArgs = cliModeArgs(process.argv);
if (cliArgs) {
  void runCliMode(cliArgs);
} else if (!claimSingleInstance(() => mainWindow)) {
  app.quit();
} else {
  void app.whenReady().then(async () => {
    serveRenderer(path.join(here, '../renderer'));
    installAppGuards(rendererUrl);
    // An empty override means none (an empty path would resolve to the current directory).
    const dataDir = process.env.FACILITY_SYNC_DATA_DIR || app.getPath('userData');
    const xeroBaseUrl = process.env.FACILITY_SYNC_XERO_BASE_URL || undefined;
    services = await createServices({
      dataDir,
      settingsStore: createElectronSettingsStore(dataDir),
      xeroBaseUrl,
      proposeSyncStartDate: true,
      chooseImportPath: () => chooseImportPath(mainWindow),
      watchFacilityFolder: true,
      chooseFacilityFolder: () => chooseFacilityFolder(mainWindow),
      savePdf: (name) => savePdf(mainWindow, name),
      // Besides https, only the configured Xero emulator's own origin (demo and tests) may open.
      openExternal: async (url) =>
        isEmulatorUrl(url, xeroBaseUrl) ? void shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */ : openExternalSafely(url),
    });
    registerIpcHandlers(services, rendererUrl);
    forwardPushEvents(services, () => mainWindow?.webContents ?? null);
    mainWindow = createMainWindow({ preloadPath, rendererUrl, windowState: createWindowStateStore() });
    mainWindow.on('closed', () => (mainWindow = null));
    showSyncNotices(services.events, () => {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.show();
      mainWindow?.focus();
    });
  }).catch((err: unknown) => {
    // E.g. FACILITY_SYNC_XERO_BASE_URL refused (plain http to another computer): say so and stop.
    dialog.showErrorBox('Facility Sync could not start', err instanceof AppError ? err.message : String(err));
    app.quit();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());
}
