/**
 * What an income or liability account holds, as Xero's trial balance would show it: the credits of the
 * approved (AUTHORISED or PAID) invoice lines coded to it less the debits of the approved credit note
 * lines, net of tax. Tests compare the deposits liability account (855) with the deposits the facility
 * holds. Payments, allocations and overpayments move the bank and the receivable, never these accounts.
 */
import type { LineAmountTypes, LineItem, OrgData } from './types';

const POSTED = ['AUTHORISED', 'PAID'];

/** A line's amount net of tax: Inclusive lines carry their tax inside the LineAmount. */
function netCents(line: LineItem, lat: LineAmountTypes): number {
  return lat === 'Inclusive' ? line.LineAmountCents - line.TaxAmountCents : line.LineAmountCents;
}

function postedTo(code: string, docs: Iterable<{ Status: string; LineAmountTypes: LineAmountTypes; LineItems: LineItem[] }>): number {
  let cents = 0;
  for (const d of docs) {
    if (!POSTED.includes(d.Status)) continue;
    for (const l of d.LineItems) if (l.AccountCode === code) cents += netCents(l, d.LineAmountTypes);
  }
  return cents;
}

/** The account's credit balance (decimal) from invoices less credit notes; null when the chart has no such code. */
export function accountBalance(org: OrgData, code: string) {
  const account = org.accounts.find((a) => a.Code === code);
  if (!account) return null;
  const cents = postedTo(code, org.invoices.values()) - postedTo(code, org.creditNotes.values());
  return { Code: account.Code, Name: account.Name, Type: account.Type, Balance: cents / 100 };
}
