/**
 * "Suggest mappings": fills the gaps in a mapping by matching names, never overwriting a choice
 * the user made. Charge types go to the item whose code or name shares the most words (else a
 * revenue account named like the charge, else Sales / Other Revenue); locations, buildings and
 * unit types go to the tracking category named like them ("Location", "Region", "Unit Type"...)
 * and the option with the same name; payment methods go to a bank account named like them
 * ("Petty Cash" for cash), else the main bank account.
 */
import type { ChargeTypeMapping, Mapping, PaymentMethod, ReferenceAccount, ReferenceData, TrackingMapping, TrackingSource } from '../../contract';
import type { Db } from '../db/open-database';
import { canTakePayments, readReferenceData } from '../xero/reference-store';
import { listFacilityValues, MAX_TRACKING_CATEGORIES, TRACKING_SOURCES, valuesForSource } from './mapping';

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
/** Words that say nothing about what a charge is. */
const NOISE = new Set(['monthly', 'charge', 'charges', 'the', 'and', 'of', 'a', 'unit', 'storage']);

export function suggestMapping(db: Db, current: Mapping, reference: ReferenceData = readReferenceData(db)): Mapping {
  const facility = listFacilityValues(db);
  const next: Mapping = structuredClone(current);
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

  // Products/Services
  const items = reference.items;
  const revenue = reference.accounts.filter((a) => a.status === 'ACTIVE' && (a.type === 'REVENUE' || a.type === 'SALES' || a.type === 'OTHERINCOME'));
  const kinds = new Map((db.prepare('SELECT external_id, kind FROM charge_types').all() as { external_id: string; kind: string }[]).map((r) => [r.external_id, r.kind]));
  for (const { value, label } of facility.chargeTypes) {
    const existing = next.chargeTypes[value];
    if (existing && (existing.itemCode || existing.accountCode)) continue;
    const words = wordsOf(label);
    const item = best(items, (i) => overlap(words, wordsOf(`${i.code} ${i.name}`)));
    let m: ChargeTypeMapping;
    if (item) {
      m = { itemCode: item.code, accountCode: item.accountCode ? null : fallbackRevenue(revenue, kinds.get(value))?.code ?? null, taxType: null };
    } else {
      const account = best(revenue, (a) => overlap(words, wordsOf(a.name))) ?? fallbackRevenue(revenue, kinds.get(value));
      m = { itemCode: null, accountCode: account?.code ?? null, taxType: account ? salesTaxFor(account, reference) : null };
    }
    if (m.itemCode || m.accountCode) next.chargeTypes[value] = m;
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
  return next;
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

function fallbackRevenue(revenue: ReferenceAccount[], kind: string | undefined): ReferenceAccount | undefined {
  const primary = kind === 'rent' || kind === 'merchandise' || kind === 'service' ? /^sales$/i : /other revenue|other income/i;
  return revenue.find((a) => primary.test(a.name)) ?? revenue.find((a) => /sales/i.test(a.name)) ?? revenue[0];
}

/** The account's own default tax type when it suits sales, else the first active sales rate with tax. */
function salesTaxFor(account: ReferenceAccount, reference: ReferenceData): string | null {
  const own = reference.taxRates.find((t) => t.taxType === account.taxType && t.status === 'ACTIVE' && t.forRevenue);
  return own?.taxType ?? reference.taxRates.find((t) => t.status === 'ACTIVE' && t.forRevenue && t.rate > 0)?.taxType ?? null;
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

function wordsOf(s: string): Set<string> {
  return new Set(norm(s.replace(/([a-z])([A-Z])/g, '$1 $2')).split(' ').filter((w) => w.length > 1 && !NOISE.has(w)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** Whether every word of `needle` appears in `hay` ("Sydney" in "Sydney Central Storage"). */
function containsWords(hay: string, needle: string): boolean {
  const h = ` ${norm(hay)} `;
  const n = norm(needle);
  return n.length > 0 && h.includes(` ${n} `);
}
