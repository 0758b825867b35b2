/**
 * Money on documents held before the sync start date (issue 15), against the emulator over real HTTP
 * with a real SQLite file: an old invoice entered by hand in Xero and a payment on it after the start
 * date: the held invoice is looked up and linked, the payment lands on Xero's copy exactly once, and
 * no invoice is created. An old invoice that Xero holds with another total needs review (the payment
 * follows Keep Xero's); one Xero lacks stays held, is looked for again a day later and then linked.
 * Old documents without money after the start date are not looked up. The clock is injected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { createFacilityRepository } from '../../main/facility/repository';
import { runSync } from '../../main/sync/engine';
import { displayMoney } from '../../main/sync/kinds/existing-documents';
import { createOrganisationState } from '../../main/sync/records/organisation';
import { applyReview } from '../../main/sync/records/review';
import { createSyncSettings } from '../../main/sync/sync-settings';
import { type XeroApiClient } from '../../main/xero/api-client';
import { compareBooks, setDemoMapping } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { fastEmulatorClient, syncUntilQuiet as syncQuiet } from '../helpers/quiet-sync';

const ORG = 'Demo Storage Co';
/** The demo's May invoices are dated 1 May; one has a payment on 4 May, after this start date. */
const START = '2025-05-03';
const IMPORTED = '2025-07-01T08:00:00.000Z';
const DAY_ONE = new Date('2025-07-01T09:00:00.000Z');
const DAY_TWO = new Date('2025-07-02T10:00:00.000Z');

let emu: XeroEmulator;
let db: Db;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDatabase(tempDbPath('sync-held-'));
  writeDemoData(db, generateDemoData({ seed: 7, locations: 1, tenants: 12, months: 2 }), () => IMPORTED);
  setDemoMapping(db, emu.admin);
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const client = (): Promise<XeroApiClient> => fastEmulatorClient(emu.url);

const syncUntilQuiet = (c: XeroApiClient, at: Date) => syncQuiet(db, c, { now: () => at });

interface Inv { id: number; invoice_number: string; tenant_id: number; issue_date: string; due_date: string; total_cents: number }
const invoice = (number: string) =>
  db.prepare('SELECT id, invoice_number, tenant_id, issue_date, due_date, total_cents FROM invoices WHERE invoice_number = ?').get(number) as Inv;
const tenantName = (id: number) => db.prepare('SELECT name FROM tenants WHERE id = ?').pluck().get(id) as string;

/** The invoice as a person keys it into Xero: same number, contact, dates and lines (`extraCents` on the first line). */
function enterInvoiceByHand(inv: Inv, contactId: string, extraCents = 0): string {
  const lines = db.prepare(
    `SELECT l.description, l.quantity, l.unit_amount_cents, ct.kind FROM invoice_lines l JOIN charge_types ct ON ct.id = l.charge_type_id
     WHERE l.invoice_id = ? ORDER BY l.line_no`,
  ).all(inv.id) as Array<{ description: string; quantity: number; unit_amount_cents: number; kind: string }>;
  const entered = emu.admin.enterByHand(ORG, {
    Invoices: [{
      Type: 'ACCREC', Status: 'AUTHORISED', InvoiceNumber: inv.invoice_number, Contact: { ContactID: contactId },
      Date: inv.issue_date, DueDate: inv.due_date, LineAmountTypes: 'Inclusive',
      LineItems: lines.map((l, i) => ({
        Description: l.description, Quantity: l.quantity, UnitAmount: (l.unit_amount_cents + (i === 0 ? extraCents / l.quantity : 0)) / 100,
        AccountCode: l.kind === 'deposit' ? '855' : '200', TaxType: l.kind === 'deposit' ? 'BASEXCLUDED' : 'OUTPUT',
      })),
    }],
  }).Invoices as Array<{ InvoiceID: string }>;
  return entered[0]!.InvoiceID;
}

function enterContactByHand(tenantId: number): string {
  return (emu.admin.enterByHand(ORG, { Contacts: [{ Name: tenantName(tenantId) }] }).Contacts as Array<{ ContactID: string }>)[0]!.ContactID;
}

const recordOf = (kind: string, id: number) =>
  db.prepare('SELECT status, error_code, error_explanation FROM sync_records WHERE kind = ? AND record_id = ?').get(kind, id) as
    { status: string; error_code: string | null; error_explanation: string | null };
const linkOf = (kind: string, id: number) => db.prepare('SELECT xero_id FROM xero_links WHERE kind = ? AND record_id = ?').pluck().get(kind, id);
const xeroOrg = () => emu.admin.state().organisations[0] as unknown as {
  invoices: Array<{ InvoiceID: string; InvoiceNumber: string }>;
  payments: Array<{ Reference?: string; Status?: string; Invoice?: { InvoiceID?: string }; Amount: number }>;
};
const xeroInvoices = (number: string) => xeroOrg().invoices.filter((i) => i.InvoiceNumber === number);
const xeroPayments = (reference: string) => xeroOrg().payments.filter((p) => p.Reference === reference && p.Status !== 'DELETED');

describe('money on documents held before the sync start date', () => {
  it('links the old invoice Xero holds and puts the new payment on its copy once; reviews a different one; finds a missing one a day later', async () => {
    const paidLater = invoice('LOC-1-100015'); // paid on 4 May: after START
    const differs = invoice('LOC-1-100013');
    const missing = invoice('LOC-1-100010');
    const untouched = [invoice('LOC-1-100002'), invoice('LOC-1-100005')]; // paid before START: history
    const payment = db.prepare("SELECT id, external_id, amount_cents FROM payments WHERE invoice_id = ? AND paid_on >= ?").get(paidLater.id, START) as
      { id: number; external_id: string; amount_cents: number };
    expect(payment).toBeTruthy();
    // Money after the start date on two more old invoices, arriving with the same import.
    const repo = createFacilityRepository(db, () => IMPORTED);
    const late = (inv: Inv, ext: string, day: string) =>
      repo.upsertPayment({ external_id: ext, invoice_id: inv.id, paid_on: day, amount_cents: 1000, method: 'cash', status: 'completed', reference: '', updated_at: IMPORTED }).id;
    const onDiffers = late(differs, 'P-LATE-13', '2025-05-20');
    const onMissing = late(missing, 'P-LATE-10', '2025-05-21');

    // Entered by hand in Xero before Facility Sync arrived: the contacts by name, two of the invoices.
    const enteredSame = enterInvoiceByHand(paidLater, enterContactByHand(paidLater.tenant_id));
    const enteredOther = enterInvoiceByHand(differs, enterContactByHand(differs.tenant_id), 500);

    const c = await client();
    createOrganisationState(db).adopt({ tenantId: emu.admin.tenantId(ORG), name: ORG });
    await createSyncSettings(db, () => {}, { now: () => DAY_ONE, proposeStartDate: false }).setSyncSettings({ startDate: START });
    await syncUntilQuiet(c, DAY_ONE);

    // The same invoice: linked, not created; the payment on Xero's copy, once.
    expect(recordOf('invoice', paidLater.id).status).toBe('synced');
    expect(linkOf('invoice', paidLater.id)).toBe(enteredSame);
    expect(xeroInvoices(paidLater.invoice_number)).toHaveLength(1);
    const sent = xeroPayments(`FS-PAY:${payment.external_id}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.Invoice?.InvoiceID).toBe(enteredSame);
    expect(Math.round(sent[0]!.Amount * 100)).toBe(payment.amount_cents);
    expect(recordOf('payment', payment.id).status).toBe('synced');

    // Another total in Xero: set aside for review; its payment waits.
    expect(recordOf('invoice', differs.id)).toMatchObject({ status: 'needs_review', error_code: 'needs_review' });
    expect(recordOf('invoice', differs.id).error_explanation)
      .toContain(`In Xero with a different total: ${displayMoney(differs.total_cents + 500)} there, ${displayMoney(differs.total_cents)} here`);
    expect(recordOf('payment', onDiffers)).toMatchObject({ status: 'waiting', error_code: 'document_before_start_date' });

    // Not in Xero: held as before, saying so; its payment waits; no invoice sent.
    expect(recordOf('invoice', missing.id)).toMatchObject({ status: 'before_start_date', error_code: 'before_start_date' });
    expect(recordOf('invoice', missing.id).error_explanation).toContain('Xero has no copy of it either (looked for on 1 Jul 2025)');
    expect(recordOf('payment', onMissing)).toMatchObject({ status: 'waiting', error_code: 'document_before_start_date' });
    expect(xeroInvoices(missing.invoice_number)).toHaveLength(0);
    // History without money after the start date is not looked up.
    for (const inv of untouched) {
      expect(recordOf('invoice', inv.id).status).toBe('before_start_date');
      expect(recordOf('invoice', inv.id).error_explanation).not.toContain('Xero has no copy');
      expect(xeroInvoices(inv.invoice_number)).toHaveLength(0);
    }

    // Keep Xero's: the payment goes on Xero's copy.
    expect(applyReview(db, 'invoice', [differs.id], 'keep_xero').changed).toEqual([differs.id]);
    // Someone enters the missing invoice in Xero; the same day it is not looked for again, the next day it is.
    const enteredLater = enterInvoiceByHand(missing, linkOf('tenant', missing.tenant_id) as string);
    await syncUntilQuiet(c, DAY_ONE);
    expect(xeroPayments('FS-PAY:P-LATE-13').map((p) => p.Invoice?.InvoiceID)).toEqual([enteredOther]);
    expect(recordOf('invoice', missing.id).status).toBe('before_start_date');
    expect(xeroPayments('FS-PAY:P-LATE-10')).toHaveLength(0);

    await syncUntilQuiet(c, DAY_TWO);
    expect(linkOf('invoice', missing.id)).toBe(enteredLater);
    expect(recordOf('payment', onMissing).status).toBe('synced');
    expect(xeroPayments('FS-PAY:P-LATE-10').map((p) => p.Invoice?.InvoiceID)).toEqual([enteredLater]);
    for (const number of [paidLater.invoice_number, differs.invoice_number, missing.invoice_number]) expect(xeroInvoices(number)).toHaveLength(1);
    expect(compareBooks(db, emu.admin).duplicates).toEqual([]);
    // Another run sends nothing more.
    const again = await runSync({ db, client: c, backoffBaseMs: 1, now: () => DAY_TWO });
    expect(again.sent).toBe(0);
    expect(xeroPayments(`FS-PAY:${payment.external_id}`)).toHaveLength(1);
  }, 60_000);

  it('a tenant held with its old documents is looked up too: linked when Xero holds the contact, so the payment on its old invoice goes', async () => {
    // Every demo invoice is dated 1 Jun or earlier: after 2 Jun each tenant is held with its documents, and most have a payment after it
    // (not T5, T7, T9: rent they prepaid at move-in covers June, issue 14).
    const start = '2025-06-02';
    const found = invoice('LOC-1-100004');
    const absent = invoice('LOC-1-100008');
    const contactId = enterContactByHand(found.tenant_id);
    const enteredId = enterInvoiceByHand(found, contactId);
    const payment = db.prepare('SELECT id, external_id FROM payments WHERE invoice_id = ? AND paid_on >= ?').get(found.id, start) as { id: number; external_id: string };

    const c = await client();
    createOrganisationState(db).adopt({ tenantId: emu.admin.tenantId(ORG), name: ORG });
    await createSyncSettings(db, () => {}, { now: () => DAY_ONE, proposeStartDate: false }).setSyncSettings({ startDate: start });
    await syncUntilQuiet(c, DAY_ONE);

    expect(recordOf('tenant', found.tenant_id).status).toBe('synced');
    expect(linkOf('tenant', found.tenant_id)).toBe(contactId);
    expect(linkOf('invoice', found.id)).toBe(enteredId);
    expect(xeroPayments(`FS-PAY:${payment.external_id}`).map((p) => p.Invoice?.InvoiceID)).toEqual([enteredId]);
    expect(xeroInvoices(found.invoice_number)).toHaveLength(1);

    // Xero has neither the other tenant nor its invoice: both held, nothing created, the payment waits.
    expect(recordOf('tenant', absent.tenant_id)).toMatchObject({ status: 'before_start_date' });
    expect(recordOf('tenant', absent.tenant_id).error_explanation).toContain('Xero has no copy of it either');
    expect(recordOf('invoice', absent.id).status).toBe('before_start_date');
    expect(xeroInvoices(absent.invoice_number)).toHaveLength(0);
    const ext = db.prepare('SELECT external_id FROM tenants WHERE id = ?').pluck().get(absent.tenant_id) as string;
    expect((emu.admin.state().organisations[0]!.contacts as Array<{ ContactNumber?: string }>).filter((x) => x.ContactNumber === ext)).toHaveLength(0);
    const waiting = db.prepare('SELECT id FROM payments WHERE invoice_id = ? AND paid_on >= ?').pluck().get(absent.id, start) as number;
    expect(recordOf('payment', waiting)).toMatchObject({ status: 'waiting', error_code: 'document_before_start_date' });
  }, 60_000);
});
