import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { EMPTY_MAPPING } from '../../main/mapping/mapping';
import { checkMapping } from '../../main/mapping/mapping-check';
import { suggestMapping, suggestMappingWithReasons } from '../../main/mapping/mapping-suggest';
import { openSampleFacilityDb } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';
import { replaceTaxRates, upsertAccounts, upsertItems } from '../../main/xero/reference-store';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
  seedReferenceMirror(db);
});
afterEach(() => db.close());

describe('suggestMapping', () => {
  test('suggests only what fits the charge (issue 12): taxable income for rent, fees and merchandise; a liability with no tax for deposits; insurance by its item; each with why', () => {
    upsertAccounts(db, [{ accountID: 'acc-dep', code: '855', name: 'Tenant Deposits Held', type: 'CURRLIAB', status: 'ACTIVE', taxType: 'BASEXCLUDED' }]);
    replaceTaxRates(db, [
      { taxType: 'OUTPUT', name: 'GST on Income', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: true },
      { taxType: 'EXEMPTOUTPUT', name: 'GST Free Income', status: 'ACTIVE', effectiveRate: 0, canApplyToRevenue: true },
      { taxType: 'BASEXCLUDED', name: 'BAS Excluded', status: 'ACTIVE', effectiveRate: 0, canApplyToRevenue: true },
    ]);
    upsertItems(db, [{ itemID: 'i-late', code: 'LATEFEE', name: 'Late fee', salesDetails: { accountCode: '260', taxType: 'EXEMPTOUTPUT' } }]);
    const { mapping: m, suggestions } = suggestMappingWithReasons(db, EMPTY_MAPPING);
    const why = (key: string) => suggestions.find((x) => x.section === 'products' && x.key === key);
    // "Monthly Rent" is the item RENT, whose account and GST fit rent.
    expect(m.chargeTypes['CT-RENT']).toEqual({ itemCode: 'RENT', accountCode: null, taxType: null });
    expect(why('CT-RENT')).toMatchObject({ made: true, reason: expect.stringMatching(/item RENT.*GST on Income/) });
    // The item LATEFEE is GST-free: a late fee is taxable income, so Sales with GST, and the reason says why not the item.
    expect(m.chargeTypes['CT-LATE']).toEqual({ itemCode: null, accountCode: '200', taxType: 'OUTPUT' });
    expect(why('CT-LATE')?.reason).toMatch(/item LATEFEE was not used/);
    // Padlock is not the charge's name: no item guessed from one shared word.
    expect(m.chargeTypes['CT-LOCK']).toEqual({ itemCode: null, accountCode: '200', taxType: 'OUTPUT' });
    // A refundable deposit: the deposits liability account, no tax.
    expect(m.chargeTypes['CT-DEP']).toEqual({ itemCode: null, accountCode: '855', taxType: 'BASEXCLUDED' });
    expect(why('CT-DEP')?.reason).toMatch(/held, not earned/);
    // Insurance with no item of its name: left to the user, with the reason.
    expect(m.chargeTypes['CT-INS']).toBeUndefined();
    expect(why('CT-INS')).toMatchObject({ made: false, reason: expect.stringMatching(/may be taxed or not/) });
    // What is suggested passes the mapping check (no wrong tax reaches the BAS).
    expect(checkMapping(db, m).filter((i) => i.severity === 'error' && ['CT-RENT', 'CT-LATE', 'CT-LOCK', 'CT-DEP'].includes(i.key))).toEqual([]);
  });

  test('a deposit is left empty when Xero has no liability account for deposits, and says what to add', () => {
    const { mapping, suggestions } = suggestMappingWithReasons(db, EMPTY_MAPPING);
    expect(mapping.chargeTypes['CT-DEP']).toBeUndefined();
    expect(suggestions.find((x) => x.key === 'CT-DEP')).toMatchObject({ made: false, reason: expect.stringMatching(/Tenant deposits held/) });
  });

  test('matches tracking categories by name and options by the facility name', () => {
    const m = suggestMapping(db, EMPTY_MAPPING);
    expect(m.tracking.map((t) => [t.source, t.categoryName])).toEqual([['location', 'Location'], ['unit_type', 'Unit Type']]);
    expect(m.tracking[0]?.options).toEqual({ 'LOC-SYD': 'Sydney Central Storage' });
  });

  test('payment methods go to a like-named bank account, else the business bank account; never to an archived one', () => {
    upsertAccounts(db, [{ accountID: 'acc-petty', code: '095', name: 'Petty Cash', type: 'BANK', status: 'ACTIVE' }]);
    const m = suggestMapping(db, EMPTY_MAPPING);
    expect(m.paymentAccounts).toEqual({
      cash: 'acc-petty', credit_card: 'acc-bank', debit_card: 'acc-bank', online_banking: 'acc-bank', cheque: 'acc-bank',
    });
  });

  test("never overwrites the user's choices", () => {
    const mine = {
      ...EMPTY_MAPPING,
      tracking: [{ source: 'building' as const, categoryId: null, categoryName: 'Unit Type', options: { 'BLD-SYD-A': 'Small' } }],
      chargeTypes: { 'CT-RENT': { itemCode: null, accountCode: '260', taxType: 'EXEMPTOUTPUT' } },
      paymentAccounts: { cash: 'acc-drawings' },
    };
    const m = suggestMapping(db, mine);
    expect(m.chargeTypes['CT-RENT']).toEqual(mine.chargeTypes['CT-RENT']);
    expect(m.paymentAccounts.cash).toBe('acc-drawings');
    expect(m.tracking.map((t) => t.categoryName)).toEqual(['Unit Type', 'Location']);
    expect(m.tracking[0]?.options['BLD-SYD-A']).toBe('Small');
  });
});
