import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { EMPTY_MAPPING } from '../../main/mapping/mapping';
import { suggestMapping } from '../../main/mapping/mapping-suggest';
import { openSampleFacilityDb } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';
import { upsertAccounts } from '../../main/xero/reference-store';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
  seedReferenceMirror(db);
});
afterEach(() => db.close());

describe('suggestMapping', () => {
  test('matches charge types to items by shared words, else to a revenue account with a sales tax rate', () => {
    const m = suggestMapping(db, EMPTY_MAPPING);
    expect(m.chargeTypes['CT-RENT']).toEqual({ itemCode: 'RENT', accountCode: null, taxType: null });
    // The LOCK item has no sales account in Xero, so the suggestion adds one.
    expect(m.chargeTypes['CT-LOCK']).toEqual({ itemCode: 'LOCK', accountCode: '200', taxType: null });
    // No item: Other Revenue (fees, insurance, deposits), with the account's own tax type.
    expect(m.chargeTypes['CT-LATE']).toEqual({ itemCode: null, accountCode: '260', taxType: 'OUTPUT' });
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
