import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkFuses, checkRendererProtocol, scan, stageSources } from '../scripts/security-gate.mjs';

type Report = { failing: Array<{ id: string }>; unparsed: unknown[]; config: string[] };
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
    expect(report.config).toEqual([]);
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

/** A staged copy with one file edited; the mutation must really happen. */
function stagedWith(rel: string, edit: (text: string) => string): string {
  const dir: string = stageSources(path.resolve('.'));
  staged.push(dir);
  const file = path.join(dir, rel);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return dir;
}

describe('fuses and the renderer protocol', () => {
  test('the real sources carry every fuse and serve the renderer from app://', () => {
    const dir: string = stageSources(path.resolve('.'));
    staged.push(dir);
    expect(checkFuses(dir)).toEqual([]);
    expect(checkRendererProtocol(dir)).toEqual([]);
  });

  test.each([
    ['runAsNode', 'runAsNode: false', 'runAsNode: true'],
    ['enableNodeOptionsEnvironmentVariable', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeOptionsEnvironmentVariable: true'],
    ['enableNodeCliInspectArguments', 'enableNodeCliInspectArguments: false', ''],
    ['enableEmbeddedAsarIntegrityValidation', 'enableEmbeddedAsarIntegrityValidation: true', 'enableEmbeddedAsarIntegrityValidation: false'],
    ['onlyLoadAppFromAsar', 'onlyLoadAppFromAsar: true', 'onlyLoadAppFromAsar: false'],
  ])('fails when the %s fuse is wrong or missing', (fuse, from, to) => {
    const dir = stagedWith('electron-builder.yml', (s) => s.replace(from, to));
    expect(checkFuses(dir)).toEqual([expect.stringContaining(`fuse ${fuse} must be`)]);
  });

  test.each([
    ['the renderer loads from file://', 'main/index.ts', (s: string) => s.replace('const rendererUrl = chooseRendererUrl(app.isPackaged);', "const rendererUrl = pathToFileURL(path.join(here, '../renderer/index.html')).href;"), /must pick the renderer URL|file:\/\//],
    ['the scheme is not privileged', 'main/renderer-protocol.ts', (s: string) => s.replace('standard: true, secure: true, ', ''), /privileged/],
    ['the dev override works when packaged', 'main/renderer-protocol.ts', (s: string) => s.replace('!isPackaged && override', 'override'), /packaged app/],
  ])('fails when %s', (_name, rel, edit, message) => {
    const dir = stagedWith(rel, edit);
    expect(checkRendererProtocol(dir).join('\n')).toMatch(message);
  });
});

