/**
 * The shape of a region's seed (region-au.ts, region-nz.ts, region-gb.ts): what a new Xero
 * organisation there starts with: currency, financial year end, default tax rates, chart of accounts
 * (a subset of the region's default chart plus two bank accounts) and a few items. Sources per region
 * are in README.md ("Regions").
 */

/** [code, name, type, class, taxType, enablePaymentsToAccount, systemAccount?] */
export type ChartRow = [string, string, string, string, string, boolean, string?];

/** Where a tax rate may be used, in Xero's CanApplyTo* flags. */
export type Applies = Array<'revenue' | 'expenses' | 'assets' | 'liabilities' | 'equity'>;

/** [name, taxType, effective rate %, applies to, ReportTaxType?] */
export type TaxRateRow = [string, string, number, Applies, string?];

export interface ItemSeedRow {
  Code: string;
  Name: string;
  UnitPrice?: number;
  AccountCode?: string;
  TaxType?: string;
}

export interface Region {
  /** Organisation.CountryCode (ISO 3166: the UK is GB). */
  countryCode: string;
  /** Organisation.Version (AU, NZ, UK). */
  version: string;
  baseCurrency: string;
  timezone: string;
  financialYearEndDay: number;
  financialYearEndMonth: number;
  salesTaxBasis: string;
  salesTaxPeriod: string;
  chart: ChartRow[];
  taxRates: TaxRateRow[];
  items: ItemSeedRow[];
  bankAccountNumber(code: string): string;
}

export const OUTPUT_LIKE: Applies = ['revenue', 'assets', 'liabilities', 'equity'];
export const INPUT_LIKE: Applies = ['expenses', 'assets', 'liabilities', 'equity'];
export const EVERYWHERE: Applies = ['revenue', 'expenses', 'assets', 'liabilities', 'equity'];
