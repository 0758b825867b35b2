// The Electron security gate: runs @doyensec/electronegativity over the Electron-facing code and
// FAILS on any HIGH or MEDIUM finding (the tool itself always exits 0, so we read its report).
// A finding may be silenced only by an inline `eng-disable <CHECK>` comment next to a review note.
// It also fails when electron-builder.yml lacks the required Electron fuses, or when the renderer
// is not served from the privileged app:// scheme (file://, or the dev URL override when packaged).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const SCANNED = ['main', 'preload', 'renderer/index.html', 'package.json', 'electron-builder.yml'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
const ELECTRON_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).devDependencies.electron;

/** The fuses the packaged binary must carry (electron-builder's electronFuses). */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/** Problems with electron-builder.yml's electronFuses, in plain words (empty when all are set). */
export function checkFuses(dir) {
  const file = path.join(dir, 'electron-builder.yml');
  if (!existsSync(file)) return ['electron-builder.yml is missing: the fuses cannot be checked'];
  const fuses = yaml.load(readFileSync(file, 'utf8'))?.electronFuses ?? {};
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, wanted]) => fuses[name] !== wanted)
    .map(([name, wanted]) => `fuse ${name} must be ${wanted} in electron-builder.yml electronFuses (is ${fuses[name] ?? 'unset'})`);
}

/**
 * The renderer must come from the privileged app:// scheme: the scheme is registered and served,
 * the window loads it, nothing loads file://, and the dev override is refused when packaged.
 */
export function checkRendererProtocol(dir) {
  const read = (rel) => (existsSync(path.join(dir, rel)) ? readFileSync(path.join(dir, rel), 'utf8') : '');
  const index = read('main/index.ts');
  const protocolTs = read('main/renderer-protocol.ts');
  const problems = [];
  if (!/registerSchemesAsPrivileged\(/.test(protocolTs) || !/standard:\s*true/.test(protocolTs) || !/secure:\s*true/.test(protocolTs)) {
    problems.push('main/renderer-protocol.ts must register the app:// scheme as privileged (standard, secure)');
  }
  if (!/protocol\.handle\(/.test(protocolTs)) problems.push('main/renderer-protocol.ts must serve the renderer with protocol.handle');
  if (!/registerRendererScheme\(\)/.test(index) || !/serveRenderer\(/.test(index)) problems.push('main/index.ts must register and serve the app:// scheme');
  if (!/chooseRendererUrl\(app\.isPackaged\)/.test(index)) problems.push('main/index.ts must pick the renderer URL with chooseRendererUrl(app.isPackaged)');
  if (!/!isPackaged && override/.test(protocolTs)) problems.push('FACILITY_SYNC_RENDERER_URL must be ignored in a packaged app');
  for (const rel of ['main/index.ts', 'main/window.ts', 'main/renderer-protocol.ts']) {
    if (/pathToFileURL|['"`]file:\/\//.test(read(rel))) problems.push(`${rel} must not load the renderer from file://`);
  }
  return problems;
}

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
    result = await run({ input: dir, isRelative: true, electronVersionOverride: ELECTRON_VERSION });
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
  const config = [...checkFuses(dir), ...checkRendererProtocol(dir)];
  return { issues: result.issues, failing, unparsed, errors: result.errors, config };
}

export function describe(report) {
  const lines = [];
  for (const i of report.issues) {
    lines.push(`${FAILING.has(i.severity.name) ? 'FAIL' : 'info'} ${i.severity.name}/${i.confidence.name} ${i.id} ${i.file}:${i.location?.line ?? '?'}`);
  }
  for (const e of report.unparsed) lines.push(`FAIL could not parse ${e.file}: ${e.message ?? e.error ?? 'parse error'}`);
  for (const c of report.config) lines.push(`FAIL ${c}`);
  return lines;
}

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = stageSources(root);
  try {
    const report = await scan(dir);
    for (const line of describe(report)) console.log(`  ${line}`);
    const bad = report.failing.length + report.unparsed.length + report.config.length;
    if (bad > 0) {
      console.error(`Security gate FAILED: ${report.failing.length} HIGH/MEDIUM finding(s), ${report.unparsed.length} unparsed Electron file(s), ${report.config.length} fuse/protocol problem(s).`);
      process.exit(1);
    }
    console.log(`Security gate passed: no HIGH or MEDIUM findings (${report.issues.length} lower-severity note(s)); fuses and the app:// renderer protocol in place.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
