/**
 * "Suggest mappings": fills the gaps in a mapping by matching names, never overwriting a choice
 * the user made. Charge types go where what they are says (suggestChargeType): only a confident
 * match whose account and tax agree, each with the reason; locations, buildings and
 * unit types go to the tracking category named like them ("Location", "Region", "Unit Type"...)
 * and the option with the same name; payment methods go to a bank account named like them
 * ("Petty Cash" for cash), else the main bank account; Write-offs go to a bad-debt expense account
 * with the tax the region asks for (write-off-suggest.ts).
 */
import type { ChargeTypeMapping, Mapping, MappingSuggestion, PaymentMethod, ReferenceData, TrackingMapping, TrackingSource } from '../../contract';
import type { Db } from '../db/open-database';
import { accountLabel, canTakePayments, readReferenceData } from '../xero/reference-store';
import { LIABILITY_ACCOUNT_TYPES, REVENUE_ACCOUNT_TYPES } from './mapping-check';
import { isWriteOffChosen, listFacilityValues, MAX_TRACKING_CATEGORIES, TRACKING_SOURCES, valuesForSource } from './mapping';
import { suggestWriteOff } from './write-off-suggest';

const CATEGORY_NAMES: Record<TrackingSource, RegExp> = {
  location: /\b(location|region|site|branch|facility|store|area)s?\b/i,
  building: /\b(building|block)s?\b/i,
  unit_type: /\b(unit ?type|unit size|size|unit)s?\b/i,
};
const PAYMENT_NAMES: Record<PaymentMethod, RegExp> = {
  cash: /\b(petty cash|cash)\b/i,
  cheque: /\b(cheques?|checks?)\b/i,
  credit_card: /\b(credit card|card|merchant|stripe|square)\b/i,
  debit_card: /\b(debit card|card|eftpos|merchant)\b/i,
  online_banking: /\b(online|business bank|cheque account|bank)\b/i,
};

export function suggestMapping(db: Db, current: Mapping, reference: ReferenceData = readReferenceData(db)): Mapping {
  return suggestMappingWithReasons(db, current, reference).mapping;
}

/** The suggested mapping, and for each charge type why it was filled in or left for the user. */
export function suggestMappingWithReasons(
  db: Db, current: Mapping, reference: ReferenceData = readReferenceData(db),
): { mapping: Mapping; suggestions: MappingSuggestion[] } {
  const facility = listFacilityValues(db);
  const next: Mapping = structuredClone(current);
  const reasons: MappingSuggestion[] = [];
  const kinds = new Map((db.prepare('SELECT external_id, kind FROM charge_types').all() as { external_id: string; kind: string }[]).map((r) => [r.external_id, r.kind]));
  // A choice that names a Xero id this organisation does not have (made for another organisation)
  // is no choice here: it is suggested afresh.
  if (reference.fetchedAt) {
    const accountIds = new Set(reference.accounts.map((a) => a.accountId));
    for (const [method, id] of Object.entries(next.paymentAccounts)) {
      if (id && !accountIds.has(id)) delete next.paymentAccounts[method as PaymentMethod];
    }
    const categoryIds = new Set(reference.trackingCategories.map((c) => c.categoryId));
    const categoryNames = new Set(reference.trackingCategories.map((c) => c.name.toLowerCase()));
    next.tracking = next.tracking.filter((t) => (t.categoryId ? categoryIds.has(t.categoryId) : categoryNames.has(t.categoryName.toLowerCase())));
  }

  // Map categories: keep the user's categories; add matching ones up to Xero's limit of 2.
  const active = reference.trackingCategories.filter((c) => c.status === 'ACTIVE');
  for (const source of TRACKING_SOURCES) {
    if (next.tracking.length >= MAX_TRACKING_CATEGORIES || next.tracking.some((t) => t.source === source)) continue;
    const taken = new Set(next.tracking.map((t) => t.categoryName.toLowerCase()));
    const category = active.find((c) => CATEGORY_NAMES[source].test(c.name) && !taken.has(c.name.toLowerCase()));
    if (category) next.tracking.push({ source, categoryId: category.categoryId, categoryName: category.name, options: {} });
  }
  for (const t of next.tracking) fillOptions(t, valuesForSource(facility, t.source), reference);

  // Products/Services: only a confident match that agrees with what the charge is.
  for (const { value, label } of facility.chargeTypes) {
    const existing = next.chargeTypes[value];
    if (existing && (existing.itemCode || existing.accountCode)) continue;
    const { mapping, reason } = suggestChargeType(label, kinds.get(value) ?? 'service', reference);
    if (mapping) next.chargeTypes[value] = mapping;
    reasons.push({ section: 'products', key: value, made: mapping !== null, reason });
  }
  // Write-offs: a bad-debt expense account with the tax the organisation's region asks for (write-off-suggest.ts).
  if (!isWriteOffChosen(next.writeOff)) {
    const { writeOff, suggestion } = suggestWriteOff(db, reference);
    if (writeOff) next.writeOff = writeOff;
    reasons.push(suggestion);
  }

  // Paid to Account
  const payable = reference.accounts.filter((a) => a.status === 'ACTIVE' && canTakePayments(a));
  const mainBank = payable.find((a) => /business bank|cheque account|main/i.test(a.name)) ?? payable.find((a) => a.type === 'BANK');
  for (const { value } of facility.paymentMethods) {
    const method = value as PaymentMethod;
    if (next.paymentAccounts[method]) continue;
    const named = payable.find((a) => a.type === 'BANK' && PAYMENT_NAMES[method].test(a.name));
    const account = named ?? mainBank;
    if (account) next.paymentAccounts[method] = account.accountId;
  }
  return { mapping: next, suggestions: reasons };
}

function fillOptions(t: TrackingMapping, values: { value: string; label: string }[], reference: ReferenceData): void {
  const category = reference.trackingCategories.find((c) => (t.categoryId ? c.categoryId === t.categoryId : c.name === t.categoryName));
  const options = (category?.options ?? []).filter((o) => o.status === 'ACTIVE');
  for (const { value, label } of values) {
    if (t.options[value]) continue;
    const exact = options.find((o) => norm(o.name) === norm(label) || norm(o.name) === norm(value));
    const partial = exact ?? best(options, (o) => (containsWords(label, o.name) || containsWords(o.name, label) ? 1 : 0));
    if (partial) t.options[value] = partial.name;
  }
}

const TAXABLE_KINDS = new Set(['rent', 'fee', 'merchandise', 'service']);

/**
 * A charge type's suggestion by what it is: rent, fees, merchandise and services are taxable
 * income (the organisation's standard rate on sales); a refundable deposit is money held, so a
 * liability account named for deposits with no tax; insurance follows the item's own setting
 * (policies differ), so only an item matched by code or name is suggested. An item is used only
 * when its code or name matches exactly and its account and tax agree with those rules.
 */
function suggestChargeType(label: string, kind: string, reference: ReferenceData): { mapping: ChargeTypeMapping | null; reason: string } {
  const accounts = reference.accounts.filter((a) => a.status === 'ACTIVE');
  const taxOf = (taxType: string | null | undefined) => reference.taxRates.find((t) => t.taxType === taxType && t.status === 'ACTIVE');
  // Confident only: the item's code or name is the charge's name (spaces and words like "Monthly" aside).
  const names = new Set([norm(label), norm(label).replace(/ /g, ''), core(label), core(label).replace(/ /g, '')].filter(Boolean));
  const item = reference.items.find((i) => names.has(norm(i.code)) || names.has(norm(i.name)));
  const itemAccount = item?.accountCode ? accounts.find((a) => a.code === item.accountCode) : undefined;

  if (kind === 'deposit') {
    const liability = accounts.find((a) => LIABILITY_ACCOUNT_TYPES.includes(a.type) && /deposit|bond/i.test(a.name));
    const noTax = reference.taxRates.find((t) => t.status === 'ACTIVE' && t.forRevenue && t.rate === 0 && /excluded|no gst|no vat|^none|not reported/i.test(t.name));
    if (!liability || !noTax) {
      return { mapping: null, reason: `A refundable deposit is money held for the tenant, not income: map it to a liability account with no tax. ${liability ? '' : 'Xero has no liability account named for deposits: add one (e.g. "Tenant deposits held", Current Liability), click Refresh from Xero, then choose it.'}`.trim() };
    }
    return { mapping: { itemCode: null, accountCode: liability.code, taxType: noTax.taxType }, reason: `Deposits are held, not earned: liability account ${accountLabel(liability)} with ${noTax.name}.` };
  }

  if (kind === 'insurance') {
    if (item && itemAccount && REVENUE_ACCOUNT_TYPES.includes(itemAccount.type) && taxOf(item.taxType)?.forRevenue) {
      return { mapping: { itemCode: item.code, accountCode: null, taxType: null }, reason: `The Xero item ${item.code} is named like it; its own account and tax rate (${taxOf(item.taxType)?.name}) apply, as insurance may be taxed or not.` };
    }
    return { mapping: null, reason: 'Insurance may be taxed or not, depending on the policy: choose its item, or its account and tax rate.' };
  }

  const standard = reference.taxRates
    .filter((t) => t.status === 'ACTIVE' && t.forRevenue && t.rate > 0)
    .sort((x, y) => y.rate - x.rate)[0];
  if (!TAXABLE_KINDS.has(kind) || !standard) {
    return { mapping: null, reason: 'No rule applies to this charge type: choose its item, or its account and tax rate.' };
  }
  if (item) {
    const itemTax = taxOf(item.taxType);
    if (itemAccount && REVENUE_ACCOUNT_TYPES.includes(itemAccount.type) && itemTax && itemTax.rate > 0 && itemTax.forRevenue) {
      return { mapping: { itemCode: item.code, accountCode: null, taxType: null }, reason: `The Xero item ${item.code} is named for this charge; its account ${accountLabel(itemAccount)} and ${itemTax.name} fit a taxable charge.` };
    }
  }
  const revenue = accounts.filter((a) => REVENUE_ACCOUNT_TYPES.includes(a.type));
  const named = revenue.find((a) => norm(a.name) === norm(label));
  const account = named ?? revenue.find((a) => /^sales$/i.test(a.name)) ?? revenue.find((a) => a.type === 'REVENUE' && /sales/i.test(a.name));
  if (!account) return { mapping: null, reason: 'Xero has no revenue account named Sales or like this charge: choose one.' };
  const why = named ? `the revenue account with the same name` : `rent, fees and sales are income: the Sales account`;
  const skipped = item ? ` (the item ${item.code} was not used: its account or tax does not fit a taxable charge)` : '';
  return { mapping: { itemCode: null, accountCode: account.code, taxType: standard.taxType }, reason: `${why[0]?.toUpperCase()}${why.slice(1)}, ${accountLabel(account)}, with the standard rate on sales, ${standard.name}${skipped}.` };
}

/** Words that say how often or where, not what is charged. */
const NOISE = new Set(['monthly', 'weekly', 'annual', 'yearly', 'charge', 'charges', 'the', 'unit', 'storage']);

function core(s: string): string {
  return norm(s).split(' ').filter((w) => !NOISE.has(w)).join(' ');
}

function best<T>(list: readonly T[], score: (x: T) => number): T | undefined {
  let top: T | undefined;
  let topScore = 0;
  for (const x of list) {
    const s = score(x);
    if (s > topScore) [top, topScore] = [x, s];
  }
  return top;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Whether every word of `needle` appears in `hay` ("Sydney" in "Sydney Central Storage"). */
function containsWords(hay: string, needle: string): boolean {
  const h = ` ${norm(hay)} `;
  const n = norm(needle);
  return n.length > 0 && h.includes(` ${n} `);
}
