/**
 * "Suggest mappings" for the Write-offs row: where a written-off debt goes and with which tax, by the
 * organisation's country and tax basis (docs/mapping.md, "Write-offs", gives the sources).
 * - Australia and New Zealand on an accruals/invoice basis: the GST paid on the unpaid invoice comes back
 *   as a decreasing (AU) or credit (NZ) adjustment, which the credit note makes with the rate on sales
 *   (GST on Income): the credit note's GST is taken off GST on sales.
 * - On a cash/payments basis no GST was paid on an unpaid invoice: nothing to adjust, so a rate with no GST.
 * - United Kingdom: VAT bad debt relief is claimed on the VAT return (box 4) once the debt is six months
 *   overdue, not by reducing output VAT with a credit note: No VAT keeps the credit note off the return.
 * Elsewhere there is no rule here, so nothing is suggested.
 */
import type { MappingSuggestion, ReferenceData, ReferenceTaxRate, WriteOffMapping } from '../../contract';
import type { Db } from '../db/open-database';
import { accountLabel } from '../xero/reference-store';
import { EXPENSE_ACCOUNT_TYPES } from './mapping-check';
import { WRITE_OFF_KEY } from './mapping';

/** Xero's Organisation.SalesTaxBasis values that account for GST/VAT only when paid. */
const CASH_BASES = new Set(['CASH', 'PAYMENTS', 'FLATRATECASH']);

export function suggestWriteOff(db: Db, reference: ReferenceData): { writeOff: WriteOffMapping | null; suggestion: MappingSuggestion } {
  const say = (writeOff: WriteOffMapping | null, reason: string) => ({
    writeOff, suggestion: { section: 'products' as const, key: WRITE_OFF_KEY, made: writeOff !== null, reason },
  });
  const account = reference.accounts.find((a) => a.status === 'ACTIVE' && EXPENSE_ACCOUNT_TYPES.includes(a.type) && a.code && /\bbad\s*debts?\b/i.test(a.name));
  if (!account?.code) {
    return say(null, 'Xero has no expense account for bad debts: add one (e.g. "Bad Debts", type Expense), click Refresh from Xero, then choose it.');
  }
  const { country, salesTaxBasis } = organisationTax(db);
  const active = reference.taxRates.filter((t) => t.status === 'ACTIVE' && t.forRevenue);
  const where = `${accountLabel(account)}, the expense account for bad debts`;

  if (country === 'GB') {
    const noVat = active.find((t) => t.taxType === 'NONE') ?? active.find((t) => /^no vat/i.test(t.name));
    if (!noVat) return say(null, 'A UK write-off carries No VAT (relief is claimed on the VAT return), but Xero has no such rate: choose the tax rate.');
    return say({ accountCode: account.code, taxType: noVat.taxType }, `${where}, with ${noVat.name}: VAT bad debt relief is claimed on the VAT return (box 4) once the debt is six months overdue, not with the credit note.`);
  }
  if (country !== 'AU' && country !== 'NZ') {
    return say(null, 'No rule for this country\'s tax on written-off debts: choose the expense account and tax rate your accountant uses for bad debts.');
  }
  if (CASH_BASES.has(salesTaxBasis)) {
    const noGst = active.find((t) => t.rate === 0 && /excluded|^no gst|^none/i.test(t.name));
    if (!noGst) return say(null, 'On a cash basis no GST was paid on an unpaid invoice, so a write-off carries no GST, but Xero has no such rate: choose the tax rate.');
    return say({ accountCode: account.code, taxType: noGst.taxType }, `${where}, with ${noGst.name}: GST is accounted for on a cash basis, so no GST was paid on the unpaid invoice and there is nothing to adjust.`);
  }
  const standard = standardRate(active);
  if (!standard) return say(null, 'Xero has no GST rate on sales: choose the tax rate for write-offs.');
  const adjustment = country === 'AU' ? 'a decreasing adjustment' : 'a credit adjustment';
  return say({ accountCode: account.code, taxType: standard.taxType }, `${where}, with ${standard.name}: the GST paid on the unpaid invoice comes back as ${adjustment}, which the credit note makes.`);
}

function standardRate(rates: ReferenceTaxRate[]): ReferenceTaxRate | undefined {
  return rates.filter((t) => t.rate > 0).sort((x, y) => y.rate - x.rate)[0];
}

/** The country and SalesTaxBasis of the organisation in the mirror (the raw Organisation Xero returned). */
function organisationTax(db: Db): { country: string; salesTaxBasis: string } {
  const row = db.prepare('SELECT country_code, base_currency, raw FROM xero_organisation WHERE singleton = 1').get() as
    | { country_code: string | null; base_currency: string; raw: string | null }
    | undefined;
  let salesTaxBasis = '';
  try {
    const raw = JSON.parse(row?.raw ?? '{}') as { salesTaxBasis?: unknown };
    salesTaxBasis = String(raw.salesTaxBasis ?? '').toUpperCase();
  } catch {
    // An unreadable raw copy: treat as accruals, the usual basis.
  }
  const byCurrency: Record<string, string> = { AUD: 'AU', NZD: 'NZ', GBP: 'GB' };
  return { country: row?.country_code ?? byCurrency[row?.base_currency ?? ''] ?? '', salesTaxBasis };
}
