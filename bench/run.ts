/**
 * `npm run bench`: runs every bench/*.bench.ts and prints its figures. Benchmarks print numbers;
 * they do not pass or fail. BENCH_SIZE=small shrinks them for CI; the default is full size.
 * `npm run bench -- <name-filter>` runs only matching files.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type BenchSize = 'small' | 'full';
export interface BenchModule {
  default: (size: BenchSize) => Promise<void>;
}

const dir = path.dirname(new URL(import.meta.url).pathname);
const filter = process.argv[2] ?? '';
const size: BenchSize = process.env.BENCH_SIZE === 'small' ? 'small' : 'full';
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();

for (const file of files) {
  console.log(`\n== ${file} (${size}) ==`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
  await mod.default(size);
}
if (files.length === 0) console.log('No benchmarks matched.');
