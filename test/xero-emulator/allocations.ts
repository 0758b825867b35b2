/**
 * PUT /CreditNotes/{CreditNoteID}/Allocations and PUT /Overpayments/{OverpaymentID}/Allocations apply part
 * of an AUTHORISED credit note or overpayment (the credit source) to an AUTHORISED invoice of the same
 * contact: the invoice's AmountDue and the source's RemainingCredit both fall, and either becomes PAID at 0.
 * DELETE .../Allocations/{AllocationID} undoes one. Both endpoints follow the same rules.
 */
import { randomUUID } from 'node:crypto';
import { amountDueCents, overpaymentRemainingCents, remainingCreditCents, settleCreditNote, settleInvoice, settleOverpayment } from './balances';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { findCreditNote } from './credit-notes';
import { notFound, validationException } from './http-util';
import { refuseUnreadableDates } from './invoices';
import { lockedPeriodErrors } from './lock-dates';
import type { OrgRequest } from './org-request';
import type { Allocation, CreditNote, OrgData, Overpayment } from './types';
import { XERO_DATES, echoDates, parseRequestDate, toCents, wireAllocation } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Xero's words (xeroizer#320; Bill.com's help pages quoting Xero's sync errors; calcinai/xero-php#335 for an overpayment). */
const PAID_OFF = 'The invoice you are trying to allocate to has already been paid off';

/** A credit note or an overpayment, as the allocation rules see it. */
interface CreditSource {
  /** Xero's name for it in its messages ("Credit Note", "Overpayment"). */
  title: 'Credit Note' | 'Overpayment';
  /** The same in a sentence, with its article ("a credit note", "an overpayment"). */
  phrase: string;
  /** The field an allocation of it carries. */
  field: 'CreditNoteID' | 'OverpaymentID';
  id: string;
  record: CreditNote | Overpayment;
  contactId: string;
  authorised: boolean;
  remainingCents(): number;
  settle(date: string, now: number): void;
}

function creditNoteSource(org: OrgData, cn: CreditNote): CreditSource {
  return {
    title: 'Credit Note', phrase: 'a credit note', field: 'CreditNoteID', id: cn.CreditNoteID, record: cn, contactId: cn.ContactID,
    authorised: cn.Status === 'AUTHORISED',
    remainingCents: () => remainingCreditCents(org, cn),
    settle: (date, now) => settleCreditNote(org, cn, date, now),
  };
}

function overpaymentSource(org: OrgData, op: Overpayment): CreditSource {
  return {
    title: 'Overpayment', phrase: 'an overpayment', field: 'OverpaymentID', id: op.OverpaymentID, record: op, contactId: op.ContactID,
    authorised: op.Status === 'AUTHORISED',
    remainingCents: () => overpaymentRemainingCents(org, op),
    settle: (date, now) => settleOverpayment(org, op, date, now),
  };
}

/** The source an allocation route names (404 when the organisation has no such record). */
function sourceOf(org: OrgData, collection: 'CreditNotes' | 'Overpayments', id: string): CreditSource {
  if (collection === 'CreditNotes') {
    const cn = findCreditNote(org, id);
    if (!cn) throw notFound();
    return creditNoteSource(org, cn);
  }
  const op = org.overpayments.get(id);
  if (!op) throw notFound();
  return overpaymentSource(org, op);
}

export function createAllocations(r: OrgRequest, collection: 'CreditNotes' | 'Overpayments', sourceId: string): HandlerResult {
  const source = sourceOf(r.org, collection, sourceId);
  const els = elementsOf(r.body, 'Allocations');
  refuseUnreadableDates(r, Array.isArray(r.body.Allocations) ? 'Allocations' : null, els, ['Date']);
  return runBatch('Allocations', els, r.summarize, (el, undo) => wireAllocation(r.org, applyAllocation(r, source, el, undo), XERO_DATES), r.now, {
    echo: (el) => echoDates(el, ['Date']),
  });
}

function applyAllocation(r: OrgRequest, source: CreditSource, el: Record<string, unknown>, undo: UndoLog): Allocation {
  const { org } = r;
  const errors: string[] = [];
  const lower = source.phrase.replace(/^an? /, '');
  // The emulator's words for these four: no source shows Xero's.
  if (!source.authorised) errors.push(`Only an AUTHORISED ${lower} can be allocated to an invoice.`);
  const invoiceId = str(obj(el.Invoice).InvoiceID);
  const inv = invoiceId ? org.invoices.get(invoiceId) : undefined;
  if (!invoiceId) errors.push('An Invoice must be specified: InvoiceID.');
  else if (!inv) errors.push('Invoice could not be found.');
  else if (inv.Status === 'PAID') errors.push(PAID_OFF);
  else if (inv.Status !== 'AUTHORISED') errors.push(`${source.phrase.replace(/^a/, 'A')} can only be allocated to an AUTHORISED invoice.`);
  if (inv && inv.ContactID !== source.contactId) errors.push(`The ${lower} and the invoice must belong to the same contact.`);
  const amount = typeof el.Amount === 'number' ? el.Amount : Number(el.Amount);
  const cents = Number.isFinite(amount) ? toCents(amount) : NaN;
  if (!(cents > 0)) errors.push('The Amount must be greater than zero.');
  else if ((source.authorised && cents > source.remainingCents()) || (inv?.Status === 'AUTHORISED' && cents > amountDueCents(org, inv))) {
    // Xero's words, for more than the invoice's AmountDue and for more than the credit left (xeroizer#320,
    // calcinai/xero-php#251 for credit notes; xero-php#335 quotes the Overpayment form).
    errors.push(`${source.title} cannot be allocated as amount is greater than amount outstanding`);
  }
  const date = el.Date === undefined ? null : parseRequestDate(el.Date);
  if (el.Date === undefined) errors.push('The Date field is mandatory.');
  else if (!date) errors.push('The Date is not a valid date.');
  else errors.push(...lockedPeriodErrors(org.organisation, date));
  if (errors.length || !inv || !date) throw new ElementError(errors);

  const allocation: Allocation = { AllocationID: randomUUID(), [source.field]: source.id, InvoiceID: inv.InvoiceID, AmountCents: cents, Date: date, UpdatedDateUTC: r.now };
  const [invBefore, sourceBefore] = [{ ...inv }, { ...source.record }];
  org.allocations.set(allocation.AllocationID, allocation);
  settleInvoice(org, inv, date, r.now);
  source.settle(date, r.now);
  undo.push(() => {
    org.allocations.delete(allocation.AllocationID);
    restoreRecord(inv, invBefore);
    restoreRecord(source.record, sourceBefore);
  });
  return allocation;
}

/** Xero answers a deletion with the bare Allocation (no envelope) and IsDeleted true. */
export function deleteAllocation(r: OrgRequest, collection: 'CreditNotes' | 'Overpayments', sourceId: string, allocationId: string): HandlerResult {
  const { org } = r;
  const source = sourceOf(org, collection, sourceId);
  const allocation = org.allocations.get(allocationId);
  if (!allocation || allocation[source.field] !== source.id) throw notFound();
  const locked = lockedPeriodErrors(org.organisation, allocation.Date);
  if (locked.length) throw validationException([{ ...wireAllocation(org, allocation, XERO_DATES), ValidationErrors: locked.map((Message) => ({ Message })) }]);
  const answer = { ...wireAllocation(org, allocation, XERO_DATES), IsDeleted: true };
  org.allocations.delete(allocationId);
  const inv = org.invoices.get(allocation.InvoiceID);
  if (inv) settleInvoice(org, inv, allocation.Date, r.now);
  source.settle(allocation.Date, r.now);
  return { status: 200, body: answer };
}
