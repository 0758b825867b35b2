/**
 * Internal records -> Xero's wire format (PascalCase, decimals, /Date(ms+0000)/). The admin state
 * view uses the same shapes with plain ISO dates, which are easier to assert on.
 */
import type { Account, Contact, ContactPhone, Invoice, Item, OrgData, Payment, PhoneType, TaxRate, TrackingCategory } from './types';

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

const toDecimal = (cents: number): number => cents / 100;
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

/** `unitdp`: UnitAmount decimals shown (Xero shows 2 unless the request says unitdp=4). */
export function wireInvoice(org: OrgData, inv: Invoice, d: DateStyle, unitdp = 4) {
  const contact = org.contacts.get(inv.ContactID);
  const payments = [...org.payments.values()].filter((p) => p.InvoiceID === inv.InvoiceID && p.Status !== 'DELETED');
  const amountDue = inv.Status === 'VOIDED' || inv.Status === 'DELETED' ? 0 : inv.TotalCents - inv.AmountPaidCents;
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
    LineItems: inv.LineItems.map((l) => ({
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
    })),
    SubTotal: toDecimal(inv.SubTotalCents),
    TotalTax: toDecimal(inv.TotalTaxCents),
    Total: toDecimal(inv.TotalCents),
    AmountDue: toDecimal(amountDue),
    AmountPaid: toDecimal(inv.AmountPaidCents),
    AmountCredited: 0,
    CurrencyCode: inv.CurrencyCode,
    CurrencyRate: 1,
    FullyPaidOnDate: inv.FullyPaidOnDate ? d.day(inv.FullyPaidOnDate) : undefined,
    Payments: payments.map((p) => ({ PaymentID: p.PaymentID, Date: d.day(p.Date), Amount: toDecimal(p.AmountCents), Reference: p.Reference ?? '' })),
    HasAttachments: false,
    IsDiscounted: false,
    UpdatedDateUTC: d.stamp(inv.UpdatedDateUTC),
  };
}

export function wirePayment(org: OrgData, p: Payment, d: DateStyle) {
  const inv = org.invoices.get(p.InvoiceID);
  const acct = org.accounts.find((a) => a.AccountID === p.AccountID);
  return {
    PaymentID: p.PaymentID,
    Date: d.day(p.Date),
    Amount: toDecimal(p.AmountCents),
    BankAmount: toDecimal(p.AmountCents),
    CurrencyRate: 1,
    Reference: p.Reference ?? '',
    Status: p.Status,
    PaymentType: 'ACCRECPAYMENT',
    IsReconciled: false,
    HasAccount: true,
    HasValidationErrors: false,
    Account: acct ? { AccountID: acct.AccountID, Code: acct.Code, Name: acct.Name } : { AccountID: p.AccountID },
    Invoice: inv
      ? { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, Type: inv.Type, Contact: { ContactID: inv.ContactID, Name: org.contacts.get(inv.ContactID)?.Name } }
      : { InvoiceID: p.InvoiceID },
    UpdatedDateUTC: d.stamp(p.UpdatedDateUTC),
  };
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
    payments: [...org.payments.values()].map((p) => wirePayment(org, p, ISO_DATES)),
    items: [...org.items.values()].map((i) => wireItem(i, ISO_DATES)),
    accounts: org.accounts.map((a) => wireAccount(a, ISO_DATES)),
    trackingCategories: org.trackingCategories.map(wireTracking),
  }));
}
