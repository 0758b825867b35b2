import { dialog, type BrowserWindow } from 'electron';

/**
 * Asks for a CSV or Excel export to import. (The browser demo asks with the browser's file picker:
 * test/harness/bridge.ts.) Windows and Linux cannot offer file and folder in one dialog,
 * so there it asks for the folder of exports (the usual case); macOS accepts either.
 */
export async function chooseImportPath(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import facility data',
    buttonLabel: 'Import',
    properties: process.platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openDirectory'],
    filters: [{ name: 'CSV or Excel exports', extensions: ['csv', 'xlsx'] }],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Asks for the "Facility data folder" that export files are saved to (issue 17). */
export async function chooseFacilityFolder(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Facility data folder',
    buttonLabel: 'Watch this folder',
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
