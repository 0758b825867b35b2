/**
 * Reads the Xero reference-data mirror (migration 003) from SQLite. Everything here works offline:
 * the Synchronize tab, the mapping checks and the payload builders read only these tables.
 */
import type { ReferenceData } from '../../contract';
import type { Db } from '../db/open-database';

interface AccountRow {
  account_id: string; code: string | null; name: string; type: string; status: string; tax_type: string | null; enable_payments: number;
}
interface TaxRow { tax_type: string; name: string; status: string; rate: number; for_revenue: number }
interface CategoryRow { category_id: string; name: string; status: string }
interface OptionRow { option_id: string; category_id: string; name: string; status: string }
interface ItemRow { item_id: string; code: string; name: string; account_code: string | null; tax_type: string | null }
interface OrgRow { tenant_id: string; name: string; base_currency: string }

export function readReferenceData(db: Db): ReferenceData {
  const org = db.prepare('SELECT tenant_id, name, base_currency FROM xero_organisation WHERE singleton = 1').get() as OrgRow | undefined;
  const fetchedAt = db.prepare('SELECT MAX(fetched_at) FROM xero_reference_meta').pluck().get() as string | null;
  const accounts = db.prepare('SELECT * FROM xero_accounts ORDER BY code, name').all() as AccountRow[];
  const taxRates = db.prepare('SELECT * FROM xero_tax_rates ORDER BY name').all() as TaxRow[];
  const categories = db.prepare('SELECT * FROM xero_tracking_categories ORDER BY name').all() as CategoryRow[];
  const options = db.prepare('SELECT * FROM xero_tracking_options ORDER BY name').all() as OptionRow[];
  const items = db.prepare('SELECT * FROM xero_items ORDER BY code').all() as ItemRow[];
  return {
    organisation: org ? { tenantId: org.tenant_id, name: org.name, baseCurrency: org.base_currency } : null,
    fetchedAt: fetchedAt ?? null,
    accounts: accounts.map((a) => ({
      accountId: a.account_id, code: a.code, name: a.name, type: a.type, status: a.status, taxType: a.tax_type,
      enablePayments: a.enable_payments === 1,
    })),
    taxRates: taxRates.map((t) => ({ taxType: t.tax_type, name: t.name, status: t.status, rate: t.rate, forRevenue: t.for_revenue === 1 })),
    trackingCategories: categories.map((c) => ({
      categoryId: c.category_id, name: c.name, status: c.status,
      options: options.filter((o) => o.category_id === c.category_id).map((o) => ({ optionId: o.option_id, name: o.name, status: o.status })),
    })),
    items: items.map((i) => ({ itemId: i.item_id, code: i.code, name: i.name, accountCode: i.account_code, taxType: i.tax_type })),
  };
}

/** A bank account can take payments; so can any account with "Enable payments to this account". */
export function canTakePayments(account: { type: string; enablePayments: boolean }): boolean {
  return account.type === 'BANK' || account.enablePayments;
}

/** How an account reads in messages: "090 Business Bank Account". */
export function accountLabel(account: { code: string | null; name: string }): string {
  return account.code ? `${account.code} ${account.name}` : account.name;
}

/* ---- Writers: used by reference-mirror.ts with what Xero returned (xero-node model objects). ---- */

export type ReferenceEntity = 'accounts' | 'tax_rates' | 'tracking_categories' | 'items' | 'organisation';

export interface AccountIn {
  accountID?: string; code?: string; name?: string; type?: unknown; status?: unknown; taxType?: string; enablePaymentsToAccount?: boolean;
}
export interface TaxRateIn { taxType?: string; name?: string; status?: unknown; effectiveRate?: number; canApplyToRevenue?: boolean }
export interface TrackingCategoryIn {
  trackingCategoryID?: string; name?: string; status?: unknown;
  options?: { trackingOptionID?: string; name?: string; status?: unknown }[];
}
export interface ItemIn {
  itemID?: string; code?: string; name?: string; isSold?: boolean; salesDetails?: { accountCode?: string; taxType?: string };
}
export interface OrganisationIn { organisationID?: string; name?: string; baseCurrency?: unknown; countryCode?: unknown }

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Inserts or replaces accounts by AccountID (If-Modified-Since answers carry only the changed ones). */
export function upsertAccounts(db: Db, accounts: readonly AccountIn[]): void {
  const stmt = db.prepare(
    `INSERT OR REPLACE INTO xero_accounts (account_id, code, name, type, status, tax_type, enable_payments, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of accounts) {
    if (!a.accountID) continue;
    stmt.run(a.accountID, a.code || null, str(a.name), str(a.type), str(a.status) || 'ACTIVE', a.taxType || null, a.enablePaymentsToAccount ? 1 : 0, JSON.stringify(a));
  }
}

export function replaceTaxRates(db: Db, rates: readonly TaxRateIn[]): void {
  db.exec('DELETE FROM xero_tax_rates');
  const stmt = db.prepare('INSERT OR REPLACE INTO xero_tax_rates (tax_type, name, status, rate, for_revenue, raw) VALUES (?, ?, ?, ?, ?, ?)');
  for (const t of rates) {
    if (!t.taxType) continue;
    stmt.run(t.taxType, str(t.name), str(t.status) || 'ACTIVE', t.effectiveRate ?? 0, t.canApplyToRevenue ? 1 : 0, JSON.stringify(t));
  }
}

export function replaceTrackingCategories(db: Db, categories: readonly TrackingCategoryIn[]): void {
  db.exec('DELETE FROM xero_tracking_options; DELETE FROM xero_tracking_categories;');
  const cat = db.prepare('INSERT INTO xero_tracking_categories (category_id, name, status) VALUES (?, ?, ?)');
  const opt = db.prepare('INSERT OR REPLACE INTO xero_tracking_options (option_id, category_id, name, status) VALUES (?, ?, ?, ?)');
  for (const c of categories) {
    if (!c.trackingCategoryID) continue;
    cat.run(c.trackingCategoryID, str(c.name), str(c.status) || 'ACTIVE');
    for (const o of c.options ?? []) {
      if (o.trackingOptionID) opt.run(o.trackingOptionID, c.trackingCategoryID, str(o.name), str(o.status) || 'ACTIVE');
    }
  }
}

export function upsertItems(db: Db, items: readonly ItemIn[]): void {
  const stmt = db.prepare(
    'INSERT OR REPLACE INTO xero_items (item_id, code, name, is_sold, account_code, tax_type, raw) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const i of items) {
    if (!i.itemID || !i.code) continue;
    stmt.run(i.itemID, i.code, str(i.name), i.isSold === false ? 0 : 1, i.salesDetails?.accountCode || null, i.salesDetails?.taxType || null, JSON.stringify(i));
  }
}

export function setOrganisation(db: Db, tenantId: string, org: OrganisationIn): void {
  db.prepare(
    'INSERT OR REPLACE INTO xero_organisation (singleton, tenant_id, name, base_currency, country_code, raw) VALUES (1, ?, ?, ?, ?, ?)',
  ).run(tenantId, str(org.name), str(org.baseCurrency), str(org.countryCode) || null, JSON.stringify(org));
}

/** Whose mirror this is; a different organisation's rows must not be mixed in. */
export function mirrorTenantId(db: Db): string | null {
  return (db.prepare('SELECT tenant_id FROM xero_reference_meta LIMIT 1').pluck().get() as string | undefined) ?? null;
}

export function clearMirror(db: Db): void {
  db.exec(`DELETE FROM xero_reference_meta; DELETE FROM xero_accounts; DELETE FROM xero_tax_rates; DELETE FROM xero_tracking_options;
    DELETE FROM xero_tracking_categories; DELETE FROM xero_items; DELETE FROM xero_organisation;`);
}

export function readModifiedSince(db: Db, entity: ReferenceEntity): string | null {
  return (db.prepare('SELECT modified_since FROM xero_reference_meta WHERE entity = ?').pluck().get(entity) as string | null | undefined) ?? null;
}

export function markFetched(db: Db, entity: ReferenceEntity, tenantId: string, fetchedAt: string, modifiedSince: string | null): void {
  db.prepare(
    `INSERT INTO xero_reference_meta (entity, tenant_id, fetched_at, modified_since) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity) DO UPDATE SET tenant_id = excluded.tenant_id, fetched_at = excluded.fetched_at,
       modified_since = COALESCE(excluded.modified_since, xero_reference_meta.modified_since)`,
  ).run(entity, tenantId, fetchedAt, modifiedSince);
}
