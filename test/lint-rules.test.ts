/**
 * The layering rules in eslint.config.js (LAYER_RULES) fail `npm run lint` (part of `npm test`)
 * when a forbidden import appears. Proven on a temp copy of the real sources: the copy lints
 * clean, then each forbidden import added to a real file makes the lint fail with its message.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lint-rules-'));
  for (const f of ['main', 'contract', 'eslint.config.js', 'package.json']) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(files: string[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: path.join(dir, 'eslint.config.js') });
  const results = await eslint.lintFiles(files.map((f) => path.join(dir, f)));
  return results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(dir, r.filePath)}: ${m.ruleId}: ${m.message}`));
}

/** Adds `line` to `file` for one lint run, then puts the file back. */
async function lintWith(file: string, line: string, alsoLint: string[] = []): Promise<string[]> {
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  appendFileSync(full, `\n${line}\n`);
  try {
    return await lint([file, ...alsoLint]);
  } finally {
    writeFileSync(full, before);
  }
}

describe('the layering lint rules', () => {
  const files = ['main/xero/api-client.ts', 'main/db/open-database.ts', 'main/facility/repository.ts', 'main/report/report-filter.ts', 'main/sync/batcher.ts'];

  test('the real sources lint clean', async () => {
    expect(await lint(files)).toEqual([]);
  }, 60_000);

  test('xero/ importing sync/ fails', async () => {
    // (It also closes a cycle: the engine imports the client.)
    expect(await lintWith('main/xero/api-client.ts', "export { runSync } from '../sync/engine';")).toEqual(expect.arrayContaining([
      expect.stringMatching(/^main\/xero\/api-client\.ts: no-restricted-imports: .*main\/xero\/ is the adapter to Xero: it must not import main\/sync\//),
    ]));
  }, 60_000);

  test('db/ importing anything above it fails', async () => {
    expect(await lintWith('main/db/open-database.ts', "export { createFacilityRepository } from '../facility/repository';")).toEqual([
      expect.stringMatching(/^main\/db\/open-database\.ts: no-restricted-imports: .*main\/db\/ is the bottom layer/),
    ]);
  }, 60_000);

  test('facility/ and report/ importing each other fails', async () => {
    expect(await lintWith('main/facility/repository.ts', "export { reportFilterWhere } from '../report/report-filter';")).toEqual([
      expect.stringMatching(/^main\/facility\/repository\.ts: no-restricted-imports: .*must not import each other/),
    ]);
    expect(await lintWith('main/report/report-filter.ts', "export { contentHash } from '../facility/repository';")).toEqual([
      expect.stringMatching(/^main\/report\/report-filter\.ts: no-restricted-imports: .*must not import each other/),
    ]);
  }, 60_000);

  test('an import cycle fails', async () => {
    // batcher.ts is imported by send-batch.ts; importing send-batch back closes a cycle.
    const found = await lintWith('main/sync/batcher.ts', "import { sendBatch } from './send-batch';\nexport const send = sendBatch;");
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^main\/sync\/batcher\.ts: import-x\/no-cycle: Dependency cycle/)]));
  }, 60_000);
});
