/**
 * Organisations in other regions: New Zealand (NZD, GST 15%) and the UK (GBP, VAT 20%) expose their
 * own tax rates, chart of accounts, items and financial year end through the API, and price invoices
 * with them. The two Australian organisations stay first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice, type AccountingApi } from 'xero-node';
import { startXeroEmulator, type XeroEmulator } from '../index';
import { apiFor, failure } from '../../helpers/emulator-clients';

let emu: XeroEmulator;
beforeAll(async () => {
  emu = await startXeroEmulator();
});
afterAll(() => emu.close());

async function signedIn(organisation: string) {
  const { api, tenantId } = await apiFor(emu, organisation);
  await api.createContacts(tenantId, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }] });
  return { api, tenantId };
}

const invoiceOf = (itemCode: string): Invoice => ({
  type: Invoice.TypeEnum.ACCREC,
  contact: { contactNumber: 'T-1' },
  date: '2026-03-01',
  dueDate: '2026-03-15',
  status: Invoice.StatusEnum.AUTHORISED,
  lineItems: [{ itemCode, quantity: 1 }],
});

async function taxTypes(api: AccountingApi, tenantId: string) {
  return Object.fromEntries(((await api.getTaxRates(tenantId)).body.taxRates ?? []).map((t) => [t.taxType, t]));
}

it('keeps the two Australian organisations first, then New Zealand and the UK', () => {
  const orgs = emu.admin.state().organisations.map((o) => [o.name, o.countryCode, o.baseCurrency]);
  expect(orgs).toEqual([
    ['Demo Storage Co', 'AU', 'AUD'],
    ['Harbour Storage Ltd', 'AU', 'AUD'],
    ['Kowhai Storage Ltd', 'NZ', 'NZD'],
    ['Thames Storage Ltd', 'GB', 'GBP'],
  ]);
});

describe('New Zealand', () => {
  it('is an NZD organisation whose financial year ends on 31 March', async () => {
    const { api, tenantId } = await signedIn('Kowhai Storage Ltd');
    const org = (await api.getOrganisations(tenantId)).body.organisations?.[0];
    expect(org).toMatchObject({ name: 'Kowhai Storage Ltd', countryCode: 'NZ', baseCurrency: 'NZD', financialYearEndDay: 31, financialYearEndMonth: 3 });
  });

  it('lists GST 15% tax rates and the NZ chart, and prices invoices with them', async () => {
    const { api, tenantId } = await apiFor(emu, 'Kowhai Storage Ltd');
    const rates = await taxTypes(api, tenantId);
    expect(Object.keys(rates).sort()).toEqual(['GSTONIMPORTS', 'INPUT2', 'NONE', 'OUTPUT2', 'ZERORATED']);
    expect(rates.OUTPUT2).toMatchObject({ name: '15% GST on Income', effectiveRate: 15, canApplyToRevenue: true, canApplyToExpenses: false });
    expect(rates.INPUT2).toMatchObject({ effectiveRate: 15, canApplyToRevenue: false });
    const accounts = Object.fromEntries(((await api.getAccounts(tenantId)).body.accounts ?? []).map((a) => [a.code, a]));
    expect(accounts['200']).toMatchObject({ name: 'Sales', taxType: 'OUTPUT2' });
    expect(accounts['820']?.name).toBe('GST');
    expect(((await api.getAccounts(tenantId, undefined, 'Type=="BANK"')).body.accounts ?? []).map((a) => a.code)).toEqual(['090', '091']);
    const rent = (await api.getItems(tenantId, undefined, 'Code=="RENT"')).body.items?.[0];
    expect(rent?.salesDetails).toMatchObject({ unitPrice: 140, accountCode: '200', taxType: 'OUTPUT2' });

    const inv = (await api.createInvoices(tenantId, { invoices: [invoiceOf('RENT')] })).body.invoices?.[0];
    expect(inv).toMatchObject({ currencyCode: 'NZD', subTotal: 140, totalTax: 21, total: 161 });
    // Australia's GST code does not exist here.
    const err = await failure(api.createInvoices(tenantId, { invoices: [{ ...invoiceOf('RENT'), lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 10, accountCode: '200', taxType: 'OUTPUT' }] }] }));
    expect(err.body.Elements[0].ValidationErrors[0].Message).toBe("The TaxType code 'OUTPUT' does not exist or cannot be used with this type of transaction.");
  });
});

describe('United Kingdom', () => {
  it('is a GBP organisation (CountryCode GB) whose financial year ends on 31 March', async () => {
    const { api, tenantId } = await signedIn('Thames Storage Ltd');
    const org = (await api.getOrganisations(tenantId)).body.organisations?.[0];
    expect(org).toMatchObject({ name: 'Thames Storage Ltd', countryCode: 'GB', baseCurrency: 'GBP', financialYearEndDay: 31, financialYearEndMonth: 3 });
    const raw = (await api.getOrganisations(tenantId)).response.data as { Organisations: Array<{ Version: string }> };
    expect(raw.Organisations[0]?.Version).toBe('UK');
  });

  it('lists VAT 20% tax rates and the UK chart, and prices invoices with them', async () => {
    const { api, tenantId } = await apiFor(emu, 'Thames Storage Ltd');
    const rates = await taxTypes(api, tenantId);
    expect(Object.keys(rates)).toEqual(expect.arrayContaining(['OUTPUT2', 'INPUT2', 'RROUTPUT', 'RRINPUT', 'ZERORATEDOUTPUT', 'EXEMPTOUTPUT', 'NONE']));
    expect(rates.OUTPUT2).toMatchObject({ name: '20% (VAT on Income)', effectiveRate: 20, canApplyToRevenue: true });
    expect(rates.RROUTPUT).toMatchObject({ name: '5% (VAT on Income)', effectiveRate: 5 });
    expect(rates.EXEMPTOUTPUT?.effectiveRate).toBe(0);
    const accounts = Object.fromEntries(((await api.getAccounts(tenantId)).body.accounts ?? []).map((a) => [a.code, a]));
    expect(accounts['200']).toMatchObject({ name: 'Sales', taxType: 'OUTPUT2' });
    expect(accounts['820']?.name).toBe('VAT');
    expect(accounts['433']).toMatchObject({ name: 'Insurance', taxType: 'EXEMPTINPUT' });

    const rent = (await api.createInvoices(tenantId, { invoices: [invoiceOf('RENT')] })).body.invoices?.[0];
    expect(rent).toMatchObject({ currencyCode: 'GBP', subTotal: 95, totalTax: 19, total: 114 });
    const insurance = (await api.createInvoices(tenantId, { invoices: [invoiceOf('INSURANCE')] })).body.invoices?.[0];
    expect(insurance?.lineItems?.[0]).toMatchObject({ taxType: 'EXEMPTOUTPUT', taxAmount: 0 });
    const aud = await failure(api.createInvoices(tenantId, { invoices: [{ ...invoiceOf('RENT'), currencyCode: 'AUD' as never }] }));
    expect(aud.body.Elements[0].ValidationErrors[0].Message).toBe('The currency code AUD is not enabled for this organisation.');
  });
});

describe('Australia', () => {
  it('keeps its financial year ending on 30 June', async () => {
    const { api, tenantId } = await apiFor(emu, 'Harbour Storage Ltd');
    expect((await api.getOrganisations(tenantId)).body.organisations?.[0]).toMatchObject({ countryCode: 'AU', financialYearEndDay: 30, financialYearEndMonth: 6 });
  });
});
