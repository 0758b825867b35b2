/**
 * What is still owed and what is still to give: an invoice's AmountDue after payments and allocations
 * (of credit notes and overpayments), a credit note's or an overpayment's RemainingCredit after
 * allocations and cash refunds, the PAID status they reach at 0 (and leave when something is removed),
 * and each contact's balance as Xero reports it.
 */
import type { CreditNote, Invoice, InvoiceStatus, OrgData, Overpayment } from './types';

const CLOSED: InvoiceStatus[] = ['VOIDED', 'DELETED'];

const sum = (xs: Iterable<number>): number => {
  let t = 0;
  for (const x of xs) t += x;
  return t;
};

/** Allocations applied to the invoice, of credit notes and overpayments alike (Xero's AmountCredited counts both). */
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

/** Allocations and cash refunds out of the overpayment (deleted refunds excluded). */
function overpaymentUsedCents(org: OrgData, overpaymentId: string): number {
  const allocated = sum([...org.allocations.values()].filter((a) => a.OverpaymentID === overpaymentId).map((a) => a.AmountCents));
  const refunded = sum([...org.payments.values()].filter((p) => p.OverpaymentID === overpaymentId && p.Status !== 'DELETED').map((p) => p.AmountCents));
  return allocated + refunded;
}

export function overpaymentRemainingCents(org: OrgData, op: Overpayment): number {
  return op.Status === 'DELETED' ? 0 : op.TotalCents - overpaymentUsedCents(org, op.OverpaymentID);
}

/** Allocated or refunded: while anything remains on it, its bank transaction cannot be deleted. */
export function overpaymentHasApplied(org: OrgData, op: Overpayment): boolean {
  return overpaymentUsedCents(org, op.OverpaymentID) > 0;
}

interface Settleable {
  Status: InvoiceStatus | Overpayment['Status'];
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

export function settleOverpayment(org: OrgData, op: Overpayment, date: string, now: number): void {
  settle(op, overpaymentRemainingCents(org, op), date, now);
}

/**
 * Each contact's balance as Xero shows it: AmountDue of its AUTHORISED invoices less the RemainingCredit
 * of its AUTHORISED credit notes and overpayments (PAID ones have nothing left; drafts, voided and
 * deleted ones do not count).
 */
export function contactBalances(org: OrgData) {
  const invoices = [...org.invoices.values()].filter((i) => i.Status === 'AUTHORISED');
  const credits = [...org.creditNotes.values()].filter((c) => c.Status === 'AUTHORISED');
  const overpayments = [...org.overpayments.values()].filter((o) => o.Status === 'AUTHORISED');
  return [...org.contacts.values()]
    .map((c) => {
      const due = sum(invoices.filter((i) => i.ContactID === c.ContactID).map((i) => amountDueCents(org, i)));
      const credit =
        sum(credits.filter((n) => n.ContactID === c.ContactID).map((n) => remainingCreditCents(org, n))) +
        sum(overpayments.filter((o) => o.ContactID === c.ContactID).map((o) => overpaymentRemainingCents(org, o)));
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
