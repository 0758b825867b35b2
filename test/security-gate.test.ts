import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error plain ESM script without types
import { scan, stageSources } from '../scripts/security-gate.mjs';

type Report = { failing: Array<{ id: string }>; unparsed: unknown[] };
const staged: string[] = [];

async function scanWith(edit: (windowTs: string) => string): Promise<Report> {
  const dir: string = stageSources(path.resolve('.'));
  staged.push(dir);
  const file = path.join(dir, 'main/window.ts');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the mutation really happened
  writeFileSync(file, after);
  return scan(dir);
}

afterAll(() => {
  for (const d of staged) rmSync(d, { recursive: true, force: true });
});

// Each scan waits on the tool's offline release check: run them side by side.
describe.concurrent('electronegativity gate', () => {
  test('passes on the real sources', async () => {
    const dir: string = stageSources(path.resolve('.'));
    staged.push(dir);
    const report: Report = await scan(dir);
    expect(report.failing.map((f) => f.id)).toEqual([]);
    expect(report.unparsed).toEqual([]);
  });

  test.each([
    ['contextIsolation', (s: string) => s.replace('contextIsolation: true', 'contextIsolation: false'), 'CONTEXT_ISOLATION_JS_CHECK'],
    ['sandbox', (s: string) => s.replace('sandbox: true', 'sandbox: false'), 'SANDBOX_JS_CHECK'],
    // (nodeIntegration: true alone is inert under sandbox: true, and the tool agrees; test/window.test.ts asserts it.)
    ['webSecurity', (s: string) => s.replace('webSecurity: true', 'webSecurity: false'), 'WEB_SECURITY_JS_CHECK'],
    ['the https-only check before openExternal', (s: string) => s.replace(' /* eng-disable OPEN_EXTERNAL_JS_CHECK */', ''), 'OPEN_EXTERNAL_JS_CHECK'],
  ])('fails when %s is removed', async (_name, edit, expectedCheck) => {
    const report = await scanWith(edit);
    expect(report.failing.map((f) => f.id)).toContain(expectedCheck);
  });
});
