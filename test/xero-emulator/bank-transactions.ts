/**
 * /BankTransactions, for the one type Facility Sync sends: RECEIVE-OVERPAYMENT, money received from a
 * customer before anything is owed (Xero creates overpayments only this way). PUT creates (batch), GET
 * lists and reads, POST /BankTransactions/{id} with Status DELETED deletes one while nothing of it is
 * allocated or refunded. Xero allows an overpayment one line and no tax, and no change once created
 * (only deletion). Read as overpayments through /Overpayments (overpayments.ts).
 */
import { randomUUID } from 'node:crypto';
import { overpaymentHasApplied, settleOverpayment } from './balances';
import { ElementError, elementsOf, runBatch, type HandlerResult, type UndoLog } from './batch';
import { documentContact } from './contacts';
import { notFound, validationException } from './http-util';
import { refuseUnreadableDates } from './invoices';
import { lockedPeriodErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import { wireBankTransaction } from './overpayment-wire';
import { envelope, list } from './query';
import type { Account, OrgData, Overpayment } from './types';
import { XERO_DATES, echoDates, parseRequestDate, toCents } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The emulator's words: no source shows Xero's for these. */
export const OVERPAYMENT_APPLIED = 'This overpayment cannot be deleted while it is allocated to an invoice or refunded. Remove its allocations and refunds first.';
const NOT_A_BANK_ACCOUNT = 'The BankAccount must be an active bank account (an account of Type BANK).';
const ONE_LINE = 'An overpayment must have exactly one line item.';
const NO_CHANGE = 'An overpayment cannot be changed once created, only deleted: send Status DELETED.';

export function listBankTransactions(r: OrgRequest): HandlerResult {
  return list(r.org.overpayments.values(), {
    key: 'BankTransactions',
    shape: (o, dates) => wireBankTransaction(r.org, o, dates),
    updated: (o) => o.UpdatedDateUTC,
    lists: { References: 'Reference' },
    paged: true,
  }, r);
}

export function getBankTransaction(r: OrgRequest, id: string): HandlerResult {
  const op = r.org.overpayments.get(id);
  if (!op) throw notFound();
  return { status: 200, body: envelope('BankTransactions', [wireBankTransaction(r.org, op, XERO_DATES)], r.now) };
}

export function createBankTransactions(r: OrgRequest): HandlerResult {
  const els = elementsOf(r.body, 'BankTransactions');
  refuseUnreadableDates(r, Array.isArray(r.body.BankTransactions) ? 'BankTransactions' : null, els, ['Date']);
  return runBatch('BankTransactions', els, r.summarize, (el, undo) => wireBankTransaction(r.org, applyOverpayment(r, el, undo), XERO_DATES), r.now, {
    echo: (el) => echoDates(el, ['Date']),
  });
}

/** The account the money went into: by AccountID or Code; it must be an active BANK account. */
function bankAccount(org: OrgData, ref: Record<string, unknown>, errors: string[]): Account | undefined {
  const id = str(ref.AccountID);
  const code = str(ref.Code);
  if (!id && !code) {
    errors.push('A BankAccount must be specified: AccountID or Code.');
    return undefined;
  }
  const account = org.accounts.find((a) => (id ? a.AccountID === id : a.Code === code));
  if (!account) errors.push('Account could not be found.');
  else if (account.Type !== 'BANK' || account.Status !== 'ACTIVE') errors.push(NOT_A_BANK_ACCOUNT);
  return account;
}

/** The one line's amount in cents: LineAmount, else Quantity (1 by default) x UnitAmount. */
function lineCents(line: Record<string, unknown>): number {
  const amount = line.LineAmount !== undefined ? Number(line.LineAmount) : Number(line.Quantity ?? 1) * Number(line.UnitAmount);
  return Number.isFinite(amount) ? toCents(amount) : NaN;
}

function applyOverpayment(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog): Overpayment {
  const { org } = r;
  const errors: string[] = [];
  const type = str(el.Type);
  if (!type) errors.push('The Type field is mandatory.');
  else if (type !== 'RECEIVE-OVERPAYMENT') errors.push(`Bank transaction type ${type} is not supported here: only RECEIVE-OVERPAYMENT (money received from a customer before it is owed).`);
  if (str(el.BankTransactionID) || str(el.OverpaymentID)) errors.push(NO_CHANGE);
  const status = str(el.Status) ?? 'AUTHORISED';
  if (status !== 'AUTHORISED') errors.push(`A new bank transaction cannot have the Status ${status}.`);
  const account = bankAccount(org, obj(el.BankAccount), errors);
  const lines = Array.isArray(el.LineItems) ? el.LineItems.map(obj) : [];
  if (lines.length !== 1) errors.push(ONE_LINE);
  const cents = lines.length === 1 ? lineCents(lines[0] ?? {}) : 0;
  if (lines.length === 1 && !(cents > 0)) errors.push('The overpayment amount must be greater than zero.');
  const lat = str(el.LineAmountTypes) ?? 'NoTax';
  if (lat !== 'NoTax') errors.push('An overpayment carries no tax: LineAmountTypes must be NoTax.');
  const currency = str(el.CurrencyCode) ?? org.organisation.BaseCurrency;
  if (currency !== org.organisation.BaseCurrency) errors.push(`The currency code ${currency} is not enabled for this organisation.`);
  const date = el.Date === undefined ? null : parseRequestDate(el.Date);
  if (el.Date === undefined) errors.push('The Date field is mandatory.');
  else if (!date) errors.push('The Date is not a valid date.');
  else errors.push(...lockedPeriodErrors(org.organisation, date));
  const contact = documentContact(org, el.Contact, undo, r.now, errors);
  if (errors.length || !contact || !account || !date) throw new ElementError(errors);

  const line = lines[0] ?? {};
  const op: Overpayment = {
    OverpaymentID: randomUUID(),
    Type: 'RECEIVE-OVERPAYMENT',
    ContactID: contact.ContactID,
    BankAccountID: account.AccountID,
    Date: date,
    ...(str(el.Reference) !== undefined ? { Reference: str(el.Reference) } : {}),
    LineItems: [{ LineItemID: randomUUID(), Description: str(line.Description) ?? '', LineAmountCents: cents }],
    TotalCents: cents,
    CurrencyCode: currency,
    Status: 'AUTHORISED',
    UpdatedDateUTC: r.now,
  };
  org.overpayments.set(op.OverpaymentID, op);
  undo.push(() => org.overpayments.delete(op.OverpaymentID));
  return op;
}

/**
 * POST /BankTransactions/{id} with Status DELETED (wrapped in BankTransactions, as xero-node's
 * updateBankTransaction sends it, or bare). Deleting a deleted one answers it again; anything else is refused.
 */
export function deleteBankTransaction(r: OrgRequest, id: string): HandlerResult {
  const op = r.org.overpayments.get(id);
  if (!op) throw notFound();
  const el = Array.isArray(r.body.BankTransactions) ? obj(r.body.BankTransactions[0]) : r.body;
  const refuse = (messages: string[]) => validationException([{ ...wireBankTransaction(r.org, op, XERO_DATES), ValidationErrors: messages.map((Message) => ({ Message })) }]);
  if (str(el.Status) !== 'DELETED') throw refuse([NO_CHANGE]);
  if (op.Status !== 'DELETED') {
    if (overpaymentHasApplied(r.org, op)) throw refuse([OVERPAYMENT_APPLIED]);
    const locked = lockedPeriodErrors(r.org.organisation, op.Date);
    if (locked.length) throw refuse(locked);
    op.Status = 'DELETED';
    delete op.FullyPaidOnDate;
    settleOverpayment(r.org, op, op.Date, r.now);
  }
  return { status: 200, body: envelope('BankTransactions', [wireBankTransaction(r.org, op, XERO_DATES)], r.now) };
}
