import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import { useEmulatorApi } from '../../helpers/emulator-clients';
import { modifiedSince } from '../query';

const xero = useEmulatorApi();
const ORG = 'Demo Storage Co';

const invoice = (n: string, amount: number): Invoice => ({
  type: Invoice.TypeEnum.ACCREC,
  contact: { contactNumber: 'T-1' },
  invoiceNumber: n,
  date: '2026-11-01',
  dueDate: '2026-11-15',
  status: Invoice.StatusEnum.AUTHORISED,
  lineItems: [
    { description: 'Unit 12 rent', quantity: 1, unitAmount: amount, accountCode: '200', taxType: 'OUTPUT' },
    { description: 'Insurance', quantity: 1, unitAmount: 10, accountCode: '200', taxType: 'OUTPUT' },
  ],
});

/** The emulator's clock as a Date: what "since now" means to it. */
const emuNow = () => new Date(xero.emu.admin.state().clock);

beforeAll(async () => {
  await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }] });
  await xero.api.createInvoices(xero.tenant, { invoices: [invoice('F-1', 100), invoice('F-2', 200), invoice('F-3', 300)] });
  await xero.api.createPayments(xero.tenant, {
    payments: [{ invoice: { invoiceNumber: 'F-3' }, account: { code: '090' }, date: '2026-11-05', amount: 50, reference: 'FS-PAY:1' }],
  });
});

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('If-Modified-Since', () => {
  it('reads a timestamp without an offset as UTC, whatever the local time zone', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(modifiedSince('2026-12-03T10:00:00')).toBe(Date.UTC(2026, 11, 3, 10));
    expect(modifiedSince('2026-12-03T10:00:00.250')).toBe(Date.UTC(2026, 11, 3, 10, 0, 0, 250));
    expect(modifiedSince('2026-12-03')).toBe(Date.UTC(2026, 11, 3));
    expect(modifiedSince('2026-12-03T12:00:00+02:00')).toBe(Date.UTC(2026, 11, 3, 10));
    expect(modifiedSince('Thu, 03 Dec 2026 10:00:00 GMT')).toBe(Date.UTC(2026, 11, 3, 10));
    expect(modifiedSince('not a date')).toBeNull();
    expect(modifiedSince(undefined)).toBeNull();
  });

  it('returns only what changed at or after the time, paged with page=', async () => {
    xero.emu.admin.advanceClock(60_000);
    const since = emuNow();
    expect((await xero.api.getInvoices(xero.tenant, since)).body.invoices).toEqual([]);
    xero.emu.admin.advanceClock(1_000);
    const many = Array.from({ length: 120 }, (_, i) => invoice(`P-${i}`, 10 + i));
    await xero.api.createInvoices(xero.tenant, { invoices: many });
    const p1 = await xero.api.getInvoices(xero.tenant, since, undefined, undefined, undefined, undefined, undefined, undefined, 1);
    const p2 = await xero.api.getInvoices(xero.tenant, since, undefined, undefined, undefined, undefined, undefined, undefined, 2);
    expect(p1.body.invoices).toHaveLength(100);
    expect(p2.body.invoices).toHaveLength(20);
    expect(p2.body.pagination).toMatchObject({ page: 2, pageCount: 2, itemCount: 120 });
    // The same moment written without an offset, as a raw header: read as UTC.
    const raw = since.toISOString().replace('Z', '');
    const token = await xero.emu.admin.createTokenFor({ organisation: ORG });
    const res = await fetch(`${xero.emu.url}/api.xro/2.0/Invoices?page=2`, {
      headers: { Authorization: `Bearer ${token.access_token}`, 'xero-tenant-id': xero.tenant, 'If-Modified-Since': raw, Accept: 'application/json' },
    });
    expect(((await res.json()) as { Invoices: unknown[] }).Invoices).toHaveLength(20);
  });
});

describe('changes as a person in Xero makes them', () => {
  it('void, line change, payment deleted and added, contact edited: each moves UpdatedDateUTC to the emulator clock', async () => {
    xero.emu.admin.advanceClock(600_000);
    const since = emuNow();
    const person = xero.emu.admin.asPerson;
    person.voidInvoice(ORG, 'F-1');
    person.setInvoiceLineAmount(ORG, 'F-2', 0, 205);
    person.deletePayment(ORG, 'FS-PAY:1');
    const added = person.addPayment(ORG, { invoice: 'F-2', amount: 50, date: '2026-11-20' });
    person.editContact(ORG, 'T-1', { EmailAddress: 'ada@example.com' });

    const invoices = (await xero.api.getInvoices(xero.tenant, since)).body.invoices ?? [];
    const byNumber = Object.fromEntries(invoices.map((i) => [i.invoiceNumber, i]));
    expect(Object.keys(byNumber).sort()).toEqual(['F-1', 'F-2', 'F-3']);
    expect(byNumber['F-1']).toMatchObject({ status: 'VOIDED' });
    expect(byNumber['F-2']).toMatchObject({ total: 236.5, amountPaid: 50 });
    expect(byNumber['F-3']).toMatchObject({ amountPaid: 0, amountDue: 341 });
    expect(byNumber['F-1']?.updatedDateUTC?.getTime()).toBeGreaterThanOrEqual(since.getTime());

    const payments = (await xero.api.getPayments(xero.tenant, since)).body.payments ?? [];
    expect(payments.map((p) => [p.reference, p.status, p.amount]).sort()).toEqual([['', 'AUTHORISED', 50], ['FS-PAY:1', 'DELETED', 50]]);
    expect(added?.PaymentID).toBe(payments.find((p) => p.reference === '')?.paymentID);
    const contacts = (await xero.api.getContacts(xero.tenant, since)).body.contacts ?? [];
    expect(contacts.map((c) => c.emailAddress)).toEqual(['ada@example.com']);
  });

  it("refuses what Xero refuses: a void with a payment applied, a payment over what is due", () => {
    const person = xero.emu.admin.asPerson;
    expect(() => person.voidInvoice(ORG, 'F-2')).toThrow('Invoice not of valid status for modification');
    expect(() => person.addPayment(ORG, { invoice: 'F-3', amount: 1000 })).toThrow('Payment amount exceeds the amount outstanding on this document');
    expect(() => person.voidInvoice(ORG, 'NOPE')).toThrow('No invoice NOPE');
  });

  it('offers the same changes over HTTP under /__emulator/', async () => {
    const post = (path: string, body: unknown = {}) =>
      fetch(`${xero.emu.url}/__emulator/organisations/${xero.tenant}/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const line = await post('invoices/F-3/lines/1', { UnitAmount: 20 });
    expect(line.status).toBe(200);
    expect(await line.json()).toMatchObject({ InvoiceNumber: 'F-3', Total: 352 });
    const pay = await post('payments', { Invoice: 'F-3', Amount: 12.5, Date: '2026-11-21' });
    const paid = (await pay.json()) as { PaymentID: string; Amount: number };
    expect(paid.Amount).toBe(12.5);
    expect((await post(`payments/${paid.PaymentID}/delete`)).status).toBe(200);
    expect((await post('contacts/T-1', { Name: 'Ada King' })).status).toBe(200);
    expect((await post('invoices/P-0/void')).status).toBe(200);
    const refused = await post('invoices/F-2/void');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'Invoice not of valid status for modification This document cannot be edited as it has a payment or credit note allocated to it.' });
  });
});
