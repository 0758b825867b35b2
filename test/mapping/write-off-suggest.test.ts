/**
 * Suggest mappings for Write-offs (issue 13): a bad-debt expense account with the tax the region asks
 * for; nothing when the chart has no such account (the reason says what to add); never over a choice.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { EMPTY_MAPPING, WRITE_OFF_KEY } from '../../main/mapping/mapping';
import { suggestMappingWithReasons } from '../../main/mapping/mapping-suggest';
import { replaceTaxRates, setOrganisation, upsertAccounts } from '../../main/xero/reference-store';
import { openSampleFacilityDb } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
  seedReferenceMirror(db);
  replaceTaxRates(db, [
    { taxType: 'OUTPUT', name: 'GST on Income', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: true },
    { taxType: 'INPUT', name: 'GST on Expenses', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: false },
    { taxType: 'BASEXCLUDED', name: 'BAS Excluded', status: 'ACTIVE', effectiveRate: 0, canApplyToRevenue: true },
  ]);
});
afterEach(() => db.close());

const badDebts = () => upsertAccounts(db, [{ accountID: 'acc-bad', code: '495', name: 'Bad debt expense', type: 'EXPENSE', status: 'ACTIVE', taxType: 'INPUT' }]);
const suggest = (current = EMPTY_MAPPING) => {
  const { mapping, suggestions } = suggestMappingWithReasons(db, current);
  return { writeOff: mapping.writeOff, why: suggestions.find((s) => s.section === 'products' && s.key === WRITE_OFF_KEY) };
};
/** The organisation as Xero returns it, SalesTaxBasis included (kept in the mirror's raw copy). */
const organisation = (countryCode: string, baseCurrency: string, salesTaxBasis: string) => {
  const org = { name: 'Storage Co', baseCurrency, countryCode, salesTaxBasis };
  setOrganisation(db, 'org-1', org);
};

describe('Write-offs suggestion', () => {
  test('Australia on accruals: the bad-debt expense account with GST on Income, and why', () => {
    badDebts();
    const { writeOff, why } = suggest();
    expect(writeOff).toEqual({ accountCode: '495', taxType: 'OUTPUT' });
    expect(why).toMatchObject({ made: true, reason: expect.stringMatching(/^495 Bad debt expense, the expense account for bad debts, with GST on Income: .*decreasing adjustment/) });
  });

  test('on a cash basis no GST was paid on the unpaid invoice: BAS Excluded', () => {
    badDebts();
    organisation('AU', 'AUD', 'CASH');
    expect(suggest()).toMatchObject({ writeOff: { accountCode: '495', taxType: 'BASEXCLUDED' }, why: { made: true, reason: expect.stringMatching(/cash basis/) } });
  });

  test('no expense account named for bad debts (an income account of that name does not count): nothing, and the reason says what to add', () => {
    upsertAccounts(db, [{ accountID: 'acc-x', code: '280', name: 'Bad Debts Recovered', type: 'OTHERINCOME', status: 'ACTIVE' }]);
    const { writeOff, why } = suggest();
    expect(writeOff).toBeUndefined();
    expect(why).toEqual({
      section: 'products', key: WRITE_OFF_KEY, made: false,
      reason: 'Xero has no expense account for bad debts: add one (e.g. "Bad Debts", type Expense), click Refresh from Xero, then choose it.',
    });
  });

  test('a country with no rule here: nothing suggested', () => {
    badDebts();
    organisation('US', 'USD', 'ACCRUAL');
    expect(suggest()).toMatchObject({ writeOff: undefined, why: { made: false } });
  });

  test('never over a choice: a chosen row is kept and gets no suggestion', () => {
    badDebts();
    const chosen = { ...EMPTY_MAPPING, writeOff: { accountCode: '429', taxType: null } };
    expect(suggest(chosen)).toEqual({ writeOff: { accountCode: '429', taxType: null }, why: undefined });
  });
});
