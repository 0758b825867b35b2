/**
 * Overpayments over real HTTP through xero-node: PUT /BankTransactions (RECEIVE-OVERPAYMENT) and its
 * refusals, GET /BankTransactions and /Overpayments (where, paging, If-Modified-Since), refunds (a Payment
 * naming the Overpayment), deleting the bank transaction, Idempotency-Key replays, the state file.
 * Allocations, balances and admin views: overpayment-allocations.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BankTransaction, Invoice } from 'xero-node';
import { accounting, apiFor, failure } from '../../helpers/emulator-clients';
import { startXeroEmulator } from '../index';
import { useOverpaymentFixtures } from './overpayment-fixtures';

const { xero, ids, overpayment, createOverpayment, invoice, allocate, getOverpayment, refund, messages } = useOverpaymentFixtures();

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
