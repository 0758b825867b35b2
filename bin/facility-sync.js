#!/usr/bin/env node
// The `facility-sync` command: runs main/cli.ts through tsx (a development dependency) so the
// CLI always matches the sources; see `facility-sync --help`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let tsxCli;
try {
  tsxCli = require.resolve('tsx/cli');
} catch {
  console.error('facility-sync needs the project’s development dependencies: run `npm install` in the project folder first.');
  process.exit(1);
}
const result = spawnSync(process.execPath, [tsxCli, path.join(here, '../main/cli-main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
