import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, expect, test } from 'vitest';
import { freePort } from './helpers/free-port';

/** `npm run demo` where no Electron binary exists: emulator + demo data + the browser harness. */
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
});

test('the demo starts the emulator, fills demo data and serves the app', async () => {
  const demoDir = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
  const port = await freePort();
  child = spawn(process.execPath, ['scripts/demo.mjs'], {
    env: { ...process.env, DEMO_DIR: demoDir, DEMO_XERO_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${lines.join('\n')}`)), 90_000);
    for (const stream of [child!.stdout!, child!.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const m = /browser harness\) at (http:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    }
    child!.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${lines.join('\n')}`)));
  });
  const out = lines.join('\n');
  expect(out).toContain(`Xero emulator: http://127.0.0.1:${port}`);
  expect(out).toMatch(/No Electron binary is installed here/);
  expect(out).toMatch(/Imported: \d+ new/);

  const { origin, searchParams } = new URL(url);
  const call = async (method: string) =>
    (await (await fetch(`${origin}/__harness/api/${method}`, { method: 'POST', body: '[]', headers: { 'x-harness-token': searchParams.get('token')! } })).json()) as {
      ok: boolean;
      value: Record<string, unknown>;
    };
  const info = await call('getAppInfo');
  expect(info.value).toMatchObject({ dataDir: path.join(demoDir, 'app'), xero: { mode: 'emulator', issuer: `http://127.0.0.1:${port}` } });
  const locations = await call('listLocations');
  expect((locations.value as unknown as unknown[]).length).toBe(3);
  expect((await fetch(url)).status).toBe(200);
});

test('a busy port: the demo says which port, how to free it and DEMO_XERO_PORT, without a stack trace', async () => {
  const demoDir = mkdtempSync(path.join(os.tmpdir(), 'demo-busy-'));
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    const run = spawn(process.execPath, ['scripts/demo.mjs'], { env: { ...process.env, DEMO_DIR: demoDir, DEMO_XERO_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    run.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    run.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain(`needs port ${port}`);
    expect(out).toContain('already in use');
    expect(out).toContain('DEMO_XERO_PORT=47320 npm run demo');
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain('EADDRINUSE');
  } finally {
    holder.close();
  }
});
