/**
 * The sync state belongs to one organisation (issue 12): switching to another queues every record
 * for it and keeps the first one's links, so switching back finds them again; nothing is sent
 * twice to either organisation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { createOrganisationState } from '../../main/sync/records/organisation';
import { createXeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { tempDbPath } from '../helpers/temp-db';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';

const NOW = '2026-11-21T10:00:00.000Z';
let emu: XeroEmulator;
let db: Db;

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-organisation-'));
});
afterEach(async () => {
  db.close();
  await emu.close();
});

async function syncTo(organisation: string): Promise<void> {
  const session = await connectedEmulatorSession(emu.url, organisation);
  const client = createXeroApiClient(session, new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), { retries: 3, minRetryDelayMs: 5, maxRetryDelayMs: 20 });
  for (let i = 0; i < 10; i++) {
    const r = await runSync({ db, client, backoffBaseMs: 1 });
    const open = db.prepare("SELECT COUNT(*) FROM outbox WHERE status IN ('pending','in_flight')").pluck().get() as number;
    if (!r.problem && open === 0) return;
  }
  throw new Error(`did not settle: ${JSON.stringify(statusCounts(db))}`);
}

const org = (i: number) => {
  const o = emu.admin.state().organisations[i] as { tenantId: string; name: string };
  return { tenantId: o.tenantId, name: o.name };
};

describe('the organisation the sync state belongs to', () => {
  it('switching queues everything for the new organisation, keeps the first one\'s links, and switching back sends nothing again', async () => {
    const state = createOrganisationState(db);
    const [demo, harbour] = [org(0), org(1)];
    setDemoMapping(db, emu.admin, 0);
    state.adopt(demo);
    await syncTo(demo.name);
    const total = db.prepare('SELECT COUNT(*) FROM sync_records').pluck().get() as number;
    expect(statusCounts(db)).toEqual({ synced: total });
    expect(state.current()).toEqual(demo);
    // Reconnecting to the same organisation changes nothing.
    state.adopt(demo);
    expect(state.switchTo(demo, NOW)).toEqual({ queued: 0 });
    expect(statusCounts(db)).toEqual({ synced: total });

    // Another organisation: adopt does not take over; the switch queues every record for it.
    state.adopt(harbour);
    expect(state.current()).toEqual(demo);
    expect(state.switchTo(harbour, NOW)).toEqual({ queued: total });
    expect(state.current()).toEqual(harbour);
    expect(statusCounts(db)).toEqual({ pending: total });
    expect(db.prepare('SELECT COUNT(*) FROM xero_links').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM xero_links_archive WHERE organisation_id = ?').pluck().get(demo.tenantId)).toBe(total);

    setDemoMapping(db, emu.admin, 1);
    await syncTo(harbour.name);
    expect(statusCounts(db)).toEqual({ synced: total });
    const harbourBooks = compareBooks(db, emu.admin, 1);
    expect([harbourBooks.duplicates, harbourBooks.missing]).toEqual([[], []]);

    // Back to the first: its links return and it already holds every record as it is.
    const before = emu.admin.requests().length;
    expect(state.switchTo(demo, NOW)).toEqual({ queued: 0 });
    expect(statusCounts(db)).toEqual({ synced: total });
    setDemoMapping(db, emu.admin, 0);
    await syncTo(demo.name);
    expect(emu.admin.requests().slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    const demoBooks = compareBooks(db, emu.admin, 0);
    expect([demoBooks.duplicates, demoBooks.missing]).toEqual([[], []]);
    expect(db.prepare('SELECT COUNT(*) FROM xero_links_archive WHERE organisation_id = ?').pluck().get(harbour.tenantId)).toBe(total);
  });

  it('is refused while records are in flight: their outcome with the first organisation is still unknown', () => {
    const state = createOrganisationState(db);
    state.adopt(org(0));
    db.prepare("UPDATE outbox SET status = 'in_flight' WHERE id = (SELECT MIN(id) FROM outbox)").run();
    expect(() => state.switchTo(org(1), NOW)).toThrow(/in flight/);
    expect(state.current()).toEqual(org(0));
  });
});
