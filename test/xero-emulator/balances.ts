/**
 * What is still owed and what is still to give: an invoice's AmountDue after payments and credit-note
 * allocations, a credit note's RemainingCredit after allocations and cash refunds, the PAID status both
 * reach at 0 (and leave when something is removed), and each contact's balance as Xero reports it.
 */
import type { CreditNote, Invoice, InvoiceStatus, OrgData } from './types';

const CLOSED: InvoiceStatus[] = ['VOIDED', 'DELETED'];

const sum = (xs: Iterable<number>): number => {
  let t = 0;
  for (const x of xs) t += x;
  return t;
};

/** Credit-note allocations applied to the invoice. */
export function creditedCents(org: OrgData, invoiceId: string): number {
  return sum([...org.allocations.values()].filter((a) => a.InvoiceID === invoiceId).map((a) => a.AmountCents));
}

export function amountDueCents(org: OrgData, inv: Invoice): number {
  return CLOSED.includes(inv.Status) ? 0 : inv.TotalCents - inv.AmountPaidCents - creditedCents(org, inv.InvoiceID);
}

/** Payments or credit notes applied to the invoice: while any remain it can be neither edited nor voided. */
export function invoiceHasApplied(org: OrgData, inv: Invoice): boolean {
  return inv.AmountPaidCents > 0 || creditedCents(org, inv.InvoiceID) > 0;
}

export function allocatedCents(org: OrgData, creditNoteId: string): number {
  return sum([...org.allocations.values()].filter((a) => a.CreditNoteID === creditNoteId).map((a) => a.AmountCents));
}

/** Cash refunds of the credit note (payments carrying its CreditNoteID), deleted ones excluded. */
export function refundedCents(org: OrgData, creditNoteId: string): number {
  return sum([...org.payments.values()].filter((p) => p.CreditNoteID === creditNoteId && p.Status !== 'DELETED').map((p) => p.AmountCents));
}

export function remainingCreditCents(org: OrgData, cn: CreditNote): number {
  return CLOSED.includes(cn.Status) ? 0 : cn.TotalCents - allocatedCents(org, cn.CreditNoteID) - refundedCents(org, cn.CreditNoteID);
}

export function creditNoteHasApplied(org: OrgData, cn: CreditNote): boolean {
  return allocatedCents(org, cn.CreditNoteID) > 0 || refundedCents(org, cn.CreditNoteID) > 0;
}

interface Settleable {
  Status: InvoiceStatus;
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
}

/** AUTHORISED -> PAID when nothing is left (fully paid on `date`); PAID -> AUTHORISED when something is again. */
function settle(doc: Settleable, leftCents: number, date: string, now: number): void {
  if (doc.Status === 'AUTHORISED' && leftCents <= 0) {
    doc.Status = 'PAID';
    doc.FullyPaidOnDate = date;
  } else if (doc.Status === 'PAID' && leftCents > 0) {
    doc.Status = 'AUTHORISED';
    delete doc.FullyPaidOnDate;
  }
  doc.UpdatedDateUTC = now;
}

export function settleInvoice(org: OrgData, inv: Invoice, date: string, now: number): void {
  settle(inv, amountDueCents(org, inv), date, now);
}

export function settleCreditNote(org: OrgData, cn: CreditNote, date: string, now: number): void {
  settle(cn, remainingCreditCents(org, cn), date, now);
}

/**
 * Each contact's balance as Xero shows it: AmountDue of its AUTHORISED invoices less the RemainingCredit
 * of its AUTHORISED credit notes (PAID ones have nothing left; drafts, voided and deleted ones do not count).
 */
export function contactBalances(org: OrgData) {
  const invoices = [...org.invoices.values()].filter((i) => i.Status === 'AUTHORISED');
  const credits = [...org.creditNotes.values()].filter((c) => c.Status === 'AUTHORISED');
  return [...org.contacts.values()]
    .map((c) => {
      const due = sum(invoices.filter((i) => i.ContactID === c.ContactID).map((i) => amountDueCents(org, i)));
      const credit = sum(credits.filter((n) => n.ContactID === c.ContactID).map((n) => remainingCreditCents(org, n)));
      return {
        ContactID: c.ContactID,
        Name: c.Name,
        ContactNumber: c.ContactNumber ?? '',
        AmountDue: due / 100,
        RemainingCredit: credit / 100,
        Balance: (due - credit) / 100,
      };
    })
    .sort((a, b) => a.Name.localeCompare(b.Name));
}
