/**
 * PUT /CreditNotes/{CreditNoteID}/Allocations applies part of an AUTHORISED credit note to an AUTHORISED
 * invoice of the same contact: the invoice's AmountDue and the credit note's RemainingCredit both fall,
 * and either becomes PAID at 0. DELETE /CreditNotes/{id}/Allocations/{AllocationID} undoes one.
 */
import { randomUUID } from 'node:crypto';
import { amountDueCents, remainingCreditCents, settleCreditNote, settleInvoice } from './balances';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { findCreditNote } from './credit-notes';
import { notFound, validationException } from './http-util';
import { refuseUnreadableDates } from './invoices';
import { lockedPeriodErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import type { Allocation, CreditNote } from './types';
import { XERO_DATES, echoDates, parseRequestDate, toCents, wireAllocation } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Xero's words (xeroizer#320; Bill.com's help pages quoting Xero's sync errors). */
const PAID_OFF = 'The invoice you are trying to allocate to has already been paid off';
/** Xero's words, for more than the invoice's AmountDue (same sources) and, as xero-php#251 reports, for more than the credit left. */
const OVER_OUTSTANDING = 'Credit Note cannot be allocated as amount is greater than amount outstanding';
/** The emulator's words: no source shows Xero's. */
const CREDIT_NOT_AUTHORISED = 'Only an AUTHORISED credit note can be allocated to an invoice.';
const INVOICE_NOT_AUTHORISED = 'A credit note can only be allocated to an AUTHORISED invoice.';
const OTHER_CONTACT = 'The credit note and the invoice must belong to the same contact.';

export function createAllocations(r: OrgRequest, creditNoteId: string): HandlerResult {
  const cn = findCreditNote(r.org, creditNoteId);
  if (!cn) throw notFound();
  const els = elementsOf(r.body, 'Allocations');
  refuseUnreadableDates(r, Array.isArray(r.body.Allocations) ? 'Allocations' : null, els, ['Date']);
  return runBatch('Allocations', els, r.summarize, (el, undo) => wireAllocation(r.org, applyAllocation(r, cn, el, undo), XERO_DATES), r.now, {
    echo: (el) => echoDates(el, ['Date']),
  });
}

function applyAllocation(r: OrgRequest, cn: CreditNote, el: Record<string, unknown>, undo: UndoLog): Allocation {
  const { org } = r;
  const errors: string[] = [];
  if (cn.Status !== 'AUTHORISED') errors.push(CREDIT_NOT_AUTHORISED);
  const invoiceId = str(obj(el.Invoice).InvoiceID);
  const inv = invoiceId ? org.invoices.get(invoiceId) : undefined;
  if (!invoiceId) errors.push('An Invoice must be specified: InvoiceID.');
  else if (!inv) errors.push('Invoice could not be found.');
  else if (inv.Status === 'PAID') errors.push(PAID_OFF);
  else if (inv.Status !== 'AUTHORISED') errors.push(INVOICE_NOT_AUTHORISED);
  if (inv && inv.ContactID !== cn.ContactID) errors.push(OTHER_CONTACT);
  const amount = typeof el.Amount === 'number' ? el.Amount : Number(el.Amount);
  const cents = Number.isFinite(amount) ? toCents(amount) : NaN;
  if (!(cents > 0)) errors.push('The Amount must be greater than zero.');
  else if ((cn.Status === 'AUTHORISED' && cents > remainingCreditCents(org, cn)) || (inv?.Status === 'AUTHORISED' && cents > amountDueCents(org, inv))) {
    errors.push(OVER_OUTSTANDING);
  }
  const date = el.Date === undefined ? null : parseRequestDate(el.Date);
  if (el.Date === undefined) errors.push('The Date field is mandatory.');
  else if (!date) errors.push('The Date is not a valid date.');
  else errors.push(...lockedPeriodErrors(org.organisation, date));
  if (errors.length || !inv || !date) throw new ElementError(errors);

  const allocation: Allocation = { AllocationID: randomUUID(), CreditNoteID: cn.CreditNoteID, InvoiceID: inv.InvoiceID, AmountCents: cents, Date: date, UpdatedDateUTC: r.now };
  const [invBefore, cnBefore] = [{ ...inv }, { ...cn }];
  org.allocations.set(allocation.AllocationID, allocation);
  settleInvoice(org, inv, date, r.now);
  settleCreditNote(org, cn, date, r.now);
  undo.push(() => {
    org.allocations.delete(allocation.AllocationID);
    restoreRecord(inv, invBefore);
    restoreRecord(cn, cnBefore);
  });
  return allocation;
}

/** Xero answers a deletion with the bare Allocation (no envelope) and IsDeleted true. */
export function deleteAllocation(r: OrgRequest, creditNoteId: string, allocationId: string): HandlerResult {
  const { org } = r;
  const cn = findCreditNote(org, creditNoteId);
  const allocation = org.allocations.get(allocationId);
  if (!cn || !allocation || allocation.CreditNoteID !== cn.CreditNoteID) throw notFound();
  const locked = lockedPeriodErrors(org.organisation, allocation.Date);
  if (locked.length) throw validationException([{ ...wireAllocation(org, allocation, XERO_DATES), ValidationErrors: locked.map((Message) => ({ Message })) }]);
  const answer = { ...wireAllocation(org, allocation, XERO_DATES), IsDeleted: true };
  org.allocations.delete(allocationId);
  const inv = org.invoices.get(allocation.InvoiceID);
  if (inv) settleInvoice(org, inv, allocation.Date, r.now);
  settleCreditNote(org, cn, allocation.Date, r.now);
  return { status: 200, body: answer };
}
