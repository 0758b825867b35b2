/**
 * Changes "as a person in Xero would" make them, for tests that cause drift between the facility and Xero:
 * void an invoice or a credit note, change one of its lines, delete a payment, record a payment Facility Sync did not send,
 * edit a contact, take back an overpayment's allocation or delete the overpayment. Each goes through the Accounting API's own handlers (summarizeErrors=true), so Xero's
 * rules hold (no void with money applied, no edit of a paid invoice) and UpdatedDateUTC moves to the
 * emulator clock, as every change in Xero does. In-process on EmulatorAdmin, over HTTP under
 * /__emulator/organisations/{tenantId}/... (admin.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { deleteAllocation } from './allocations';
import { deleteBankTransaction } from './bank-transactions';
import type { HandlerResult } from './batch';
import { findCreditNote, saveCreditNotes } from './credit-notes';
import { findInvoice, saveInvoices } from './invoices';
import type { OrgRequest } from './org-request';
import { createPayments, deletePayment } from './payments';
import { saveContacts } from './contacts';
import type { EmulatorState } from './state';
import { XeroHttpError, type OrgData } from './types';

export interface PersonPayment {
  /** Invoice number or id. */
  invoice: string;
  amount: number;
  /** 'YYYY-MM-DD'; the emulator's today when absent. */
  date?: string;
  /** Bank account code; 090 when absent. */
  accountCode?: string;
  reference?: string;
}

export type ContactEdit = Partial<Record<'Name' | 'EmailAddress' | 'FirstName' | 'LastName' | 'AccountNumber', string>>;

/** The element errors of a refused change, as one message a test can read. */
export function refusal(err: unknown): Error {
  if (!(err instanceof XeroHttpError)) return err as Error;
  const body = err.body as { Elements?: Array<{ ValidationErrors?: Array<{ Message: string }> }>; Detail?: string; Message?: string };
  const messages = (body?.Elements ?? []).flatMap((e) => (e.ValidationErrors ?? []).map((v) => v.Message));
  return new Error(messages.join(' ') || body?.Detail || body?.Message || `Xero refused the change (HTTP ${err.status}).`);
}

export class PersonEdits {
  constructor(
    private readonly state: EmulatorState,
    private readonly persist: () => void,
  ) {}

  private run(organisation: string | undefined, body: Record<string, unknown>, handler: (r: OrgRequest) => HandlerResult) {
    const org = this.org(organisation);
    const r: OrgRequest = {
      org,
      method: 'POST',
      now: this.state.now(),
      today: this.state.today(),
      url: new URL('http://emulator.invalid/'),
      headers: {} as IncomingHttpHeaders,
      body,
      summarize: true,
      unitdp: 4,
      dateErrors: 'request',
    };
    try {
      const result = handler(r);
      this.persist();
      return result.body as Record<string, Array<Record<string, unknown>>>;
    } catch (err) {
      throw refusal(err);
    }
  }

  private org(organisation?: string): OrgData {
    const org = this.state.findOrg(organisation);
    if (!org) throw new Error(`No organisation ${organisation ?? ''} in the emulator`);
    return org;
  }

  private invoiceId(organisation: string | undefined, invoice: string): string {
    const inv = findInvoice(this.org(organisation), invoice);
    if (!inv) throw new Error(`No invoice ${invoice} in the emulator`);
    return inv.InvoiceID;
  }

  /** Voids an invoice (by number or id); Xero refuses while a payment or credit is applied to it. */
  voidInvoice(organisation: string | undefined, invoice: string) {
    const id = this.invoiceId(organisation, invoice);
    return this.run(organisation, { Invoices: [{ InvoiceID: id, Status: 'VOIDED' }] }, (r) => saveInvoices(r, 'upsert'))['Invoices']?.[0];
  }

  /** Sets the unit amount of one line (0-based) of an invoice, keeping the other lines as they are. */
  setInvoiceLineAmount(organisation: string | undefined, invoice: string, line: number, unitAmount: number) {
    const id = this.invoiceId(organisation, invoice);
    const inv = this.org(organisation).invoices.get(id);
    if (!inv?.LineItems[line]) throw new Error(`Invoice ${invoice} has no line ${line}`);
    const lines = withUnitAmount(inv.LineItems, line, unitAmount);
    return this.run(organisation, { Invoices: [{ InvoiceID: id, LineItems: lines }] }, (r) => saveInvoices(r, 'upsert'))['Invoices']?.[0];
  }

  /** Voids a credit note (by number or id); Xero refuses while any of it is applied or refunded. */
  voidCreditNote(organisation: string | undefined, creditNote: string) {
    const cn = findCreditNote(this.org(organisation), creditNote);
    if (!cn) throw new Error(`No credit note ${creditNote} in the emulator`);
    return this.run(organisation, { CreditNotes: [{ CreditNoteID: cn.CreditNoteID, Status: 'VOIDED' }] }, (r) => saveCreditNotes(r, 'upsert'))['CreditNotes']?.[0];
  }

  /** Sets the unit amount of one line (0-based) of a credit note, keeping the other lines as they are. */
  setCreditNoteLineAmount(organisation: string | undefined, creditNote: string, line: number, unitAmount: number) {
    const cn = findCreditNote(this.org(organisation), creditNote);
    if (!cn?.LineItems[line]) throw new Error(`Credit note ${creditNote} has no line ${line}`);
    const lines = withUnitAmount(cn.LineItems, line, unitAmount);
    return this.run(organisation, { CreditNotes: [{ CreditNoteID: cn.CreditNoteID, LineItems: lines }] }, (r) => saveCreditNotes(r, 'upsert'))['CreditNotes']?.[0];
  }

  /** Deletes a payment (by id, or by its Reference), as "Remove and Redo" in Xero does. */
  deletePayment(organisation: string | undefined, payment: string) {
    const org = this.org(organisation);
    const p = org.payments.get(payment) ?? [...org.payments.values()].find((x) => x.Reference === payment && x.Status !== 'DELETED');
    if (!p) throw new Error(`No payment ${payment} in the emulator`);
    return this.run(organisation, { Status: 'DELETED' }, (r) => deletePayment(r, p.PaymentID))['Payments']?.[0];
  }

  /** Records a payment on an invoice that no facility record sent (a person keying in a receipt). */
  addPayment(organisation: string | undefined, p: PersonPayment) {
    const id = this.invoiceId(organisation, p.invoice);
    const el = {
      Invoice: { InvoiceID: id },
      Account: { Code: p.accountCode ?? '090' },
      Amount: p.amount,
      ...(p.date ? { Date: p.date } : {}),
      ...(p.reference ? { Reference: p.reference } : {}),
    };
    return this.run(organisation, { Payments: [el] }, (r) => createPayments({ ...r, method: 'PUT' }))['Payments']?.[0];
  }

  /** Edits a contact (by ContactNumber or id). */
  editContact(organisation: string | undefined, contact: string, fields: ContactEdit) {
    const org = this.org(organisation);
    const c = org.contacts.get(contact) ?? [...org.contacts.values()].find((x) => x.ContactNumber === contact);
    if (!c) throw new Error(`No contact ${contact} in the emulator`);
    return this.run(organisation, { Contacts: [{ ContactID: c.ContactID, ...fields }] }, (r) => saveContacts(r, 'upsert'))['Contacts']?.[0];
  }

  private overpaymentId(organisation: string | undefined, overpayment: string): string {
    const org = this.org(organisation);
    const op = org.overpayments.get(overpayment) ?? [...org.overpayments.values()].find((o) => o.Reference === overpayment && o.Status !== 'DELETED');
    if (!op) throw new Error(`No overpayment ${overpayment} in the emulator`);
    return op.OverpaymentID;
  }

  /** Takes back one allocation of an overpayment (by id or Reference; its first allocation when none is named). */
  removeOverpaymentAllocation(organisation: string | undefined, overpayment: string, allocationId?: string) {
    const id = this.overpaymentId(organisation, overpayment);
    const allocation = allocationId ?? [...this.org(organisation).allocations.values()].find((a) => a.OverpaymentID === id)?.AllocationID;
    if (!allocation) throw new Error(`Overpayment ${overpayment} has no allocation to remove`);
    return this.run(organisation, {}, (r) => deleteAllocation({ ...r, method: 'DELETE' }, 'Overpayments', id, allocation)) as unknown as Record<string, unknown>;
  }

  /** Deletes an overpayment (by id or Reference); Xero refuses while any of it is allocated or refunded. */
  deleteOverpayment(organisation: string | undefined, overpayment: string) {
    const id = this.overpaymentId(organisation, overpayment);
    return this.run(organisation, { BankTransactions: [{ Status: 'DELETED' }] }, (r) => deleteBankTransaction(r, id))['BankTransactions']?.[0];
  }

  /**
   * POST /__emulator/organisations/{tenantId}/{what}: invoices/{n}/void, invoices/{n}/lines/{i} {UnitAmount},
   * credit-notes/{n}/void, credit-notes/{n}/lines/{i} {UnitAmount},
   * payments/{id}/delete, payments {Invoice, Amount, Date?, AccountCode?, Reference?}, contacts/{n} {fields},
   * overpayments/{idOrReference}/delete, overpayments/{idOrReference}/allocations/delete {AllocationID?}.
   * Undefined when the path is not one of these.
   */
  route(tenantId: string, rest: string, body: Record<string, unknown>): Record<string, unknown> | undefined {
    const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
    const [what, key = '', action, index] = parts;
    const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (what === 'invoices' && action === 'void' && parts.length === 3) return this.voidInvoice(tenantId, key);
    if (what === 'invoices' && action === 'lines' && parts.length === 4) return this.setInvoiceLineAmount(tenantId, key, Number(index), Number(body.UnitAmount));
    if (what === 'credit-notes' && action === 'void' && parts.length === 3) return this.voidCreditNote(tenantId, key);
    if (what === 'credit-notes' && action === 'lines' && parts.length === 4) return this.setCreditNoteLineAmount(tenantId, key, Number(index), Number(body.UnitAmount));
    if (what === 'payments' && action === 'delete' && parts.length === 3) return this.deletePayment(tenantId, key);
    if (what === 'payments' && parts.length === 1) {
      return this.addPayment(tenantId, { invoice: s(body.Invoice) ?? '', amount: Number(body.Amount), date: s(body.Date), accountCode: s(body.AccountCode), reference: s(body.Reference) });
    }
    if (what === 'contacts' && parts.length === 2) return this.editContact(tenantId, key, body as ContactEdit);
    if (what === 'overpayments' && action === 'delete' && parts.length === 3) return this.deleteOverpayment(tenantId, key);
    if (what === 'overpayments' && action === 'allocations' && index === 'delete' && parts.length === 4) {
      return this.removeOverpaymentAllocation(tenantId, key, s(body.AllocationID));
    }
    return undefined;
  }
}

type StoredLine = {
  LineItemID?: string; Description?: string; Quantity?: number; UnitAmount?: number;
  ItemCode?: string; AccountCode?: string; TaxType?: string; Tracking: Array<{ Name: string; Option: string }>;
};

/** A document's lines as a person sends them back from Xero's editor: all kept, one line's unit amount changed. */
function withUnitAmount(items: readonly StoredLine[], line: number, unitAmount: number) {
  return items.map((l, i) => ({
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: l.Quantity,
    UnitAmount: i === line ? unitAmount : l.UnitAmount,
    ...(l.ItemCode ? { ItemCode: l.ItemCode } : {}),
    ...(l.AccountCode ? { AccountCode: l.AccountCode } : {}),
    ...(l.TaxType ? { TaxType: l.TaxType } : {}),
    Tracking: l.Tracking.map((t) => ({ Name: t.Name, Option: t.Option })),
  }));
}
