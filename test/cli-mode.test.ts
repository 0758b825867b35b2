/**
 * `Facility Sync for Xero --cli ...`: main/index.ts hands the arguments after --cli to the built CLI
 * bundle and quits with its exit code, without the instance lock or a window. Electron itself is
 * the fake (no binary on build machines); the bundle is the real dist/cli/facility-sync.js.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./helpers/fake-electron'));

const { app } = await import('./helpers/fake-electron');
const { cliModeArgs, runCliMode } = await import('../main/cli-mode');

const bundle = path.resolve('dist/cli/facility-sync.js');
const argv = process.argv;

afterEach(() => {
  process.argv = argv;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  app.exit.mockClear();
});

/** Resolves with the exit code once the fake app.exit() is called. */
function exited(): Promise<number | undefined> {
  return new Promise((resolve) => app.exit.mockImplementationOnce((code?: number) => resolve(code)));
}

test('the arguments after --cli, in the installed app and in a development run', () => {
  expect(cliModeArgs(['/opt/Facility Sync for Xero/facility-sync-xero', '--ozone-platform=headless', '--cli', 'status', '--data-dir', '/d'])).toEqual(['status', '--data-dir', '/d']);
  expect(cliModeArgs(['/usr/lib/electron/electron', '.', '--cli'])).toEqual([]);
  expect(cliModeArgs(['/opt/Facility Sync for Xero/facility-sync-xero'])).toBeNull();
});

test('main/index.ts with --cli runs the built CLI and exits with its code, without the instance lock', async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build:main\` first (npm test does).`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cli-mode-'));
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  process.argv = ['/opt/Facility Sync for Xero/facility-sync-xero', '--cli', '--data-dir', dataDir, 'demo-data', '--seed', '2'];
  const code = exited();
  await import('../main/index');
  expect(await code).toBe(0);
  expect(out.join('\n')).toMatch(/Imported: [1-9]\d* new, 0 updated, 0 unchanged, 0 rejected\./);
  expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
  expect(app.whenReady).not.toHaveBeenCalled();
  expect(app.disableHardwareAcceleration).toHaveBeenCalled();
});

test('a missing bundle is reported and exits 1', async () => {
  const err: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = exited();
  await runCliMode(['status'], path.join(os.tmpdir(), 'no-such-dir', 'facility-sync.js'));
  expect(await code).toBe(1);
  expect(err.join('\n')).toMatch(/could not start .*Reinstall the app\./);
});
