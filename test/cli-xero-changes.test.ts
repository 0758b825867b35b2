/**
 * `facility-sync check-xero` and `review --send-ours|--accept-xero|--ignore` (issue 16), in-process on
 * real services against the emulator: the sample synced, then a person in Xero voids an invoice and
 * records a payment the facility does not have.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../main/cli';
import { createCliContext } from '../main/cli/context';
import type { ServicesConfig } from '../main/services';
import { E2E_NOW } from './helpers/browser';
import { connectedEmulatorSession } from './helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from './xero-emulator/index';

async function cli(args: string[], base: Partial<ServicesConfig>) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = createCliContext(base, { out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
  const code = await runCli(args, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('facility-sync check-xero and review of changes made in Xero', () => {
  let emulator: XeroEmulator;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-xero-changes-'));
  let base: Partial<ServicesConfig>;
  let run: (...args: string[]) => ReturnType<typeof cli>;

  beforeAll(async () => {
    emulator = await startXeroEmulator({ minuteMs: 600 });
    // Xero's clock on a fixed day from the start, so the words carry it whatever today is.
    emulator.admin.advanceClock(E2E_NOW.getTime() - Date.now());
    base = { xeroSession: await connectedEmulatorSession(emulator.url), xeroMinuteMs: 600, keychainService: `facility-sync-cli-changes-${process.pid}` };
    run = (...args) => cli(['--data-dir', dir, '--xero-base-url', emulator.url, ...args], base);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  test('check-xero lists what changed (exit 3 while any wait); review settles them or says why not', async () => {
    expect((await run('import', 'test/fixtures/csv-sample')).code).toBe(0);
    expect((await run('map', '--suggest')).code).toBe(0);
    // The sample's locations have no tracking options in the emulator: leave tracking out so everything goes.
    const mapping = JSON.parse((await run('map', '--print')).out) as Record<string, unknown>;
    const file = path.join(dir, 'mapping.json');
    writeFileSync(file, JSON.stringify({ ...mapping, tracking: [] }));
    expect((await run('map', '--file', file)).code).toBe(0);
    const synced = await run('sync', '--wait');
    expect(synced.out).toMatch(/invoices\s+\d+ synced, 1 non-synced \(0 waiting, 0 failed, 1 excluded\)/);

    const nothing = await run('check-xero');
    expect(nothing.out).toBe('Nothing new was changed in Xero since the last check.');
    expect(nothing.code).toBe(0);

    emulator.admin.asPerson.voidInvoice(undefined, 'SYD-5005');
    emulator.admin.asPerson.addPayment(undefined, { invoice: 'SYD-5004', amount: 1.5 });
    const found = await run('check-xero');
    expect(found.code).toBe(3);
    const lines = found.out.split('\n');
    expect(lines[0]).toBe("2 records were changed in Xero since the last check. 2 records changed in Xero wait for you: see Reports > Accounting Software Integration Report (status Changed in Xero) and choose Send ours again, Accept Xero's or Ignore.");
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Invoice SYD-5005 \(invoices INV-5005\): Voided in Xero on 21 Nov 2026\. Send ours again is not possible\. Xero cannot bring back/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Invoice SYD-5004 \(invoices INV-5004\): Payment of 1\.50 recorded in Xero that the facility does not have\. Send ours again is not possible\./));
    expect(lines.at(-1)).toBe('Settle them with: facility-sync review <kind> <ids...> --send-ours|--accept-xero|--ignore');

    const status = await run('status');
    expect(status.out).toMatch(/invoices .*2 changed in Xero\)/);
    expect(status.out).toMatch(/ {2}Changed in Xero: invoices INV-5005: Voided in Xero on 21 Nov 2026\. Xero cannot bring back/);

    const refused = await run('review', 'invoices', 'SYD-5005', '--send-ours');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^1 invoice cannot be sent again: Xero cannot take it back \(below: why, and what to do instead\)\.\n {2}Invoice SYD-5005: Facility Sync cannot put this back in Xero \(Voided in Xero on 21 Nov 2026\)\./);
    expect((await run('review', 'invoices', 'SYD-5005', '--send-ours', '--ignore')).code).toBe(2);

    const accepted = await run('review', 'invoices', 'SYD-5005', '--accept-xero');
    expect(accepted.out).toBe("1 invoice marked reviewed: Xero's version accepted.");
    const ignored = await run('review', 'invoices', 'INV-5004', '--ignore');
    expect(ignored.out).toBe('1 invoice marked reviewed: left as they are in Xero.');
    expect(ignored.code).toBe(0);
    const settled = await run('check-xero');
    expect(settled.out).toBe('Nothing new was changed in Xero since the last check.');
    expect(settled.code).toBe(0);
  }, 240_000);
});
