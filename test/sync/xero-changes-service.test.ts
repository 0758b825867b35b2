/**
 * Issue 16's "Done when", first half, through the app's services and contract (not only the engine):
 * the demo synced by the scheduler, then a person in Xero voids one invoice, changes another's line,
 * deletes one payment and records a payment the facility does not have; the next run finds exactly
 * those four (changed in Xero, with the words); Send ours again / Accept Xero's from the report's sync
 * options settle them, and a further check finds nothing.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { DB_FILE_NAME, openDatabase, type Db } from '../../main/db/open-database';
import { saveMapping } from '../../main/mapping/mapping';
import { createServices, type Services } from '../../main/services';
import type { ReportKind, ReportPage, SyncEngineStatus, SyncOptionProgress, XeroChangesCheck } from '../../contract';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { demoMapping } from '../helpers/sync-setup';

let emu: XeroEmulator;
let services: Services;
let db: Db;
const ORG = 'Demo Storage Co';
// Xero's clock and the facility's calendar at a fixed moment (3 Dec 2026, 02:00 UTC), whatever today is.
const AT = Date.UTC(2026, 11, 3, 2);

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 100, limits: { perMinute: 10_000, perDay: 1_000_000 } });
  emu.admin.advanceClock(AT - Date.now());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xero-changes-service-'));
  services = await createServices({
    dataDir,
    keychainService: `facility-sync-test-${process.pid}`,
    xeroSession: await connectedEmulatorSession(emu.url),
    xeroMinuteMs: 100,
    syncAutoStart: false,
    // Every run checks (the app checks at most every 15 minutes).
    xeroChangesIntervalMs: 0,
    now: () => new Date(AT),
  });
  db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  saveMapping(db, demoMapping(emu.admin));
});
afterEach(async () => {
  await services.close();
  db.close();
  await emu.close();
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await dispatch(services.api, method, args);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const idle = async () => {
  const s = await call<SyncEngineStatus>('getSyncStatus');
  return s.state === 'idle' && s.lastSyncAt !== null && Object.values(s.waiting).every((n) => n === 0);
};

/** The report's rows changed in Xero, as the report shows them (kind, facility id, words). */
async function changedRows(kind: ReportKind) {
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await call<ReportPage>('queryReport', { kind, status: 'non-synced', limit: 500, ...(cursor ? { cursor } : {}) });
    rows.push(...page.rows.filter((r) => r.status === 'changed_in_xero'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows.map((r) => ({ kind: r.kind, ref: r.kind === 'payment' ? r.externalId : r.reference, what: r.error?.explanation, code: r.error?.code }));
}

type WireInvoice = { InvoiceID: string; InvoiceNumber: string; Status: string; AmountPaid: number; AmountCredited: number; AmountDue: number; Total: number };
type WirePayment = { Reference?: string; Status: string };

describe('changes made in Xero, through the services', () => {
  it('the next run shows exactly a void, a changed line, a deleted payment and a foreign payment; Send ours again / Accept Xero’s settle them', async () => {
    await call('loadDemoData', { seed: 3 });
    await until(idle, 480_000);

    const invoices = emu.admin.state().organisations[0]!.invoices as WireInvoice[];
    const untouched = invoices.filter((i) => i.Status === 'AUTHORISED' && i.AmountPaid === 0 && i.AmountCredited === 0);
    const [toVoid, toEdit] = untouched;
    const toPay = invoices.find((i) => i.Status === 'AUTHORISED' && i.AmountDue >= 1.5 && i !== toVoid && i !== toEdit);
    const payment = db.prepare(
      `SELECT p.external_id FROM payments p JOIN sync_records s ON s.kind = 'payment' AND s.record_id = p.id
       WHERE s.status = 'synced' AND p.status = 'completed' ORDER BY p.id LIMIT 1`,
    ).pluck().get() as string;
    expect([Boolean(toVoid), Boolean(toEdit), Boolean(toPay), Boolean(payment)]).toEqual([true, true, true, true]);
    const person = emu.admin.asPerson;
    person.voidInvoice(ORG, toVoid!.InvoiceNumber);
    const edited = person.setInvoiceLineAmount(ORG, toEdit!.InvoiceNumber, 0, 999) as { Total: number };
    person.deletePayment(ORG, `FS-PAY:${payment}`);
    person.addPayment(ORG, { invoice: toPay!.InvoiceNumber, amount: 1.5, date: '2026-12-02' });

    // The next run (nothing to send) checks after its sends and says what it found.
    const after = await call<SyncEngineStatus>('syncNow');
    expect(after.message).toBe('4 records were changed in Xero after they were sent: see Reports > Accounting Software Integration Report (status Changed in Xero).');
    const linesHere = db.prepare('SELECT SUM(l.amount_cents) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.invoice_number = ?').pluck();
    const money = (c: number) => (c / 100).toFixed(2);
    const rows = [...(await changedRows('invoices')), ...(await changedRows('payments'))];
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(expect.arrayContaining([
      { kind: 'invoice', ref: toVoid!.InvoiceNumber, what: 'Voided in Xero on 3 Dec 2026.', code: 'changed_in_xero_final' },
      {
        kind: 'invoice', ref: toEdit!.InvoiceNumber, code: 'changed_in_xero',
        what: `Total ${money(Math.round(edited.Total * 100))} in Xero, ${money(linesHere.get(toEdit!.InvoiceNumber) as number)} here.`,
      },
      { kind: 'invoice', ref: toPay!.InvoiceNumber, what: 'Payment of 1.50 recorded in Xero that the facility does not have.', code: 'changed_in_xero_final' },
      { kind: 'payment', ref: payment, what: 'Deleted in Xero on 3 Dec 2026.', code: 'changed_in_xero' },
    ]));

    // On demand: nothing new, the same four wait, in words.
    const check = await call<XeroChangesCheck>('checkXeroChanges');
    expect([check.found, check.total, check.changed.length]).toEqual([0, 4, 4]);
    expect(check.message).toBe("Nothing new was changed in Xero since the last check. 4 records changed in Xero wait for you: see Reports > Accounting Software Integration Report (status Changed in Xero) and choose Send ours again, Accept Xero's or Ignore.");
    expect(check.changed.find((c) => c.what === 'Voided in Xero on 3 Dec 2026.')).toMatchObject({ kind: 'invoices', label: `Invoice ${toVoid!.InvoiceNumber}`, canSendOurs: false });

    // Send ours again for a void is refused, with what to do; the edited line and the deleted payment go again.
    const refused = await call<SyncOptionProgress>('applySyncOption', { kind: 'invoices', option: 'send_ours', externalIds: [toVoid!.InvoiceNumber] });
    expect(refused.total).toBe(0);
    expect(refused.failed).toBe(1);
    expect(refused.message).toBe('1 invoice cannot be sent again: Xero cannot take it back (below: why, and what to do instead).');
    expect(refused.failures).toEqual([{
      label: `Invoice ${toVoid!.InvoiceNumber}`,
      explanation: expect.stringMatching(/^Facility Sync cannot put this back in Xero \(Voided in Xero on 3 Dec 2026\)\. Xero cannot bring back a voided or deleted invoice\..*Then choose Accept Xero's\.$/),
    }]);
    const ours = await call<SyncOptionProgress>('applySyncOption', { kind: 'invoices', option: 'send_ours', externalIds: [toEdit!.InvoiceNumber] });
    expect(ours.message).toBe("1 invoice queued to put the facility's version back in Xero at the next sync.");
    await call('applySyncOption', { kind: 'payments', option: 'send_ours', externalIds: [payment] });
    const accepted = await call<SyncOptionProgress>('applySyncOption', { kind: 'invoices', option: 'accept_xero', externalIds: [toVoid!.InvoiceNumber, toPay!.InvoiceNumber] });
    expect(accepted.message).toBe("2 invoices marked reviewed: Xero's version accepted.");
    await call('syncNow');
    await until(idle, 60_000);

    // Xero holds ours again: the line as the facility has it, the payment once.
    const inXero = emu.admin.state().organisations[0]!;
    expect(Math.round(((inXero.invoices as WireInvoice[]).find((i) => i.InvoiceNumber === toEdit!.InvoiceNumber)?.Total ?? 0) * 100)).not.toBe(Math.round(edited.Total * 100));
    expect((inXero.payments as WirePayment[]).filter((p) => p.Reference === `FS-PAY:${payment}` && p.Status !== 'DELETED')).toHaveLength(1);
    const settled = await call<XeroChangesCheck>('checkXeroChanges');
    expect([settled.found, settled.total]).toEqual([0, 0]);
    expect(settled.message).toBe('Nothing new was changed in Xero since the last check.');
    expect([...(await changedRows('invoices')), ...(await changedRows('payments'))]).toEqual([]);
  }, 720_000);
});
