/** /Invoices (ACCREC only): list, get one, PUT (create), POST (create or update) with Xero's status rules. */
import { randomUUID } from 'node:crypto';
import { invoiceHasApplied } from './balances';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { documentContact } from './contacts';
import { NOT_FOUND_MESSAGE, notFound, postDataInvalid } from './http-util';
import { priceLines } from './invoice-lines';
import { lockedDocumentErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import { envelope, list } from './query';
import type { Invoice, InvoiceStatus, LineAmountTypes, OrgData } from './types';
import { XERO_DATES, echoDates, parseRequestDate, unreadableDate, wireInvoice } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Xero's words (Xero-NetStandard#79; StackOverflow 52517629). */
const MODIFY_STATUS = 'Invoice not of valid status for modification';
/** Xero's words (Xero-NetStandard#84, xeroizer#211, WorkGuru's and Ascora's lists of Xero errors). */
export const HAS_APPLIED = 'This document cannot be edited as it has a payment or credit note allocated to it.';
/** The emulator's words: no source shows Xero's message for a negative invoice total. */
const NEGATIVE_TOTAL = 'The invoice total must not be negative.';

/** Xero's status changes for invoices and credit notes alike; PAID is reached and left by settling only. */
export const NEXT_STATUS: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};

export function findInvoice(org: OrgData, idOrNumber: string): Invoice | undefined {
  return org.invoices.get(idOrNumber) ?? [...org.invoices.values()].find((i) => i.InvoiceNumber === idOrNumber);
}

export function listInvoices(r: OrgRequest): HandlerResult {
  return list(r.org.invoices.values(), {
    key: 'Invoices',
    shape: (i, dates) => wireInvoice(r.org, i, dates, r.unitdp),
    updated: (i) => i.UpdatedDateUTC,
    lists: { IDs: 'InvoiceID', InvoiceNumbers: 'InvoiceNumber', ContactIDs: 'Contact.ContactID', Statuses: 'Status' },
    paged: true,
  }, r);
}

export function getInvoice(r: OrgRequest, id: string): HandlerResult {
  const inv = findInvoice(r.org, id);
  if (!inv) throw notFound();
  return { status: 200, body: envelope('Invoices', [wireInvoice(r.org, inv, XERO_DATES, r.unitdp)], r.now) };
}

export function saveInvoices(r: OrgRequest, mode: 'create' | 'upsert', pathId?: string): HandlerResult {
  if (pathId && !findInvoice(r.org, pathId)) throw notFound();
  const els = elementsOf(r.body, 'Invoices');
  refuseUnreadableDates(r, Array.isArray(r.body.Invoices) ? 'Invoices' : null, els, ['Date', 'DueDate']);
  return runBatch('Invoices', els, r.summarize, (el, undo) => wireInvoice(r.org, applyInvoice(r, el, undo, mode, pathId), XERO_DATES, r.unitdp), r.now, {
    hasErrorsFlag: true,
    echo: (el) => echoDates(el, ['Date', 'DueDate']),
  });
}

/** With dateErrors 'request', a date Xero's JSON reader cannot read refuses the whole request. */
export function refuseUnreadableDates(r: OrgRequest, key: string | null, els: Record<string, unknown>[], fields: string[]): void {
  const message = r.dateErrors === 'request' ? unreadableDate(key, els, fields) : null;
  if (message) throw postDataInvalid(message);
}

function nextNumber(org: OrgData): string {
  for (;;) {
    const n = `INV-${String(org.nextInvoiceNumber++).padStart(4, '0')}`;
    if (!findInvoice(org, n)) return n;
  }
}

function applyInvoice(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog, mode: 'create' | 'upsert', pathId?: string): Invoice {
  const { org } = r;
  const id = pathId ?? str(el.InvoiceID);
  const number = str(el.InvoiceNumber);
  let existing: Invoice | undefined;
  if (id) {
    existing = findInvoice(org, id);
    if (!existing) throw new ElementError([NOT_FOUND_MESSAGE]);
  } else if (mode === 'upsert' && number) {
    existing = findInvoice(org, number);
  }
  const errors: string[] = [];
  const type = str(el.Type) ?? existing?.Type;
  if (!type) errors.push('The Type field is mandatory.');
  else if (type !== 'ACCREC') errors.push(`Invoice type ${type} is not supported here: only ACCREC (sales) invoices.`);

  const status = (str(el.Status) ?? existing?.Status ?? 'DRAFT') as InvoiceStatus;
  if (!existing && !['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status)) errors.push('Invoice not of valid status for creation');
  // Voiding with a payment or credit note applied: Xero refuses the status change and
  // says why, as it does for edits; both are Xero's words, their pairing on a void is unconfirmed.
  const applied = existing !== undefined && invoiceHasApplied(org, existing);
  const voiding = applied && status === 'VOIDED';
  if ((existing && !NEXT_STATUS[existing.Status].includes(status)) || voiding) errors.push(MODIFY_STATUS);
  if (voiding || (applied && (el.LineItems !== undefined || el.LineAmountTypes !== undefined))) errors.push(HAS_APPLIED);
  if (number && number.length > 255) errors.push('The Invoice Number must not be more than 255 characters long.');
  else if (number && (!existing || number !== existing.InvoiceNumber) && findInvoice(org, number)) errors.push('Invoice # must be unique.');

  const date = el.Date === undefined ? (existing?.Date ?? r.today) : parseRequestDate(el.Date);
  if (!date) errors.push('The Date is not a valid date.');
  const dueDate = el.DueDate === undefined ? existing?.DueDate : (parseRequestDate(el.DueDate) ?? undefined);
  if (el.DueDate !== undefined && !dueDate) errors.push('The DueDate is not a valid date.');
  const lat = (str(el.LineAmountTypes) ?? existing?.LineAmountTypes ?? 'Exclusive') as LineAmountTypes;
  if (!['Exclusive', 'Inclusive', 'NoTax'].includes(lat)) errors.push(`LineAmountTypes ${lat} is not valid.`);
  const currency = str(el.CurrencyCode) ?? existing?.CurrencyCode ?? org.organisation.BaseCurrency;
  if (currency !== org.organisation.BaseCurrency) errors.push(`The currency code ${currency} is not enabled for this organisation.`);

  const approved = status === 'AUTHORISED' || status === 'SUBMITTED';
  const rawLines = el.LineItems ?? existing?.LineItems.map((l) => ({ ...l, UnitAmount: l.UnitAmount }));
  // Stored lines keep their decimals; sent lines get the request's (2 unless unitdp=4).
  const totals = priceLines(org, rawLines, lat, approved, errors, el.LineItems === undefined ? 4 : r.unitdp);
  if (totals.TotalCents < 0) errors.push(NEGATIVE_TOTAL);
  const contact = el.Contact !== undefined || !existing ? documentContact(org, el.Contact, undo, r.now, errors) : org.contacts.get(existing.ContactID);
  errors.push(...lockedDocumentErrors(org.organisation, existing, status, date ?? undefined));
  if (errors.length || !contact || !date) throw new ElementError(errors);

  const fields = {
    Type: 'ACCREC' as const,
    ContactID: contact.ContactID,
    Date: date,
    ...(dueDate ? { DueDate: dueDate } : {}),
    Status: status,
    LineAmountTypes: lat,
    LineItems: totals.lines,
    SubTotalCents: totals.SubTotalCents,
    TotalTaxCents: totals.TotalTaxCents,
    TotalCents: totals.TotalCents,
    CurrencyCode: currency,
    UpdatedDateUTC: r.now,
    ...(str(el.Reference) !== undefined ? { Reference: str(el.Reference) } : {}),
  };
  if (existing) {
    const before = { ...existing };
    Object.assign(existing, fields, number ? { InvoiceNumber: number } : {});
    undo.push(() => restoreRecord(existing, before));
    return existing;
  }
  const counter = org.nextInvoiceNumber;
  const created: Invoice = { InvoiceID: randomUUID(), InvoiceNumber: number ?? nextNumber(org), AmountPaidCents: 0, ...fields };
  org.invoices.set(created.InvoiceID, created);
  undo.push(() => {
    org.invoices.delete(created.InvoiceID);
    org.nextInvoiceNumber = counter;
  });
  return created;
}
