import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Reconciliation } from '../contract';
import { runCli } from '../main/cli';
import { createCliContext } from '../main/cli/context';
import { DB_FILE_NAME } from '../main/db/open-database';
import { runSync } from '../main/sync/engine';
import { createXeroApiClient } from '../main/xero/api-client';
import { OrgRateLimiter } from '../main/xero/rate-limiter';
import type { ServicesConfig } from '../main/services';
import { connectedEmulatorSession } from './helpers/emulator-session';
import { openDemoDb, setDemoMapping } from './helpers/sync-setup';
import { startXeroEmulator, type XeroEmulator } from './xero-emulator';

let emu: XeroEmulator;
let dir: string;
let base: Partial<ServicesConfig>;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dir, '--xero-base-url', emu.url, ...args], createCliContext(base, { out: (l) => out.push(l), err: (l) => err.push(l) }));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  dir = mkdtempSync(path.join(os.tmpdir(), 'cli-reconcile-'));
  // The demo, synced to the emulator, in the data folder the CLI opens.
  const db = openDemoDb(path.join(dir, DB_FILE_NAME), { tenants: 20 });
  setDemoMapping(db, emu.admin);
  const session = await connectedEmulatorSession(emu.url);
  await runSync({ db, client: createXeroApiClient(session, new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), { retries: 1, minRetryDelayMs: 5 }), backoffBaseMs: 1 });
  db.close();
  base = { xeroSession: session, xeroMinuteMs: 200, now: () => new Date('2026-12-03T03:00:00Z') };
});
afterEach(async () => {
  await emu.close();
});

describe('facility-sync reconcile', () => {
  test('agrees (exit 0), lists a payment only Xero has (exit 3, text and JSON), refuses a wrong month or place', async () => {
    const agreed = await cli(['reconcile', '--month', '2025-06']);
    expect(agreed.err).toBe('');
    expect(agreed.code).toBe(0);
    expect(agreed.out).toMatch(/^Reconciliation for 2025-06 \(2025-06-01 to 2025-06-30\), all locations, amounts in AUD/);
    expect(agreed.out).toMatch(/\nInvoiced\s+[\d,]+\.\d\d\s+[\d,]+\.\d\d\s+0\.00\n/);
    expect(agreed.out).toContain('The facility and Xero agree for June 2025: no differences.');

    const invoice = (emu.admin.state().organisations[0]!.invoices as Array<{ InvoiceNumber: string; Date: string; AmountDue: number }>)
      .find((i) => i.Date.startsWith('2025-06') && i.AmountDue >= 5);
    emu.admin.asPerson.addPayment('Demo Storage Co', { invoice: invoice!.InvoiceNumber, amount: 5, date: '2025-06-18' });
    const differs = await cli(['reconcile', '--month', '2025-06', '--location', 'Sydney Central Storage']);
    expect(differs.code).toBe(3);
    expect(differs.out).toMatch(/\nReceived\s+[\d,]+\.\d\d\s+[\d,]+\.\d\d\s+5\.00\n/);
    expect(differs.out).toContain(`2025-06-18\tpayment\t\t${invoice!.InvoiceNumber}\t\t5.00\tPayment in Xero the facility does not have`);

    const json = await cli(['reconcile', '--month', '2025-06', '--json']);
    expect(json.code).toBe(3);
    const parsed = JSON.parse(json.out) as Reconciliation;
    expect(parsed.differences.map((d) => [d.reason, d.xeroCents, d.effect])).toEqual([['Payment in Xero the facility does not have', 500, { received: 500, outstanding: -500 }]]);

    const badMonth = await cli(['reconcile', '--month', '2025-13']);
    expect(badMonth.code).toBe(2);
    expect(badMonth.err).toContain('--month "2025-13" is not a month: give it as YYYY-MM, like 2025-06.');
    const nowhere = await cli(['reconcile', '--month', '2025-06', '--location', 'Atlantis']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toMatch(/No location "Atlantis"/);
  });
});
