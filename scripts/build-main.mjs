// Bundles the main process (ESM) and the preload (one CommonJS file, so it runs sandboxed).
import { build } from 'esbuild';

const native = ['electron', 'better-sqlite3', 'keytar'];

await build({
  entryPoints: { index: 'main/index.ts' },
  outdir: 'dist/main',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  external: native,
  // Bundled CommonJS dependencies still call require(); give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

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

console.log('built dist/main/index.js and dist/preload/index.cjs');
