import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient } from '../../main/xero/api-client';
import { tempDbPath } from '../helpers/temp-db';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type FaultsInput, type XeroEmulator } from '../xero-emulator';
import { compareBooks, openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';

let emu: XeroEmulator;
let db: Db;

beforeEach(async () => {
  // A tight per-minute limit (short minute) so the run meets 429s of its own making too.
  emu = await startXeroEmulator({ port: 0, minuteMs: 300, limits: { perMinute: 8 } });
  db = openDemoDb(tempDbPath('sync-faults-'), { tenants: 15 });
  setDemoMapping(db, emu.admin);
});
afterEach(async () => {
  db.close();
  await emu.close();
});

async function syncWithFaults(during: (run: number) => FaultsInput | null, batchSize = 50) {
  const session = await connectedEmulatorSession(emu.url);
  // The client's own limiter is generous on purpose: Xero's 429s and Retry-After must be honoured.
  const limiter = new OrgRateLimiter({ minuteMs: 300, perMinute: 1000 });
  const client = createXeroApiClient(session, limiter, { retries: 2, minRetryDelayMs: 5, maxRetryDelayMs: 20, timeoutMs: 400 });
  // What stopped each run early (explained codes): shows the fault really reached the engine.
  const problems: string[] = [];
  for (let run = 0; run < 60; run++) {
    const faults = during(run);
    emu.admin.setFaults(faults ?? { errorRate: 0, timeoutRate: 0, offline: false, orgOffline: false });
    const r = await runSync({ db, client, batchSize, backoffBaseMs: 1 });
    if (r.problem) problems.push(r.problem.explained.code);
    const open = db.prepare("SELECT COUNT(*) FROM outbox WHERE status IN ('pending','in_flight')").pluck().get() as number;
    if (!faults && !r.problem && open === 0) return { session, limiter, problems };
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`did not settle: ${JSON.stringify(statusCounts(db))}`);
}

function expectExactlyOnce() {
  const books = compareBooks(db, emu.admin);
  expect(books.duplicates).toEqual([]);
  expect(books.missing).toEqual([]);
  const counts = statusCounts(db);
  expect(counts.failed ?? 0).toBe(0);
  expect(counts.pending ?? 0).toBe(0);
  expect(counts.waiting ?? 0).toBe(0);
}

describe('sync engine under faults: every record ends synced exactly once', () => {
  it('500s and dropped connections (timeouts) on a third of requests', async () => {
    // Small batches: enough requests (~25) that the faults certainly hit some of them.
    // failNext on the first run makes sure 500s happen whatever the random faults do.
    await syncWithFaults((run) => (run < 4 ? { errorRate: 0.3, timeoutRate: 0.15, timeoutMs: 600, failNext: run === 0 ? 2 : 0 } : null), 3);
    expectExactlyOnce();
    expect(emu.admin.requests().some((r) => r.status === 500)).toBe(true);
  });

  it('429 bursts from a tight per-minute limit', async () => {
    // One record per call: far more calls than the 8 per window Xero allows here.
    const { limiter } = await syncWithFaults(() => null, 1);
    expectExactlyOnce();
    expect(limiter.stats.rateLimited).toBeGreaterThan(0);
  });

  it('organisation offline, then back', async () => {
    const { problems } = await syncWithFaults((run) => (run < 2 ? { orgOffline: true } : null));
    expectExactlyOnce();
    expect(problems).toContain('organisation_offline');
    expect(emu.admin.requests().some((r) => r.status === 503)).toBe(true);
  });

  it('network gone (connections refused mid-run), then back', async () => {
    const { problems } = await syncWithFaults((run) => (run < 2 ? { offline: true } : null));
    expectExactlyOnce();
    expect(problems).toContain('offline');
  });

  it('access tokens expired mid-run', async () => {
    // Expire every token as soon as the first write has gone out, with the rest of the run to come.
    const watch = setInterval(() => {
      if (emu.admin.requests().some((r) => r.method !== 'GET' && r.path.includes('api.xro'))) {
        emu.admin.setFaults({ expireAllTokens: true });
        clearInterval(watch);
      }
    }, 1);
    const { session } = await syncWithFaults(() => null, 5);
    clearInterval(watch);
    expectExactlyOnce();
    expect(emu.admin.requests().some((r) => r.status === 401)).toBe(true);
    expect(session.tokensIssued).toBeGreaterThan(1);
  });
});
