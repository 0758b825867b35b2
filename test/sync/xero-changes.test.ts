import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { runSync } from '../../main/sync/engine';
import { checkXeroChanges } from '../../main/sync/xero-changes';
import { reviewXeroChanges } from '../../main/sync/records/xero-review';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { tempDbPath } from '../helpers/temp-db';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { openDemoDb, setDemoMapping } from '../helpers/sync-setup';
import { openDatabase } from '../../main/db/open-database';
import { generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';

let emu: XeroEmulator;
let db: Db;
let client: XeroApiClient;
const ORG = 'Demo Storage Co';

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  // Xero's clock at a fixed moment (3 Dec 2026, 02:00 UTC), whatever today is: the words carry the day.
  emu.admin.advanceClock(Date.UTC(2026, 11, 3, 2) - Date.now());
  db = openDemoDb(tempDbPath('xero-changes-'));
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

type WireInvoice = { InvoiceID: string; InvoiceNumber: string; Status: string; AmountPaid: number; AmountCredited: number; AmountDue: number };
const now = () => new Date('2026-12-03T03:00:00Z');

describe('changes made in Xero', () => {
  it('finds exactly a void, a changed line, a deleted payment and a payment the facility does not have; our own writes do not count', async () => {
    await runSync({ db, client, backoffBaseMs: 1, now });
    const first = await checkXeroChanges({ db, client, now });
    expect(first.read).toBeGreaterThan(0);
    expect(first.changed).toEqual([]);

    const invoices = emu.admin.state().organisations[0]!.invoices as WireInvoice[];
    const untouched = invoices.filter((i) => i.Status === 'AUTHORISED' && i.AmountPaid === 0 && i.AmountCredited === 0);
    const [toVoid, toEdit] = untouched;
    const toPay = invoices.find((i) => i.Status === 'AUTHORISED' && i.AmountDue >= 1.5 && i !== toVoid && i !== toEdit);
    const payment = db.prepare(
      `SELECT p.external_id, i.invoice_number FROM payments p JOIN invoices i ON i.id = p.invoice_id
       JOIN sync_records s ON s.kind = 'payment' AND s.record_id = p.id WHERE s.status = 'synced' AND p.status = 'completed' ORDER BY p.id LIMIT 1`,
    ).get() as { external_id: string; invoice_number: string };
    expect([untouched.length >= 2, Boolean(toPay), Boolean(payment)]).toEqual([true, true, true]);
    const person = emu.admin.asPerson;
    person.voidInvoice(ORG, toVoid!.InvoiceNumber);
    const edited = person.setInvoiceLineAmount(ORG, toEdit!.InvoiceNumber, 0, 999) as { Total: number };
    person.deletePayment(ORG, `FS-PAY:${payment.external_id}`);
    person.addPayment(ORG, { invoice: toPay!.InvoiceNumber, amount: 1.5, date: '2026-12-02' });

    const linesHere = db.prepare('SELECT SUM(l.amount_cents) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.invoice_number = ?').pluck();
    const money = (c: number) => (c / 100).toFixed(2);
    const result = await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T04:00:00Z') });
    const flagged = db.prepare(
      `SELECT s.kind, COALESCE(i.invoice_number, p.external_id) AS ref, s.error_code, s.error_explanation FROM sync_records s
       LEFT JOIN invoices i ON s.kind = 'invoice' AND i.id = s.record_id LEFT JOIN payments p ON s.kind = 'payment' AND p.id = s.record_id
       WHERE s.status = 'changed_in_xero' ORDER BY s.kind, ref`,
    ).all() as Array<{ kind: string; ref: string; error_code: string; error_explanation: string }>;
    expect(result.changed).toHaveLength(4);
    expect(flagged).toEqual(expect.arrayContaining([
      { kind: 'invoice', ref: toVoid!.InvoiceNumber, error_code: 'changed_in_xero_final', error_explanation: 'Voided in Xero on 3 Dec 2026.' },
      {
        kind: 'invoice', ref: toEdit!.InvoiceNumber, error_code: 'changed_in_xero',
        error_explanation: `Total ${money(Math.round(edited.Total * 100))} in Xero, ${money(linesHere.get(toEdit!.InvoiceNumber) as number)} here.`,
      },
      { kind: 'invoice', ref: toPay!.InvoiceNumber, error_code: 'changed_in_xero_final', error_explanation: 'Payment of 1.50 recorded in Xero that the facility does not have.' },
      { kind: 'payment', ref: payment.external_id, error_code: 'changed_in_xero', error_explanation: 'Deleted in Xero on 3 Dec 2026.' },
    ]));
    expect(flagged).toHaveLength(4);

    // A further check: nothing new (the same records stay flagged, nothing else is).
    const again = await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T05:00:00Z') });
    expect(again.changed).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM sync_records WHERE status = 'changed_in_xero'").pluck().get()).toBe(4);

    // Send ours again: the edited invoice and the deleted payment; a void cannot be sent again; accept the rest.
    const idOf = (ref: string) => db.prepare('SELECT id FROM invoices WHERE invoice_number = ?').pluck().get(ref) as number;
    const paymentId = db.prepare('SELECT id FROM payments WHERE external_id = ?').pluck().get(payment.external_id) as number;
    const tenantId = client.tenantId() ?? '';
    const at = '2026-12-03T06:00:00.000Z';
    expect(reviewXeroChanges(db, tenantId, 'invoice', [idOf(toEdit!.InvoiceNumber)], 'send_ours', at).changed).toHaveLength(1);
    expect(reviewXeroChanges(db, tenantId, 'payment', [paymentId], 'send_ours', at).changed).toEqual([paymentId]);
    const refused = reviewXeroChanges(db, tenantId, 'invoice', [idOf(toVoid!.InvoiceNumber)], 'send_ours', at);
    expect(refused.refused[0]?.reason).toContain('Xero cannot bring back a voided or deleted invoice');
    expect(reviewXeroChanges(db, tenantId, 'invoice', [idOf(toVoid!.InvoiceNumber), idOf(toPay!.InvoiceNumber)], 'accept', at).changed).toHaveLength(2);
    await runSync({ db, client, backoffBaseMs: 1, now: () => new Date('2026-12-03T06:00:00Z') });
    expect(db.prepare("SELECT COUNT(*) FROM sync_records WHERE status <> 'synced' AND status <> 'excluded' AND status <> 'before_start_date'").pluck().get()).toBe(0);
    const invoicesAfter = emu.admin.state().organisations[0]!.invoices as Array<WireInvoice & { Total: number }>;
    expect(Math.round((invoicesAfter.find((i) => i.InvoiceNumber === toEdit!.InvoiceNumber)?.Total ?? 0) * 100)).not.toBe(Math.round(edited.Total * 100));
    const settled = await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T07:00:00Z') });
    expect(settled.changed).toEqual([]);
  });

  it('finds a credit note voided in Xero and one whose total was changed there; sends ours again for the total', async () => {
    // Two credit notes on account (applied to no invoice): Xero lets a person void or edit those.
    db.close();
    const data = generateDemoData({ seed: 7, locations: 1, tenants: 12, months: 2 });
    const inv = data.invoices[0]!;
    const onAccount = (n: number) => ({
      external_id: `CN-ACCOUNT-${n}`, credit_note_number: `ACC-CN${n}`, tenant: inv.tenant, unit: inv.unit, invoice: null,
      issue_date: inv.issue_date, reason: 'adjustment' as const, status: 'open' as const, updated_at: `${inv.issue_date}T10:00:00.000Z`,
      lines: [{ external_id: `CN-ACCOUNT-${n}-1`, line_no: 1, charge_type: 'CT-RENT', description: 'Goodwill credit', quantity: 1, unit_amount_cents: 2500 }],
    });
    data.creditNotes.push(onAccount(1), onAccount(2));
    db = openDatabase(tempDbPath('xero-changes-cn-'));
    writeDemoData(db, data);
    setDemoMapping(db, emu.admin);
    await runSync({ db, client, backoffBaseMs: 1, now });
    expect((await checkXeroChanges({ db, client, now })).changed).toEqual([]);

    emu.admin.asPerson.voidCreditNote(ORG, 'ACC-CN1');
    emu.admin.asPerson.setCreditNoteLineAmount(ORG, 'ACC-CN2', 0, 30);
    const result = await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T04:00:00Z') });
    const idOf = (n: string) => db.prepare('SELECT id FROM credit_notes WHERE credit_note_number = ?').pluck().get(n) as number;
    const flagged = db.prepare("SELECT kind, record_id, error_code, error_explanation FROM sync_records WHERE status = 'changed_in_xero' ORDER BY record_id").all();
    expect(result.changed).toHaveLength(2);
    expect(flagged).toEqual([
      { kind: 'credit_note', record_id: idOf('ACC-CN1'), error_code: 'changed_in_xero_final', error_explanation: 'Voided in Xero on 3 Dec 2026.' },
      { kind: 'credit_note', record_id: idOf('ACC-CN2'), error_code: 'changed_in_xero', error_explanation: 'Total 30.00 in Xero, 25.00 here.' },
    ]);
    const tenantId = client.tenantId() ?? '';
    const refused = reviewXeroChanges(db, tenantId, 'credit_note', [idOf('ACC-CN1')], 'send_ours', '2026-12-03T06:00:00.000Z');
    expect(refused.refused[0]?.reason).toContain('Xero cannot bring back a voided or deleted credit note');
    expect(reviewXeroChanges(db, tenantId, 'credit_note', [idOf('ACC-CN2')], 'send_ours', '2026-12-03T06:00:00.000Z').changed).toEqual([idOf('ACC-CN2')]);
    reviewXeroChanges(db, tenantId, 'credit_note', [idOf('ACC-CN1')], 'accept', '2026-12-03T06:00:00.000Z');
    await runSync({ db, client, backoffBaseMs: 1, now: () => new Date('2026-12-03T06:00:00Z') });
    const cn2 = (emu.admin.state().organisations[0]!.creditNotes as Array<{ CreditNoteNumber: string; Total: number }>).find((c) => c.CreditNoteNumber === 'ACC-CN2');
    expect(cn2?.Total).toBe(25);
    expect((await checkXeroChanges({ db, client, now: () => new Date('2026-12-03T07:00:00Z') })).changed).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM sync_records WHERE status = 'changed_in_xero'").pluck().get()).toBe(0);
  });
});
