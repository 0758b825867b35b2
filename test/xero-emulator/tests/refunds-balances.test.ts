/**
 * Cash refunds of credit notes (a Payment naming a CreditNote) over real HTTP, how Xero shows them on
 * reads, deleting one; and the admin views: credit notes in GET /__emulator/state and each contact's
 * balance in GET /__emulator/organisations/{tenantId}/balances.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice, Payment } from 'xero-node';
import { startXeroEmulator } from '../index';
import { accounting, apiFor, failure, useEmulatorApi } from '../../helpers/emulator-clients';

// More calls than Xero's 60 a minute: these tests are about documents, not rate limits.
const xero = useEmulatorApi({ limits: { perMinute: 1000 } });
const ids: Record<string, string> = {};
beforeAll(async () => {
  const made = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }, { name: 'Grace Hopper', contactNumber: 'T-2' }, { name: 'Alan Turing', contactNumber: 'T-3' }] });
  for (const c of made.body.contacts ?? []) ids[c.contactNumber ?? ''] = c.contactID ?? '';
});

/** A credit note for `contact` of `amount` (no tax) unless told otherwise. */
async function creditNote(contact: string, amount: number, over: Partial<CreditNote> = {}) {
  const cn: CreditNote = {
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    contact: { contactNumber: contact },
    date: '2026-03-10',
    status: CreditNote.StatusEnum.AUTHORISED,
    lineItems: [{ description: 'Deposit refund', quantity: 1, unitAmount: amount, accountCode: '855', taxType: 'BASEXCLUDED' }],
    ...over,
  };
  const made = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [cn] })).body.creditNotes?.[0];
  return { id: made?.creditNoteID ?? '', number: made?.creditNoteNumber ?? '' };
}

async function invoice(contact: string, amount: number, status = Invoice.StatusEnum.AUTHORISED) {
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

const refund = (over: Partial<Payment>): Payment => ({ account: { code: '090' }, date: '2026-03-20', amount: 10, ...over });
const getCreditNote = async (id: string) => (await xero.api.getCreditNote(xero.tenant, id)).body.creditNotes?.[0];

describe('refunding a credit note', () => {
  it('takes a Payment naming the CreditNote (by id or number): RemainingCredit falls, PAID at 0', async () => {
    const cn = await creditNote('T-1', 100);
    const res = await xero.api.createPayments(xero.tenant, {
      payments: [refund({ creditNote: { creditNoteID: cn.id }, amount: 40, reference: 'RF-1' }), refund({ creditNote: { creditNoteNumber: cn.number }, amount: 15, reference: 'RF-2' })],
    });
    const [first, second] = res.body.payments ?? [];
    expect(first).toMatchObject({ status: 'AUTHORISED', paymentType: 'ARCREDITPAYMENT', amount: 40, reference: 'RF-1', creditNote: { creditNoteID: cn.id, creditNoteNumber: cn.number } });
    expect(first?.invoice).toBeUndefined();
    expect(second?.creditNote?.creditNoteID).toBe(cn.id);
    const after = await getCreditNote(cn.id);
    expect(after).toMatchObject({ status: 'AUTHORISED', remainingCredit: 45 });
    expect(after?.payments?.map((p) => [p.paymentID, p.amount, p.reference])).toEqual([[first?.paymentID, 40, 'RF-1'], [second?.paymentID, 15, 'RF-2']]);
    const rest = await xero.api.createPayment(xero.tenant, refund({ creditNote: { creditNoteID: cn.id }, amount: 45, date: '2026-03-21', reference: 'RF-3' }));
    expect(rest.body.payments?.[0]?.paymentType).toBe('ARCREDITPAYMENT');
    expect(await getCreditNote(cn.id)).toMatchObject({ status: 'PAID', remainingCredit: 0, fullyPaidOnDate: new Date('2026-03-21T00:00:00Z') });
  });

  it('refuses over the remaining credit and on a credit note that is not AUTHORISED, with Xero\'s messages', async () => {
    const cn = await creditNote('T-1', 30);
    const draft = await creditNote('T-1', 30, { status: CreditNote.StatusEnum.DRAFT });
    const res = await xero.api.createPayments(xero.tenant, {
      payments: [
        refund({ creditNote: { creditNoteID: cn.id }, amount: 30.01 }),
        refund({ creditNote: { creditNoteID: draft.id } }),
        refund({ creditNote: { creditNoteID: '00000000-0000-0000-0000-000000000007' } }),
        refund({ creditNote: { creditNoteID: cn.id }, account: { code: '200' } }),
      ],
    }, false);
    expect((res.body.payments ?? []).map((p) => p.validationErrors?.[0]?.message)).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
      'Payments can only be made against Authorised documents.',
      'Credit note could not be found.',
      'Account type is invalid for making a payment to/from.',
    ]);
    expect(await getCreditNote(cn.id)).toMatchObject({ remainingCredit: 30 });
  });

  it('shows on reads as Xero does: PaymentType ARCREDITPAYMENT, the credit note as an Invoice of Type ACCRECCREDIT; where finds it', async () => {
    const found = await xero.api.getPayments(xero.tenant, undefined, 'Reference=="RF-1"');
    const p = found.body.payments?.[0];
    expect(found.body.payments).toHaveLength(1);
    expect(p).toMatchObject({ paymentType: 'ARCREDITPAYMENT', amount: 40, invoice: { type: 'ACCRECCREDIT', invoiceNumber: 'CN-0001' } });
    expect(p?.creditNote).toBeUndefined();
    const byType = await xero.api.getPayments(xero.tenant, undefined, 'PaymentType=="ARCREDITPAYMENT"');
    expect(byType.body.payments?.map((x) => x.reference)).toEqual(['RF-1', 'RF-2', 'RF-3']);
    const one = await xero.api.getPayment(xero.tenant, p?.paymentID ?? '');
    expect(one.body.payments?.[0]?.invoice?.invoiceID).toBe(p?.invoice?.invoiceID);
  });

  it('deleting the refund (POST /Payments/{id} Status DELETED) gives the credit back and reopens a PAID credit note', async () => {
    const [p] = (await xero.api.getPayments(xero.tenant, undefined, 'Reference=="RF-3"')).body.payments ?? [];
    const cnId = p?.invoice?.invoiceID ?? '';
    const del = await xero.api.deletePayment(xero.tenant, p?.paymentID ?? '', { status: 'DELETED' });
    expect(del.body.payments?.[0]).toMatchObject({ status: 'DELETED', paymentType: 'ARCREDITPAYMENT' });
    const cn = await getCreditNote(cnId);
    expect(cn).toMatchObject({ status: 'AUTHORISED', remainingCredit: 45 });
    expect(cn?.fullyPaidOnDate).toBeUndefined();
    expect(cn?.payments?.map((x) => x.reference)).toEqual(['RF-1', 'RF-2']);
    const again = await failure(xero.api.deletePayment(xero.tenant, p?.paymentID ?? '', { status: 'DELETED' }));
    expect(again.body.Elements[0].ValidationErrors[0].Message).toBe('This payment has already been deleted.');
  });
});

interface Balances {
  tenantId: string;
  contacts: Array<{ ContactID: string; Name: string; ContactNumber: string; AmountDue: number; RemainingCredit: number; Balance: number }>;
}

describe('admin views', () => {
  it('GET /__emulator/organisations/{tenantId}/balances: AmountDue of AUTHORISED invoices less RemainingCredit of AUTHORISED credit notes', async () => {
    // T-1 so far: credit notes with 45 (after the deleted refund) and 30 left; a draft one does not count.
    const grace1 = await invoice('T-2', 200);
    await invoice('T-2', 50);
    await invoice('T-2', 999, Invoice.StatusEnum.DRAFT);
    const graceCn = await creditNote('T-2', 80);
    await xero.api.createCreditNoteAllocation(xero.tenant, graceCn.id, { allocations: [{ invoice: { invoiceID: grace1 }, amount: 60, date: '2026-03-12' }] });
    await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceID: grace1 }, account: { code: '090' }, amount: 40, date: '2026-03-12' }] });
    const voided = await creditNote('T-2', 500);
    await xero.api.updateCreditNote(xero.tenant, voided.id, { creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }] });

    const res = await fetch(`${xero.emu.url}/__emulator/organisations/${xero.tenant}/balances`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Balances;
    expect(body.tenantId).toBe(xero.tenant);
    expect(body.contacts).toEqual([
      { ContactID: ids['T-1'], Name: 'Ada Lovelace', ContactNumber: 'T-1', AmountDue: 0, RemainingCredit: 75, Balance: -75 },
      { ContactID: ids['T-3'], Name: 'Alan Turing', ContactNumber: 'T-3', AmountDue: 0, RemainingCredit: 0, Balance: 0 },
      // 200 - 60 credited - 40 paid + 50 = 150 due; 80 - 60 = 20 credit left.
      { ContactID: ids['T-2'], Name: 'Grace Hopper', ContactNumber: 'T-2', AmountDue: 150, RemainingCredit: 20, Balance: 130 },
    ]);
    expect(xero.emu.admin.balances(xero.tenant).contacts).toEqual(body.contacts);
    expect((await fetch(`${xero.emu.url}/__emulator/organisations/no-such-tenant/balances`)).status).toBe(404);
  });

  it('GET /__emulator/state lists credit notes with their allocations and refunds, and refunds name their credit note', async () => {
    const state = (await (await fetch(`${xero.emu.url}/__emulator/state`)).json()) as {
      organisations: Array<{ tenantId: string; creditNotes: Array<{ CreditNoteNumber: string; Date: string; RemainingCredit: number; Allocations: unknown[]; Payments: unknown[] }>; payments: Array<{ Reference: string; CreditNote?: { CreditNoteNumber: string } }> }>;
    };
    const mine = state.organisations.find((o) => o.tenantId === xero.tenant);
    const first = mine?.creditNotes.find((c) => c.CreditNoteNumber === 'CN-0001');
    expect(first).toMatchObject({ Date: '2026-03-10', RemainingCredit: 45 });
    expect(first?.Payments).toHaveLength(2);
    const allocated = mine?.creditNotes.find((c) => c.Allocations.length > 0);
    expect(allocated?.Allocations[0]).toMatchObject({ Amount: 60, Date: '2026-03-12' });
    expect(mine?.payments.find((p) => p.Reference === 'RF-1')?.CreditNote?.CreditNoteNumber).toBe('CN-0001');
  });
});

describe('--state-file', () => {
  it('keeps credit notes, allocations and refunds across restarts, and reads files written before credit notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xero-emu-cn-'));
    const stateFile = join(dir, 'state.json');
    const emus: Array<{ close(): Promise<void> }> = [];
    try {
      const a = await startXeroEmulator({ stateFile });
      emus.push(a);
      const { api, tenantId, tokens } = await apiFor(a);
      await api.createContacts(tenantId, { contacts: [{ name: 'Kept', contactNumber: 'K-1' }] });
      const inv = (await api.createInvoices(tenantId, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactNumber: 'K-1' }, date: '2026-03-01', status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'EXEMPTOUTPUT' }] }] })).body.invoices?.[0]?.invoiceID ?? '';
      const cn = (await api.createCreditNotes(tenantId, { creditNotes: [{ type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { contactNumber: 'K-1' }, date: '2026-03-02', status: CreditNote.StatusEnum.AUTHORISED, lineItems: [{ description: 'Refund', quantity: 1, unitAmount: 30, accountCode: '200', taxType: 'EXEMPTOUTPUT' }] }] })).body.creditNotes?.[0]?.creditNoteID ?? '';
      await api.createCreditNoteAllocation(tenantId, cn, { allocations: [{ invoice: { invoiceID: inv }, amount: 20, date: '2026-03-03' }] });
      await api.createPayments(tenantId, { payments: [{ creditNote: { creditNoteID: cn }, account: { code: '090' }, amount: 4, date: '2026-03-04' }] });
      await a.close();
      emus.pop();

      const b = await startXeroEmulator({ stateFile });
      emus.push(b);
      const again = accounting(b, tokens.access_token);
      expect((await again.getCreditNote(tenantId, cn)).body.creditNotes?.[0]).toMatchObject({ creditNoteNumber: 'CN-0001', remainingCredit: 6 });
      expect((await again.getInvoice(tenantId, inv)).body.invoices?.[0]).toMatchObject({ amountCredited: 20, amountDue: 30 });
      const next = await again.createCreditNotes(tenantId, { creditNotes: [{ type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { contactNumber: 'K-1' }, date: '2026-03-05', lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }] });
      expect(next.body.creditNotes?.[0]?.creditNoteNumber).toBe('CN-0002');
      await b.close();
      emus.pop();

      // A file from before credit notes: no creditNotes, allocations or nextCreditNoteNumber.
      const old = JSON.parse(readFileSync(stateFile, 'utf8')) as { orgs: Array<Record<string, unknown>> };
      for (const o of old.orgs) {
        delete o.creditNotes;
        delete o.allocations;
        delete o.nextCreditNoteNumber;
      }
      writeFileSync(stateFile, JSON.stringify(old));
      const c = await startXeroEmulator({ stateFile });
      emus.push(c);
      const third = accounting(c, tokens.access_token);
      expect((await third.getCreditNotes(tenantId)).body.creditNotes).toEqual([]);
      expect((await third.getInvoice(tenantId, inv)).body.invoices?.[0]).toMatchObject({ amountCredited: 0, amountDue: 50 });
    } finally {
      for (const e of emus) await e.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
