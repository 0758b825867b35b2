/**
 * What Xero refuses, the emulator refuses (issue 12, item 6): each test here failed on the lenient
 * emulator, so the app's tests can now catch a payload Xero would turn away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice, Phone, type Contact } from 'xero-node';
import { startXeroEmulator, type XeroEmulator } from '../index';
import { apiFor, failure, useEmulatorApi } from '../../helpers/emulator-clients';

const xero = useEmulatorApi();
beforeAll(async () => {
  await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }] });
});

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  type: Invoice.TypeEnum.ACCREC,
  contact: { contactNumber: 'T-1' },
  date: '2026-03-01',
  dueDate: '2026-03-15',
  status: Invoice.StatusEnum.AUTHORISED,
  lineItems: [{ description: 'Unit 12 rent, March', quantity: 1, unitAmount: 100, accountCode: '200' }],
  ...over,
});

const firstMessage = (body: { Elements: Array<{ ValidationErrors: Array<{ Message: string }> }> }) => body.Elements[0]?.ValidationErrors[0]?.Message;

describe('invoices', () => {
  it('refuses an InvoiceNumber over 255 characters', async () => {
    const ok = await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'N'.repeat(255) })] });
    expect(ok.body.invoices?.[0]?.invoiceNumber).toHaveLength(255);
    const err = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'M'.repeat(256) })] }));
    expect(err.response.statusCode).toBe(400);
    expect(firstMessage(err.body)).toBe('The Invoice Number must not be more than 255 characters long.');
  });

  it('refuses an invoice for an ARCHIVED contact with Xero\'s message', async () => {
    const created = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Gone Tenant', contactNumber: 'T-GONE' }] });
    const id = created.body.contacts?.[0]?.contactID ?? '';
    await xero.api.updateContact(xero.tenant, id, { contacts: [{ contactStatus: 'ARCHIVED' as never }] });
    const archived = 'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.';
    for (const contact of [{ contactID: id }, { contactNumber: 'T-GONE' }]) {
      const err = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ contact })] }));
      expect(firstMessage(err.body)).toBe(archived);
    }
  });

  it('refuses the same tracking category twice on one line', async () => {
    const tracking = [{ name: 'Location', option: 'Downtown' }, { name: 'Location', option: 'Airport' }];
    const err = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 5, accountCode: '200', tracking }] })] }));
    expect(firstMessage(err.body)).toBe("The tracking category 'Location' can only be used once on a line item.");
  });

  it('rounds UnitAmount to 2 decimals unless unitdp=4, in answers and in totals', async () => {
    const line = { description: 'Metered power', quantity: 3, unitAmount: 10.1234, accountCode: '200' };
    const two = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'DP-2', lineItems: [line] })] })).body.invoices?.[0];
    expect(two?.lineItems?.[0]).toMatchObject({ unitAmount: 10.12, lineAmount: 30.36 });
    expect(two).toMatchObject({ subTotal: 30.36, total: 33.4 });
    const four = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'DP-4', lineItems: [line] })] }, undefined, 4)).body.invoices?.[0];
    expect(four?.lineItems?.[0]).toMatchObject({ unitAmount: 10.1234, lineAmount: 30.37 });
    // Reading without unitdp=4 shows 2 decimals; with it, the 4 that were stored.
    expect((await xero.api.getInvoice(xero.tenant, four?.invoiceID ?? '')).body.invoices?.[0]?.lineItems?.[0]?.unitAmount).toBe(10.12);
    expect((await xero.api.getInvoice(xero.tenant, four?.invoiceID ?? '', 4)).body.invoices?.[0]?.lineItems?.[0]?.unitAmount).toBe(10.1234);
  });

  it('refuses a date that is not on the calendar, for the whole request, and stores nothing', async () => {
    for (const bad of [{ date: '2026-02-30' }, { dueDate: '2026-02-30' }, { date: '2026-13-01' }]) {
      const err = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'GOOD-1' }), invoice({ invoiceNumber: 'BAD-DATE', ...bad })] }, false));
      expect(err.response.statusCode).toBe(400);
      expect(err.body).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
      expect(err.body.Message).toContain(Object.values(bad)[0]);
      expect(err.body.Message).toContain(`Invoices[1].${Object.keys(bad)[0] === 'date' ? 'Date' : 'DueDate'}`);
    }
    const stored = await xero.api.getInvoices(xero.tenant, undefined, undefined, undefined, undefined, ['GOOD-1', 'BAD-DATE']);
    expect(stored.body.invoices).toHaveLength(0);
  });

  it('echoes a rejected invoice with Xero\'s /Date(ms+0000)/ dates, not the raw YYYY-MM-DD', async () => {
    const res = await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '999' }] })] }, false);
    const raw = res.response.data as { Invoices: Array<{ Date: string; DueDate: string; StatusAttributeString: string }> };
    expect(raw.Invoices[0]).toMatchObject({ StatusAttributeString: 'ERROR', Date: `/Date(${Date.UTC(2026, 2, 1)}+0000)/`, DueDate: `/Date(${Date.UTC(2026, 2, 15)}+0000)/` });
    const err = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'M'.repeat(256) })] }));
    expect(err.body.Elements[0].Date).toBe(`/Date(${Date.UTC(2026, 2, 1)}+0000)/`);
  });
});

describe('payments', () => {
  it('refuses a payment date that is not on the calendar', async () => {
    await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'PAY-DATE' })] });
    const err = await failure(xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceNumber: 'PAY-DATE' }, account: { code: '090' }, amount: 10, date: '2026-02-30' }] }, false));
    expect(err.response.statusCode).toBe(400);
    expect(err.body).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
    expect(err.body.Message).toContain('2026-02-30');
    expect((await xero.api.getInvoice(xero.tenant, 'PAY-DATE')).body.invoices?.[0]?.amountPaid).toBe(0);
  });

  it('echoes a rejected payment with a /Date(ms+0000)/ date', async () => {
    const res = await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceNumber: 'PAY-DATE' }, account: { code: '200' }, amount: 10, date: '2026-03-05' }] }, false);
    const raw = res.response.data as { Payments: Array<{ Date: string; StatusAttributeString: string }> };
    expect(raw.Payments[0]).toMatchObject({ StatusAttributeString: 'ERROR', Date: `/Date(${Date.UTC(2026, 2, 5)}+0000)/` });
  });
});

describe('contacts', () => {
  const phone = (phoneType: Phone.PhoneTypeEnum, phoneNumber: string, phoneAreaCode = '') => ({ phoneType, phoneNumber, phoneAreaCode });
  const phoneOf = (c: Contact | undefined, type: Phone.PhoneTypeEnum) => c?.phones?.find((p) => p.phoneType === type);

  it('keeps a contact\'s phones on write and read, and merges an update by PhoneType', async () => {
    const res = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Grace Hopper', contactNumber: 'T-PH', phones: [phone(Phone.PhoneTypeEnum.DEFAULT, '9876 5432', '02'), phone(Phone.PhoneTypeEnum.MOBILE, '0412 345 678')] }] });
    const created = res.body.contacts?.[0];
    expect(phoneOf(created, Phone.PhoneTypeEnum.DEFAULT)).toMatchObject({ phoneNumber: '9876 5432', phoneAreaCode: '02' });
    const id = created?.contactID ?? '';
    await xero.api.updateContact(xero.tenant, id, { contacts: [{ emailAddress: 'grace@example.com', phones: [phone(Phone.PhoneTypeEnum.DEFAULT, '9999 0000', '03')] }] });
    const read = (await xero.api.getContact(xero.tenant, id)).body.contacts?.[0];
    expect(phoneOf(read, Phone.PhoneTypeEnum.DEFAULT)).toMatchObject({ phoneNumber: '9999 0000', phoneAreaCode: '03' });
    expect(phoneOf(read, Phone.PhoneTypeEnum.MOBILE)?.phoneNumber).toBe('0412 345 678');
    // Like Xero, every contact lists the four standard phone types, blank where unknown.
    expect(read?.phones?.map((p) => p.phoneType)).toEqual(['DEFAULT', 'DDI', 'FAX', 'MOBILE']);
  });

  it('refuses a PhoneNumber over 50 characters', async () => {
    const ok = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Long Phone', phones: [phone(Phone.PhoneTypeEnum.DEFAULT, '1'.repeat(50))] }] });
    expect(phoneOf(ok.body.contacts?.[0], Phone.PhoneTypeEnum.DEFAULT)?.phoneNumber).toHaveLength(50);
    const err = await failure(xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Longer Phone', phones: [phone(Phone.PhoneTypeEnum.DEFAULT, '1'.repeat(51))] }] }));
    expect(firstMessage(err.body)).toBe('The Phone Number must not be more than 50 characters long.');
  });

  it('answers "Email address must be valid." for a bad EmailAddress', async () => {
    const err = await failure(xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Bad Mail', emailAddress: 'not-an-address' }] }));
    expect(firstMessage(err.body)).toBe('Email address must be valid.');
  });
});

describe('dateErrors: "element" (the switch for the unconfirmed alternative)', () => {
  let emu: XeroEmulator;
  beforeAll(async () => {
    emu = await startXeroEmulator({ dateErrors: 'element' });
  });
  afterAll(() => emu.close());

  it('refuses only the element with the bad date and keeps the others', async () => {
    const { api, tenantId } = await apiFor(emu);
    await api.createContacts(tenantId, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }] });
    const res = await api.createInvoices(tenantId, { invoices: [invoice({ invoiceNumber: 'OK-1' }), invoice({ invoiceNumber: 'BAD-1', date: '2026-02-30' })] }, false);
    expect((res.body.invoices ?? []).map((i) => i.validationErrors?.[0]?.message ?? i.statusAttributeString)).toEqual(['OK', 'The Date is not a valid date.']);
  });
});
