/**
 * PUT /CreditNotes/{id}/Allocations and DELETE /CreditNotes/{id}/Allocations/{AllocationID} over real
 * HTTP: both sides move, both reach PAID at 0, every refusal with its message, Idempotency-Key; and
 * voiding invoices and credit notes while something is applied to them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice, type Allocation } from 'xero-node';
import { failure, useEmulatorApi } from '../../helpers/emulator-clients';

// More calls than Xero's 60 a minute: these tests are about documents, not rate limits.
const xero = useEmulatorApi({ limits: { perMinute: 1000 } });
beforeAll(async () => {
  await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }, { name: 'Grace Hopper', contactNumber: 'T-2' }] });
});

/** An invoice of 110.00 (100 + 10% GST) for T-1 unless told otherwise. */
async function invoice(over: Partial<Invoice> = {}) {
  const inv: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactNumber: 'T-1' },
    date: '2026-03-01',
    dueDate: '2026-03-15',
    status: Invoice.StatusEnum.AUTHORISED,
    lineItems: [{ description: 'Unit 12 rent, March', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
    ...over,
  };
  const made = (await xero.api.createInvoices(xero.tenant, { invoices: [inv] })).body.invoices?.[0];
  return { id: made?.invoiceID ?? '', number: made?.invoiceNumber ?? '' };
}

/** A credit note of 55.00 (50 + 10% GST) for T-1 unless told otherwise. */
async function creditNote(over: Partial<CreditNote> = {}) {
  const cn: CreditNote = {
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    contact: { contactNumber: 'T-1' },
    date: '2026-03-10',
    status: CreditNote.StatusEnum.AUTHORISED,
    lineItems: [{ description: 'Unit 12 rent refund', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'OUTPUT' }],
    ...over,
  };
  return (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [cn] })).body.creditNotes?.[0]?.creditNoteID ?? '';
}

const allocate = (cnId: string, allocations: Allocation[], summarize?: boolean, key?: string) =>
  xero.api.createCreditNoteAllocation(xero.tenant, cnId, { allocations }, summarize, key);
const getInvoice = async (id: string) => (await xero.api.getInvoice(xero.tenant, id)).body.invoices?.[0];
const getCreditNote = async (id: string) => (await xero.api.getCreditNote(xero.tenant, id)).body.creditNotes?.[0];

describe('allocating a credit note', () => {
  it('reduces the invoice\'s AmountDue and the credit note\'s RemainingCredit; each becomes PAID at 0', async () => {
    const inv = await invoice();
    const cnId = await creditNote();
    const res = await allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 30, date: '2026-03-12' }]);
    const a = res.body.allocations?.[0];
    expect(a).toMatchObject({ amount: 30, invoice: { invoiceID: inv.id, invoiceNumber: inv.number }, statusAttributeString: 'OK' });
    expect(a?.allocationID).toMatch(/^[0-9a-f-]{36}$/);
    expect(a?.date).toEqual(new Date('2026-03-12T00:00:00Z'));
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'AUTHORISED', total: 110, amountDue: 80, amountCredited: 30, amountPaid: 0 });
    expect((await getInvoice(inv.id))?.creditNotes?.[0]).toMatchObject({ creditNoteID: cnId, appliedAmount: 30 });
    const cn = await getCreditNote(cnId);
    expect(cn).toMatchObject({ status: 'AUTHORISED', remainingCredit: 25 });
    expect(cn?.allocations?.[0]).toMatchObject({ allocationID: a?.allocationID, amount: 30, invoice: { invoiceID: inv.id, invoiceNumber: inv.number } });

    // The rest of the credit (25) onto a second invoice: the credit note is used up and PAID.
    const inv2 = await invoice();
    await allocate(cnId, [{ invoice: { invoiceID: inv2.id }, amount: 25, date: '2026-03-13' }]);
    expect(await getCreditNote(cnId)).toMatchObject({ status: 'PAID', remainingCredit: 0, fullyPaidOnDate: new Date('2026-03-13T00:00:00Z') });
    expect(await getInvoice(inv2.id)).toMatchObject({ status: 'AUTHORISED', amountDue: 85 });

    // A credit note of 80 settles the first invoice, which becomes PAID.
    const big = await creditNote({ lineItems: [{ description: 'Rent refund', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }] });
    await allocate(big, [{ invoice: { invoiceID: inv.id }, amount: 80, date: '2026-03-14' }]);
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'PAID', amountDue: 0, amountCredited: 110, fullyPaidOnDate: new Date('2026-03-14T00:00:00Z') });
    expect(await getCreditNote(big)).toMatchObject({ status: 'AUTHORISED', remainingCredit: 30 });
  });

  it('refuses with Xero\'s messages: over the credit left, over the amount due, a PAID invoice, and the emulator\'s own for the rest', async () => {
    const inv = await invoice();
    const paid = await invoice();
    await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceID: paid.id }, account: { code: '090' }, amount: 110, date: '2026-03-05' }] });
    const draft = await invoice({ status: Invoice.StatusEnum.DRAFT });
    const grace = await invoice({ contact: { contactNumber: 'T-2' } });
    const small = await invoice({ lineItems: [{ description: 'Late fee', quantity: 1, unitAmount: 20, accountCode: '260', taxType: 'EXEMPTOUTPUT' }] });
    const cnId = await creditNote();
    const res = await allocate(cnId, [
      { invoice: { invoiceID: inv.id }, amount: 60, date: '2026-03-12' },
      { invoice: { invoiceID: small.id }, amount: 25, date: '2026-03-12' },
      { invoice: { invoiceID: paid.id }, amount: 5, date: '2026-03-12' },
      { invoice: { invoiceID: draft.id }, amount: 5, date: '2026-03-12' },
      { invoice: { invoiceID: grace.id }, amount: 5, date: '2026-03-12' },
      { invoice: { invoiceID: '00000000-0000-0000-0000-000000000009' }, amount: 5, date: '2026-03-12' },
      { invoice: { invoiceID: inv.id }, amount: 0, date: '2026-03-12' },
      { invoice: { invoiceID: inv.id }, amount: 5 } as Allocation,
      { invoice: { invoiceID: inv.id }, amount: 5, date: '2026-03-12' },
    ], false);
    expect(res.body.allocations?.map((a) => a.validationErrors?.map((v) => v.message) ?? [])).toEqual([
      ['Credit Note cannot be allocated as amount is greater than amount outstanding'],
      ['Credit Note cannot be allocated as amount is greater than amount outstanding'],
      ['The invoice you are trying to allocate to has already been paid off'],
      ['A credit note can only be allocated to an AUTHORISED invoice.'],
      ['The credit note and the invoice must belong to the same contact.'],
      ['Invoice could not be found.'],
      ['The Amount must be greater than zero.'],
      ['The Date field is mandatory.'],
      [],
    ]);
    expect(await getCreditNote(cnId)).toMatchObject({ remainingCredit: 50 });
    // summarizeErrors (the default): one 400 ValidationException, nothing applied.
    const err = await failure(allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 5, date: '2026-03-12' }, { invoice: { invoiceID: inv.id }, amount: 500, date: '2026-03-12' }]));
    expect(err.response.statusCode).toBe(400);
    expect(err.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    expect(await getCreditNote(cnId)).toMatchObject({ remainingCredit: 50 });
    // A credit note that is not AUTHORISED (draft, voided) cannot be allocated; an unknown one is a 404.
    const draftCn = await creditNote({ status: CreditNote.StatusEnum.DRAFT });
    const notYet = await failure(allocate(draftCn, [{ invoice: { invoiceID: inv.id }, amount: 5, date: '2026-03-12' }]));
    expect(notYet.body.Elements[0].ValidationErrors[0].Message).toBe('Only an AUTHORISED credit note can be allocated to an invoice.');
    expect((await failure(allocate('00000000-0000-0000-0000-000000000008', [{ invoice: { invoiceID: inv.id }, amount: 5, date: '2026-03-12' }]))).response.statusCode).toBe(404);
  });

  it('honours Idempotency-Key: a replay applies nothing more; the same key with another body is refused', async () => {
    const inv = await invoice();
    const cnId = await creditNote();
    const body: Allocation[] = [{ invoice: { invoiceID: inv.id }, amount: 10, date: '2026-03-12' }];
    const first = await allocate(cnId, body, undefined, 'alloc-key-1');
    const again = await allocate(cnId, body, undefined, 'alloc-key-1');
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(again.body.allocations?.[0]?.allocationID).toBe(first.body.allocations?.[0]?.allocationID);
    expect(await getCreditNote(cnId)).toMatchObject({ remainingCredit: 45 });
    expect(await getInvoice(inv.id)).toMatchObject({ amountDue: 100 });
    const other = await failure(allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 11, date: '2026-03-12' }], undefined, 'alloc-key-1'));
    expect(other.response.statusCode).toBe(400);
  });
});

describe('removing an allocation', () => {
  it('DELETE restores both sides (PAID -> AUTHORISED) and answers the Allocation with IsDeleted', async () => {
    const inv = await invoice({ lineItems: [{ description: 'Late fee', quantity: 1, unitAmount: 55, accountCode: '260', taxType: 'EXEMPTOUTPUT' }] });
    const cnId = await creditNote();
    const id = (await allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 55, date: '2026-03-12' }])).body.allocations?.[0]?.allocationID ?? '';
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'PAID' });
    expect(await getCreditNote(cnId)).toMatchObject({ status: 'PAID' });
    const del = await xero.api.deleteCreditNoteAllocations(xero.tenant, cnId, id);
    expect(del.body).toMatchObject({ allocationID: id, amount: 55, isDeleted: true });
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'AUTHORISED', amountDue: 55, amountCredited: 0, creditNotes: [] });
    expect((await getInvoice(inv.id))?.fullyPaidOnDate).toBeUndefined();
    expect(await getCreditNote(cnId)).toMatchObject({ status: 'AUTHORISED', remainingCredit: 55, allocations: [] });
    expect((await failure(xero.api.deleteCreditNoteAllocations(xero.tenant, cnId, id))).response.statusCode).toBe(404);
  });
});

describe('voiding while something is applied', () => {
  const refused = ['Invoice not of valid status for modification', 'This document cannot be edited as it has a payment or credit note allocated to it.'];
  const voidInvoice = (id: string) => xero.api.updateInvoice(xero.tenant, id, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });

  it('refuses to void or re-line an invoice with a credit note allocated, and voids it once the allocation is removed', async () => {
    const inv = await invoice();
    const cnId = await creditNote();
    const id = (await allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 20, date: '2026-03-12' }])).body.allocations?.[0]?.allocationID ?? '';
    const err = await failure(voidInvoice(inv.id));
    expect(err.body.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toEqual(refused);
    const edit = await failure(xero.api.updateInvoice(xero.tenant, inv.id, { invoices: [{ lineItems: [{ description: 'More rent', quantity: 1, unitAmount: 200, accountCode: '200' }] }] }));
    expect(edit.body.Elements[0].ValidationErrors[0].Message).toBe(refused[1]);
    await xero.api.deleteCreditNoteAllocations(xero.tenant, cnId, id);
    expect((await voidInvoice(inv.id)).body.invoices?.[0]).toMatchObject({ status: 'VOIDED', amountDue: 0 });
    const after = await failure(xero.api.updateInvoice(xero.tenant, inv.id, { invoices: [{ reference: 'too late' }] }));
    expect(after.body.Elements[0].ValidationErrors[0].Message).toBe(refused[0]);
    const allocateToVoided = await failure(allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 5, date: '2026-03-12' }]));
    expect(allocateToVoided.body.Elements[0].ValidationErrors[0].Message).toBe('A credit note can only be allocated to an AUTHORISED invoice.');
  });

  it('refuses to void an invoice with a payment, and voids it once the payment is deleted', async () => {
    const inv = await invoice();
    const payment = (await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceID: inv.id }, account: { code: '090' }, amount: 10, date: '2026-03-05' }] })).body.payments?.[0];
    const err = await failure(voidInvoice(inv.id));
    expect(err.body.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toEqual(refused);
    await xero.api.deletePayment(xero.tenant, payment?.paymentID ?? '', { status: 'DELETED' });
    expect((await voidInvoice(inv.id)).body.invoices?.[0]).toMatchObject({ status: 'VOIDED', amountDue: 0, amountPaid: 0 });
  });

  it('refuses to void a credit note with an allocation, and voids it once the allocation is removed', async () => {
    const inv = await invoice();
    const cnId = await creditNote();
    const id = (await allocate(cnId, [{ invoice: { invoiceID: inv.id }, amount: 20, date: '2026-03-12' }])).body.allocations?.[0]?.allocationID ?? '';
    const err = await failure(xero.api.updateCreditNote(xero.tenant, cnId, { creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }] }));
    expect(err.body.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toEqual(['Credit Note not of valid status for modification', refused[1]]);
    await xero.api.deleteCreditNoteAllocations(xero.tenant, cnId, id);
    const voided = await xero.api.updateCreditNote(xero.tenant, cnId, { creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }] });
    expect(voided.body.creditNotes?.[0]).toMatchObject({ status: 'VOIDED', remainingCredit: 0 });
  });
});
