import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';

const ROOT = path.resolve(__dirname, '../..');
let emu: XeroEmulator;
let dbFile: string;
let db: Db;

/** `idempotencyWindowMs`: how long the emulated Xero remembers an Idempotency-Key, by its own clock. */
async function setUp(idempotencyWindowMs?: number) {
  emu = await startXeroEmulator({ port: 0, minuteMs: 1000, limits: { perMinute: 1000 }, ...(idempotencyWindowMs ? { idempotencyWindowMs } : {}) });
  dbFile = tempDbPath('sync-crash-');
  const setup = openDemoDb(dbFile);
  setDemoMapping(setup, emu.admin);
  setup.close();
  db = openDatabase(dbFile);
}
afterEach(async () => {
  db?.close();
  await emu?.close();
});

function startChild(clockStepMs = 0): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn('npx', ['tsx', 'test/helpers/sync-child.ts', dbFile, emu.url], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FS_TEST_CLOCK_STEP_MS: String(clockStepMs) },
    // Own process group: npx runs node as a grandchild, and SIGKILL must reach the process that syncs.
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited };
}

const inFlight = (kind?: string) =>
  db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'in_flight' AND kind = COALESCE(?, kind)").pluck().get(kind ?? null) as number;

// Each way: a restart with the clock as it was; with the clock stepped back 7 minutes after Xero
// has forgotten the batch's Idempotency-Key by its own clock (the key alone would create it
// again); with the clock stepped forward 7 minutes.
const CASES = [
  { name: 'after a restart', stepMs: 0, xeroWindowMs: undefined, killDuring: 'tenant' },
  { name: 'after a restart with the clock stepped back 7 minutes, once Xero has forgotten the key', stepMs: -7 * 60_000, xeroWindowMs: 300, killDuring: 'payment' },
  { name: 'after a restart with the clock stepped forward 7 minutes', stepMs: 7 * 60_000, xeroWindowMs: undefined, killDuring: 'payment' },
] as const;

describe('a sync process killed with SIGKILL mid-batch', () => {
  it.each(CASES)('leaves no duplicate and nothing missing $name', async ({ stepMs, xeroWindowMs, killDuring }) => {
    await setUp(xeroWindowMs);
    // Every request takes 400 ms at Xero, so the kill lands while a batch is on its way.
    emu.admin.setFaults({ latencyMs: 400 });
    const first = startChild();
    const deadline = Date.now() + 30_000;
    while (inFlight(killDuring) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // Let a second batch go out after the first one's answer, then kill mid-flight.
    await new Promise((r) => setTimeout(r, 600));
    expect(inFlight(killDuring)).toBeGreaterThan(0);
    process.kill(-(first.child.pid as number), 'SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const frozen = db.prepare('SELECT COUNT(*) FROM outbox WHERE status = ?').pluck();
    const before = frozen.get('done');
    await new Promise((r) => setTimeout(r, 800));
    // Nothing of the killed group is still syncing.
    expect(frozen.get('done')).toBe(before);
    // Xero applied the killed batch although its sender never heard back: more in Xero than linked here.
    const inXero = compareBooks(db, emu.admin).counts;
    const linked = db.prepare('SELECT COUNT(*) FROM xero_links').pluck().get() as number;
    expect(inXero.contacts + inXero.invoices + inXero.payments).toBeGreaterThan(linked);
    // The killed batch is still in flight in the database; Xero applies it anyway (latency, then processing).
    expect(inFlight()).toBeGreaterThan(0);

    const second = startChild(stepMs);
    const done = await second.exited;
    expect(done.out).toContain('settled');
    const books = compareBooks(db, emu.admin);
    expect(books.duplicates).toEqual([]);
    expect(books.missing).toEqual([]);
    expect(statusCounts(db).failed ?? 0).toBe(0);
    expect(inFlight()).toBe(0);
  }, 90_000);
});
