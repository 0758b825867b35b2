/**
 * Overpayments over real HTTP through xero-node: PUT /BankTransactions (RECEIVE-OVERPAYMENT) and its
 * refusals, GET /BankTransactions and /Overpayments (where, paging, If-Modified-Since), allocations to
 * invoices (PUT/DELETE /Overpayments/{id}/Allocations) with Xero's rules, refunds (a Payment naming the
 * Overpayment), deleting the bank transaction, Idempotency-Key replays and the contacts' balances.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BankTransaction, Invoice, type Allocation, type Payment } from 'xero-node';
import { accounting, apiFor, failure, useEmulatorApi } from '../../helpers/emulator-clients';
import { startXeroEmulator } from '../index';

// More calls than Xero's 60 a minute: these tests are about documents, not rate limits.
const xero = useEmulatorApi({ limits: { perMinute: 1000 } });
const ids: Record<string, string> = {};
beforeAll(async () => {
  const made = await xero.api.createContacts(xero.tenant, {
    contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }, { name: 'Grace Hopper', contactNumber: 'T-2' }, { name: 'Old Tenant', contactNumber: 'T-9' }],
  });
  for (const c of made.body.contacts ?? []) ids[c.contactNumber ?? ''] = c.contactID ?? '';
  await xero.api.updateContact(xero.tenant, ids['T-9'] ?? '', { contacts: [{ contactStatus: 'ARCHIVED' as never }] });
});

/** A RECEIVE-OVERPAYMENT for `contact` of `amount` into 090, as Facility Sync sends a prepayment. */
function overpayment(contact: string, amount: number, over: Partial<BankTransaction> = {}): BankTransaction {
  return {
    type: BankTransaction.TypeEnum.RECEIVEOVERPAYMENT,
    contact: { contactID: ids[contact] ?? contact },
    bankAccount: { code: '090' },
    date: '2026-03-01',
    reference: `FS-PRE:${contact}-${amount}`,
    lineAmountTypes: 'NoTax' as never,
    lineItems: [{ description: 'Rent paid ahead', lineAmount: amount }],
    ...over,
  };
}

async function createOverpayment(contact: string, amount: number, over: Partial<BankTransaction> = {}): Promise<string> {
  const made = (await xero.api.createBankTransactions(xero.tenant, { bankTransactions: [overpayment(contact, amount, over)] })).body.bankTransactions?.[0];
  return made?.overpaymentID ?? '';
}

/** An AUTHORISED invoice of `amount` (no tax) for `contact`. */
async function invoice(contact: string, amount: number, status = Invoice.StatusEnum.AUTHORISED): Promise<string> {
  const inv: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactNumber: contact },
    date: '2026-03-01',
    dueDate: '2026-03-15',
    status,
    lineItems: [{ description: 'Rent', quantity: 1, unitAmount: amount, accountCode: '200', taxType: 'EXEMPTOUTPUT' }],
  };
  return (await xero.api.createInvoices(xero.tenant, { invoices: [inv] })).body.invoices?.[0]?.invoiceID ?? '';
}

const allocate = (opId: string, allocations: Allocation[], summarize?: boolean, key?: string) =>
  xero.api.createOverpaymentAllocations(xero.tenant, opId, { allocations }, summarize, key);
const getOverpayment = async (id: string) => (await xero.api.getOverpayment(xero.tenant, id)).body.overpayments?.[0];
const getInvoice = async (id: string) => (await xero.api.getInvoice(xero.tenant, id)).body.invoices?.[0];
const refund = (opId: string, amount: number, over: Partial<Payment> = {}): Payment => ({ overpayment: { overpaymentID: opId }, account: { code: '090' }, date: '2026-03-20', amount, ...over });
const messages = (els: Array<{ validationErrors?: Array<{ message?: string }> }> | undefined) => (els ?? []).map((e) => (e.validationErrors ?? []).map((v) => v.message));

describe('PUT /BankTransactions (RECEIVE-OVERPAYMENT)', () => {
  it('creates an overpayment: BankTransactionID is the OverpaymentID, AUTHORISED, no tax, its whole total left as credit', async () => {
    const res = await xero.api.createBankTransactions(xero.tenant, { bankTransactions: [overpayment('T-1', 360, { reference: 'FS-PRE:p1' })] }, false);
    const bt = res.body.bankTransactions?.[0];
    expect(bt).toMatchObject({ type: 'RECEIVE-OVERPAYMENT', status: 'AUTHORISED', reference: 'FS-PRE:p1', total: 360, totalTax: 0, subTotal: 360, statusAttributeString: 'OK' });
    expect(bt?.overpaymentID).toMatch(/^[0-9a-f-]{36}$/);
    expect(bt?.bankTransactionID).toBe(bt?.overpaymentID);
    expect(bt?.bankAccount).toMatchObject({ code: '090' });
    expect(bt?.contact?.contactID).toBe(ids['T-1']);
    expect(bt?.date).toEqual(new Date('2026-03-01T00:00:00Z'));
    const op = await getOverpayment(bt?.overpaymentID ?? '');
    expect(op).toMatchObject({ type: 'RECEIVE-OVERPAYMENT', status: 'AUTHORISED', remainingCredit: 360, total: 360, reference: 'FS-PRE:p1', allocations: [], payments: [] });
    const read = (await xero.api.getBankTransaction(xero.tenant, bt?.bankTransactionID ?? '')).body.bankTransactions?.[0];
    expect(read).toMatchObject({ overpaymentID: bt?.overpaymentID, total: 360, status: 'AUTHORISED' });
  });

  it('refuses each bad element with its message and keeps the good ones (summarizeErrors=false)', async () => {
    const before = (await xero.api.getOverpayments(xero.tenant)).body.overpayments?.length ?? 0;
    const res = await xero.api.createBankTransactions(xero.tenant, {
      bankTransactions: [
        overpayment('T-1', 10, { type: BankTransaction.TypeEnum.RECEIVEPREPAYMENT }),
        overpayment('T-1', 10, { bankAccount: { code: '200' } }),
        overpayment('T-1', 10, { bankAccount: { code: '999' } }),
        overpayment('T-1', 10, { lineItems: [{ description: 'a', lineAmount: 5 }, { description: 'b', lineAmount: 5 }] }),
        overpayment('T-1', 0),
        overpayment('T-1', 10, { lineAmountTypes: 'Exclusive' as never }),
        overpayment('T-1', 10, { currencyCode: 'NZD' as never }),
        overpayment('T-9', 10),
        overpayment('00000000-0000-0000-0000-000000000009', 10),
        overpayment('T-2', 25, { reference: 'FS-PRE:good' }),
      ],
    }, false);
    expect(messages(res.body.bankTransactions)).toEqual([
      ['Bank transaction type RECEIVE-PREPAYMENT is not supported here: only RECEIVE-OVERPAYMENT (money received from a customer before it is owed).'],
      ['The BankAccount must be an active bank account (an account of Type BANK).'],
      ['Account could not be found.'],
      ['An overpayment must have exactly one line item.'],
      ['The overpayment amount must be greater than zero.'],
      ['An overpayment carries no tax: LineAmountTypes must be NoTax.'],
      ['The currency code NZD is not enabled for this organisation.'],
      ['The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.'],
      ['Contact with ContactID 00000000-0000-0000-0000-000000000009 could not be found.'],
      [],
    ]);
    expect(res.body.bankTransactions?.[9]).toMatchObject({ statusAttributeString: 'OK', total: 25 });
    expect((await xero.api.getOverpayments(xero.tenant)).body.overpayments).toHaveLength(before + 1);
  });

  it('refuses a missing date, and a date in a locked period; with summarizeErrors on, one 400 and nothing kept', async () => {
    const before = (await xero.api.getOverpayments(xero.tenant)).body.overpayments?.length ?? 0;
    const noDate = overpayment('T-1', 10);
    delete noDate.date;
    xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: '2026-01-31' });
    try {
      const res = await xero.api.createBankTransactions(xero.tenant, { bankTransactions: [noDate, overpayment('T-1', 10, { date: '2026-01-31' })] }, false);
      expect(messages(res.body.bankTransactions)).toEqual([
        ['The Date field is mandatory.'],
        ['The document date cannot be before the period lock date, currently set at 31-Jan-2026'],
      ]);
      const whole = await failure(xero.api.createBankTransactions(xero.tenant, { bankTransactions: [overpayment('T-1', 10), noDate] }));
      expect(whole.response.statusCode).toBe(400);
      expect(whole.body.Elements.map((e: { StatusAttributeString: string }) => e.StatusAttributeString)).toEqual(['OK', 'ERROR']);
      expect((await xero.api.getOverpayments(xero.tenant)).body.overpayments).toHaveLength(before);
    } finally {
      xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: null });
    }
  });

  it('replays an Idempotency-Key: the same answer, one overpayment; the key on another request is refused', async () => {
    const body = { bankTransactions: [overpayment('T-2', 77, { reference: 'FS-PRE:idem' })] };
    const first = await xero.api.createBankTransactions(xero.tenant, body, false, undefined, 'op-key-1');
    const again = await xero.api.createBankTransactions(xero.tenant, body, false, undefined, 'op-key-1');
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(again.body.bankTransactions?.[0]?.overpaymentID).toBe(first.body.bankTransactions?.[0]?.overpaymentID);
    const found = await xero.api.getBankTransactions(xero.tenant, undefined, 'Reference=="FS-PRE:idem"');
    expect(found.body.bankTransactions).toHaveLength(1);
    const other = await failure(xero.api.createBankTransactions(xero.tenant, { bankTransactions: [overpayment('T-2', 78)] }, false, undefined, 'op-key-1'));
    expect(other.response.statusCode).toBe(400);
  });
});

describe('GET /BankTransactions and /Overpayments', () => {
  it('finds overpayments by Type, Reference and Contact.ContactID (where), by References, page by page', async () => {
    for (const n of [1, 2, 3, 4, 5]) await createOverpayment('T-2', n, { reference: `FS-PRE:page-${n}` });
    const where = 'Type=="RECEIVE-OVERPAYMENT" AND (Reference=="FS-PRE:page-2" OR Reference=="FS-PRE:page-4")';
    const two = await xero.api.getBankTransactions(xero.tenant, undefined, where);
    expect(two.body.bankTransactions?.map((b) => b.reference)).toEqual(['FS-PRE:page-2', 'FS-PRE:page-4']);
    const byContact = await xero.api.getOverpayments(xero.tenant, undefined, `Contact.ContactID==guid("${ids['T-2']}") AND Reference.StartsWith("FS-PRE:page-")`, 'Reference DESC');
    expect(byContact.body.overpayments?.map((o) => o.reference)).toEqual(['FS-PRE:page-5', 'FS-PRE:page-4', 'FS-PRE:page-3', 'FS-PRE:page-2', 'FS-PRE:page-1']);
    const page2 = await xero.api.getOverpayments(xero.tenant, undefined, 'Reference.StartsWith("FS-PRE:page-")', 'Reference ASC', 2, undefined, 2);
    expect(page2.body.overpayments?.map((o) => o.reference)).toEqual(['FS-PRE:page-3', 'FS-PRE:page-4']);
    expect(page2.body.pagination).toMatchObject({ page: 2, pageSize: 2, pageCount: 3, itemCount: 5 });
    const refs = await xero.api.getBankTransactions(xero.tenant, undefined, undefined, undefined, undefined, undefined, undefined, ['FS-PRE:page-1', 'FS-PRE:page-3']);
    expect(refs.body.bankTransactions?.map((b) => b.reference)).toEqual(['FS-PRE:page-1', 'FS-PRE:page-3']);
    expect((await failure(xero.api.getOverpayment(xero.tenant, '00000000-0000-0000-0000-000000000001'))).response.statusCode).toBe(404);
  });

  it('If-Modified-Since: only overpayments changed at or after it, an allocation counting as a change', async () => {
    const old = await createOverpayment('T-1', 40, { reference: 'FS-PRE:old' });
    xero.emu.admin.advanceClock(60_000);
    const since = new Date(Date.now() + 59_000);
    const fresh = await createOverpayment('T-1', 41, { reference: 'FS-PRE:fresh' });
    const changed = async () => (await xero.api.getOverpayments(xero.tenant, since)).body.overpayments?.map((o) => o.overpaymentID);
    expect(await changed()).toEqual([fresh]);
    expect((await xero.api.getBankTransactions(xero.tenant, since)).body.bankTransactions?.map((b) => b.bankTransactionID)).toEqual([fresh]);
    await allocate(old, [{ invoice: { invoiceID: await invoice('T-1', 10) }, amount: 10, date: '2026-03-02' }]);
    expect(await changed()).toEqual([old, fresh]);
  });
});

describe('PUT /Overpayments/{id}/Allocations', () => {
  it('applies credit to an invoice: AmountDue falls, AmountCredited rises, RemainingCredit falls; both PAID at 0; DELETE restores both', async () => {
    const opId = await createOverpayment('T-1', 300, { reference: 'FS-PRE:alloc' });
    const march = await invoice('T-1', 100);
    const april = await invoice('T-1', 250);
    const res = await allocate(opId, [{ invoice: { invoiceID: march }, amount: 100, date: '2026-03-05' }, { invoice: { invoiceID: april }, amount: 200, date: '2026-04-01' }], false);
    const [a1, a2] = res.body.allocations ?? [];
    expect(a1).toMatchObject({ amount: 100, invoice: { invoiceID: march }, overpayment: { overpaymentID: opId }, statusAttributeString: 'OK' });
    expect(a1?.allocationID).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getInvoice(march)).toMatchObject({ status: 'PAID', amountDue: 0, amountCredited: 100, amountPaid: 0, fullyPaidOnDate: new Date('2026-03-05T00:00:00Z') });
    expect((await getInvoice(march))?.overpayments?.[0]).toMatchObject({ overpaymentID: opId, appliedAmount: 100 });
    expect((await getInvoice(march))?.creditNotes).toEqual([]);
    expect(await getInvoice(april)).toMatchObject({ status: 'AUTHORISED', amountDue: 50, amountCredited: 200 });
    const op = await getOverpayment(opId);
    expect(op).toMatchObject({ status: 'PAID', remainingCredit: 0 });
    expect(op?.allocations?.map((a) => [a.allocationID, a.amount, a.invoice.invoiceID])).toEqual([[a1?.allocationID, 100, march], [a2?.allocationID, 200, april]]);

    const del = await xero.api.deleteOverpaymentAllocations(xero.tenant, opId, a1?.allocationID ?? '');
    expect(del.body).toMatchObject({ allocationID: a1?.allocationID, isDeleted: true });
    expect(await getInvoice(march)).toMatchObject({ status: 'AUTHORISED', amountDue: 100, amountCredited: 0 });
    expect(await getOverpayment(opId)).toMatchObject({ status: 'AUTHORISED', remainingCredit: 100 });
    expect((await failure(xero.api.deleteOverpaymentAllocations(xero.tenant, opId, a1?.allocationID ?? ''))).response.statusCode).toBe(404);
  });

  it('refuses what Xero refuses, with its messages, and changes nothing', async () => {
    const opId = await createOverpayment('T-1', 50, { reference: 'FS-PRE:rules' });
    const due = await invoice('T-1', 80);
    const small = await invoice('T-1', 20);
    const paid = await invoice('T-1', 5);
    await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceID: paid }, account: { code: '090' }, amount: 5, date: '2026-03-02' }] });
    const draft = await invoice('T-1', 10, Invoice.StatusEnum.DRAFT);
    const grace = await invoice('T-2', 10);
    xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: '2026-02-28' });
    try {
      const res = await allocate(opId, [
        { invoice: { invoiceID: due }, amount: 50.01, date: '2026-03-05' },
        { invoice: { invoiceID: small }, amount: 20.01, date: '2026-03-05' },
        { invoice: { invoiceID: paid }, amount: 1, date: '2026-03-05' },
        { invoice: { invoiceID: draft }, amount: 1, date: '2026-03-05' },
        { invoice: { invoiceID: grace }, amount: 1, date: '2026-03-05' },
        { invoice: { invoiceID: due }, amount: 0, date: '2026-03-05' },
        { invoice: { invoiceID: due }, amount: 1 } as Allocation,
        { invoice: { invoiceID: due }, amount: 1, date: '2026-02-28' },
        { invoice: { invoiceID: '00000000-0000-0000-0000-000000000003' }, amount: 1, date: '2026-03-05' },
      ], false);
      expect(messages(res.body.allocations)).toEqual([
        ['Overpayment cannot be allocated as amount is greater than amount outstanding'],
        ['Overpayment cannot be allocated as amount is greater than amount outstanding'],
        ['The invoice you are trying to allocate to has already been paid off'],
        ['An overpayment can only be allocated to an AUTHORISED invoice.'],
        ['The overpayment and the invoice must belong to the same contact.'],
        ['The Amount must be greater than zero.'],
        ['The Date field is mandatory.'],
        ['The document date cannot be before the period lock date, currently set at 28-Feb-2026'],
        ['Invoice could not be found.'],
      ]);
    } finally {
      xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: null });
    }
    expect(await getOverpayment(opId)).toMatchObject({ remainingCredit: 50, allocations: [] });
    expect(await getInvoice(due)).toMatchObject({ amountDue: 80 });
    expect((await failure(allocate('00000000-0000-0000-0000-000000000004', [{ invoice: { invoiceID: due }, amount: 1, date: '2026-03-05' }]))).response.statusCode).toBe(404);
  });

  it('replays an Idempotency-Key (one allocation), and an invoice with an overpayment applied cannot be voided', async () => {
    const opId = await createOverpayment('T-2', 30, { reference: 'FS-PRE:idem-alloc' });
    const inv = await invoice('T-2', 30);
    const body: Allocation[] = [{ invoice: { invoiceID: inv }, amount: 12, date: '2026-03-06' }];
    const first = await allocate(opId, body, false, 'alloc-key-1');
    const again = await allocate(opId, body, false, 'alloc-key-1');
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(again.body.allocations?.[0]?.allocationID).toBe(first.body.allocations?.[0]?.allocationID);
    expect(await getOverpayment(opId)).toMatchObject({ remainingCredit: 18 });
    expect((await getOverpayment(opId))?.allocations).toHaveLength(1);
    const voiding = await failure(xero.api.updateInvoice(xero.tenant, inv, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }));
    expect(voiding.body.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toContain('This document cannot be edited as it has a payment or credit note allocated to it.');
  });
});

describe('refunds and deleting an overpayment', () => {
  it('refunds with a Payment naming the Overpayment; over the credit left is refused; deleting the refund gives it back', async () => {
    const opId = await createOverpayment('T-2', 100, { reference: 'FS-PRE:refund' });
    const res = await xero.api.createPayments(xero.tenant, { payments: [refund(opId, 60, { reference: 'FS-REF:r1' }), refund(opId, 40.01), refund('00000000-0000-0000-0000-000000000005', 1)] }, false);
    const [ok] = res.body.payments ?? [];
    expect(ok).toMatchObject({ status: 'AUTHORISED', paymentType: 'AROVERPAYMENTPAYMENT', amount: 60, reference: 'FS-REF:r1', overpayment: { overpaymentID: opId } });
    expect(messages(res.body.payments).slice(1)).toEqual([['Payment amount exceeds the amount outstanding on this document'], ['Overpayment could not be found.']]);
    expect(await getOverpayment(opId)).toMatchObject({ remainingCredit: 40, status: 'AUTHORISED' });
    expect((await getOverpayment(opId))?.payments?.map((p) => [p.paymentID, p.amount])).toEqual([[ok?.paymentID, 60]]);
    const read = (await xero.api.getPayments(xero.tenant, undefined, 'Reference=="FS-REF:r1"')).body.payments?.[0];
    expect(read).toMatchObject({ paymentType: 'AROVERPAYMENTPAYMENT', overpayment: { overpaymentID: opId } });
    await xero.api.createPayments(xero.tenant, { payments: [refund(opId, 40)] });
    expect(await getOverpayment(opId)).toMatchObject({ remainingCredit: 0, status: 'PAID' });
    expect(messages((await xero.api.createPayments(xero.tenant, { payments: [refund(opId, 1)] }, false)).body.payments)).toEqual([['Payments can only be made against Authorised documents.']]);
    await xero.api.deletePayment(xero.tenant, ok?.paymentID ?? '', { status: 'DELETED' });
    expect(await getOverpayment(opId)).toMatchObject({ remainingCredit: 60, status: 'AUTHORISED' });
  });

  it('POST /BankTransactions/{id} Status DELETED: refused while allocated or refunded; then deleted (VOIDED as an overpayment); twice is harmless', async () => {
    const opId = await createOverpayment('T-1', 90, { reference: 'FS-PRE:delete' });
    const inv = await invoice('T-1', 30);
    const alloc = (await allocate(opId, [{ invoice: { invoiceID: inv }, amount: 30, date: '2026-03-03' }])).body.allocations?.[0];
    const del = () => xero.api.updateBankTransaction(xero.tenant, opId, { bankTransactions: [{ status: BankTransaction.StatusEnum.DELETED } as BankTransaction] });
    const refused = await failure(del());
    expect(refused.response.statusCode).toBe(400);
    expect(refused.body.Elements[0].ValidationErrors[0].Message).toBe('This overpayment cannot be deleted while it is allocated to an invoice or refunded. Remove its allocations and refunds first.');
    await xero.api.deleteOverpaymentAllocations(xero.tenant, opId, alloc?.allocationID ?? '');
    const p = (await xero.api.createPayments(xero.tenant, { payments: [refund(opId, 5)] })).body.payments?.[0];
    expect((await failure(del())).response.statusCode).toBe(400);
    await xero.api.deletePayment(xero.tenant, p?.paymentID ?? '', { status: 'DELETED' });

    const done = await del();
    expect(done.body.bankTransactions?.[0]).toMatchObject({ bankTransactionID: opId, status: 'DELETED' });
    expect(await getOverpayment(opId)).toMatchObject({ status: 'VOIDED', remainingCredit: 0 });
    expect((await del()).body.bankTransactions?.[0]?.status).toBe('DELETED');
    expect(messages((await allocate(opId, [{ invoice: { invoiceID: inv }, amount: 1, date: '2026-03-04' }], false)).body.allocations)).toEqual([['Only an AUTHORISED overpayment can be allocated to an invoice.']]);
    const change = await failure(xero.api.updateBankTransaction(xero.tenant, opId, { bankTransactions: [{ reference: 'changed' } as BankTransaction] }));
    expect(change.body.Elements[0].ValidationErrors[0].Message).toBe('An overpayment cannot be changed once created, only deleted: send Status DELETED.');
  });
});

describe('balances', () => {
  it('a contact\'s balance is AmountDue less the RemainingCredit of AUTHORISED credit notes and overpayments', async () => {
    const emu = xero.emu;
    const grace = () => emu.admin.balances(xero.tenant).contacts.find((c) => c.ContactNumber === 'T-2');
    const before = grace();
    const opId = await createOverpayment('T-2', 500, { reference: 'FS-PRE:balance' });
    expect(grace()).toMatchObject({ AmountDue: before?.AmountDue, RemainingCredit: (before?.RemainingCredit ?? 0) + 500 });
    const inv = await invoice('T-2', 120);
    await allocate(opId, [{ invoice: { invoiceID: inv }, amount: 120, date: '2026-04-01' }]);
    // The allocation moves nothing in the balance: 120 less due, 120 less credit.
    expect(grace()).toMatchObject({ AmountDue: before?.AmountDue, RemainingCredit: (before?.RemainingCredit ?? 0) + 380, Balance: (before?.Balance ?? 0) - 380 });
    await xero.api.createPayments(xero.tenant, { payments: [refund(opId, 380)] });
    expect(grace()).toMatchObject({ AmountDue: before?.AmountDue, RemainingCredit: before?.RemainingCredit, Balance: before?.Balance });
    const state = emu.admin.state().organisations.find((o) => o.tenantId === xero.tenant);
    expect(state?.overpayments.find((o) => o.OverpaymentID === opId)).toMatchObject({ Status: 'PAID', RemainingCredit: 0, Date: '2026-03-01' });
  });
});

describe('as a person in Xero', () => {
  it('takes back an overpayment\'s allocation and deletes the overpayment (refused while applied), in-process and over HTTP', async () => {
    const person = xero.emu.admin.asPerson;
    const opId = await createOverpayment('T-1', 60, { reference: 'FS-PRE:person' });
    const inv = await invoice('T-1', 60);
    await allocate(opId, [{ invoice: { invoiceID: inv }, amount: 60, date: '2026-03-03' }]);
    expect(() => person.deleteOverpayment(xero.tenant, 'FS-PRE:person')).toThrow('This overpayment cannot be deleted while it is allocated to an invoice or refunded. Remove its allocations and refunds first.');
    const removed = await fetch(`${xero.emu.url}/__emulator/organisations/${xero.tenant}/overpayments/FS-PRE:person/allocations/delete`, { method: 'POST', body: '{}' });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ IsDeleted: true, Amount: 60 });
    expect(await getInvoice(inv)).toMatchObject({ status: 'AUTHORISED', amountDue: 60 });
    expect(() => person.removeOverpaymentAllocation(xero.tenant, opId)).toThrow('has no allocation to remove');
    expect(person.deleteOverpayment(xero.tenant, opId)).toMatchObject({ Status: 'DELETED' });
    expect(await getOverpayment(opId)).toMatchObject({ status: 'VOIDED', remainingCredit: 0 });
  });

  it('enters overpayments by hand (match before create) outside the request log, with the API\'s rules', async () => {
    const logged = xero.emu.admin.requests().length;
    const made = xero.emu.admin.enterByHand(xero.tenant, { BankTransactions: [{ Type: 'RECEIVE-OVERPAYMENT', Contact: { ContactNumber: 'T-2' }, BankAccount: { Code: '091' }, Date: '2026-02-01', Reference: 'FS-PRE:by-hand', LineItems: [{ Description: 'Paid ahead', LineAmount: 33 }] }] });
    expect(made.BankTransactions?.[0]).toMatchObject({ Type: 'RECEIVE-OVERPAYMENT', Total: 33, Reference: 'FS-PRE:by-hand' });
    expect(xero.emu.admin.requests()).toHaveLength(logged);
    const found = await xero.api.getOverpayments(xero.tenant, undefined, 'Reference=="FS-PRE:by-hand"');
    expect(found.body.overpayments?.[0]).toMatchObject({ remainingCredit: 33, contact: { contactID: ids['T-2'] } });
    expect(() => xero.emu.admin.enterByHand(xero.tenant, { BankTransactions: [{ Type: 'RECEIVE-OVERPAYMENT', Contact: { ContactNumber: 'T-2' }, BankAccount: { Code: '200' }, Date: '2026-02-01', LineItems: [{ LineAmount: 1 }] }] }))
      .toThrow('The BankAccount must be an active bank account');
  });
});

describe('account balances (admin)', () => {
  it('855 Tenant Deposits Held: approved invoice lines coded to it less approved credit note lines, net of tax', async () => {
    const emu = xero.emu;
    const held = () => emu.admin.accountBalance(xero.tenant, '855').Balance;
    const before = held();
    const rentBefore = emu.admin.accountBalance(xero.tenant, '200').Balance;
    const moveIn = (status: Invoice.StatusEnum, deposit: number): Invoice => ({
      type: Invoice.TypeEnum.ACCREC, contact: { contactNumber: 'T-1' }, date: '2026-03-01', status, lineAmountTypes: 'Inclusive' as never,
      lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 110, accountCode: '200', taxType: 'OUTPUT' }, { description: 'Deposit', quantity: 1, unitAmount: deposit, accountCode: '855', taxType: 'BASEXCLUDED' }],
    });
    const made = await xero.api.createInvoices(xero.tenant, { invoices: [moveIn(Invoice.StatusEnum.AUTHORISED, 200), moveIn(Invoice.StatusEnum.AUTHORISED, 150), moveIn(Invoice.StatusEnum.DRAFT, 999)] });
    expect(held()).toBe(before + 350);
    // Rent is net of its GST: 110 inclusive of 10% is 100 of income on each approved invoice.
    expect(emu.admin.accountBalance(xero.tenant, '200').Balance).toBe(rentBefore + 200);
    await xero.api.updateInvoice(xero.tenant, made.body.invoices?.[1]?.invoiceID ?? '', { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    expect(held()).toBe(before + 200);
    // The deposit paid back on move-out: a credit note of reason refund against the deposit line's account.
    await xero.api.createCreditNotes(xero.tenant, { creditNotes: [{ type: 'ACCRECCREDIT' as never, contact: { contactNumber: 'T-1' }, date: '2026-06-30', status: 'AUTHORISED' as never, lineItems: [{ description: 'Deposit refund', quantity: 1, unitAmount: 200, accountCode: '855', taxType: 'BASEXCLUDED' }] }] });
    expect(held()).toBe(before);
    const rent = emu.admin.accountBalance(xero.tenant, '200');
    const res = await fetch(`${emu.url}/__emulator/organisations/${xero.tenant}/accounts/200/balance`);
    expect(await res.json()).toEqual({ ...rent, tenantId: xero.tenant });
    expect(rent).toMatchObject({ Code: '200', Type: 'REVENUE', Balance: rentBefore + 100 });
    expect((await fetch(`${emu.url}/__emulator/organisations/${xero.tenant}/accounts/4242/balance`)).status).toBe(404);
  });
});

describe('--state-file', () => {
  it('keeps overpayments, their allocations and refunds across restarts, and reads files written before overpayments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xero-emu-op-'));
    const stateFile = join(dir, 'state.json');
    const emus: Array<{ close(): Promise<void> }> = [];
    try {
      const a = await startXeroEmulator({ stateFile });
      emus.push(a);
      const { api, tenantId, tokens } = await apiFor(a);
      const contactID = (await api.createContacts(tenantId, { contacts: [{ name: 'Kept', contactNumber: 'K-1' }] })).body.contacts?.[0]?.contactID ?? '';
      const inv = (await api.createInvoices(tenantId, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, date: '2026-03-01', status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'EXEMPTOUTPUT' }] }] })).body.invoices?.[0]?.invoiceID ?? '';
      const op = (await api.createBankTransactions(tenantId, { bankTransactions: [{ type: BankTransaction.TypeEnum.RECEIVEOVERPAYMENT, contact: { contactID }, bankAccount: { code: '090' }, date: '2026-03-01', lineItems: [{ description: 'Ahead', lineAmount: 90 }] }] })).body.bankTransactions?.[0]?.overpaymentID ?? '';
      await api.createOverpaymentAllocations(tenantId, op, { allocations: [{ invoice: { invoiceID: inv }, amount: 50, date: '2026-03-02' }] });
      await api.createPayments(tenantId, { payments: [{ overpayment: { overpaymentID: op }, account: { code: '090' }, amount: 15, date: '2026-03-04' }] });
      await a.close();
      emus.pop();

      const b = await startXeroEmulator({ stateFile });
      emus.push(b);
      const again = accounting(b, tokens.access_token);
      expect((await again.getOverpayment(tenantId, op)).body.overpayments?.[0]).toMatchObject({ remainingCredit: 25, total: 90 });
      expect((await again.getInvoice(tenantId, inv)).body.invoices?.[0]).toMatchObject({ status: 'PAID', amountCredited: 50 });
      await b.close();
      emus.pop();

      const old = JSON.parse(readFileSync(stateFile, 'utf8')) as { orgs: Array<Record<string, unknown>> };
      for (const o of old.orgs) delete o.overpayments;
      writeFileSync(stateFile, JSON.stringify(old));
      const c = await startXeroEmulator({ stateFile });
      emus.push(c);
      expect((await accounting(c, tokens.access_token).getOverpayments(tenantId)).body.overpayments).toEqual([]);
    } finally {
      for (const e of emus) await e.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
