#!/usr/bin/env node
// The `facility-sync` command. Runs the built CLI (dist/cli/facility-sync.js, made by
// `npm run build`) in this process: no development dependency, no transpiling. Only in a
// development checkout without that build (or with FACILITY_SYNC_CLI=sources) does it run the
// sources through tsx instead. `facility-sync --version` says which one ran.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/cli/facility-sync.js');
const sources = path.join(root, 'main/cli-main.ts');

if (existsSync(bundle) && process.env.FACILITY_SYNC_CLI !== 'sources') {
  // The bundle reads process.argv and sets process.exitCode, as main/cli-main.ts does.
  await import(pathToFileURL(bundle).href);
} else if (existsSync(sources)) {
  let tsxCli;
  try {
    tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  } catch {
    console.error('facility-sync is not built and cannot run from the sources here: run `npm run build` (or `npm install` for the development dependencies) in the project folder first.');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [tsxCli, sources, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  console.error(`facility-sync is not built: ${bundle} is missing. Build it with \`npm run build\`, or reinstall the package.`);
  process.exit(1);
}
