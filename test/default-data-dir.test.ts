import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { APP_NAME } from '../main/app-meta';
import { defaultDataDir } from '../main/default-data-dir';

const bin = path.resolve('bin/facility-sync.js');

test('XDG_CONFIG_HOME empty or relative is ignored: the CLI keeps its data in ~/.config, not the current directory', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'home-'));
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cwd-'));
  for (const xdg of ['', 'relative/config']) {
    const r = spawnSync(process.execPath, [bin, 'report', '--search-by', 'tenants', '--json'], {
      cwd, encoding: 'utf8', env: { ...process.env, HOME: home, XDG_CONFIG_HOME: xdg },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
  }
  expect(existsSync(path.join(home, '.config', APP_NAME, 'facility-sync.sqlite'))).toBe(true);
});

test('defaultDataDir per platform: absolute XDG_CONFIG_HOME and APPDATA are used, empty ones are not', () => {
  const home = os.homedir();
  expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe(path.join('/srv/config', APP_NAME));
  expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.join(home, '.config', APP_NAME));
  expect(defaultDataDir({}, 'linux')).toBe(path.join(home, '.config', APP_NAME));
  expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', APP_NAME));
  expect(path.isAbsolute(defaultDataDir({ APPDATA: '' }, 'win32'))).toBe(true);
});
