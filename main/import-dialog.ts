import { dialog, type BrowserWindow } from 'electron';

/**
 * Asks for a CSV export to import. Windows and Linux cannot offer file and folder in one dialog,
 * so there it asks for the folder of exports (the usual case); macOS accepts either.
 */
export async function chooseImportPath(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import facility data',
    buttonLabel: 'Import',
    properties: process.platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openDirectory'],
    filters: [{ name: 'CSV exports', extensions: ['csv'] }],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
