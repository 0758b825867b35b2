import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../main/cli';
import { DB_FILE_NAME, openDatabase } from '../main/db/open-database';
import { writeLockDates } from '../main/sync/locked-period';
import { createCliContext } from '../main/cli/context';
import type { SyncPreview } from '../contract';
import type { ServicesConfig } from '../main/services';
import { startXeroEmulator } from './xero-emulator/index';
import { freePort } from './helpers/free-port';

/** Runs the real CLI in-process on real services; returns its exit code and what it printed. */
/** `answer`: what the user types when the command asks (standard input of the real CLI). */
async function cli(args: string[], base: Partial<ServicesConfig> = {}, onLine?: (line: string) => void, answer?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = createCliContext(base, {
    out: (l: string) => {
      out.push(l);
      onLine?.(l);
    },
    err: (l: string) => err.push(l),
  });
  if (answer !== undefined) {
    ctx.ask = async (question) => {
      ctx.out(question);
      return answer.split('\n')[0] ?? null;
    };
  }
  const code = await runCli(args, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('facility-sync CLI', () => {
  test('the bin prints help with the exit codes', () => {
    const r = spawnSync(process.execPath, ['bin/facility-sync.js', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['demo-data', 'import', 'connect', 'map', 'sync', 'report', 'resync', 'status']) expect(r.stdout).toContain(c);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*3\s+sync finished, but some records remain non-synced/);
  });

  test('--version says whether the built CLI or the sources run, and on what', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+, from the sources through tsx \(development checkout\), Node \d+\./);
  });

  test('wrong usage exits 2 with a hint', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    expect((await cli(['--data-dir', dir, 'frobnicate'])).code).toBe(2);
    const bad = await cli(['--data-dir', dir, 'report', '--search-by', 'bogus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Allowed choices are tenants, invoices, payments/);
  });

  test('import, report as JSON and CSV, clear errors for unknown places and dates', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const imported = await cli(['--data-dir', dir, 'import', 'test/fixtures/csv-sample']);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Imported: \d+ new, 0 updated, 0 unchanged, 0 rejected/);

    const json = await cli(['--data-dir', dir, 'report', '--search-by', 'invoices', '--status', 'non-synced', '--location', 'Sydney Central Storage', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { rows: Array<{ location: string; status: string }>; counts: { total: number } };
    expect(parsed.rows.length).toBeGreaterThan(0);
    expect(parsed.rows.length).toBe(parsed.counts.total);
    expect(parsed.rows.every((r) => r.location === 'Sydney Central Storage' && r.status === 'pending')).toBe(true);

    const csv = await cli(['--data-dir', dir, 'report', '--search-by', 'payments', '--csv']);
    expect(csv.out.split(/\r?\n/)[0]).toBe('record,external_id,tenant,date,amount,currency,location,building,status,last_attempt,last_attempt_local,failure,fix');

    const unknown = await cli(['--data-dir', dir, 'report', '--search-by', 'payments', '--location', 'Atlantis']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No location "Atlantis". Locations: .*Sydney Central Storage/);
    const badDate = await cli(['--data-dir', dir, 'report', '--search-by', 'payments', '--from', '21/11/2026']);
    expect(badDate.err).toMatch(/--from "21\/11\/2026" is not a date: give a real date as YYYY-MM-DD/);
    expect(badDate.code).toBe(2);
  });

  test('config before any connection: hold, and nothing to set yet', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    expect((await cli(['--data-dir', dir, 'config', 'get'])).out).toBe(
      'organisation: (none yet: connect to Xero)\nlocked-period: hold\nsync-start-date: none (all history is sent)\nlock-dates: not read yet (each sync reads them from Xero)',
    );
    const set = await cli(['--data-dir', dir, 'config', 'set', 'locked-period', 'post-on-first-open-date']);
    expect(set.code).toBe(1);
    expect(set.err).toMatch(/connect to Xero first/);
    const dry = await cli(['--data-dir', dir, 'sync', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.err).toMatch(/^Error: The preview needs Xero to see what it already holds: connect to Xero first \(Settings > /);
  });

  test('a malformed import reports every rejected row and exits 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const r = await cli(['--data-dir', dir, 'import', 'test/fixtures/csv-november-resync']);
    // Those files refer to tenants and charge types that this empty data folder does not have.
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/rejected/);
    expect(r.out).toMatch(/invoices\.csv line 2: /);
  });
});

describe('facility-sync against the Xero emulator', () => {
  let emulator: Awaited<ReturnType<typeof startXeroEmulator>>;
  const keychainService = `facility-sync-cli-${randomUUID()}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-xero-'));
  let base: Partial<ServicesConfig>;

  beforeAll(async () => {
    emulator = await startXeroEmulator({ autoConsent: true, minuteMs: 1000 });
    const oauthPort = await freePort();
    emulator.admin.registerApp({ clientId: 'cli-app', redirectUris: [`http://localhost:${oauthPort}/callback`] });
    base = { oauthPort, keychainService, xeroMinuteMs: 1000 };
  });
  afterAll(async () => {
    await emulator?.close();
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
  });

  test('connect --no-browser, map --suggest, sync --wait (exit 3 while some wait), resync, status', async () => {
    expect((await cli(['--data-dir', dir, 'import', 'test/fixtures/csv-sample'], base)).code).toBe(0);

    // connect prints the sign-in address; "the browser" (here: fetch, with the emulator's auto-consent) follows it.
    const connected = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'connect', '--client-id', 'cli-app', '--no-browser'], base, (line) => {
      const url = /(http:\/\/\S+\/identity\/connect\/authorize\?\S+)/.exec(line)?.[1];
      if (url) void fetch(url);
    });
    expect(connected.err).toBe('');
    expect(connected.out).toMatch(/Connected to Demo Storage Co\./);
    expect(connected.code).toBe(0);

    const mapped = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'map', '--suggest'], base);
    expect(mapped.out).toMatch(/Mapping saved\./);

    // The dry run first: what the sync would do, in words and as JSON, with nothing sent to the Accounting API (only
    // GETs; each command's sign-in refreshes its token at the identity server).
    const logBefore = emulator.admin.requests().length;
    const dry = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'sync', '--dry-run'], base);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Preview of the next sync to Demo Storage Co: nothing has been sent to Xero and nothing here has changed\./);
    expect(dry.out).toMatch(/\n\d+ tenants:\n {2}\d+ to create in Xero\n/);
    expect(dry.out).toMatch(/held until the mapping covers them/);
    const json = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'sync', '--dry-run', '--json'], base);
    const preview = JSON.parse(json.out) as SyncPreview;
    const tenantsToCreate = preview.kinds.find((k) => k.kind === 'tenant')?.counts.create ?? 0;
    expect(tenantsToCreate).toBeGreaterThan(0);
    expect(preview.records.filter((r) => r.kind === 'tenant' && r.action === 'create')).toHaveLength(tenantsToCreate);
    const calls = emulator.admin.requests().slice(logBefore).filter((e) => e.path.startsWith('/api.xro/'));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((e) => e.method !== 'GET')).toEqual([]);
    expect((await cli(['--data-dir', dir, 'sync', '--json'], base)).code).toBe(2);

    // The sample's locations and unit types have no tracking options in Xero: invoices wait, so exit 3.
    const synced = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'sync', '--wait'], base);
    expect(synced.out).toMatch(new RegExp(`tenants\\s+${tenantsToCreate} synced, 0 non-synced`));
    expect(synced.code).toBe(3);

    // A plain sync follows the same rule: records still non-synced afterwards mean exit 3.
    const again = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'sync'], base);
    expect(again.out).toMatch(/invoices\s+0 synced, \d+ non-synced/);
    expect(again.code).toBe(3);

    const state = emulator.admin.state() as { organisations: Array<{ name: string; contacts: unknown[] }> };
    expect(state.organisations.find((o) => o.name === 'Demo Storage Co')!.contacts.length).toBeGreaterThan(0);

    const resync = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'resync', 'invoices', '--all-non-synced'], base);
    expect(resync.code).toBe(0);
    expect(resync.out).toMatch(/invoices? queued for ReSync/);
    // Credit notes by their number as the office knows it, and the report of them.
    const credits = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'resync', 'credit-notes', 'SYD-CN-7001', 'SYD-CN-7002'], base);
    expect(credits.code).toBe(0);
    expect(credits.out).toMatch(/2 credit notes queued for ReSync/);
    const creditReport = await cli(['--data-dir', dir, 'report', '--search-by', 'credit-notes', '--json'], base);
    expect(creditReport.code).toBe(0);
    const listed = JSON.parse(creditReport.out) as { rows: Array<{ externalId: string; reference: string }> };
    expect(listed.rows.map((r) => r.reference).sort()).toEqual(['SYD-CN-7001', 'SYD-CN-7002', 'SYD-CN-7003']);
    const refunds = await cli(['--data-dir', dir, 'report', '--search-by', 'refunds', '--csv'], base);
    expect(refunds.out).toMatch(/R-8001/);
    const unknownId = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'resync', 'payments', 'NO-SUCH-PAYMENT'], base);
    expect(unknownId.code).toBe(1);
    expect(unknownId.err).toMatch(/No payments with id NO-SUCH-PAYMENT/);

    const status = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'status'], base);
    expect(status.out).toMatch(/Xero: connected \(Demo Storage Co\)/);
    expect(status.out).toMatch(/invoices\s+0 synced, \d+ non-synced/);
    // The last sync in the sample locations' time zone (Australia/Sydney) and locale, named, as the app shows it.
    expect(status.out).toMatch(/last sync: \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}\s[ap]m AE[DS]T\)/);

    // Exclude on a tenant already in Xero says it stays there and how to remove it; Include undoes it.
    const exclude = await cli(['--data-dir', dir, 'exclude', 'tenants', 'T-1001'], base);
    expect(exclude.code).toBe(0);
    expect(exclude.out).toBe(
      '1 tenant excluded from sync. It is already in Xero. It stays in Xero as it is: Facility Sync only stops keeping it in step, so later changes in the facility system are not sent. '
      + 'To remove it from Xero, void or delete it in Xero itself (void an invoice or credit note, remove a payment, archive a contact).',
    );
    const include = await cli(['--data-dir', dir, 'include', 'tenants', 'T-1001'], base);
    expect(include.out).toBe('1 tenant included in sync again.');
  });

  test('config get / set locked-period: per organisation, hold by default; wrong names and values exit 2', async () => {
    const get = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'config', 'get'], base);
    expect(get.out).toMatch(/^organisation: Demo Storage Co\nlocked-period: hold\nsync-start-date: none \(all history is sent\)\nlock-dates: /);
    // The lock dates as a run keeps them (each sync reads them from Xero): printed with when they were read.
    const db = openDatabase(path.join(dir, DB_FILE_NAME));
    const org = db.prepare("SELECT value FROM sync_state WHERE key = 'organisation_id'").pluck().get() as string;
    writeLockDates(db, org, { periodLockDate: '2025-01-31' }, '2026-12-01T09:30:00.000Z');
    db.close();
    expect((await cli(['--data-dir', dir, 'config', 'get'], base)).out).toMatch(
      /^lock-dates: locked up to 2025-01-31 \(period lock date 2025-01-31, end of year lock date none\), read 2026-12-01T09:30:00\.000Z$/m,
    );
    const start = await cli(['--data-dir', dir, 'config', 'set', 'sync-start-date', '2025-06-01'], base);
    expect(start.out).toMatch(/sync-start-date: 2025-06-01$/m);
    expect((await cli(['--data-dir', dir, 'config', 'set', 'sync-start-date', '2025-02-30'], base)).code).toBe(2);
    expect((await cli(['--data-dir', dir, 'config', 'set', 'sync-start-date', 'none'], base)).out).toMatch(/sync-start-date: none/);
    const set = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'config', 'set', 'locked-period', 'post-on-first-open-date'], base);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/locked-period: post-on-first-open-date/);
    expect((await cli(['--data-dir', dir, 'config', 'get'], base)).out).toMatch(/locked-period: post-on-first-open-date/);
    const bad = await cli(['--data-dir', dir, 'config', 'set', 'locked-period', 'sometimes'], base);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/locked-period must be hold or post-on-first-open-date, not "sometimes"/);
    expect((await cli(['--data-dir', dir, 'config', 'set', 'start-date', '2025-01-01'], base)).code).toBe(2);
    expect((await cli(['--data-dir', dir, 'config', 'set', 'locked-period', 'hold'], base)).out).toMatch(/locked-period: hold/);
  });

  test('connect to another organisation asks first: no answer switches nothing; --switch-organisation switches', async () => {
    const connect = (extra: string[], answer?: string) => cli(
      ['--data-dir', dir, '--xero-base-url', emulator.url, 'connect', '--client-id', 'cli-app', '--no-browser', '--organisation', 'Harbour Storage Ltd', ...extra],
      base,
      (line) => {
        const url = /(http:\/\/\S+\/identity\/connect\/authorize\?\S+)/.exec(line)?.[1];
        if (url) void fetch(url);
      },
      answer,
    );
    emulator.admin.setAutoConsentOrganisation('Harbour Storage Ltd');
    try {
      const asked = await connect([], 'no');
      expect(asked.out).toMatch(/Your records were sent to Demo Storage Co\. Harbour Storage Ltd has none of them: switch and send everything .* \[yes\/no\]/);
      expect(asked.out).toMatch(/Not switched: nothing is sent to Harbour Storage Ltd/);
      expect(asked.code).toBe(1);
      const status = await cli(['--data-dir', dir, '--xero-base-url', emulator.url, 'sync'], base);
      expect(status.out).toMatch(/Connected to Harbour Storage Ltd, but your records were sent to Demo Storage Co/);

      const switched = await connect(['--switch-organisation']);
      expect(switched.out).toMatch(/Switched: \d+ records will be sent to Harbour Storage Ltd by the next sync\./);
      expect(switched.code).toBe(0);
    } finally {
      emulator.admin.setAutoConsentOrganisation(undefined);
    }
  });
});
