/**
 * Pulls Xero's reference data (Organisation, Accounts, TaxRates, TrackingCategories with options,
 * Items) into SQLite so the Synchronize tab, the mapping checks and the payload builders work
 * offline. Accounts and Items are fetched with If-Modified-Since after the first pull; the small
 * lists (tax rates, tracking) are replaced whole because Xero offers no such filter for them.
 * All answers are fetched first and written in one transaction: a failed refresh leaves the
 * previous mirror untouched.
 */
import type { Account, Item, TaxRate, TrackingCategory } from 'xero-node';
import type { ReferenceData } from '../../contract';
import type { Db } from '../db/open-database';
import type { XeroApiClient } from './api-client';
import {
  clearMirror, markFetched, mirrorTenantId, readModifiedSince, readReferenceData, replaceTaxRates, replaceTrackingCategories,
  setOrganisation, upsertAccounts, upsertItems,
} from './reference-store';

/** The part of the API client the mirror uses (keeps tests and callers honest about what is needed). */
export type ReferenceClient = Pick<XeroApiClient, 'sdk' | 'tenantId'>;

export interface RefreshOptions {
  /** Ignore If-Modified-Since and fetch everything (e.g. to notice accounts deleted in Xero). */
  full?: boolean;
  now?: () => Date;
}

export async function refreshReferenceData(db: Db, client: ReferenceClient, options: RefreshOptions = {}): Promise<ReferenceData> {
  const tenantId = client.tenantId();
  const sameOrg = mirrorTenantId(db) === tenantId;
  const incremental = sameOrg && !options.full;
  const since = (entity: 'accounts' | 'items') => {
    const v = incremental ? readModifiedSince(db, entity) : null;
    return v ? new Date(v) : undefined;
  };
  const fetchedAt = (options.now?.() ?? new Date()).toISOString();

  const [org, accounts, taxRates, tracking, items] = await Promise.all([
    client.sdk((a, t) => a.getOrganisations(t)),
    client.sdk((a, t) => a.getAccounts(t, since('accounts'))),
    client.sdk((a, t) => a.getTaxRates(t)),
    client.sdk((a, t) => a.getTrackingCategories(t, undefined, undefined, true)),
    client.sdk((a, t) => a.getItems(t, since('items'))),
  ]);
  const accountList: Account[] = accounts.body.accounts ?? [];
  const itemList: Item[] = items.body.items ?? [];

  db.transaction(() => {
    if (!incremental) clearMirror(db);
    const organisation = org.body.organisations?.[0];
    if (organisation) setOrganisation(db, tenantId, organisation);
    upsertAccounts(db, accountList);
    replaceTaxRates(db, (taxRates.body.taxRates ?? []) as TaxRate[]);
    replaceTrackingCategories(db, (tracking.body.trackingCategories ?? []) as TrackingCategory[]);
    upsertItems(db, itemList);
    markFetched(db, 'organisation', tenantId, fetchedAt, null);
    markFetched(db, 'accounts', tenantId, fetchedAt, latestUpdate(accountList));
    markFetched(db, 'tax_rates', tenantId, fetchedAt, null);
    markFetched(db, 'tracking_categories', tenantId, fetchedAt, null);
    markFetched(db, 'items', tenantId, fetchedAt, latestUpdate(itemList));
  })();
  return readReferenceData(db);
}

/** Refreshes only the tracking categories (after creating an option). */
export async function refreshTrackingCategories(db: Db, client: ReferenceClient, now: Date = new Date()): Promise<void> {
  const tenantId = client.tenantId();
  const tracking = await client.sdk((a, t) => a.getTrackingCategories(t, undefined, undefined, true));
  db.transaction(() => {
    replaceTrackingCategories(db, (tracking.body.trackingCategories ?? []) as TrackingCategory[]);
    markFetched(db, 'tracking_categories', tenantId, now.toISOString(), null);
  })();
}

/**
 * The newest UpdatedDateUTC in an answer: Xero's own clock, so the next If-Modified-Since does not
 * depend on this machine's clock being right. Null when the answer was empty (keep the old mark).
 */
function latestUpdate(rows: readonly { updatedDateUTC?: Date | string }[]): string | null {
  let max: number | null = null;
  for (const r of rows) {
    const t = r.updatedDateUTC === undefined ? NaN : new Date(r.updatedDateUTC).getTime();
    if (Number.isFinite(t) && (max === null || t > max)) max = t;
  }
  return max === null ? null : new Date(max).toISOString();
}
