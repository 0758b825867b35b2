/**
 * The API client's overpayment calls against the emulator over real HTTP: create (PUT /BankTransactions
 * RECEIVE-OVERPAYMENT) with its key, the natural-key lookup after a lost answer, allocate and take back,
 * refund, delete, and the paged read used for balances.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BankTransaction, Invoice } from 'xero-node';
import { createXeroApiClient, whereString } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { XeroApiError } from '../../main/xero/xero-api-error';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
});
afterEach(async () => {
  await emu.close();
});

async function setUp() {
  const session = await connectedEmulatorSession(emu.url);
  const client = createXeroApiClient(session, new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), { retries: 3, minRetryDelayMs: 5, maxRetryDelayMs: 10, timeoutMs: 2000 });
  const contact = (await client.createContacts([{ name: 'Ada Lovelace', contactNumber: 'T-1' }], 'c-1')).body.contacts?.[0]?.contactID ?? '';
  const invoice = async (amount: number, key: string) =>
    (await client.createInvoices([{ type: Invoice.TypeEnum.ACCREC, contact: { contactID: contact }, date: '2026-03-01', dueDate: '2026-03-15', status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: 'Rent', quantity: 1, unitAmount: amount, accountCode: '200', taxType: 'EXEMPTOUTPUT' }] }], key)).body.invoices?.[0]?.invoiceID ?? '';
  return { client, contact, invoice };
}

/** A facility prepayment as the lead's kind module sends it. */
function prepayment(contactId: string, id: string, amount: number): BankTransaction {
  return {
    type: BankTransaction.TypeEnum.RECEIVEOVERPAYMENT,
    contact: { contactID: contactId },
    bankAccount: { code: '090' },
    date: '2026-03-01',
    reference: `FS-PRE:${id}`,
    lineAmountTypes: 'NoTax' as never,
    lineItems: [{ description: `Prepayment ${id}`, lineAmount: amount }],
  };
}

describe('API client: overpayments', () => {
  it('creates with an Idempotency-Key and summarizeErrors=false, finds by Reference, allocates, refunds and deletes', async () => {
    const { client, contact, invoice } = await setUp();
    const created = await client.createOverpayments([prepayment(contact, 'p1', 300), { ...prepayment(contact, 'p2', 10), bankAccount: { code: '200' } }], 'pre-1');
    const [ok, bad] = created.body.bankTransactions ?? [];
    expect(ok).toMatchObject({ statusAttributeString: 'OK', total: 300 });
    expect(ok?.overpaymentID).toBe(ok?.bankTransactionID);
    expect(bad?.statusAttributeString).toBe('ERROR');
    expect(emu.admin.requests().find((r) => r.path.endsWith('/BankTransactions'))).toMatchObject({ method: 'PUT', idempotencyKey: 'pre-1' });
    const opId = ok?.overpaymentID ?? '';

    // The lookup after a lost answer: by the natural key in Reference.
    const where = `Type=="RECEIVE-OVERPAYMENT" AND (Reference==${whereString('FS-PRE:p1')} OR Reference==${whereString('FS-PRE:p9')})`;
    expect((await client.findOverpaymentTransactions(where)).body.bankTransactions?.map((b) => b.overpaymentID)).toEqual([opId]);

    const inv = await invoice(100, 'i-1');
    const allocated = await client.allocateOverpayment(opId, [{ invoice: { invoiceID: inv }, amount: 100, date: '2026-03-05' }], 'alloc-1');
    const allocationId = allocated.body.allocations?.[0]?.allocationID ?? '';
    expect(allocationId).toMatch(/^[0-9a-f-]{36}$/);
    const read = (await client.getOverpayment(opId)).body.overpayments?.[0];
    expect(read).toMatchObject({ remainingCredit: 200 });
    expect(read?.allocations?.map((a) => a.allocationID)).toEqual([allocationId]);

    const refund = await client.createPayments([{ overpayment: { overpaymentID: opId }, account: { code: '090' }, date: '2026-03-20', amount: 50, reference: 'FS-REF:r1' }], 'ref-1');
    expect(refund.body.payments?.[0]).toMatchObject({ statusAttributeString: 'OK', paymentType: 'AROVERPAYMENTPAYMENT' });
    expect((await client.getOverpayment(opId)).body.overpayments?.[0]?.remainingCredit).toBe(150);

    // Deleting while allocated or refunded is a validation refusal (not retried), with Xero-style words.
    const refused = await client.deleteOverpayment(opId, 'del-1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(XeroApiError);
    expect((refused as XeroApiError).transient).toBe(false);
    expect((refused as XeroApiError).validationErrors).toEqual(['This overpayment cannot be deleted while it is allocated to an invoice or refunded. Remove its allocations and refunds first.']);

    await client.deleteOverpaymentAllocation(opId, allocationId);
    await client.deletePayment(refund.body.payments?.[0]?.paymentID ?? '', 'ref-del-1');
    const deleted = await client.deleteOverpayment(opId, 'del-2');
    expect(deleted.body.bankTransactions?.[0]?.status).toBe('DELETED');
    expect((await client.getOverpayment(opId)).body.overpayments?.[0]).toMatchObject({ status: 'VOIDED', remainingCredit: 0 });
    // Repeating the delete (say, after a lost answer with a fresh key) is harmless.
    expect((await client.deleteOverpayment(opId, 'del-3')).body.bankTransactions?.[0]?.status).toBe('DELETED');
  });

  it('a retry within Xero\'s memory replays; past it, the same key creates again, which is why the lookup comes first', async () => {
    const { client, contact } = await setUp();
    const first = await client.createOverpayments([prepayment(contact, 'p7', 70)], 'pre-7');
    const again = await client.createOverpayments([prepayment(contact, 'p7', 70)], 'pre-7');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.bankTransactions?.[0]?.overpaymentID).toBe(first.body.bankTransactions?.[0]?.overpaymentID);
    const found = await client.findOverpaymentTransactions('Reference=="FS-PRE:p7"');
    expect(found.body.bankTransactions).toHaveLength(1);
    emu.admin.advanceClock(7 * 60_000);
    await client.createOverpayments([prepayment(contact, 'p7', 70)], 'pre-7');
    expect((await client.findOverpaymentTransactions('Reference=="FS-PRE:p7"')).body.bankTransactions).toHaveLength(2);
  });

  it('reads overpayments a page at a time with a where, for balances', async () => {
    const { client, contact } = await setUp();
    for (let i = 0; i < 3; i++) await client.createOverpayments([prepayment(contact, `b${i}`, 10 + i)], `pre-b${i}`);
    const page1 = await client.findOverpaymentsPage('Status=="AUTHORISED"', 1);
    expect(page1.body.overpayments?.map((o) => o.remainingCredit)).toEqual([10, 11, 12]);
    expect(page1.body.pagination).toMatchObject({ page: 1, pageCount: 1, itemCount: 3 });
    expect((await client.findOverpaymentsPage('Status=="AUTHORISED"', 2)).body.overpayments).toEqual([]);
  });

  it('finds overpayments changed in Xero since a moment (If-Modified-Since), an allocation counting as a change', async () => {
    const { client, contact, invoice } = await setUp();
    const older = (await client.createOverpayments([prepayment(contact, 'c1', 40)], 'pre-c1')).body.bankTransactions?.[0]?.overpaymentID ?? '';
    emu.admin.advanceClock(60_000);
    const since = new Date(new Date(emu.admin.state().clock).getTime() - 1000);
    const newer = (await client.createOverpayments([prepayment(contact, 'c2', 41)], 'pre-c2')).body.bankTransactions?.[0]?.overpaymentID ?? '';
    const changed = async () => ((await client.changedSince('Overpayments', since, 1)).body as Array<{ overpaymentID?: string }>).map((o) => o.overpaymentID);
    expect(await changed()).toEqual([newer]);
    await client.allocateOverpayment(older, [{ invoice: { invoiceID: await invoice(10, 'i-c') }, amount: 10, date: '2026-03-02' }], 'alloc-c');
    expect(await changed()).toEqual([older, newer]);
  });
});
