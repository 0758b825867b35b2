// The Electron security gate: runs @doyensec/electronegativity over the Electron-facing code and
// FAILS on any HIGH or MEDIUM finding (the tool itself always exits 0, so we read its report).
// A finding may be silenced only by an inline `eng-disable <CHECK>` comment next to a review note.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const SCANNED = ['main', 'preload', 'renderer/index.html', 'package.json'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

/** Copies what Electron loads into a scratch dir (the tool scans directories whole). */
export function stageSources(root) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'security-gate-'));
  for (const rel of SCANNED) {
    const from = path.join(root, rel);
    if (existsSync(from)) cpSync(from, path.join(dir, rel), { recursive: true });
  }
  return dir;
}

export async function scan(dir) {
  const run = require('@doyensec/electronegativity');
  // The tool logs progress and a release-check warning through console/winston: keep it quiet.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run({ input: dir, isRelative: true, electronVersionOverride: '39.5.0' });
  } finally {
    console.log = log;
  }
  const failing = result.issues.filter((i) => FAILING.has(i.severity.name));
  // A file that imports electron but could not be parsed was not checked: that fails too.
  const unparsed = result.errors.filter((e) => {
    try {
      return /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(path.join(dir, e.file), 'utf8'));
    } catch {
      return true;
    }
  });
  return { issues: result.issues, failing, unparsed, errors: result.errors };
}

export function describe(report) {
  const lines = [];
  for (const i of report.issues) {
    lines.push(`${FAILING.has(i.severity.name) ? 'FAIL' : 'info'} ${i.severity.name}/${i.confidence.name} ${i.id} ${i.file}:${i.location?.line ?? '?'}`);
  }
  for (const e of report.unparsed) lines.push(`FAIL could not parse ${e.file}: ${e.message ?? e.error ?? 'parse error'}`);
  return lines;
}

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = stageSources(root);
  try {
    const report = await scan(dir);
    for (const line of describe(report)) console.log(`  ${line}`);
    const bad = report.failing.length + report.unparsed.length;
    if (bad > 0) {
      console.error(`Security gate FAILED: ${report.failing.length} HIGH/MEDIUM finding(s), ${report.unparsed.length} unparsed Electron file(s).`);
      process.exit(1);
    }
    console.log(`Security gate passed: no HIGH or MEDIUM findings (${report.issues.length} lower-severity note(s)).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
