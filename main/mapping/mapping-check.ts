/**
 * Checks a mapping against the reference-data mirror and says, in plain words, what is wrong and
 * what fixes it. Errors make records wait; warnings are values that are not mapped yet.
 */
import type { FacilityMappingValues, Mapping, MappingIssue, ReferenceAccount, ReferenceData, WriteOffMapping } from '../../contract';
import type { Db } from '../db/open-database';
import { accountLabel, canTakePayments, readReferenceData } from '../xero/reference-store';
import {
  isWriteOffChosen, listFacilityValues, MAX_TRACKING_CATEGORIES, PAYMENT_METHOD_LABELS, TRACKING_SOURCE_LABELS, valuesForSource, WRITE_OFF_KEY,
} from './mapping';

export function checkMapping(
  db: Db, mapping: Mapping, reference: ReferenceData = readReferenceData(db), facility: FacilityMappingValues = listFacilityValues(db),
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const haveMirror = reference.fetchedAt !== null;
  if (!haveMirror) {
    issues.push({
      section: 'categories', key: '', severity: 'warning',
      message: "Xero's accounts, tax rates and categories have not been loaded yet, so this mapping cannot be checked. Connect to Xero and click Refresh from Xero.",
    });
  }

  // Map categories
  if (mapping.tracking.length > MAX_TRACKING_CATEGORIES) {
    issues.push({ section: 'categories', key: '', severity: 'error', message: 'Xero allows at most 2 tracking categories on an invoice line. Remove one of the categories.' });
  }
  const usedCategories = new Set<string>();
  for (const t of mapping.tracking) {
    const sourceLabel = TRACKING_SOURCE_LABELS[t.source];
    const categoryKey = t.categoryName.toLowerCase();
    if (usedCategories.has(categoryKey)) {
      issues.push({ section: 'categories', key: t.source, severity: 'error', message: `The tracking category "${t.categoryName}" is used twice. Choose a different category for ${sourceLabel}.` });
    }
    usedCategories.add(categoryKey);
    const category = reference.trackingCategories.find((c) => (t.categoryId ? c.categoryId === t.categoryId : c.name.toLowerCase() === categoryKey));
    if (haveMirror && (!category || category.status !== 'ACTIVE')) {
      issues.push({
        section: 'categories', key: t.source, severity: 'error',
        message: category
          ? `The tracking category "${category.name}" is archived in Xero. Choose an active category for ${sourceLabel}, or restore it in Xero and click Refresh from Xero.`
          : `The tracking category "${t.categoryName}" is not in Xero. Choose another category for ${sourceLabel}, or click Refresh from Xero if you just created it.`,
      });
    }
    for (const { value, label } of valuesForSource(facility, t.source)) {
      const option = t.options[value];
      if (!option) {
        issues.push({ section: 'categories', key: `${t.source}:${value}`, severity: 'warning', message: `${label} has no "${t.categoryName}" option: its invoices will wait until you choose one.` });
        continue;
      }
      const found = category?.options.find((o) => o.name.toLowerCase() === option.toLowerCase());
      if (haveMirror && category && (!found || found.status !== 'ACTIVE')) {
        issues.push({
          section: 'categories', key: `${t.source}:${value}`, severity: 'error',
          message: found
            ? `The option "${option}" is archived in the tracking category "${category.name}". Choose another option for ${label}.`
            : `The option "${option}" does not exist in the tracking category "${category.name}". Click Create in Xero to add it, or choose an existing option for ${label}.`,
        });
      }
    }
  }

  // Products/Services: what each charge type's lines carry must make sense to an accountant.
  const kinds = chargeKinds(db);
  for (const { value, label } of facility.chargeTypes) {
    const m = mapping.chargeTypes[value];
    const key = value;
    if (!m || (!m.itemCode && !m.accountCode)) {
      issues.push({ section: 'products', key, severity: 'error', message: `${label} is not mapped: choose a Xero item or a revenue account, or invoices with ${label} will wait.` });
      continue;
    }
    if (!haveMirror) continue;
    const deposit = kinds.get(value) === 'deposit';
    const item = m.itemCode ? reference.items.find((i) => i.code.toLowerCase() === m.itemCode?.toLowerCase()) : undefined;
    if (m.itemCode && !item) {
      issues.push({ section: 'products', key, severity: 'error', field: 'item', message: `The item code "${m.itemCode}" for ${label} is not in Xero. Click Create in Xero to add it, or choose an existing item.` });
    }
    const accountCode = m.accountCode ?? item?.accountCode ?? null;
    if (!accountCode) {
      if (item) issues.push({ section: 'products', key, severity: 'error', field: 'account', message: `The item "${item.code}" has no sales account in Xero, so ${label} needs a ${deposit ? 'liability' : 'revenue'} account here.` });
    } else {
      const account = reference.accounts.find((a) => a.code === accountCode);
      const problem = lineAccountProblem(account, accountCode, deposit);
      const whose = m.accountCode ? '' : ` (the sales account of the item "${item?.code}")`;
      if (problem) issues.push({ section: 'products', key, severity: 'error', field: 'account', message: `${problem}${whose} Choose ${deposit ? 'a liability account such as "Tenant deposits held"' : 'another revenue account'} for ${label}.` });
    }
    const taxType = m.taxType ?? item?.taxType ?? reference.accounts.find((a) => a.code === accountCode)?.taxType ?? null;
    if (!taxType) {
      issues.push({ section: 'products', key, severity: 'error', field: 'tax', message: `${label} has no tax rate: choose one (${deposit ? 'a deposit carries no tax, e.g. BAS Excluded' : 'the organisation\'s tax on sales'}).` });
      continue;
    }
    const tax = reference.taxRates.find((t) => t.taxType === taxType);
    if (!tax) issues.push({ section: 'products', key, severity: 'error', field: 'tax', message: `The tax type "${taxType}" for ${label} is not in Xero. Choose one of the organisation's tax rates.` });
    else if (tax.status !== 'ACTIVE') issues.push({ section: 'products', key, severity: 'error', field: 'tax', message: `The tax rate "${tax.name}" for ${label} is archived in Xero. Choose an active tax rate.` });
    else if (!tax.forRevenue) issues.push({ section: 'products', key, severity: 'error', field: 'tax', message: `The tax rate "${tax.name}" cannot be used on sales. Choose a sales tax rate for ${label}.` });
    else if (deposit && tax.rate > 0) {
      issues.push({ section: 'products', key, severity: 'error', field: 'tax', message: `${label} is a refundable deposit, not income, so it carries no tax: "${tax.name}" would charge ${tax.rate}% on it. Choose a rate with no tax (e.g. BAS Excluded).` });
    }
  }

  if (isWriteOffChosen(mapping.writeOff)) issues.push(...checkWriteOff(mapping.writeOff, reference, haveMirror));

  // Paid to Account
  for (const { value, label } of facility.paymentMethods) {
    const accountId = mapping.paymentAccounts[value as keyof typeof PAYMENT_METHOD_LABELS];
    if (!accountId) {
      issues.push({ section: 'payments', key: value, severity: 'warning', message: `${label} payments have no account: they will wait until you choose a Xero bank account.` });
      continue;
    }
    if (!haveMirror) continue;
    const account = reference.accounts.find((a) => a.accountId === accountId);
    if (!account) {
      issues.push({ section: 'payments', key: value, severity: 'error', message: `The account chosen for ${label} payments is no longer in Xero. Choose a bank account.` });
    } else if (account.status !== 'ACTIVE') {
      issues.push({ section: 'payments', key: value, severity: 'error', message: `The account ${accountLabel(account)} is archived in Xero. Choose an active bank account for ${label} payments.` });
    } else if (!canTakePayments(account)) {
      issues.push({
        section: 'payments', key: value, severity: 'error',
        message: `The account ${accountLabel(account)} cannot take payments. Choose a bank account, or turn on "Enable payments to this account" for it in Xero.`,
      });
    }
  }
  return issues;
}

/** Account types a line may go to: income for charges, a liability for refundable deposits (money held, not earned). */
export const REVENUE_ACCOUNT_TYPES: readonly string[] = ['REVENUE', 'SALES', 'OTHERINCOME'];
export const LIABILITY_ACCOUNT_TYPES: readonly string[] = ['CURRLIAB', 'LIABILITY', 'TERMLIAB'];
/** Xero's expense-class account types a written-off debt may go to (Bad Debts is an Expense, or an Overhead in the UK chart). */
export const EXPENSE_ACCOUNT_TYPES: readonly string[] = ['EXPENSE', 'OVERHEADS', 'DIRECTCOSTS'];

/**
 * Write-offs (a credit note of reason write_off, after a lien sale): its lines go to an expense account
 * such as Bad Debts, with a tax rate a sales credit note can carry. Only called when something is chosen:
 * an unchosen row is no error, as only write-off credit notes need it (they wait, mapping-problems.ts).
 */
function checkWriteOff(w: WriteOffMapping, reference: ReferenceData, haveMirror: boolean): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const issue = (field: 'account' | 'tax', message: string) => issues.push({ section: 'products', key: WRITE_OFF_KEY, severity: 'error', field, message });
  if (!w.accountCode) {
    issue('account', 'Write-offs have a tax rate but no account: choose an expense account such as Bad Debts, or clear the tax rate.');
  } else if (haveMirror) {
    const account = reference.accounts.find((a) => a.code === w.accountCode);
    if (!account) issue('account', `The account code "${w.accountCode}" for Write-offs is not in Xero. Choose an expense account such as Bad Debts, or click Refresh from Xero if you just created it.`);
    else if (account.status !== 'ACTIVE') issue('account', `The account ${accountLabel(account)} for Write-offs is archived in Xero. Choose an active expense account such as Bad Debts.`);
    else if (!EXPENSE_ACCOUNT_TYPES.includes(account.type)) issue('account', `Write-offs must go to an expense account such as Bad Debts; ${accountLabel(account)} is ${accountKind(account.type)} account.`);
  }
  if (!w.taxType) {
    issue('tax', 'Write-offs have no tax rate: choose one (with GST, the rate on sales, e.g. GST on Income; with VAT, No VAT), or click Suggest mappings.');
    return issues;
  }
  if (!haveMirror) return issues;
  const tax = reference.taxRates.find((t) => t.taxType === w.taxType);
  if (!tax) issue('tax', `The tax type "${w.taxType}" for Write-offs is not in Xero. Choose one of the organisation's tax rates.`);
  else if (tax.status !== 'ACTIVE') issue('tax', `The tax rate "${tax.name}" for Write-offs is archived in Xero. Choose an active tax rate.`);
  else if (!tax.forRevenue) issue('tax', `The tax rate "${tax.name}" cannot be used on a sales credit note, and a write-off is one. Choose a tax rate on sales for Write-offs.`);
  return issues;
}

/** "a revenue", "an asset"...: what an account is, in words, from its Xero type. */
function accountKind(type: string): string {
  if (REVENUE_ACCOUNT_TYPES.includes(type)) return 'a revenue';
  if (LIABILITY_ACCOUNT_TYPES.includes(type) || type.endsWith('LIABILITY')) return 'a liability';
  if (type === 'BANK') return 'a bank';
  if (type === 'EQUITY') return 'an equity';
  if (type === 'DEPRECIATN') return 'a depreciation';
  return 'an asset';
}

function lineAccountProblem(account: ReferenceAccount | undefined, code: string, deposit: boolean): string | null {
  if (!account) return `The account code "${code}" is not in Xero.`;
  if (account.status !== 'ACTIVE') return `The account ${accountLabel(account)} is archived in Xero.`;
  if (deposit && !LIABILITY_ACCOUNT_TYPES.includes(account.type)) {
    return `The account ${accountLabel(account)} is not a liability account: a refundable deposit is money held for the tenant, not income.`;
  }
  if (account.type === 'BANK') return `The account ${accountLabel(account)} is a bank account and cannot be used on invoice lines.`;
  if (!deposit && !REVENUE_ACCOUNT_TYPES.includes(account.type)) return `The account ${accountLabel(account)} is not a revenue account (it is ${account.type.toLowerCase()}).`;
  return null;
}

function chargeKinds(db: Db): Map<string, string> {
  return new Map((db.prepare('SELECT external_id, kind FROM charge_types').all() as { external_id: string; kind: string }[]).map((r) => [r.external_id, r.kind]));
}
