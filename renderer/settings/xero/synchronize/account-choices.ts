/**
 * The choices a Synchronize field offers: only what fits the field (type and status), grouped the
 * way Xero's chart groups them, so an office manager cannot pick a bank, GST or equity account for
 * rent, or a taxed rate for a refundable deposit.
 */
import type { ReferenceAccount, ReferenceData } from '../../../../contract';

type Choice = { value: string; label: string };
export type ChoiceGroups = Array<{ group: string; items: Choice[] }>;

const REVENUE_GROUPS: Record<string, string> = { REVENUE: 'Revenue', SALES: 'Sales', OTHERINCOME: 'Other income' };
const LIABILITY_GROUPS: Record<string, string> = { CURRLIAB: 'Current liabilities', LIABILITY: 'Liabilities', TERMLIAB: 'Non-current liabilities' };
const EXPENSE_GROUPS: Record<string, string> = { EXPENSE: 'Expenses', OVERHEADS: 'Overheads', DIRECTCOSTS: 'Direct costs' };

const label = (a: ReferenceAccount) => (a.code ? `${a.code} ${a.name}` : a.name);

function grouped(accounts: ReferenceAccount[], groups: Record<string, string>, value: (a: ReferenceAccount) => string | null): ChoiceGroups {
  return Object.entries(groups)
    .map(([type, group]) => ({
      group,
      items: accounts.filter((a) => a.type === type && value(a)).map((a) => ({ value: value(a) as string, label: label(a) })),
    }))
    .filter((g) => g.items.length > 0);
}

/** Accounts a charge type's lines may go to: income, or for a refundable deposit a liability. */
export function lineAccounts(reference: ReferenceData | null, deposit: boolean): ChoiceGroups {
  const active = (reference?.accounts ?? []).filter((a) => a.status === 'ACTIVE');
  return grouped(active, deposit ? LIABILITY_GROUPS : REVENUE_GROUPS, (a) => a.code);
}

/** Accounts a written-off debt may go to: expenses only (Bad Debts), never income or a balance-sheet account. */
export function expenseAccounts(reference: ReferenceData | null): ChoiceGroups {
  const active = (reference?.accounts ?? []).filter((a) => a.status === 'ACTIVE');
  return grouped(active, EXPENSE_GROUPS, (a) => a.code);
}

/** Sales tax rates; a deposit carries no tax, so only rates of 0%. */
export function salesTaxRates(reference: ReferenceData | null, deposit: boolean): ChoiceGroups {
  const rates = (reference?.taxRates ?? []).filter((t) => t.status === 'ACTIVE' && t.forRevenue && (!deposit || t.rate === 0));
  return [
    { group: 'With tax', items: rates.filter((t) => t.rate > 0).map((t) => ({ value: t.taxType, label: `${t.name} (${t.rate}%)` })) },
    { group: 'No tax', items: rates.filter((t) => t.rate === 0).map((t) => ({ value: t.taxType, label: t.name })) },
  ].filter((g) => g.items.length > 0);
}

/** Accounts a payment can go to: bank accounts, then others with payments enabled. */
export function paymentAccounts(reference: ReferenceData | null): ChoiceGroups {
  const active = (reference?.accounts ?? []).filter((a) => a.status === 'ACTIVE');
  return [
    { group: 'Bank accounts', items: active.filter((a) => a.type === 'BANK').map((a) => ({ value: a.accountId, label: label(a) })) },
    { group: 'Other accounts that take payments', items: active.filter((a) => a.type !== 'BANK' && a.enablePayments).map((a) => ({ value: a.accountId, label: label(a) })) },
  ].filter((g) => g.items.length > 0);
}

/** Keeps a value chosen earlier visible (marked) even when it no longer fits, so its problem shows. */
export function withChosen(groups: ChoiceGroups, chosen: string | null, describe: (v: string) => string): ChoiceGroups {
  if (!chosen || groups.some((g) => g.items.some((i) => i.value === chosen))) return groups;
  return [...groups, { group: 'Chosen before', items: [{ value: chosen, label: describe(chosen) }] }];
}
