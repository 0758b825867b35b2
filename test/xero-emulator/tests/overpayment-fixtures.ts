/**
 * Shared set-up of the overpayment tests (overpayments.test.ts, overpayment-allocations.test.ts): one
 * emulator per file with three contacts (T-9 archived), and the requests Facility Sync makes, through xero-node.
 */
import { beforeAll } from 'vitest';
import { BankTransaction, Invoice, type Allocation, type Payment } from 'xero-node';
import { useEmulatorApi } from '../../helpers/emulator-clients';

export function useOverpaymentFixtures() {
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

  return { xero, ids, overpayment, createOverpayment, invoice, allocate, getOverpayment, getInvoice, refund, messages };
}
