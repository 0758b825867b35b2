// `npm run demo`: the app against the built-in Xero emulator with demo data.
// Starts the emulator with a persisted state file, then launches Electron pointed at it; where no
// Electron binary is installed it says so and runs the same app in the browser harness.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// DEMO_DIR: where the demo keeps its data and the emulator's state (tests use a temp dir).
const demoDir = path.resolve(process.env.DEMO_DIR ?? path.join(root, '.demo-data'));
const forceBrowser = process.argv.includes('--browser');
const appDataDir = path.join(demoDir, 'app');
mkdirSync(appDataDir, { recursive: true });
const tsx = path.join(root, 'node_modules/.bin/tsx');
const children = [];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    const bin = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

// A fixed port: the app's saved connection refers to the emulator's address.
const emulatorPort = process.env.DEMO_XERO_PORT ?? '47310';
if (!/^\d{1,5}$/.test(emulatorPort) || Number(emulatorPort) > 65535) {
  console.error(`DEMO_XERO_PORT is "${emulatorPort}": give a port number from 1024 to 65535, for example DEMO_XERO_PORT=47320 npm run demo.`);
  process.exit(1);
}

/** Null when the emulator's port is free on 127.0.0.1, else the listen error's code (EADDRINUSE, EACCES). */
function portProblem(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err) => resolve(err.code ?? String(err)));
    probe.listen(Number(port), '127.0.0.1', () => probe.close(() => resolve(null)));
  });
}

function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['test/xero-emulator/cli.ts', '--port', emulatorPort, '--minute-ms', '60000', '--state-file', path.join(demoDir, 'xero-emulator-state.json')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`The Xero emulator did not start: ${line}`));
      lines.on('line', (l) => console.log(`[xero-emulator] ${l}`));
    });
    child.once('exit', (code) => reject(new Error(`The Xero emulator exited (code ${code}).`)));
  });
}

const stopAll = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stopAll();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(0);
});
process.on('exit', stopAll);

// Checked before the build so a busy port is said at once, in words, not as a stack trace later.
const busy = await portProblem(emulatorPort);
if (busy) {
  const why = busy === 'EADDRINUSE' ? 'is already in use by another program' : `cannot be used (${busy})`;
  console.error(`The demo's Xero emulator needs port ${emulatorPort} on this computer, and that port ${why}.`);
  console.error('- If another `npm run demo` is still running, stop it (Ctrl+C in its window) and start again.');
  console.error(`- To see what holds the port: \`lsof -i :${emulatorPort}\` (macOS, Linux) or \`netstat -ano | findstr ${emulatorPort}\` (Windows).`);
  console.error('- Or use another port: DEMO_XERO_PORT=47320 npm run demo (then connect to Xero again in the app: the saved connection names the port).');
  process.exit(1);
}

// The whole build, also for the browser demo: the demo data goes in through the built CLI
// (dist/cli/facility-sync.js, run by bin/facility-sync.js in one Node process, no tsx).
run('npm', ['run', '--silent', 'build']);
const xeroBaseUrl = await startEmulator();
console.log(`Xero emulator: ${xeroBaseUrl}`);
run(process.execPath, ['bin/facility-sync.js', '--data-dir', appDataDir, 'demo-data', '--if-empty']);

console.log('To connect: Settings > Integration > Accounting Software > Xero > Authenticate,');
console.log('  Client ID "demo-desktop-app" (no secret), Save, Connect to Xero, then Allow access.');
const electron = forceBrowser ? null : electronBinary();
const env = { ...process.env, FACILITY_SYNC_XERO_BASE_URL: xeroBaseUrl, FACILITY_SYNC_DATA_DIR: appDataDir };
let app;
if (electron) {
  app = spawn(electron, ['.'], { cwd: root, env, stdio: 'inherit' });
} else {
  if (!forceBrowser) {
    console.log('No Electron binary is installed here (it downloads on `npm install` with internet access).');
    console.log('Starting the browser demo instead: open the URL below in a browser.');
  }
  app = spawn(tsx, ['test/harness/server.ts', '--data-dir', appDataDir, '--xero-base-url', xeroBaseUrl], { cwd: root, env, stdio: 'inherit' });
}
children.push(app);
app.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 0);
});
