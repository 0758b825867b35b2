/**
 * /Payments: list, get one, PUT batch, POST single, and deletion via POST /Payments/{id} with
 * Status DELETED. Only AUTHORISED invoices take payments; a settled invoice becomes PAID.
 */
import { randomUUID } from 'node:crypto';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { notFound, validationException } from './http-util';
import { findInvoice, refuseUnreadableDates } from './invoices';
import type { OrgRequest } from './org-request';
import { envelope, list } from './query';
import type { Invoice, OrgData, Payment } from './types';
import { XERO_DATES, echoDates, parseRequestDate, toCents, wirePayment } from './wire';

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
  return runBatch('Payments', els, r.summarize, (el, undo) => wirePayment(r.org, applyPayment(r, el, undo), XERO_DATES), r.now, {
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
  const inv = r.org.invoices.get(p.InvoiceID);
  p.Status = 'DELETED';
  p.UpdatedDateUTC = r.now;
  if (inv) {
    inv.AmountPaidCents -= p.AmountCents;
    if (inv.Status === 'PAID') inv.Status = 'AUTHORISED';
    delete inv.FullyPaidOnDate;
    inv.UpdatedDateUTC = r.now;
  }
  return { status: 200, body: envelope('Payments', [wirePayment(r.org, p, XERO_DATES)], r.now) };
}

/** The invoice a payment names: by InvoiceID only when it has one, else by InvoiceNumber. */
function paidInvoice(org: OrgData, ref: Record<string, unknown>, number?: string): Invoice | undefined {
  const id = str(ref.InvoiceID);
  const n = str(ref.InvoiceNumber) ?? number;
  if (id) return org.invoices.get(id);
  return n ? findInvoice(org, n) : undefined;
}

function applyPayment(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog): Payment {
  const { org } = r;
  const errors: string[] = [];
  const invRef = obj(el.Invoice);
  const inv = paidInvoice(org, invRef, str(el.InvoiceNumber));
  if (!inv) errors.push(str(invRef.InvoiceID) || str(invRef.InvoiceNumber) || str(el.InvoiceNumber) ? 'Invoice could not be found.' : 'An Invoice must be specified: InvoiceID or InvoiceNumber.');
  else if (inv.Status !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents.');
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
  else if (inv && inv.Status === 'AUTHORISED' && cents > inv.TotalCents - inv.AmountPaidCents) {
    errors.push('Payment amount exceeds the amount outstanding on this document');
  }
  const date = el.Date === undefined ? r.today : parseRequestDate(el.Date);
  if (!date) errors.push('The Date is not a valid date.');
  if (errors.length || !inv || !account || !date) throw new ElementError(errors);

  const payment: Payment = {
    PaymentID: randomUUID(),
    InvoiceID: inv.InvoiceID,
    AccountID: account.AccountID,
    Date: date,
    AmountCents: cents,
    ...(str(el.Reference) !== undefined ? { Reference: str(el.Reference) } : {}),
    Status: 'AUTHORISED',
    UpdatedDateUTC: r.now,
  };
  const before = { ...inv };
  org.payments.set(payment.PaymentID, payment);
  inv.AmountPaidCents += cents;
  inv.UpdatedDateUTC = r.now;
  if (inv.AmountPaidCents >= inv.TotalCents) {
    inv.Status = 'PAID';
    inv.FullyPaidOnDate = date;
  }
  undo.push(() => {
    org.payments.delete(payment.PaymentID);
    restoreRecord(inv, before);
  });
  return payment;
}
