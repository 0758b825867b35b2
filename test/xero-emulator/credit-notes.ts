/**
 * /CreditNotes (ACCRECCREDIT only): list, get one, PUT (create), POST (create or update) with the
 * invoices' status rules. Lines are priced exactly as invoice lines; RemainingCredit is the total less
 * allocations and cash refunds (balances.ts).
 */
import { randomUUID } from 'node:crypto';
import { creditNoteHasApplied } from './balances';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { documentContact } from './contacts';
import { notFound } from './http-util';
import { priceLines } from './invoice-lines';
import { HAS_APPLIED, NEXT_STATUS, refuseUnreadableDates } from './invoices';
import { lockedDocumentErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import { envelope, list } from './query';
import type { CreditNote, InvoiceStatus, LineAmountTypes, OrgData } from './types';
import { XERO_DATES, echoDates, parseRequestDate, wireCreditNote } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Xero's words: the validation message in the PUT /CreditNotes example of xero_accounting.yaml. */
const UNKNOWN_ID = 'An existing Credit Note with the specified CreditNoteID could not be found';
/** Xero's words (an integrator matching on it: XeroAPI/Xero-Net#257). */
const NUMBER_TAKEN = 'Credit Note # must be unique.';
/** Xero's invoice messages with "Credit Note" for "Invoice" (WorkGuru lists "Document not of valid status for modification" for both). */
const CREATE_STATUS = 'Credit Note not of valid status for creation';
const MODIFY_STATUS = 'Credit Note not of valid status for modification';
/** The emulator's words. */
const NEGATIVE_TOTAL = 'The credit note total must not be negative.';
const DATE_REQUIRED = 'The Date field is mandatory.';

const DATES = ['Date', 'DueDate'];

export function findCreditNote(org: OrgData, idOrNumber: string): CreditNote | undefined {
  return org.creditNotes.get(idOrNumber) ?? [...org.creditNotes.values()].find((c) => c.CreditNoteNumber === idOrNumber);
}

export function listCreditNotes(r: OrgRequest): HandlerResult {
  return list(r.org.creditNotes.values(), {
    key: 'CreditNotes',
    shape: (c, dates) => wireCreditNote(r.org, c, dates, r.unitdp),
    updated: (c) => c.UpdatedDateUTC,
    paged: true,
  }, r);
}

export function getCreditNote(r: OrgRequest, id: string): HandlerResult {
  const cn = findCreditNote(r.org, id);
  if (!cn) throw notFound();
  return { status: 200, body: envelope('CreditNotes', [wireCreditNote(r.org, cn, XERO_DATES, r.unitdp)], r.now) };
}

export function saveCreditNotes(r: OrgRequest, mode: 'create' | 'upsert', pathId?: string): HandlerResult {
  if (pathId && !findCreditNote(r.org, pathId)) throw notFound();
  const els = elementsOf(r.body, 'CreditNotes');
  refuseUnreadableDates(r, Array.isArray(r.body.CreditNotes) ? 'CreditNotes' : null, els, DATES);
  return runBatch('CreditNotes', els, r.summarize, (el, undo) => wireCreditNote(r.org, applyCreditNote(r, el, undo, mode, pathId), XERO_DATES, r.unitdp), r.now, {
    hasErrorsFlag: true,
    echo: (el) => echoDates(el, DATES),
  });
}

function nextNumber(org: OrgData): string {
  for (;;) {
    const n = `CN-${String(org.nextCreditNoteNumber++).padStart(4, '0')}`;
    if (!findCreditNote(org, n)) return n;
  }
}

/** The stored credit note the element updates, if any: by id (path or body), or on POST by number. */
function existingFor(org: OrgData, el: Record<string, unknown>, mode: 'create' | 'upsert', pathId?: string): CreditNote | undefined {
  const id = pathId ?? str(el.CreditNoteID);
  if (id) {
    const found = pathId ? findCreditNote(org, id) : org.creditNotes.get(id);
    if (!found) throw new ElementError([UNKNOWN_ID]);
    return found;
  }
  const number = str(el.CreditNoteNumber);
  return mode === 'upsert' && number ? findCreditNote(org, number) : undefined;
}

/** Type, status and number rules; pushes Xero-worded messages. */
function checkHeader(org: OrgData, el: Record<string, unknown>, existing: CreditNote | undefined, status: InvoiceStatus, errors: string[]): void {
  const type = str(el.Type) ?? existing?.Type;
  if (!type) errors.push('The Type field is mandatory.');
  else if (type !== 'ACCRECCREDIT') errors.push(`Credit note type ${type} is not supported here: only ACCRECCREDIT (sales) credit notes.`);
  if (!existing && !['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status)) errors.push(CREATE_STATUS);
  const applied = existing !== undefined && creditNoteHasApplied(org, existing);
  const voiding = applied && status === 'VOIDED';
  if ((existing && !NEXT_STATUS[existing.Status].includes(status)) || voiding) errors.push(MODIFY_STATUS);
  if (voiding || (applied && (el.LineItems !== undefined || el.LineAmountTypes !== undefined))) errors.push(HAS_APPLIED);
  const number = str(el.CreditNoteNumber);
  if (number && number.length > 255) errors.push('The Credit Note Number must not be more than 255 characters long.');
  else if (number && number !== existing?.CreditNoteNumber && findCreditNote(org, number)) errors.push(NUMBER_TAKEN);
}

function applyCreditNote(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog, mode: 'create' | 'upsert', pathId?: string): CreditNote {
  const { org } = r;
  const existing = existingFor(org, el, mode, pathId);
  const errors: string[] = [];
  const status = (str(el.Status) ?? existing?.Status ?? 'DRAFT') as InvoiceStatus;
  checkHeader(org, el, existing, status, errors);

  const date = el.Date === undefined ? existing?.Date : parseRequestDate(el.Date);
  if (el.Date === undefined && !existing) errors.push(DATE_REQUIRED);
  else if (!date) errors.push('The Date is not a valid date.');
  const dueDate = el.DueDate === undefined ? existing?.DueDate : (parseRequestDate(el.DueDate) ?? undefined);
  if (el.DueDate !== undefined && !dueDate) errors.push('The DueDate is not a valid date.');
  const lat = (str(el.LineAmountTypes) ?? existing?.LineAmountTypes ?? 'Exclusive') as LineAmountTypes;
  if (!['Exclusive', 'Inclusive', 'NoTax'].includes(lat)) errors.push(`LineAmountTypes ${lat} is not valid.`);
  const currency = str(el.CurrencyCode) ?? existing?.CurrencyCode ?? org.organisation.BaseCurrency;
  if (currency !== org.organisation.BaseCurrency) errors.push(`The currency code ${currency} is not enabled for this organisation.`);

  const approved = status === 'AUTHORISED' || status === 'SUBMITTED';
  const totals = priceLines(org, el.LineItems ?? existing?.LineItems, lat, approved, errors, el.LineItems === undefined ? 4 : r.unitdp, 'credit note');
  if (totals.TotalCents < 0) errors.push(NEGATIVE_TOTAL);
  const contact = el.Contact !== undefined || !existing ? documentContact(org, el.Contact, undo, r.now, errors) : org.contacts.get(existing.ContactID);
  errors.push(...lockedDocumentErrors(org.organisation, existing, status, date ?? undefined));
  if (errors.length || !contact || !date) throw new ElementError(errors);

  const number = str(el.CreditNoteNumber);
  const fields = {
    Type: 'ACCRECCREDIT' as const,
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
    Object.assign(existing, fields, number ? { CreditNoteNumber: number } : {});
    undo.push(() => restoreRecord(existing, before));
    return existing;
  }
  const counter = org.nextCreditNoteNumber;
  const created: CreditNote = { CreditNoteID: randomUUID(), CreditNoteNumber: number ?? nextNumber(org), ...fields };
  org.creditNotes.set(created.CreditNoteID, created);
  undo.push(() => {
    org.creditNotes.delete(created.CreditNoteID);
    org.nextCreditNoteNumber = counter;
  });
  return created;
}
