/**
 * Invoice line validation against the organisation's accounts, items, tax rates and tracking, and
 * Xero's totals: tax per line, rounded to cents, by LineAmountTypes.
 */
import { randomUUID } from 'node:crypto';
import type { LineAmountTypes, LineItem, LineTracking, OrgData } from './types';
import { roundTo, toCents } from './wire';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export interface Totals {
  lines: LineItem[];
  SubTotalCents: number;
  TotalTaxCents: number;
  TotalCents: number;
}

function tracking(org: OrgData, raw: unknown, errors: string[]): LineTracking[] {
  if (!Array.isArray(raw)) return [];
  if (raw.length > 2) errors.push('A line item can have at most 2 tracking categories.');
  const out: LineTracking[] = [];
  for (const t of raw as Array<Record<string, unknown>>) {
    const catName = str(t.Name);
    const cat = org.trackingCategories.find(
      (c) => c.Status === 'ACTIVE' && (c.TrackingCategoryID === str(t.TrackingCategoryID) || (catName !== undefined && c.Name === catName)),
    );
    if (!cat) {
      errors.push(`The tracking category '${catName ?? str(t.TrackingCategoryID) ?? ''}' does not exist or is archived.`);
      continue;
    }
    const optName = str(t.Option);
    const opt = cat.Options.find((o) => o.Status === 'ACTIVE' && (o.TrackingOptionID === str(t.TrackingOptionID) || (optName !== undefined && o.Name === optName)));
    if (!opt) {
      errors.push(`The tracking option '${optName ?? str(t.TrackingOptionID) ?? ''}' does not exist for the tracking category '${cat.Name}'.`);
      continue;
    }
    if (out.some((o) => o.TrackingCategoryID === cat.TrackingCategoryID)) {
      errors.push(`The tracking category '${cat.Name}' can only be used once on a line item.`);
      continue;
    }
    out.push({ TrackingCategoryID: cat.TrackingCategoryID, TrackingOptionID: opt.TrackingOptionID, Name: cat.Name, Option: opt.Name });
  }
  return out;
}

/** Cents rounded half away from zero, so a discount line's tax mirrors the same positive line's (-10.5 -> -11). */
const roundCents = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));

/**
 * Validates and prices the lines of an invoice or a credit note (`doc` names it in messages); pushes
 * Xero-worded messages to `errors`. Like Xero, UnitAmount is rounded to `unitdp` decimals (2 unless the
 * request says unitdp=4) and Quantity to 4 before the line amount is worked out. Negative amounts
 * (discount lines) are priced like any other; whether the document's total may be negative is the
 * caller's rule.
 */
export function priceLines(org: OrgData, raw: unknown, lat: LineAmountTypes, approved: boolean, errors: string[], unitdp: 2 | 4 = 2, doc = 'invoice'): Totals {
  const lines: LineItem[] = [];
  let sub = 0;
  let tax = 0;
  for (const l of (Array.isArray(raw) ? raw : []) as Array<Record<string, unknown>>) {
    const itemCode = str(l.ItemCode);
    const item = itemCode ? [...org.items.values()].find((i) => i.Code === itemCode) : undefined;
    if (itemCode && !item) errors.push(`Item code '${itemCode}' is not valid.`);
    const description = str(l.Description) ?? item?.Name;
    if (!description) errors.push('Description cannot be empty.');
    const quantity = roundTo(num(l.Quantity) ?? 1, 4);
    const unit = roundTo(num(l.UnitAmount) ?? (num(l.LineAmount) !== undefined ? (num(l.LineAmount) ?? 0) / quantity : (item?.SalesDetails?.UnitPrice ?? 0)), unitdp);
    const accountCode = str(l.AccountCode) ?? item?.SalesDetails?.AccountCode;
    const account = accountCode ? org.accounts.find((a) => a.Code === accountCode) : undefined;
    if (accountCode && (!account || account.Status !== 'ACTIVE' || account.Type === 'BANK')) {
      errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
    }
    if (!accountCode && approved) errors.push(`The Account code is mandatory for an approved ${doc} line.`);
    const taxType = lat === 'NoTax' ? undefined : (str(l.TaxType) ?? item?.SalesDetails?.TaxType ?? account?.TaxType);
    const rate = taxType ? org.taxRates.find((t) => t.TaxType === taxType && t.Status === 'ACTIVE' && t.CanApplyToRevenue) : undefined;
    if (taxType && !rate) errors.push(`The TaxType code '${taxType}' does not exist or cannot be used with this type of transaction.`);
    const lineCents = toCents(quantity * unit);
    const pct = rate?.EffectiveRate ?? 0;
    const lineTax = lat === 'Exclusive' ? roundCents((lineCents * pct) / 100) : lat === 'Inclusive' ? lineCents - roundCents(lineCents / (1 + pct / 100)) : 0;
    sub += lat === 'Inclusive' ? lineCents - lineTax : lineCents;
    tax += lineTax;
    lines.push({
      LineItemID: str(l.LineItemID) ?? randomUUID(),
      Description: description ?? '',
      Quantity: quantity,
      UnitAmount: unit,
      ...(itemCode ? { ItemCode: itemCode } : {}),
      ...(accountCode ? { AccountCode: accountCode } : {}),
      ...(taxType ? { TaxType: taxType } : { TaxType: 'NONE' }),
      TaxAmountCents: lineTax,
      LineAmountCents: lineCents,
      Tracking: tracking(org, l.Tracking, errors),
    });
  }
  if (approved && lines.length === 0) errors.push(`An approved ${doc} must have at least one line item.`);
  return { lines, SubTotalCents: sub, TotalTaxCents: tax, TotalCents: sub + tax };
}
