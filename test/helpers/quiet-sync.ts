/**
 * The sync tests' shared steps against the emulator: an API client with short retries, and runs of
 * the engine until one sends nothing more (held records stay due, so the outbox never empties).
 */
import { expect } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync, type SyncEngineOptions } from '../../main/sync/engine';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { connectedEmulatorSession } from './emulator-session';

/** A client for an emulator started with `minuteMs: 200, limits: { perMinute: 1000 }`. */
export async function fastEmulatorClient(emulatorUrl: string): Promise<XeroApiClient> {
  return createXeroApiClient(await connectedEmulatorSession(emulatorUrl), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 3, minRetryDelayMs: 5, maxRetryDelayMs: 20, timeoutMs: 5000,
  });
}

/** Runs until a run sends nothing more; every run must end without a problem. */
export async function syncUntilQuiet(db: Db, client: XeroApiClient, opts: Partial<SyncEngineOptions> = {}): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await runSync({ db, client, backoffBaseMs: 1, ...opts });
    expect(r.problem).toBeUndefined();
    if (r.sent === 0) return;
  }
  throw new Error('sync did not settle');
}
