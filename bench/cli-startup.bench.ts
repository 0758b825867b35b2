/**
 * CLI start-up: wall time and peak RSS of whole `facility-sync` runs, `--help` and `status` on a
 * demo data dir (300 tenants, a year of invoices and payments), from the sources (tsx, what a
 * development checkout without a build runs) and from the built bundle (dist/cli/facility-sync.js,
 * what ships). Median of 3 runs; 1 at BENCH_SIZE=small. Targets (issue 19): bundle --help under
 * 0.5 s, status under 1 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
const rssFile = path.join(work, 'rss.txt');
// Preloaded into every Node process of a run (tsx adds two): each appends its own peak RSS (KiB)
// as it exits, so the peak is the largest process and the sum bounds what the run held at once.
const rssHook = path.join(work, 'rss-on-exit.mjs');
writeFileSync(rssHook, "import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\\n`));\n");

const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && k !== 'FACILITY_SYNC_CLI'));

interface Run {
  wallMs: number;
  peakKiB: number;
  processes: number;
}

function runCli(args: string[], from: 'sources' | 'bundle'): Run {
  writeFileSync(rssFile, '');
  const env = { ...baseEnv, ...(from === 'sources' ? { FACILITY_SYNC_CLI: 'sources' } : {}), BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${rssHook}` };
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/facility-sync.js'), ...args], { cwd: work, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`facility-sync ${args.join(' ')} (${from}) exited ${r.status}: ${r.stderr}`);
  const rss = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
  return { wallMs, peakKiB: Math.max(...rss), processes: rss.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

export default async function (size: 'small' | 'full'): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root, env: baseEnv, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:main failed: ${build.stderr}`);
  const dataDir = path.join(work, 'data');
  runCli(['--data-dir', dataDir, 'demo-data'], 'bundle');

  const runs = size === 'full' ? 3 : 1;
  console.log(`${runs === 1 ? 'one whole run' : `median of ${runs} whole runs`}; peak RSS = the largest Node process of the run`);
  for (const [label, args] of [['--help', ['--help']], ['status', ['--data-dir', dataDir, 'status']]] as const) {
    for (const from of ['sources', 'bundle'] as const) {
      const results = Array.from({ length: runs }, () => runCli([...args], from));
      const wall = median(results.map((r) => r.wallMs)) / 1000;
      const peak = median(results.map((r) => r.peakKiB));
      const what = from === 'sources' ? 'sources (tsx)' : 'bundle';
      console.log(`${label.padEnd(7)} ${what.padEnd(14)} ${wall.toFixed(2)} s wall, ${mib(peak)} peak RSS, ${results[0]!.processes} Node process${results[0]!.processes === 1 ? '' : 'es'}`);
    }
  }
}
