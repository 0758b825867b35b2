/**
 * Default data: two Australian organisations (first, unchanged: the demo and tests depend on them),
 * one in New Zealand and one in the UK, each with its region's currency, tax rates, chart of accounts
 * and financial year end (region-*.ts). Seeded ids are derived from names, so a reset or restart
 * gives the same ids and tests can rely on them.
 */
import { createHash } from 'node:crypto';
import { AU } from './region-au';
import { GB } from './region-gb';
import { NZ } from './region-nz';
import type { Region } from './regions';
import type { Account, OrgData, OrgSeed, RegisteredApp, TaxRate, TrackingCategory, Item } from './types';

export function stableId(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEFAULT_ORGANISATIONS: OrgSeed[] = [
  { name: 'Demo Storage Co' },
  { name: 'Harbour Storage Ltd' },
  { name: 'Kowhai Storage Ltd', countryCode: 'NZ' },
  { name: 'Thames Storage Ltd', countryCode: 'GB' },
];

export const DEFAULT_APPS: RegisteredApp[] = [
  { clientId: 'demo-web-app', clientSecret: 'demo-web-secret', redirectUris: ['http://localhost:47321/callback'], name: 'Facility Sync (web app)' },
  { clientId: 'demo-desktop-app', redirectUris: ['http://localhost:47321/callback'], name: 'Facility Sync (desktop)' },
];

const REGIONS: Record<string, Region> = { AU, NZ, GB };

/** The region of a CountryCode (AU when absent); an unknown one is a mistake in the seed. */
export function regionFor(countryCode = 'AU'): Region {
  const region = REGIONS[countryCode];
  if (!region) throw new Error(`The Xero emulator has no region data for country ${countryCode}: use one of ${Object.keys(REGIONS).join(', ')}`);
  return region;
}

/**
 * The chart of accounts as a real organisation has it: accounts set up one after another (a minute
 * apart, the last at `at`), not all in the same millisecond, so an inclusive If-Modified-Since from
 * the newest UpdatedDateUTC returns only what was changed at or after it.
 */
function accounts(region: Region, tenantId: string, at: number): Account[] {
  const last = region.chart.length - 1;
  return region.chart.map(([Code, Name, Type, Class, TaxType, enable, SystemAccount], i) => ({
    AccountID: stableId(`${tenantId}/account/${Code}`),
    Code,
    Name,
    Type,
    Class,
    Status: 'ACTIVE',
    TaxType,
    EnablePaymentsToAccount: enable,
    ...(Type === 'BANK' ? { BankAccountNumber: region.bankAccountNumber(Code) } : {}),
    ...(SystemAccount ? { SystemAccount } : {}),
    UpdatedDateUTC: at - (last - i) * 60_000,
  }));
}

function taxRates(region: Region): TaxRate[] {
  return region.taxRates.map(([Name, TaxType, EffectiveRate, applies, ReportTaxType]) => ({
    Name,
    TaxType,
    ...(ReportTaxType ? { ReportTaxType } : {}),
    EffectiveRate,
    Status: 'ACTIVE',
    CanApplyToRevenue: applies.includes('revenue'),
    CanApplyToAssets: applies.includes('assets'),
    CanApplyToExpenses: applies.includes('expenses'),
    CanApplyToLiabilities: applies.includes('liabilities'),
    CanApplyToEquity: applies.includes('equity'),
  }));
}

function trackingCategories(tenantId: string): TrackingCategory[] {
  const make = (name: string, options: string[]): TrackingCategory => ({
    TrackingCategoryID: stableId(`${tenantId}/tracking/${name}`),
    Name: name,
    Status: 'ACTIVE',
    Options: options.map((o) => ({ TrackingOptionID: stableId(`${tenantId}/tracking/${name}/${o}`), Name: o, Status: 'ACTIVE' })),
  });
  return [make('Location', ['Downtown', 'Harbourside', 'Airport']), make('Unit Type', ['Small', 'Medium', 'Large', 'Parking'])];
}

export function seedOrganisation(seed: OrgSeed, at: number): OrgData {
  const region = regionFor(seed.countryCode);
  const tenantId = seed.tenantId ?? stableId(`org/${seed.name}`);
  const items = new Map<string, Item>();
  for (const it of seed.items ?? region.items) {
    const ItemID = stableId(`${tenantId}/item/${it.Code}`);
    items.set(ItemID, {
      ItemID,
      Code: it.Code,
      Name: it.Name,
      IsSold: true,
      IsPurchased: false,
      SalesDetails: { UnitPrice: it.UnitPrice, AccountCode: it.AccountCode, TaxType: it.TaxType },
      UpdatedDateUTC: at,
    });
  }
  return {
    organisation: {
      OrganisationID: tenantId,
      Name: seed.name,
      ShortCode: `!${tenantId.slice(0, 5)}`,
      CountryCode: region.countryCode,
      Version: region.version,
      BaseCurrency: seed.baseCurrency ?? region.baseCurrency,
      Timezone: region.timezone,
      FinancialYearEndDay: region.financialYearEndDay,
      FinancialYearEndMonth: region.financialYearEndMonth,
      SalesTaxBasis: region.salesTaxBasis,
      SalesTaxPeriod: region.salesTaxPeriod,
      CreatedDateUTC: at,
    },
    accounts: accounts(region, tenantId, at),
    taxRates: taxRates(region),
    trackingCategories: trackingCategories(tenantId),
    items,
    contacts: new Map(),
    invoices: new Map(),
    payments: new Map(),
    nextInvoiceNumber: 1,
    creditNotes: new Map(),
    allocations: new Map(),
    overpayments: new Map(),
    nextCreditNoteNumber: 1,
  };
}
