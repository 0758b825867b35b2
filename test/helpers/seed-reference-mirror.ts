import type { Db } from '../../main/db/open-database';
import {
  markFetched, replaceTaxRates, replaceTrackingCategories, setOrganisation, upsertAccounts, upsertItems,
} from '../../main/xero/reference-store';

/**
 * Writes a small AU chart of accounts into the reference mirror through the mirror's own writers,
 * for tests that check mappings without a Xero round trip (the emulator tests cover the refresh).
 */
export function seedReferenceMirror(db: Db, tenantId = 'org-1'): void {
  db.transaction(() => {
    upsertAccounts(db, [
      { accountID: 'acc-bank', code: '090', name: 'Business Bank Account', type: 'BANK', status: 'ACTIVE' },
      { accountID: 'acc-savings', code: '091', name: 'Business Savings Account', type: 'BANK', status: 'ARCHIVED' },
      { accountID: 'acc-sales', code: '200', name: 'Sales', type: 'REVENUE', status: 'ACTIVE', taxType: 'OUTPUT' },
      { accountID: 'acc-other', code: '260', name: 'Other Revenue', type: 'REVENUE', status: 'ACTIVE', taxType: 'OUTPUT' },
      { accountID: 'acc-old', code: '250', name: 'Old Rent Income', type: 'REVENUE', status: 'ARCHIVED' },
      { accountID: 'acc-drawings', code: '880', name: 'Owner A Drawings', type: 'EQUITY', status: 'ACTIVE', enablePaymentsToAccount: true },
      { accountID: 'acc-ar', code: '610', name: 'Accounts Receivable', type: 'CURRENT', status: 'ACTIVE' },
    ]);
    replaceTaxRates(db, [
      { taxType: 'OUTPUT', name: 'GST on Income', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: true },
      { taxType: 'EXEMPTOUTPUT', name: 'GST Free Income', status: 'ACTIVE', effectiveRate: 0, canApplyToRevenue: true },
      { taxType: 'INPUT', name: 'GST on Expenses', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: false },
      { taxType: 'OLDTAX', name: 'Old GST', status: 'DELETED', effectiveRate: 10, canApplyToRevenue: true },
    ]);
    replaceTrackingCategories(db, [
      {
        trackingCategoryID: 'tc-loc', name: 'Location', status: 'ACTIVE',
        options: [
          { trackingOptionID: 'o-1', name: 'Sydney Central Storage', status: 'ACTIVE' },
          { trackingOptionID: 'o-2', name: 'Airport', status: 'ARCHIVED' },
        ],
      },
      { trackingCategoryID: 'tc-type', name: 'Unit Type', status: 'ACTIVE', options: [{ trackingOptionID: 'o-3', name: 'Small', status: 'ACTIVE' }] },
    ]);
    upsertItems(db, [
      { itemID: 'i-rent', code: 'RENT', name: 'Storage unit rent', salesDetails: { accountCode: '200', taxType: 'OUTPUT' } },
      { itemID: 'i-lock', code: 'LOCK', name: 'Padlock', salesDetails: {} },
    ]);
    setOrganisation(db, tenantId, { name: 'Demo Storage Co', baseCurrency: 'AUD', countryCode: 'AU' });
    const at = '2026-01-01T00:00:00.000Z';
    for (const e of ['accounts', 'tax_rates', 'tracking_categories', 'items', 'organisation'] as const) markFetched(db, e, tenantId, at, null);
  })();
}
