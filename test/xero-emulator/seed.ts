/**
 * Default data: Australian organisations (GST 10%, AUD) with the chart of accounts a new AU Xero
 * organisation starts with. Seeded ids are derived from names, so a reset or restart gives the
 * same ids and tests can rely on them.
 */
import { createHash } from 'node:crypto';
import type { Account, OrgData, OrgSeed, RegisteredApp, TaxRate, TrackingCategory, Item } from './types';

export function stableId(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEFAULT_ORGANISATIONS: OrgSeed[] = [{ name: 'Demo Storage Co' }, { name: 'Harbour Storage Ltd' }];

export const DEFAULT_APPS: RegisteredApp[] = [
  { clientId: 'demo-web-app', clientSecret: 'demo-web-secret', redirectUris: ['http://localhost:47321/callback'], name: 'Facility Sync (web app)' },
  { clientId: 'demo-desktop-app', redirectUris: ['http://localhost:47321/callback'], name: 'Facility Sync (desktop)' },
];

// [code, name, type, class, taxType, enablePayments, systemAccount?]
const CHART: Array<[string, string, string, string, string, boolean, string?]> = [
  ['090', 'Business Bank Account', 'BANK', 'ASSET', 'BASEXCLUDED', false],
  ['091', 'Business Savings Account', 'BANK', 'ASSET', 'BASEXCLUDED', false],
  ['200', 'Sales', 'REVENUE', 'REVENUE', 'OUTPUT', false],
  ['260', 'Other Revenue', 'REVENUE', 'REVENUE', 'OUTPUT', false],
  ['270', 'Interest Income', 'REVENUE', 'REVENUE', 'INPUTTAXED', false],
  ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT', false],
  ['400', 'Advertising', 'EXPENSE', 'EXPENSE', 'INPUT', false],
  ['404', 'Bank Fees', 'EXPENSE', 'EXPENSE', 'INPUTTAXED', false],
  ['412', 'Consulting & Accounting', 'EXPENSE', 'EXPENSE', 'INPUT', false],
  ['429', 'General Expenses', 'EXPENSE', 'EXPENSE', 'INPUT', false],
  ['445', 'Light, Power, Heating', 'EXPENSE', 'EXPENSE', 'INPUT', false],
  ['469', 'Rent', 'EXPENSE', 'EXPENSE', 'INPUT', false],
  ['610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'BASEXCLUDED', false, 'DEBTORS'],
  ['620', 'Prepayments', 'CURRENT', 'ASSET', 'BASEXCLUDED', false],
  ['710', 'Office Equipment', 'FIXED', 'ASSET', 'INPUT', false],
  ['800', 'Accounts Payable', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', false, 'CREDITORS'],
  ['820', 'GST', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', false, 'GST'],
  ['840', 'Historical Adjustment', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', false],
  // Not in Xero's default chart: what a storage business adds for the refundable deposits it holds.
  ['855', 'Tenant Deposits Held', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', false],
  ['877', 'Tracking Transfers', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', false],
  ['880', 'Owner A Drawings', 'EQUITY', 'EQUITY', 'BASEXCLUDED', true],
  ['960', 'Retained Earnings', 'EQUITY', 'EQUITY', 'BASEXCLUDED', false, 'RETAINEDEARNINGS'],
  ['970', 'Owner A Funds Introduced', 'EQUITY', 'EQUITY', 'BASEXCLUDED', false],
];

// [name, taxType, rate, revenue, expenses]
const TAX_RATES: Array<[string, string, number, boolean, boolean]> = [
  ['GST on Income', 'OUTPUT', 10, true, false],
  ['GST Free Income', 'EXEMPTOUTPUT', 0, true, false],
  ['Input Taxed', 'INPUTTAXED', 0, true, true],
  ['GST on Expenses', 'INPUT', 10, false, true],
  ['GST Free Expenses', 'EXEMPTEXPENSES', 0, false, true],
  ['BAS Excluded', 'BASEXCLUDED', 0, true, true],
];

function accounts(tenantId: string, at: number): Account[] {
  return CHART.map(([Code, Name, Type, Class, TaxType, enable, SystemAccount]) => ({
    AccountID: stableId(`${tenantId}/account/${Code}`),
    Code,
    Name,
    Type,
    Class,
    Status: 'ACTIVE',
    TaxType,
    EnablePaymentsToAccount: enable,
    ...(Type === 'BANK' ? { BankAccountNumber: `06200${Code}12345` } : {}),
    ...(SystemAccount ? { SystemAccount } : {}),
    UpdatedDateUTC: at,
  }));
}

function taxRates(): TaxRate[] {
  return TAX_RATES.map(([Name, TaxType, EffectiveRate, rev, exp]) => ({
    Name,
    TaxType,
    EffectiveRate,
    Status: 'ACTIVE',
    CanApplyToRevenue: rev,
    CanApplyToAssets: exp,
    CanApplyToExpenses: exp,
    CanApplyToLiabilities: exp,
    CanApplyToEquity: exp,
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

const DEFAULT_ITEMS: NonNullable<OrgSeed['items']> = [
  { Code: 'RENT', Name: 'Storage unit rent', UnitPrice: 120, AccountCode: '200', TaxType: 'OUTPUT' },
  { Code: 'INSURANCE', Name: 'Contents insurance', UnitPrice: 15, AccountCode: '260', TaxType: 'OUTPUT' },
  { Code: 'LATEFEE', Name: 'Late fee', UnitPrice: 20, AccountCode: '260', TaxType: 'EXEMPTOUTPUT' },
  { Code: 'LOCK', Name: 'Padlock', UnitPrice: 25, AccountCode: '200', TaxType: 'OUTPUT' },
];

export function seedOrganisation(seed: OrgSeed, at: number): OrgData {
  const tenantId = seed.tenantId ?? stableId(`org/${seed.name}`);
  const items = new Map<string, Item>();
  for (const it of seed.items ?? DEFAULT_ITEMS) {
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
      CountryCode: seed.countryCode ?? 'AU',
      BaseCurrency: seed.baseCurrency ?? 'AUD',
      Timezone: 'AUSEASTERNSTANDARDTIME',
      CreatedDateUTC: at,
    },
    accounts: accounts(tenantId, at),
    taxRates: taxRates(),
    trackingCategories: trackingCategories(tenantId),
    items,
    contacts: new Map(),
    invoices: new Map(),
    payments: new Map(),
    nextInvoiceNumber: 1,
  };
}
