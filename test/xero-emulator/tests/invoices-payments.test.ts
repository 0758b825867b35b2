import { beforeAll, describe, expect, it } from 'vitest';
import { Invoice, LineAmountTypes } from 'xero-node';
import { failure, useEmulatorApi } from '../../helpers/emulator-clients';

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
  lineItems: [
    { description: 'Unit 12 rent, March', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT', tracking: [{ name: 'Location', option: 'Downtown' }] },
    { itemCode: 'LATEFEE', quantity: 1 },
  ],
  ...over,
});

describe('invoices', () => {
  it('creates an ACCREC invoice, numbers it and computes totals per LineAmountTypes', async () => {
    const res = await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ reference: 'FAC-1' })] });
    const inv = res.body.invoices?.[0];
    expect(inv?.invoiceNumber).toBe('INV-0001');
    expect(inv).toMatchObject({ subTotal: 120, totalTax: 10, total: 130, amountDue: 130, status: 'AUTHORISED' });
    expect(inv?.lineItems?.[1]).toMatchObject({ description: 'Late fee', accountCode: '260', taxType: 'EXEMPTOUTPUT', lineAmount: 20 });
    expect(inv?.date).toEqual(new Date('2026-03-01T00:00:00Z'));
    const raw = res.response.data as { Invoices: Array<{ Date: string }> };
    expect(raw.Invoices[0]?.Date).toBe(`/Date(${Date.UTC(2026, 2, 1)}+0000)/`);
    const incl = await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ lineAmountTypes: LineAmountTypes.Inclusive, lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 110, accountCode: '200' }] })] });
    expect(incl.body.invoices?.[0]).toMatchObject({ subTotal: 100, totalTax: 10, total: 110 });
    const noTax = await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ lineAmountTypes: LineAmountTypes.NoTax, lineItems: [{ description: 'Rent', quantity: 2, unitAmount: 33.33, accountCode: '200' }] })] });
    expect(noTax.body.invoices?.[0]).toMatchObject({ subTotal: 66.66, totalTax: 0, total: 66.66 });
  });

  it('validates account, item, tax type, tracking and invoice number uniqueness', async () => {
    const res = await xero.api.createInvoices(xero.tenant, {
      invoices: [
        invoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '999' }] }),
        invoice({ lineItems: [{ itemCode: 'NOPE', quantity: 1, accountCode: '200' }] }),
        invoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200', taxType: 'INPUT' }] }),
        invoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200', tracking: [{ name: 'Location', option: 'Mars' }] }] }),
        invoice({ invoiceNumber: 'INV-0001' }),
        invoice({ contact: {} }),
      ],
    }, false);
    const msgs = (res.body.invoices ?? []).map((i) => [i.hasErrors, i.validationErrors?.[0]?.message]);
    expect(msgs).toEqual([
      [true, "Account code '999' is not a valid code for this document."],
      [true, "Item code 'NOPE' is not valid."],
      [true, "The TaxType code 'INPUT' does not exist or cannot be used with this type of transaction."],
      [true, "The tracking option 'Mars' does not exist for the tracking category 'Location'."],
      [true, 'Invoice # must be unique.'],
      [true, 'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber'],
    ]);
  });

  it('finds invoices by InvoiceNumber, Reference, Statuses and ContactIDs', async () => {
    expect((await xero.api.getInvoices(xero.tenant, undefined, 'InvoiceNumber=="INV-0001"')).body.invoices).toHaveLength(1);
    expect((await xero.api.getInvoices(xero.tenant, undefined, 'Reference=="FAC-1"')).body.invoices?.[0]?.invoiceNumber).toBe('INV-0001');
    expect((await xero.api.getInvoices(xero.tenant, undefined, undefined, undefined, undefined, ['INV-0001', 'INV-0002'])).body.invoices).toHaveLength(2);
    const contactId = (await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-1"')).body.contacts?.[0]?.contactID ?? '';
    expect((await xero.api.getInvoices(xero.tenant, undefined, undefined, undefined, undefined, undefined, [contactId], ['AUTHORISED'])).body.invoices).toHaveLength(3);
    expect((await xero.api.getInvoice(xero.tenant, 'INV-0001')).body.invoices?.[0]?.reference).toBe('FAC-1');
  });

  it('enforces status rules: DRAFT -> AUTHORISED -> VOIDED, never back to DRAFT', async () => {
    const draft = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ status: Invoice.StatusEnum.DRAFT })] })).body.invoices?.[0];
    const id = draft?.invoiceID ?? '';
    await xero.api.updateInvoice(xero.tenant, id, { invoices: [{ status: Invoice.StatusEnum.AUTHORISED }] });
    const back = await failure(xero.api.updateInvoice(xero.tenant, id, { invoices: [{ status: Invoice.StatusEnum.DRAFT }] }));
    expect(back.body.Elements[0].ValidationErrors[0].Message).toBe('Invoice not of valid status for modification');
    const voided = await xero.api.updateInvoice(xero.tenant, id, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    expect(voided.body.invoices?.[0]).toMatchObject({ status: 'VOIDED', amountDue: 0 });
    const paidAtCreate = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice({ status: Invoice.StatusEnum.PAID })] }));
    expect(paidAtCreate.body.Elements[0].ValidationErrors[0].Message).toBe('Invoice not of valid status for creation');
  });
});

describe('payments', () => {
  it('pays AUTHORISED invoices only, never more than due; a settled invoice becomes PAID', async () => {
    const inv = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'PAY-1' })] })).body.invoices?.[0];
    const draft = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice({ invoiceNumber: 'PAY-2', status: Invoice.StatusEnum.DRAFT })] })).body.invoices?.[0];
    const res = await xero.api.createPayments(xero.tenant, {
      payments: [
        { invoice: { invoiceID: inv?.invoiceID }, account: { code: '090' }, amount: 30, date: '2026-03-05', reference: 'FP-1' },
        { invoice: { invoiceNumber: 'PAY-1' }, account: { code: '090' }, amount: 500, date: '2026-03-05' },
        { invoice: { invoiceID: draft?.invoiceID }, account: { code: '090' }, amount: 1, date: '2026-03-05' },
        { invoice: { invoiceID: inv?.invoiceID }, account: { code: '200' }, amount: 1, date: '2026-03-05' },
      ],
    }, false);
    expect((res.body.payments ?? []).map((p) => p.validationErrors?.[0]?.message ?? p.statusAttributeString)).toEqual([
      'OK',
      'Payment amount exceeds the amount outstanding on this document',
      'Payments can only be made against Authorised documents.',
      'Account type is invalid for making a payment to/from.',
    ]);
    expect((await xero.api.getInvoice(xero.tenant, inv?.invoiceID ?? '')).body.invoices?.[0]).toMatchObject({ amountPaid: 30, amountDue: 100, status: 'AUTHORISED' });
    const single = await xero.api.createPayment(xero.tenant, { invoice: { invoiceNumber: 'PAY-1' }, account: { code: '091' }, amount: 100, date: '2026-03-06', reference: 'FP-2' });
    expect(single.body.payments?.[0]?.status).toBe('AUTHORISED');
    expect((await xero.api.getInvoice(xero.tenant, 'PAY-1')).body.invoices?.[0]).toMatchObject({ status: 'PAID', amountDue: 0 });
    expect((await xero.api.getPayments(xero.tenant, undefined, 'Reference=="FP-2"')).body.payments?.[0]?.amount).toBe(100);
  });

  it('deletes a payment with Status DELETED and reopens the invoice', async () => {
    const [payment] = (await xero.api.getPayments(xero.tenant, undefined, 'Reference=="FP-2"')).body.payments ?? [];
    const del = await xero.api.deletePayment(xero.tenant, payment?.paymentID ?? '', { status: 'DELETED' });
    expect(del.body.payments?.[0]?.status).toBe('DELETED');
    expect((await xero.api.getInvoice(xero.tenant, 'PAY-1')).body.invoices?.[0]).toMatchObject({ status: 'AUTHORISED', amountDue: 100 });
    const again = await failure(xero.api.deletePayment(xero.tenant, payment?.paymentID ?? '', { status: 'DELETED' }));
    expect(again.body.Elements[0].ValidationErrors[0].Message).toBe('This payment has already been deleted.');
    const paged = await xero.api.getPayments(xero.tenant, undefined, undefined, undefined, 1);
    expect(paged.body.pagination).toMatchObject({ page: 1, pageSize: 100, itemCount: 2 });
  });

  it('shows every organisation\'s books in GET /__emulator/state', async () => {
    const state = (await (await fetch(`${xero.emu.url}/__emulator/state`)).json()) as { organisations: Array<{ tenantId: string; invoices: Array<{ InvoiceNumber: string; Date: string }>; payments: unknown[] }> };
    const mine = state.organisations.find((o) => o.tenantId === xero.tenant);
    expect(mine?.invoices.find((i) => i.InvoiceNumber === 'PAY-1')?.Date).toBe('2026-03-01');
    expect(mine?.payments).toHaveLength(2);
    expect(state.organisations).toHaveLength(4);
  });
});
