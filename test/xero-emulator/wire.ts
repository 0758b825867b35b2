/**
 * Internal records -> Xero's wire format (PascalCase, decimals, /Date(ms+0000)/). The admin state
 * view uses the same shapes with plain ISO dates, which are easier to assert on.
 */
import { amountDueCents, creditedCents, remainingCreditCents } from './balances';
import { wireOverpayment } from './overpayment-wire';
import type { Account, Allocation, Contact, ContactPhone, CreditNote, Invoice, Item, LineItem, OrgData, Payment, PhoneType, TaxRate, TrackingCategory } from './types';

export interface DateStyle {
  /** A UTC timestamp in ms. */
  stamp(ms: number): string;
  /** A calendar date 'YYYY-MM-DD'. */
  day(ymd: string): string;
}

export const XERO_DATES: DateStyle = {
  stamp: (ms) => `/Date(${ms}+0000)/`,
  day: (ymd) => `/Date(${Date.parse(`${ymd}T00:00:00Z`)}+0000)/`,
};

export const ISO_DATES: DateStyle = {
  stamp: (ms) => new Date(ms).toISOString(),
  day: (ymd) => ymd,
};

export const toDecimal = (cents: number): number => cents / 100;
export const toCents = (amount: number): number => Math.round(amount * 100);

/** Rounds half away from zero to `dp` decimals, free of binary noise (10.125 -> 10.13). */
export function roundTo(v: number, dp: number): number {
  const r = Math.round(Math.abs(v) * 10 ** dp + 1e-9) / 10 ** dp;
  return v < 0 ? -r : r;
}

/**
 * Accepts what Xero accepts in requests: 'YYYY-MM-DD', ISO timestamps and /Date(ms)/. Null when
 * unreadable or not on the calendar: JavaScript would read 2026-02-30 as 2 March, Xero refuses it.
 */
export function parseRequestDate(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  const ms = /^\/Date\((-?\d+)/.exec(v);
  if (ms?.[1]) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(v);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  }
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/**
 * The first date field among `elements` that Xero's JSON reader could not turn into a date, as the
 * message of its PostDataInvalidException (Json.NET's words; `key` null for a bare, unwrapped body).
 */
export function unreadableDate(key: string | null, elements: Record<string, unknown>[], fields: string[]): string | null {
  for (const [i, el] of elements.entries()) {
    for (const f of fields) {
      const v = el[f];
      if (v === undefined || v === null || v === '' || parseRequestDate(v) !== null) continue;
      return `Could not convert string to DateTime: ${String(v)}. Path '${key === null ? f : `${key}[${i}].${f}`}'.`;
    }
  }
  return null;
}

/** A rejected element echoed the way Xero does: its readable `fields` as /Date(ms+0000)/, the rest as sent. */
export function echoDates(el: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out = { ...el };
  for (const f of fields) {
    const ymd = parseRequestDate(el[f]);
    if (ymd) out[f] = XERO_DATES.day(ymd);
  }
  return out;
}

export function wireAccount(a: Account, d: DateStyle) {
  return { ...a, UpdatedDateUTC: d.stamp(a.UpdatedDateUTC) };
}

export function wireTaxRate(t: TaxRate) {
  return { ...t, DisplayTaxRate: t.EffectiveRate, TaxComponents: [{ Name: t.Name, Rate: t.EffectiveRate, IsCompound: false, IsNonRecoverable: false }] };
}

export function wireTracking(t: TrackingCategory) {
  return { ...t, Options: t.Options.map((o) => ({ ...o, IsActive: o.Status === 'ACTIVE' })) };
}

export function wireItem(i: Item, d: DateStyle) {
  return { ...i, IsTrackedAsInventory: false, UpdatedDateUTC: d.stamp(i.UpdatedDateUTC) };
}

/** Xero lists these four phone types on every contact, blank where unknown (OFFICE only when set). */
const LISTED_PHONES: PhoneType[] = ['DEFAULT', 'DDI', 'FAX', 'MOBILE'];

function wirePhones(phones: ContactPhone[] = []): ContactPhone[] {
  const blank = (PhoneType: PhoneType): ContactPhone => ({ PhoneType, PhoneNumber: '', PhoneAreaCode: '', PhoneCountryCode: '' });
  const listed = LISTED_PHONES.map((t) => phones.find((p) => p.PhoneType === t) ?? blank(t));
  return [...listed, ...phones.filter((p) => !LISTED_PHONES.includes(p.PhoneType))];
}

export function wireContact(c: Contact, d: DateStyle) {
  return { ...c, Addresses: [], Phones: wirePhones(c.Phones), ContactGroups: [], HasAttachments: false, UpdatedDateUTC: d.stamp(c.UpdatedDateUTC) };
}

/** Invoice and credit note lines; `unitdp`: UnitAmount decimals shown (Xero shows 2 unless the request says unitdp=4). */
export function wireLines(lines: LineItem[], unitdp: number) {
  return lines.map((l) => ({
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: l.Quantity,
    UnitAmount: roundTo(l.UnitAmount, unitdp),
    ItemCode: l.ItemCode,
    AccountCode: l.AccountCode,
    TaxType: l.TaxType,
    TaxAmount: toDecimal(l.TaxAmountCents),
    LineAmount: toDecimal(l.LineAmountCents),
    Tracking: l.Tracking,
  }));
}

/** `unitdp`: UnitAmount decimals shown (Xero shows 2 unless the request says unitdp=4). */
export function wireInvoice(org: OrgData, inv: Invoice, d: DateStyle, unitdp = 4) {
  const contact = org.contacts.get(inv.ContactID);
  const payments = [...org.payments.values()].filter((p) => p.InvoiceID === inv.InvoiceID && p.Status !== 'DELETED');
  const applied = [...org.allocations.values()].filter((a) => a.InvoiceID === inv.InvoiceID);
  return {
    Type: inv.Type,
    InvoiceID: inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    Reference: inv.Reference ?? '',
    Contact: contact ? { ContactID: contact.ContactID, Name: contact.Name, ContactNumber: contact.ContactNumber } : { ContactID: inv.ContactID },
    Date: d.day(inv.Date),
    DueDate: inv.DueDate ? d.day(inv.DueDate) : undefined,
    Status: inv.Status,
    LineAmountTypes: inv.LineAmountTypes,
    LineItems: wireLines(inv.LineItems, unitdp),
    SubTotal: toDecimal(inv.SubTotalCents),
    TotalTax: toDecimal(inv.TotalTaxCents),
    Total: toDecimal(inv.TotalCents),
    AmountDue: toDecimal(amountDueCents(org, inv)),
    AmountPaid: toDecimal(inv.AmountPaidCents),
    AmountCredited: toDecimal(creditedCents(org, inv.InvoiceID)),
    CurrencyCode: inv.CurrencyCode,
    CurrencyRate: 1,
    FullyPaidOnDate: inv.FullyPaidOnDate ? d.day(inv.FullyPaidOnDate) : undefined,
    Payments: payments.map((p) => ({ PaymentID: p.PaymentID, Date: d.day(p.Date), Amount: toDecimal(p.AmountCents), Reference: p.Reference ?? '' })),
    CreditNotes: applied.flatMap((a) => {
      const cn = a.CreditNoteID ? org.creditNotes.get(a.CreditNoteID) : undefined;
      return a.CreditNoteID ? [{ CreditNoteID: a.CreditNoteID, CreditNoteNumber: cn?.CreditNoteNumber ?? '', AppliedAmount: toDecimal(a.AmountCents), Date: d.day(a.Date), Total: cn ? toDecimal(cn.TotalCents) : undefined }] : [];
    }),
    // Overpayments applied to it, as the Invoice schema's Overpayments list (AppliedAmount as for credit notes).
    Overpayments: applied.flatMap((a) => {
      const op = a.OverpaymentID ? org.overpayments.get(a.OverpaymentID) : undefined;
      return a.OverpaymentID ? [{ OverpaymentID: a.OverpaymentID, AppliedAmount: toDecimal(a.AmountCents), Date: d.day(a.Date), Total: op ? toDecimal(op.TotalCents) : undefined }] : [];
    }),
    HasAttachments: false,
    IsDiscounted: false,
    UpdatedDateUTC: d.stamp(inv.UpdatedDateUTC),
  };
}

/** An allocation with its invoice and its source: `CreditNote` or `Overpayment` (as the spec's Allocation answers). */
export function wireAllocation(org: OrgData, a: Allocation, d: DateStyle) {
  const inv = org.invoices.get(a.InvoiceID);
  const source = a.OverpaymentID
    ? { Overpayment: { OverpaymentID: a.OverpaymentID, ID: a.OverpaymentID } }
    : { CreditNote: { CreditNoteID: a.CreditNoteID ?? '', CreditNoteNumber: org.creditNotes.get(a.CreditNoteID ?? '')?.CreditNoteNumber ?? '' } };
  return {
    AllocationID: a.AllocationID,
    Amount: toDecimal(a.AmountCents),
    Date: d.day(a.Date),
    Invoice: { InvoiceID: a.InvoiceID, InvoiceNumber: inv?.InvoiceNumber ?? '' },
    ...source,
  };
}

/** A credit note with its computed RemainingCredit, its Allocations and its cash refunds (Payments). */
export function wireCreditNote(org: OrgData, cn: CreditNote, d: DateStyle, unitdp = 4) {
  const contact = org.contacts.get(cn.ContactID);
  const allocations = [...org.allocations.values()].filter((a) => a.CreditNoteID === cn.CreditNoteID);
  const refunds = [...org.payments.values()].filter((p) => p.CreditNoteID === cn.CreditNoteID && p.Status !== 'DELETED');
  return {
    Type: cn.Type,
    CreditNoteID: cn.CreditNoteID,
    ID: cn.CreditNoteID,
    CreditNoteNumber: cn.CreditNoteNumber,
    Reference: cn.Reference ?? '',
    Contact: contact ? { ContactID: contact.ContactID, Name: contact.Name, ContactNumber: contact.ContactNumber } : { ContactID: cn.ContactID },
    Date: d.day(cn.Date),
    DueDate: cn.DueDate ? d.day(cn.DueDate) : undefined,
    Status: cn.Status,
    LineAmountTypes: cn.LineAmountTypes,
    LineItems: wireLines(cn.LineItems, unitdp),
    SubTotal: toDecimal(cn.SubTotalCents),
    TotalTax: toDecimal(cn.TotalTaxCents),
    Total: toDecimal(cn.TotalCents),
    RemainingCredit: toDecimal(remainingCreditCents(org, cn)),
    CurrencyCode: cn.CurrencyCode,
    CurrencyRate: 1,
    FullyPaidOnDate: cn.FullyPaidOnDate ? d.day(cn.FullyPaidOnDate) : undefined,
    Allocations: allocations.map((a) => {
      const { CreditNote: _self, ...rest } = wireAllocation(org, a, d);
      return rest;
    }),
    Payments: refunds.map((p) => ({
      PaymentID: p.PaymentID,
      Date: d.day(p.Date),
      Amount: toDecimal(p.AmountCents),
      Reference: p.Reference ?? '',
      CurrencyRate: 1,
      HasAccount: true,
      HasValidationErrors: false,
    })),
    HasAttachments: false,
    UpdatedDateUTC: d.stamp(cn.UpdatedDateUTC),
  };
}

/**
 * How a cash refund of a credit note names it. Xero's own answers differ: the PUT answer carries
 * `CreditNote`, reads (GET, and the answer to a deletion) carry it as an `Invoice` of Type ACCRECCREDIT
 * (GET /Payments example in xero_accounting.yaml; XeroAPI/xero-ruby#48). The admin view shows both.
 */
export type RefundShape = 'read' | 'created' | 'admin';

export function wirePayment(org: OrgData, p: Payment, d: DateStyle, refundAs: RefundShape = 'read') {
  const acct = org.accounts.find((a) => a.AccountID === p.AccountID);
  return {
    PaymentID: p.PaymentID,
    Date: d.day(p.Date),
    Amount: toDecimal(p.AmountCents),
    BankAmount: toDecimal(p.AmountCents),
    CurrencyRate: 1,
    Reference: p.Reference ?? '',
    Status: p.Status,
    PaymentType: p.CreditNoteID ? 'ARCREDITPAYMENT' : p.OverpaymentID ? 'AROVERPAYMENTPAYMENT' : 'ACCRECPAYMENT',
    IsReconciled: false,
    HasAccount: true,
    HasValidationErrors: false,
    Account: acct ? { AccountID: acct.AccountID, Code: acct.Code, Name: acct.Name } : { AccountID: p.AccountID },
    ...(p.CreditNoteID ? refundOf(org, p.CreditNoteID, refundAs) : p.OverpaymentID ? overpaymentRefundOf(org, p.OverpaymentID) : { Invoice: paidInvoice(org, p.InvoiceID ?? '') }),
    UpdatedDateUTC: d.stamp(p.UpdatedDateUTC),
  };
}

function paidInvoice(org: OrgData, id: string) {
  const inv = org.invoices.get(id);
  if (!inv) return { InvoiceID: id };
  return { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, Type: inv.Type, Contact: { ContactID: inv.ContactID, Name: org.contacts.get(inv.ContactID)?.Name } };
}

function refundOf(org: OrgData, id: string, refundAs: RefundShape) {
  const cn = org.creditNotes.get(id);
  const contact = cn ? { ContactID: cn.ContactID, Name: org.contacts.get(cn.ContactID)?.Name } : undefined;
  const number = cn?.CreditNoteNumber ?? '';
  const asCreditNote = { CreditNote: { CreditNoteID: id, CreditNoteNumber: number, Type: 'ACCRECCREDIT', Contact: contact } };
  const asInvoice = { Invoice: { InvoiceID: id, InvoiceNumber: number, Type: 'ACCRECCREDIT', Contact: contact } };
  if (refundAs === 'created') return asCreditNote;
  return refundAs === 'admin' ? { ...asInvoice, ...asCreditNote } : asInvoice;
}

/** A refund out of an overpayment names it as `Overpayment` on every read (how Xero shows it there is UNCONFIRMED). */
function overpaymentRefundOf(org: OrgData, id: string) {
  const op = org.overpayments.get(id);
  const contact = op ? { ContactID: op.ContactID, Name: org.contacts.get(op.ContactID)?.Name } : undefined;
  return { Overpayment: { OverpaymentID: id, ID: id, Type: 'RECEIVE-OVERPAYMENT', Contact: contact } };
}

/** GET /__emulator/state: every organisation's books in wire shape with ISO dates. */
export function stateView(orgs: Iterable<OrgData>) {
  return [...orgs].map((org) => ({
    tenantId: org.organisation.OrganisationID,
    name: org.organisation.Name,
    countryCode: org.organisation.CountryCode,
    baseCurrency: org.organisation.BaseCurrency,
    contacts: [...org.contacts.values()].map((c) => wireContact(c, ISO_DATES)),
    invoices: [...org.invoices.values()].map((i) => wireInvoice(org, i, ISO_DATES)),
    payments: [...org.payments.values()].map((p) => wirePayment(org, p, ISO_DATES, 'admin')),
    creditNotes: [...org.creditNotes.values()].map((c) => wireCreditNote(org, c, ISO_DATES)),
    overpayments: [...org.overpayments.values()].map((o) => wireOverpayment(org, o, ISO_DATES)),
    items: [...org.items.values()].map((i) => wireItem(i, ISO_DATES)),
    accounts: org.accounts.map((a) => wireAccount(a, ISO_DATES)),
    trackingCategories: org.trackingCategories.map(wireTracking),
  }));
}
