/**
 * Exactly-once under crashes and faults, shared by the acceptance tests of issues 13 and 14: a sync
 * child killed with SIGKILL while a batch is at Xero, then runs through 500s and dropped connections
 * until everything is settled.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import type { XeroEmulator } from '../xero-emulator';
import { connectedEmulatorSession } from './emulator-session';
import { statusCounts } from './sync-setup';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A sync child killed with SIGKILL while a batch of `kind` is at Xero (the emulator applies it anyway).
 * Set the emulator's latency first (400 ms): the kill comes after the request reached Xero, and the test
 * says so, so it loses the answer of a request Xero applies rather than a request never sent.
 */
export async function killMidBatch(db: Db, dbFile: string, emu: XeroEmulator, kind: string): Promise<void> {
  const child = spawn('npx', ['tsx', 'test/helpers/sync-child.ts', dbFile, emu.url], { cwd: ROOT, stdio: 'ignore', detached: true });
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const inFlight = db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'in_flight' AND kind = ?").pluck();
  const deadline = Date.now() + 90_000;
  while (inFlight.get(kind) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  expect(inFlight.get(kind)).toBeGreaterThan(0);
  // In flight is written just before the request leaves: give it time to reach Xero.
  await new Promise((r) => setTimeout(r, 150));
  process.kill(-(child.pid as number), 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // The killed request still lands at Xero (latency, then processing) with nobody to hear the answer.
  await new Promise((r) => setTimeout(r, 800));
  const lost = emu.admin.requests().filter((r) => r.method === 'PUT' && r.status === 0);
  expect(lost.length, 'the killed request reached Xero').toBeGreaterThan(0);
}

/** A client with quick retries and a short timeout, so faults reach the runs. */
export async function faultTolerantClient(emu: XeroEmulator): Promise<XeroApiClient> {
  const session = await connectedEmulatorSession(emu.url);
  return createXeroApiClient(session, new OrgRateLimiter({ minuteMs: 1000, perMinute: 1000 }), {
    retries: 2, minRetryDelayMs: 5, maxRetryDelayMs: 20, timeoutMs: 400,
  });
}

/** Runs through four runs of 500s and dropped connections, then clean runs until nothing is left to send. */
export async function syncThroughFaults(db: Db, emu: XeroEmulator): Promise<void> {
  const client = await faultTolerantClient(emu);
  for (let run = 0; run < 80; run++) {
    const faulty = run < 4;
    emu.admin.setFaults(
      faulty ? { errorRate: 0.3, timeoutRate: 0.1, timeoutMs: 600, latencyMs: 0, failNext: run === 0 ? 2 : 0 } : { errorRate: 0, timeoutRate: 0, latencyMs: 0 },
    );
    const r = await runSync({ db, client, batchSize: 10, backoffBaseMs: 1 });
    const open = db.prepare("SELECT COUNT(*) FROM outbox WHERE status IN ('pending','in_flight')").pluck().get() as number;
    if (!faulty && !r.problem && open === 0) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`did not settle: ${JSON.stringify(statusCounts(db))}`);
}
