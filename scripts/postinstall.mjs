// Fetches Electron's binary when it can, and never fails `npm install` when it cannot (build
// machines have no access to Electron's download host). Without the binary, `npm run demo` runs
// the same app in the browser harness instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const installer = 'node_modules/electron/install.js';
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[facility-sync] ELECTRON_SKIP_BINARY_DOWNLOAD is set: skipping the Electron binary (npm run demo will use the browser).');
} else if (existsSync(installer)) {
  const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0) {
    console.log('[facility-sync] Could not download the Electron binary (no internet access to its host?).');
    console.log('[facility-sync] That is fine for tests; `npm run demo` will open the app in the browser instead.');
  }
}
