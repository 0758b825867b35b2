// Bundles the main process (ESM), the preload (one CommonJS file, so it runs sandboxed) and the
// headless CLI (dist/cli/facility-sync.js: bin/facility-sync.js and the app's `--cli` mode run it).
// Native modules stay external; every other package is bundled, so at run time the bundles need
// only the native modules, and the build fails if one of those is not a production dependency.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build as esbuild } from 'esbuild';

const native = ['better-sqlite3', 'keytar'];
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Builds, then writes each file whole under a temporary name and renames it into place: a CLI or
 * test that loads dist/ while `npm run build` runs (the demo test does) sees the old file or the new.
 */
async function build(options) {
  const result = await esbuild({ ...options, write: false });
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return result;
}

/** Packages a bundle still imports at run time: they must ship (be in "dependencies"). */
function runtimeImports(result) {
  const names = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const i of output.imports) {
      if (!i.external || i.path.startsWith('node:') || builtinModules.includes(i.path)) continue;
      names.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]);
    }
  }
  return [...names];
}

function checkRuntimeImports(name, result, { provided = [] } = {}) {
  const missing = runtimeImports(result).filter((p) => !provided.includes(p) && !(p in (pkg.dependencies ?? {})));
  if (missing.length) {
    throw new Error(`${name} imports ${missing.join(', ')} at run time, but package.json "dependencies" lacks it: move it there or bundle it.`);
  }
}

const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  sourcemap: true,
  metafile: true,
  // Bundled CommonJS dependencies still call require(); give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

const main = await build({
  ...node,
  entryPoints: { index: 'main/index.ts' },
  outdir: 'dist/main',
  target: 'node22',
  external: ['electron', ...native],
});
checkRuntimeImports('dist/main/index.js', main, { provided: ['electron'] });

// The same file runs under the system's Node (npx facility-sync, Node 20.19+) and inside the app.
const cli = await build({
  ...node,
  entryPoints: { 'facility-sync': 'main/cli-main.ts' },
  outdir: 'dist/cli',
  target: 'node20',
  // Kept external so that an import of electron fails this check instead of bundling its npm stub.
  external: ['electron', ...native],
  define: { FACILITY_SYNC_BUILT_CLI: 'true' },
});
checkRuntimeImports('dist/cli/facility-sync.js (it runs under plain Node, never needs electron)', cli);

await build({
  entryPoints: { index: 'preload/index.ts' },
  outdir: 'dist/preload',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
});

console.log('built dist/main/index.js, dist/cli/facility-sync.js and dist/preload/index.cjs');
