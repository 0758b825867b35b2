import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';

/**
 * "Print / Save as PDF" of a report page (the reconciliation): asks where to save, then prints the
 * window as it shows now with Chromium's printToPDF on A4 (the page's print stylesheet applies:
 * renderer/reports/reconciliation/reconciliation-print.css). Null when the user cancels or no window is open.
 * (The browser demo prints with the browser's own dialog: test/harness/bridge.ts.)
 */
export async function savePdf(parent: BrowserWindow | null, suggestedFileName: string): Promise<string | null> {
  if (!parent) return null;
  const result = await dialog.showSaveDialog(parent, {
    title: 'Save as PDF',
    defaultPath: suggestedFileName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (result.canceled || !result.filePath) return null;
  const pdf = await parent.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  await writeFile(result.filePath, pdf);
  return result.filePath;
}
