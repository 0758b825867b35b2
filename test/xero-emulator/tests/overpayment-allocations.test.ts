/**
 * Overpayments applied to invoices over real HTTP through xero-node: PUT/DELETE
 * /Overpayments/{id}/Allocations with Xero's rules and messages, Idempotency-Key; the contacts' balances,
 * changes as a person in Xero, overpayments entered by hand, and account balances (855 deposits held).
 */
import { describe, expect, it } from 'vitest';
import { Invoice, type Allocation } from 'xero-node';
import { failure } from '../../helpers/emulator-clients';
import { useOverpaymentFixtures } from './overpayment-fixtures';

const { xero, ids, createOverpayment, invoice, allocate, getOverpayment, getInvoice, refund, messages } = useOverpaymentFixtures();

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
