/** Organisation, Accounts, TaxRates, TrackingCategories (+Options, at most 2 active) and Items. */
import { randomUUID } from 'node:crypto';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { notFound, validationException } from './http-util';
import type { OrgRequest } from './org-request';
import { envelope, list } from './query';
import { regionFor } from './seed';
import type { Item, OrgData, TrackingCategory } from './types';
import { XERO_DATES, wireAccount, wireItem, wireTaxRate, wireTracking } from './wire';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function getOrganisation(r: OrgRequest): HandlerResult {
  const o = r.org.organisation;
  const region = regionFor(o.CountryCode);
  const wire = {
    OrganisationID: o.OrganisationID,
    APIKey: '',
    Name: o.Name,
    LegalName: o.Name,
    PaysTax: true,
    Version: o.Version ?? region.version,
    OrganisationType: 'COMPANY',
    BaseCurrency: o.BaseCurrency,
    CountryCode: o.CountryCode,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    FinancialYearEndDay: o.FinancialYearEndDay ?? region.financialYearEndDay,
    FinancialYearEndMonth: o.FinancialYearEndMonth ?? region.financialYearEndMonth,
    SalesTaxBasis: o.SalesTaxBasis ?? region.salesTaxBasis,
    SalesTaxPeriod: o.SalesTaxPeriod ?? region.salesTaxPeriod,
    DefaultSalesTax: 'Tax Exclusive',
    Timezone: o.Timezone,
    OrganisationEntityType: 'COMPANY',
    ShortCode: o.ShortCode,
    Edition: 'BUSINESS',
    Class: 'PREMIUM',
    // "Shown if set" (xero_accounting.yaml), in Xero's date format.
    ...(o.PeriodLockDate ? { PeriodLockDate: XERO_DATES.day(o.PeriodLockDate) } : {}),
    ...(o.EndOfYearLockDate ? { EndOfYearLockDate: XERO_DATES.day(o.EndOfYearLockDate) } : {}),
    CreatedDateUTC: XERO_DATES.stamp(o.CreatedDateUTC),
  };
  return { status: 200, body: envelope('Organisations', [wire], r.now) };
}

export function listAccounts(r: OrgRequest): HandlerResult {
  return list(r.org.accounts, { key: 'Accounts', shape: wireAccount, updated: (a) => a.UpdatedDateUTC }, r);
}

export function listTaxRates(r: OrgRequest): HandlerResult {
  return list(r.org.taxRates, { key: 'TaxRates', shape: wireTaxRate, updated: () => 0 }, r);
}

export function listTracking(r: OrgRequest): HandlerResult {
  return list(r.org.trackingCategories, {
    key: 'TrackingCategories',
    shape: wireTracking,
    updated: () => 0,
    archived: (t) => t.Status !== 'ACTIVE',
  }, r);
}

function trackingError(message: string): never {
  throw validationException([{ ValidationErrors: [{ Message: message }] }]);
}

/** PUT /TrackingCategories: Xero allows at most 2 active categories (4 in all). */
export function createTrackingCategory(r: OrgRequest): HandlerResult {
  const name = str(r.body.Name);
  const cats = r.org.trackingCategories;
  if (!name) trackingError('The tracking category name is mandatory.');
  if (cats.some((c) => c.Name === name)) trackingError(`A tracking category named ${name} already exists.`);
  if (cats.filter((c) => c.Status === 'ACTIVE').length >= 2) trackingError('You can only have 2 active tracking categories.');
  if (cats.length >= 4) trackingError('You can only have 4 tracking categories in all.');
  const cat: TrackingCategory = { TrackingCategoryID: randomUUID(), Name: name, Status: 'ACTIVE', Options: [] };
  cats.push(cat);
  return { status: 200, body: envelope('TrackingCategories', [wireTracking(cat)], r.now) };
}

/** POST /TrackingCategories/{id}: rename or archive/activate, keeping the 2-active rule. */
export function updateTrackingCategory(r: OrgRequest, id: string): HandlerResult {
  const cat = findCategory(r.org, id);
  const status = str(r.body.Status) as TrackingCategory['Status'] | undefined;
  if (status === 'ACTIVE' && cat.Status !== 'ACTIVE' && r.org.trackingCategories.filter((c) => c.Status === 'ACTIVE').length >= 2) {
    trackingError('You can only have 2 active tracking categories.');
  }
  if (status === 'ACTIVE' || status === 'ARCHIVED') cat.Status = status;
  const name = str(r.body.Name);
  if (name) cat.Name = name;
  return { status: 200, body: envelope('TrackingCategories', [wireTracking(cat)], r.now) };
}

export function createTrackingOption(r: OrgRequest, id: string): HandlerResult {
  const cat = findCategory(r.org, id);
  const name = str(r.body.Name);
  if (!name) trackingError('The tracking option name is mandatory.');
  if (cat.Options.some((o) => o.Name === name)) trackingError(`The tracking option ${name} already exists in ${cat.Name}.`);
  const opt = { TrackingOptionID: randomUUID(), Name: name, Status: 'ACTIVE' as const };
  cat.Options.push(opt);
  return { status: 200, body: envelope('Options', [{ ...opt, IsActive: true }], r.now) };
}

function findCategory(org: OrgData, id: string): TrackingCategory {
  const cat = org.trackingCategories.find((c) => c.TrackingCategoryID === id);
  if (!cat) throw notFound();
  return cat;
}

export function listItems(r: OrgRequest): HandlerResult {
  return list(r.org.items.values(), { key: 'Items', shape: wireItem, updated: (i) => i.UpdatedDateUTC, lists: { IDs: 'ItemID' } }, r);
}

export function saveItems(r: OrgRequest, mode: 'create' | 'upsert'): HandlerResult {
  const els = elementsOf(r.body, 'Items');
  return runBatch('Items', els, r.summarize, (el, undo) => wireItem(applyItem(r, el, undo, mode), XERO_DATES), r.now);
}

function applyItem(r: OrgRequest, el: Record<string, unknown>, undo: UndoLog, mode: 'create' | 'upsert'): Item {
  const code = str(el.Code);
  const errors: string[] = [];
  if (!code) throw new ElementError(['Item Code is mandatory.']);
  if (code.length > 30) errors.push('Item Code must not be more than 30 characters long.');
  const existing = [...r.org.items.values()].find((i) => i.Code === code);
  if (existing && mode === 'create') errors.push(`Item code '${code}' already exists.`);
  const name = str(el.Name) ?? existing?.Name ?? code;
  if (name.length > 50) errors.push('Item Name must not be more than 50 characters long.');
  const sales = el.SalesDetails && typeof el.SalesDetails === 'object' ? (el.SalesDetails as Item['SalesDetails']) : existing?.SalesDetails;
  if (sales?.AccountCode && !r.org.accounts.some((a) => a.Code === sales.AccountCode && a.Status === 'ACTIVE')) {
    errors.push(`Account code '${sales.AccountCode}' is not a valid code.`);
  }
  if (errors.length) throw new ElementError(errors);
  const fields = { Code: code, Name: name, ...(str(el.Description) ? { Description: str(el.Description) } : {}), SalesDetails: sales, IsSold: true, UpdatedDateUTC: r.now };
  if (existing) {
    const before = { ...existing };
    Object.assign(existing, fields);
    undo.push(() => restoreRecord(existing, before));
    return existing;
  }
  const item: Item = { ItemID: randomUUID(), IsPurchased: false, ...fields };
  r.org.items.set(item.ItemID, item);
  undo.push(() => r.org.items.delete(item.ItemID));
  return item;
}
