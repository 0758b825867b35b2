/**
 * The `facility-sync` launchers that electron-builder puts in the installed app's resources/bin
 * (build/cli/, electron-builder.yml). They are laid out here as an installer lays them out; the
 * app's binary is a stand-in script that prints its arguments (no Electron binary on build machines).
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const launcher = path.resolve('build/cli/facility-sync');
const productName = (JSON.parse(readFileSync('package.json', 'utf8')) as { productName: string }).productName;

/** An "installed app": the binary at `binary`, the launcher at `resources`/bin/facility-sync. */
function install(binary: string, resources: string): string {
  mkdirSync(path.dirname(binary), { recursive: true });
  writeFileSync(binary, '#!/bin/sh\nprintf "%s\\n" "$@"\nexit 7\n');
  chmodSync(binary, 0o755);
  mkdirSync(path.join(resources, 'bin'), { recursive: true });
  const target = path.join(resources, 'bin/facility-sync');
  copyFileSync(launcher, target);
  return target;
}

async function argsSeenByApp(command: string, args: string[]): Promise<{ args: string[]; code: number }> {
  try {
    await promisify(execFile)(command, args);
    return { args: [], code: 0 };
  } catch (e) {
    const err = e as { stdout: string; code: number };
    return { args: err.stdout.trimEnd().split('\n'), code: err.code };
  }
}

test('Linux: runs /opt/<product>/facility-sync-xero headless with --cli and the arguments, and passes its exit code on', async () => {
  const opt = path.join(mkdtempSync(path.join(os.tmpdir(), 'launcher-linux-')), productName);
  const cmd = install(path.join(opt, 'facility-sync-xero'), path.join(opt, 'resources'));
  const seen = await argsSeenByApp(cmd, ['--data-dir', '/srv/a folder', 'report', '--search-by', 'invoices']);
  expect(seen).toEqual({ args: ['--ozone-platform=headless', '--disable-gpu', '--cli', '--data-dir', '/srv/a folder', 'report', '--search-by', 'invoices'], code: 7 });

  // Linked into PATH, relatively or absolutely, it still finds the app.
  const bin = mkdtempSync(path.join(os.tmpdir(), 'launcher-bin-'));
  symlinkSync(path.relative(bin, cmd), path.join(bin, 'facility-sync'));
  expect((await argsSeenByApp(path.join(bin, 'facility-sync'), ['status'])).args).toEqual(['--ozone-platform=headless', '--disable-gpu', '--cli', 'status']);
});

test('macOS: runs Contents/MacOS/<product> with --cli and nothing Linux-only', async () => {
  const contents = path.join(mkdtempSync(path.join(os.tmpdir(), 'launcher-mac-')), `${productName}.app`, 'Contents');
  const cmd = install(path.join(contents, 'MacOS', productName), path.join(contents, 'Resources'));
  const link = path.join(mkdtempSync(path.join(os.tmpdir(), 'launcher-bin-')), 'facility-sync');
  symlinkSync(cmd, link);
  expect(await argsSeenByApp(link, ['status'])).toEqual({ args: ['--cli', 'status'], code: 7 });
});

test('Windows: the .cmd runs <install folder>\\<product>.exe --cli with every argument and returns its exit code', () => {
  const cmd = readFileSync('build/cli/facility-sync.cmd', 'utf8');
  expect(cmd.split('\r\n').length).toBe(cmd.split('\n').length);
  expect(cmd).toContain(`"%~dp0..\\..\\${productName}.exe" --cli %*\r\nexit /b %ERRORLEVEL%`);
});

test('electron-builder puts the launchers in resources/bin and names the Linux binary as the launcher expects', () => {
  const config = readFileSync('electron-builder.yml', 'utf8');
  expect(config).toMatch(/win:[\s\S]*?extraResources:\s*- from: build\/cli\/facility-sync\.cmd\s+to: bin\/facility-sync\.cmd/);
  expect(config).toMatch(/mac:[\s\S]*?extraResources:\s*- from: build\/cli\/facility-sync\s+to: bin\/facility-sync\n/);
  expect(config).toMatch(/linux:[\s\S]*?executableName: facility-sync-xero[\s\S]*?extraResources:\s*- from: build\/cli\/facility-sync\s+to: bin\/facility-sync\n/);
});
