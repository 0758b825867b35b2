/**
 * The built CLI needs no development dependency: the package as `npm pack` makes it (the
 * "files" of package.json, with `npm run build`'s dist/), installed by `npm ci --omit=dev` into a
 * fresh folder, runs --help, demo-data and report. No tsx, no sources: only the bundle and the
 * production dependencies. Run by `npm test` (its own gate, so the native build of better-sqlite3
 * does not compete with the other tests) or `npm run test:package`.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, 'dist/cli/facility-sync.js');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
/** What only the development dependencies need (tsx, esbuild, vitest, electron, ...), per the lock file. */
const devOnly = Object.keys(lock.packages).filter((p) => lock.packages[p]!.dev && p.startsWith('node_modules/'));
// Children get neither the npm settings of the `npm test` that runs this (npm_config_local_prefix
// would point the install at this project) nor NODE_OPTIONS (nothing may preload tsx into the CLI).
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS'));

let installed: string;

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does).`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'cli-omit-dev-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, env: baseEnv });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (!packed) throw new Error(`npm pack reported no package: ${stdout}`);
  await run('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
  installed = path.join(work, 'package');
  // npm never packs package-lock.json; the installed app's dependencies are the locked ones.
  copyFileSync(path.join(root, 'package-lock.json'), path.join(installed, 'package-lock.json'));
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: installed,
    // The npm cache of the project's own install serves the tarballs; only the native modules build.
    env: { ...baseEnv, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_nodedir: '/usr' },
    maxBuffer: 64 * 1024 * 1024,
  });
});

async function facilitySync(args: string[]) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cli-omit-dev-cwd-'));
  return run(process.execPath, [path.join(installed, 'bin/facility-sync.js'), ...args], { cwd, env: baseEnv, maxBuffer: 64 * 1024 * 1024 });
}

test('the install holds the bundle and the production dependencies only', () => {
  expect(existsSync(path.join(installed, 'dist/cli/facility-sync.js'))).toBe(true);
  expect(existsSync(path.join(installed, 'main'))).toBe(false);
  expect(devOnly).toEqual(expect.arrayContaining(['node_modules/tsx', 'node_modules/esbuild', 'node_modules/electron']));
  expect(devOnly.filter((p) => existsSync(path.join(installed, p)))).toEqual([]);
  for (const native of ['better-sqlite3', 'keytar']) expect(existsSync(path.join(installed, 'node_modules', native))).toBe(true);
});

test('--help and --version run the built CLI', async () => {
  const help = await facilitySync(['--help']);
  for (const c of ['demo-data', 'import', 'connect', 'map', 'sync', 'report', 'resync', 'status']) expect(help.stdout).toContain(c);
  expect((await facilitySync(['--version'])).stdout).toMatch(/, built CLI \(dist\/cli\/facility-sync\.js\), Node \d+\./);
});

test('demo-data then report, on a fresh data folder', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cli-omit-dev-data-'));
  const loaded = await facilitySync(['--data-dir', dataDir, 'demo-data', '--seed', '3']);
  expect(loaded.stdout).toMatch(/Imported: [1-9]\d* new, 0 updated, 0 unchanged, 0 rejected\./);

  const report = await facilitySync(['--data-dir', dataDir, 'report', '--search-by', 'invoices', '--status', 'non-synced', '--json']);
  const parsed = JSON.parse(report.stdout) as { counts: { total: number; synced: number }; rows: Array<{ status: string }> };
  expect(parsed.counts.total).toBeGreaterThan(0);
  expect(parsed.counts.synced).toBe(0);
  expect(parsed.rows.length).toBe(parsed.counts.total);

  const csv = await facilitySync(['--data-dir', dataDir, 'report', '--search-by', 'payments', '--csv']);
  expect(csv.stdout.split(/\r?\n/)[0]).toBe('record,external_id,tenant,date,amount,currency,location,building,status,last_attempt,last_attempt_local,failure,fix');
});
