/**
 * New Zealand: NZD, GST 15%, financial year ending 31 March. Tax rates as Xero's OpenAPI example of
 * GET /TaxRates for an NZ organisation lists them (names, types, flags, ReportTaxType).
 */
import { EVERYWHERE, INPUT_LIKE, OUTPUT_LIKE, type Region } from './regions';

export const NZ: Region = {
  countryCode: 'NZ',
  version: 'NZ',
  baseCurrency: 'NZD',
  timezone: 'NEWZEALANDSTANDARDTIME',
  financialYearEndDay: 31,
  financialYearEndMonth: 3,
  salesTaxBasis: 'INVOICE',
  salesTaxPeriod: 'TWOMONTHS',
  chart: [
    ['090', 'Business Bank Account', 'BANK', 'ASSET', 'NONE', false],
    ['091', 'Business Savings Account', 'BANK', 'ASSET', 'NONE', false],
    ['200', 'Sales', 'REVENUE', 'REVENUE', 'OUTPUT2', false],
    ['260', 'Other Revenue', 'REVENUE', 'REVENUE', 'OUTPUT2', false],
    ['270', 'Interest Income', 'REVENUE', 'REVENUE', 'NONE', false],
    ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT2', false],
    ['400', 'Advertising', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['404', 'Bank Fees', 'EXPENSE', 'EXPENSE', 'NONE', false],
    ['412', 'Consulting & Accounting', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['429', 'General Expenses', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['445', 'Light, Power, Heating', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['469', 'Rent', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['477', 'Salaries', 'EXPENSE', 'EXPENSE', 'NONE', false],
    // Not in Xero's default chart (Xero's help says to add one to write off a bad debt): the emulator's code and name.
    ['495', 'Bad Debts', 'EXPENSE', 'EXPENSE', 'INPUT2', false],
    ['610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'NONE', false, 'DEBTORS'],
    ['620', 'Prepayments', 'CURRENT', 'ASSET', 'NONE', false],
    ['710', 'Office Equipment', 'FIXED', 'ASSET', 'INPUT2', false],
    ['800', 'Accounts Payable', 'CURRLIAB', 'LIABILITY', 'NONE', false, 'CREDITORS'],
    // Not in Xero's default chart: what a storage business adds for the refundable deposits it holds.
    ['855', 'Tenant Deposits Held', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['820', 'GST', 'CURRLIAB', 'LIABILITY', 'NONE', false, 'GST'],
    ['825', 'PAYE Payable', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['840', 'Historical Adjustment', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['877', 'Tracking Transfers', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['960', 'Retained Earnings', 'EQUITY', 'EQUITY', 'NONE', false, 'RETAINEDEARNINGS'],
    ['970', 'Owner A Funds Introduced', 'EQUITY', 'EQUITY', 'NONE', false],
    ['980', 'Owner A Drawings', 'EQUITY', 'EQUITY', 'NONE', true],
  ],
  taxRates: [
    ['15% GST on Expenses', 'INPUT2', 15, INPUT_LIKE, 'INPUT'],
    ['15% GST on Income', 'OUTPUT2', 15, OUTPUT_LIKE, 'OUTPUT'],
    ['GST on Imports', 'GSTONIMPORTS', 0, ['liabilities'], 'GSTONIMPORTS'],
    ['No GST', 'NONE', 0, EVERYWHERE, 'NONE'],
    ['Zero Rated', 'ZERORATED', 0, ['revenue', 'liabilities'], 'OUTPUT'],
  ],
  items: [
    { Code: 'RENT', Name: 'Storage unit rent', UnitPrice: 140, AccountCode: '200', TaxType: 'OUTPUT2' },
    { Code: 'INSURANCE', Name: 'Contents insurance', UnitPrice: 18, AccountCode: '260', TaxType: 'OUTPUT2' },
    { Code: 'LATEFEE', Name: 'Late fee', UnitPrice: 25, AccountCode: '260', TaxType: 'NONE' },
    { Code: 'LOCK', Name: 'Padlock', UnitPrice: 30, AccountCode: '200', TaxType: 'OUTPUT2' },
  ],
  bankAccountNumber: (code) => `12-3140-0${code}123-00`,
};
