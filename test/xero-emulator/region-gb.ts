/**
 * United Kingdom: GBP, VAT 20%, financial year ending 31 March. Xero's UK default tax rates a sales
 * integration meets (EC and import rates left out) and a subset of the UK default chart.
 */
import { EVERYWHERE, INPUT_LIKE, OUTPUT_LIKE, type Region } from './regions';

export const GB: Region = {
  countryCode: 'GB',
  version: 'UK',
  baseCurrency: 'GBP',
  timezone: 'GMTSTANDARDTIME',
  financialYearEndDay: 31,
  financialYearEndMonth: 3,
  salesTaxBasis: 'ACCRUAL',
  salesTaxPeriod: 'QUARTERLY1',
  chart: [
    ['090', 'Business Bank Account', 'BANK', 'ASSET', 'NONE', false],
    ['091', 'Business Savings Account', 'BANK', 'ASSET', 'NONE', false],
    ['200', 'Sales', 'REVENUE', 'REVENUE', 'OUTPUT2', false],
    ['260', 'Other Revenue', 'REVENUE', 'REVENUE', 'OUTPUT2', false],
    ['270', 'Interest Income', 'REVENUE', 'REVENUE', 'NONE', false],
    ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT2', false],
    ['400', 'Advertising & Marketing', 'OVERHEADS', 'EXPENSE', 'INPUT2', false],
    ['401', 'Audit & Accountancy fees', 'OVERHEADS', 'EXPENSE', 'INPUT2', false],
    ['404', 'Bank Fees', 'OVERHEADS', 'EXPENSE', 'NONE', false],
    ['425', 'Postage, Freight & Courier', 'OVERHEADS', 'EXPENSE', 'EXEMPTINPUT', false],
    ['429', 'General Expenses', 'OVERHEADS', 'EXPENSE', 'INPUT2', false],
    ['433', 'Insurance', 'OVERHEADS', 'EXPENSE', 'EXEMPTINPUT', false],
    ['445', 'Light, Power, Heating', 'OVERHEADS', 'EXPENSE', 'RRINPUT', false],
    ['469', 'Rent', 'OVERHEADS', 'EXPENSE', 'INPUT2', false],
    ['477', 'Salaries', 'OVERHEADS', 'EXPENSE', 'NONE', false],
    // Not in Xero's default chart (Xero's help says to add one to write off a bad debt): the emulator's code and name.
    ['495', 'Bad Debts', 'OVERHEADS', 'EXPENSE', 'NONE', false],
    ['610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'NONE', false, 'DEBTORS'],
    ['620', 'Prepayments', 'CURRENT', 'ASSET', 'NONE', false],
    ['710', 'Office Equipment', 'FIXED', 'ASSET', 'INPUT2', false],
    ['800', 'Accounts Payable', 'CURRLIAB', 'LIABILITY', 'NONE', false, 'CREDITORS'],
    // Not in Xero's default chart: what a storage business adds for the refundable deposits it holds.
    ['855', 'Tenant Deposits Held', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['820', 'VAT', 'CURRLIAB', 'LIABILITY', 'NONE', false, 'GST'],
    ['825', 'PAYE Payable', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['826', 'NIC Payable', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['835', "Directors' Loan Account", 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['877', 'Tracking Transfers', 'CURRLIAB', 'LIABILITY', 'NONE', false],
    ['950', 'Capital - Ordinary Shares', 'EQUITY', 'EQUITY', 'NONE', false],
    ['960', 'Retained Earnings', 'EQUITY', 'EQUITY', 'NONE', false, 'RETAINEDEARNINGS'],
  ],
  taxRates: [
    ['20% (VAT on Expenses)', 'INPUT2', 20, INPUT_LIKE, 'INPUT'],
    ['20% (VAT on Income)', 'OUTPUT2', 20, OUTPUT_LIKE, 'OUTPUT'],
    ['5% (VAT on Expenses)', 'RRINPUT', 5, INPUT_LIKE, 'INPUT'],
    ['5% (VAT on Income)', 'RROUTPUT', 5, OUTPUT_LIKE, 'OUTPUT'],
    ['Zero Rated Expenses', 'ZERORATEDINPUT', 0, INPUT_LIKE, 'INPUT'],
    ['Zero Rated Income', 'ZERORATEDOUTPUT', 0, OUTPUT_LIKE, 'OUTPUT'],
    ['Exempt Expenses', 'EXEMPTINPUT', 0, INPUT_LIKE, 'EXEMPTINPUT'],
    ['Exempt Income', 'EXEMPTOUTPUT', 0, OUTPUT_LIKE, 'EXEMPTOUTPUT'],
    ['No VAT', 'NONE', 0, EVERYWHERE, 'OUTPUT'],
    ['Reverse Charge Expenses (20%)', 'REVERSECHARGES', 0, INPUT_LIKE, 'REVERSECHARGES'],
  ],
  items: [
    { Code: 'RENT', Name: 'Storage unit rent', UnitPrice: 95, AccountCode: '200', TaxType: 'OUTPUT2' },
    { Code: 'INSURANCE', Name: 'Contents insurance', UnitPrice: 12, AccountCode: '260', TaxType: 'EXEMPTOUTPUT' },
    { Code: 'LATEFEE', Name: 'Late fee', UnitPrice: 15, AccountCode: '260', TaxType: 'NONE' },
    { Code: 'LOCK', Name: 'Padlock', UnitPrice: 18, AccountCode: '200', TaxType: 'OUTPUT2' },
  ],
  bankAccountNumber: (code) => `40-47-84 7${code}1234`,
};
