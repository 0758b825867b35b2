/**
 * /Payments: list, get one, PUT batch, POST single, and deletion via POST /Payments/{id} with
 * Status DELETED. A payment names an Invoice, or a CreditNote or an Overpayment for a cash refund of
 * its credit. Only AUTHORISED documents take payments; an invoice with nothing due / a credit note or
 * overpayment with no credit left becomes PAID, and deleting the payment reopens it.
 */
import { randomUUID } from 'node:crypto';
import { amountDueCents, overpaymentRemainingCents, remainingCreditCents, settleCreditNote, settleInvoice, settleOverpayment } from './balances';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { findCreditNote } from './credit-notes';
import { notFound, validationException } from './http-util';
import { findInvoice, refuseUnreadableDates } from './invoices';
import { lockedPeriodErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import { envelope, list } from './query';
import type { CreditNote, Invoice, OrgData, Overpayment, Payment } from './types';
import { XERO_DATES, echoDates, parseRequestDate, toCents, wirePayment } from './wire';

/** Xero's words (integrators' support pages quoting Xero: Workato's, Actionstep's). */
const NOT_AUTHORISED = 'Payments can only be made against Authorised documents.';
const OVER_OUTSTANDING = 'Payment amount exceeds the amount outstanding on this document';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

export function listPayments(r: OrgRequest): HandlerResult {
  return list(r.org.payments.values(), {
    key: 'Payments',
    shape: (p, dates) => wirePayment(r.org, p, dates),
    updated: (p) => p.UpdatedDateUTC,
    paged: true,
  }, r);
}

export function getPayment(r: OrgRequest, id: string): HandlerResult {
  const p = r.org.payments.get(id);
  if (!p) throw notFound();
  return { status: 200, body: envelope('Payments', [wirePayment(r.org, p, XERO_DATES)], r.now) };
}

/** PUT takes {Payments:[...]}; POST takes one payment object (xero-node's createPayment). */
export function createPayments(r: OrgRequest): HandlerResult {
  const bare = r.method === 'POST' && !Array.isArray(r.body.Payments);
  const els = bare ? [r.body] : elementsOf(r.body, 'Payments');
  refuseUnreadableDates(r, Array.isArray(r.body.Payments) ? 'Payments' : null, els, ['Date']);
  return runBatch('Payments', els, r.summarize, (el, undo) => wirePayment(r.org, applyPayment(r, el, undo), XERO_DATES, 'created'), r.now, {
    echo: (el) => echoDates(el, ['Date']),
  });
}

/** POST /Payments/{id} with Status DELETED (bare, as xero-node's deletePayment sends it, or wrapped). */
export function deletePayment(r: OrgRequest, id: string): HandlerResult {
  const p = r.org.payments.get(id);
  if (!p) throw notFound();
  const el = Array.isArray(r.body.Payments) ? obj(r.body.Payments[0]) : r.body;
  const fail = (m: string) => validationException([{ ...wirePayment(r.org, p, XERO_DATES), ValidationErrors: [{ Message: m }] }]);
  if (str(el.Status) !== 'DELETED') throw fail('Payments cannot be edited, only deleted: send Status DELETED.');
  if (p.Status === 'DELETED') throw fail('This payment has already been deleted.');
  const locked = lockedPeriodErrors(r.org.organisation, p.Date);
  if (locked.length) throw validationException([{ ...wirePayment(r.org, p, XERO_DATES), ValidationErrors: locked.map((Message) => ({ Message })) }]);
  p.Status = 'DELETED';
  p.UpdatedDateUTC = r.now;
  const inv = p.InvoiceID ? r.org.invoices.get(p.InvoiceID) : undefined;
  if (inv) {
    inv.AmountPaidCents -= p.AmountCents;
    settleInvoice(r.org, inv, p.Date, r.now);
  }
  const cn = p.CreditNoteID ? r.org.creditNotes.get(p.CreditNoteID) : undefined;
  if (cn) settleCreditNote(r.org, cn, p.Date, r.now);
  const op = p.OverpaymentID ? r.org.overpayments.get(p.OverpaymentID) : undefined;
  if (op) settleOverpayment(r.org, op, p.Date, r.now);
  return { status: 200, body: envelope('Payments', [wirePayment(r.org, p, XERO_DATES)], r.now) };
}

/** The invoice a payment names: by InvoiceID only when it has one, else by InvoiceNumber. */
function paidInvoice(org: OrgData, ref: Record<string, unknown>, number?: string): Invoice | undefined {
  const id = str(ref.InvoiceID);
  const n = str(ref.InvoiceNumber) ?? number;
  if (id) return org.invoices.get(id);
  return n ? findInvoice(org, n) : undefined;
}

/** The credit note a refund names: by CreditNoteID only when it has one, else by CreditNoteNumber. */
function refundedCreditNote(org: OrgData, ref: Record<string, unknown>, number?: string): CreditNote | undefined {
  const id = str(ref.CreditNoteID);
  const n = str(ref.CreditNoteNumber) ?? number;
  if (id) return org.creditNotes.get(id);
  return n ? findCreditNote(org, n) : undefined;
}

/** What the payment settles: an invoice (a payment) or a credit note or overpayment (a cash refund), and how much is left on it. */
function paymentTarget(org: OrgData, el: Record<string, unknown>, errors: string[]): Target | null {
  if (el.Overpayment !== undefined) {
    const id = str(obj(el.Overpayment).OverpaymentID);
    const op = id ? org.overpayments.get(id) : undefined;
    if (!op) errors.push(id ? 'Overpayment could not be found.' : 'An Overpayment must be specified: OverpaymentID.');
    else if (op.Status !== 'AUTHORISED') errors.push(NOT_AUTHORISED);
    return op ? { op, leftCents: overpaymentRemainingCents(org, op) } : null;
  }
  if (el.CreditNote !== undefined || el.CreditNoteNumber !== undefined) {
    const ref = obj(el.CreditNote);
    const cn = refundedCreditNote(org, ref, str(el.CreditNoteNumber));
    if (!cn) errors.push(str(ref.CreditNoteID) || str(ref.CreditNoteNumber) || str(el.CreditNoteNumber) ? 'Credit note could not be found.' : 'A CreditNote must be specified: CreditNoteID or CreditNoteNumber.');
    else if (cn.Status !== 'AUTHORISED') errors.push(NOT_AUTHORISED);
    return cn ? { cn, leftCents: remainingCreditCents(org, cn) } : null;
  }
  const invRef = obj(el.Invoice);
  const inv = paidInvoice(org, invRef, str(el.InvoiceNumber));
  if (!inv) errors.push(str(invRef.InvoiceID) || str(invRef.InvoiceNumber) || str(el.InvoiceNumber) ? 'Invoice could not be found.' : 'An Invoice must be specified: InvoiceID or InvoiceNumber.');
  else if (inv.Status !== 'AUTHORISED') errors.push(NOT_AUTHORISED);
  return inv ? { inv, leftCents: amountDueCents(org, inv) } : null;
}

type Target = { inv: Invoice; leftCents: number } | { cn: CreditNote; leftCents: number } | { op: Overpayment; leftCents: number };

/** The target's record, its status and the field a payment of it carries. */
function targetOf(t: Target) {
  if ('inv' in t) return { doc: t.inv, field: 'InvoiceID' as const, id: t.inv.InvoiceID };
  if ('cn' in t) return { doc: t.cn, field: 'CreditNoteID' as const, id: t.cn.CreditNoteID };
  return { doc: t.op, field: 'OverpaymentID' as const, id: t.op.OverpaymentID };
}

function applyPayment(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog): Payment {
  const { org } = r;
  const errors: string[] = [];
  const target = paymentTarget(org, el, errors);
  const doc = target ? targetOf(target).doc : undefined;
  const acctRef = obj(el.Account);
  const code = str(acctRef.Code) ?? str(el.Code);
  const account = org.accounts.find((a) => (str(acctRef.AccountID) && a.AccountID === str(acctRef.AccountID)) || (code !== undefined && a.Code === code));
  if (!account) errors.push(str(acctRef.AccountID) || code ? 'Account could not be found.' : 'An Account must be specified: AccountID or Code.');
  else if (account.Status !== 'ACTIVE' || (account.Type !== 'BANK' && !account.EnablePaymentsToAccount)) {
    errors.push('Account type is invalid for making a payment to/from.');
  }
  const amount = typeof el.Amount === 'number' ? el.Amount : Number(el.Amount);
  const cents = Number.isFinite(amount) ? toCents(amount) : NaN;
  if (!(cents > 0)) errors.push('Payment amount must be greater than zero.');
  else if (target && doc?.Status === 'AUTHORISED' && cents > target.leftCents) errors.push(OVER_OUTSTANDING);
  const date = el.Date === undefined ? r.today : parseRequestDate(el.Date);
  if (!date) errors.push('The Date is not a valid date.');
  else errors.push(...lockedPeriodErrors(org.organisation, date));
  if (errors.length || !target || !account || !date) throw new ElementError(errors);

  const payment: Payment = {
    PaymentID: randomUUID(),
    [targetOf(target).field]: targetOf(target).id,
    AccountID: account.AccountID,
    Date: date,
    AmountCents: cents,
    ...(str(el.Reference) !== undefined ? { Reference: str(el.Reference) } : {}),
    Status: 'AUTHORISED',
    UpdatedDateUTC: r.now,
  };
  org.payments.set(payment.PaymentID, payment);
  const settled = targetOf(target).doc;
  const before = { ...settled };
  if ('inv' in target) {
    target.inv.AmountPaidCents += cents;
    settleInvoice(org, target.inv, date, r.now);
  } else if ('cn' in target) settleCreditNote(org, target.cn, date, r.now);
  else settleOverpayment(org, target.op, date, r.now);
  undo.push(() => restoreRecord(settled, before));
  undo.push(() => org.payments.delete(payment.PaymentID));
  return payment;
}
