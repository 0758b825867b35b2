import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./helpers/fake-electron'));
const electron = await import('./helpers/fake-electron');
const { savePdf } = await import('../main/pdf-dialog');

/** "Print / Save as PDF" in the app: the save dialog first, then Chromium's printToPDF on A4 into the chosen file. */
test('asks where to save, prints the window on A4 with its print stylesheet and writes the file; cancelling writes nothing', async () => {
  const win = new electron.BrowserWindow({ width: 1366, height: 768 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-dialog-'));
  const target = path.join(dir, 'reconciliation-2025-06.pdf');

  electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
  expect(await savePdf(win as never, 'reconciliation-2025-06.pdf')).toBeNull();
  expect(win.webContents.printed).toEqual([]);

  electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
  expect(await savePdf(win as never, 'reconciliation-2025-06.pdf')).toBe(target);
  const [, options] = electron.dialog.showSaveDialog.mock.calls.at(-1)!;
  expect(options).toMatchObject({ defaultPath: 'reconciliation-2025-06.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  expect(win.webContents.printed).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
  expect(readFileSync(target, 'utf8').startsWith('%PDF-')).toBe(true);

  // No window (closed meanwhile): nothing is asked, nothing written.
  expect(await savePdf(null, 'x.pdf')).toBeNull();
  expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
});
