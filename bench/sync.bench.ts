/**
 * Backfill of one facility-year through the real engine against the emulator with Xero's limits
 * (60 calls per "minute", 5 concurrent) on a shortened minute, batched (50 per call) and, as the
 * baseline, one record per call. Prints API calls per record, the share of the rate-limit bound
 * achieved (60 calls x 50 elements per window) and the 429s hit.
 */
import { tempDbPath } from '../test/helpers/temp-db';
import { connectedEmulatorSession } from '../test/helpers/emulator-session';
import { compareBooks, openDemoDb, setDemoMapping } from '../test/helpers/sync-setup';
import { startXeroEmulator } from '../test/xero-emulator';
import { runSync } from '../main/sync/engine';
import { OrgRateLimiter } from '../main/xero/rate-limiter';
import { createXeroApiClient } from '../main/xero/api-client';

const MINUTE_MS = 1000;
const PER_MINUTE = 60;

async function backfill(label: string, data: { tenants: number; months: number }, batchSize: number): Promise<void> {
  const emu = await startXeroEmulator({ port: 0, minuteMs: MINUTE_MS, limits: { perMinute: PER_MINUTE, concurrent: 5, perDay: 1_000_000 } });
  const db = openDemoDb(tempDbPath('bench-sync-'), { seed: 11, locations: 1, ...data });
  try {
    setDemoMapping(db, emu.admin);
    const records = db.prepare("SELECT kind, COUNT(*) AS n FROM sync_records GROUP BY kind").all() as Array<{ kind: string; n: number }>;
    const total = records.reduce((s, r) => s + r.n, 0);
    const session = await connectedEmulatorSession(emu.url);
    const limiter = new OrgRateLimiter({ minuteMs: MINUTE_MS, perMinute: PER_MINUTE, concurrent: 5, perDay: 1_000_000 });
    const client = createXeroApiClient(session, limiter, { minRetryDelayMs: 50, maxRetryDelayMs: 2000 });
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      const r = await runSync({ db, client, batchSize, backoffBaseMs: 50 });
      const open = db.prepare("SELECT COUNT(*) FROM outbox WHERE status IN ('pending','in_flight')").pluck().get() as number;
      if (!r.problem && open === 0) break;
    }
    const elapsedMs = performance.now() - started;
    const api = emu.admin.requests().filter((r) => r.path.includes('/api.xro/'));
    const windows = elapsedMs / MINUTE_MS;
    const recordsPerWindow = total / windows;
    const books = compareBooks(db, emu.admin);
    console.log(
      `${label}: ${records.map((r) => `${r.n} ${r.kind}s`).join(', ')} in ${(elapsedMs / 1000).toFixed(1)} s (${windows.toFixed(1)} windows of ${MINUTE_MS} ms)\n` +
        `  API calls: ${api.length} = ${(api.length / total).toFixed(3)} per record; ${recordsPerWindow.toFixed(0)} records per window = ` +
        `${((100 * recordsPerWindow) / (PER_MINUTE * 50)).toFixed(1)}% of the ${PER_MINUTE} x 50 bound; ` +
        `429s: ${api.filter((r) => r.status === 429).length} (limiter saw ${limiter.stats.rateLimited}); ` +
        `missing ${books.missing.length}, duplicates ${books.duplicates.length}`,
    );
    await limiter.stop();
  } finally {
    db.close();
    await emu.close();
  }
}

export default async function (size: 'small' | 'full'): Promise<void> {
  // ~1 invoice per tenant-month: 500 tenants over 16 months of move-ins give about 6,000 invoices.
  const year = size === 'small' ? { tenants: 40, months: 4 } : { tenants: 500, months: 16 };
  await backfill('batched (50 per call)', year, 50);
  // One record per call needs ~50x the calls: at 60 per window a full year would take minutes
  // and Xero's 5,000-a-day budget, so the baseline runs on a smaller slice; the rates compare.
  const slice = size === 'small' ? { tenants: 20, months: 2 } : { tenants: 60, months: 4 };
  await backfill('baseline (1 per call)', slice, 1);
}
