import { APP_VERSION } from '../app-meta';

// scripts/build-main.mjs defines this as true in dist/cli/facility-sync.js; run from the sources
// (tsx, vitest) it is not declared at all.
declare const FACILITY_SYNC_BUILT_CLI: boolean | undefined;

/** `facility-sync --version`: the version, which build of the CLI runs, and on what runtime. */
export function cliVersion(): string {
  const built = typeof FACILITY_SYNC_BUILT_CLI !== 'undefined' && FACILITY_SYNC_BUILT_CLI;
  const from = built ? 'built CLI (dist/cli/facility-sync.js)' : 'from the sources through tsx (development checkout)';
  const { electron, node } = process.versions;
  const runtime = electron ? `Electron ${electron}, Node ${node}` : `Node ${node}`;
  return `${APP_VERSION}, ${from}, ${runtime}`;
}
