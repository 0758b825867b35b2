import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { EMPTY_MAPPING, listFacilityValues, loadMapping, saveMapping, WRITE_OFF_KEY } from '../../main/mapping/mapping';
import { checkMapping } from '../../main/mapping/mapping-check';
import { openSampleFacilityDb } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';
import { upsertAccounts } from '../../main/xero/reference-store';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
});
afterEach(() => db.close());

const GOOD: Mapping = {
  tracking: [{ source: 'location', categoryId: 'tc-loc', categoryName: 'Location', options: { 'LOC-SYD': 'Sydney Central Storage' } }],
  chargeTypes: {
    'CT-RENT': { itemCode: 'RENT', accountCode: null, taxType: null },
    'CT-INS': { itemCode: null, accountCode: '260', taxType: 'OUTPUT' },
  },
  paymentAccounts: { cash: 'acc-bank', credit_card: 'acc-drawings' },
  lineAmountTypes: 'Exclusive',
};

const messages = (m: Mapping) => checkMapping(db, m).map((i) => `${i.section}/${i.key}/${i.severity}: ${i.message}`);

describe('loadMapping / saveMapping', () => {
  test('a new database has the empty mapping, tax-inclusive by default', () => {
    expect(loadMapping(db)).toEqual(EMPTY_MAPPING);
  });

  test('round-trips through SQLite', () => {
    saveMapping(db, GOOD);
    expect(loadMapping(db)).toEqual(GOOD);
  });

  test('drops blank rows and keeps at most two tracking categories', () => {
    saveMapping(db, {
      ...GOOD,
      tracking: [
        ...GOOD.tracking,
        { source: 'unit_type', categoryId: null, categoryName: 'Unit Type', options: { '5x5 Climate Controlled': 'Small', '10x20 Drive-up': ' ' } },
        { source: 'building', categoryId: null, categoryName: 'Region', options: {} },
      ],
      chargeTypes: { ...GOOD.chargeTypes, 'CT-LATE': { itemCode: ' ', accountCode: '', taxType: 'OUTPUT' } },
    });
    const m = loadMapping(db);
    expect(m.tracking.map((t) => t.source)).toEqual(['location', 'unit_type']);
    expect(m.tracking[1]?.options).toEqual({ '5x5 Climate Controlled': 'Small' });
    expect(m.chargeTypes['CT-LATE']).toBeUndefined();
  });

  test('Write-offs (issue 13): round-trips, blank is not chosen, a half-filled row is kept for its check to explain', () => {
    saveMapping(db, { ...GOOD, writeOff: { accountCode: '495', taxType: 'OUTPUT' } });
    expect(loadMapping(db)).toEqual({ ...GOOD, writeOff: { accountCode: '495', taxType: 'OUTPUT' } });
    saveMapping(db, { ...GOOD, writeOff: { accountCode: ' ', taxType: '' } });
    expect(loadMapping(db)).toEqual(GOOD);
    expect('writeOff' in loadMapping(db)).toBe(false);
    saveMapping(db, { ...GOOD, writeOff: { accountCode: null, taxType: 'OUTPUT' } });
    expect(loadMapping(db).writeOff).toEqual({ accountCode: null, taxType: 'OUTPUT' });
    saveMapping(db, GOOD);
    expect(loadMapping(db).writeOff).toBeUndefined();
    expect(db.prepare("SELECT COUNT(*) FROM mapping_settings WHERE key LIKE 'write_off%'").pluck().get()).toBe(0);
  });
});

describe('checkMapping', () => {
  test('without a mirror it says to refresh from Xero and still reports unmapped charge types', () => {
    const msgs = messages(GOOD);
    expect(msgs[0]).toContain('Refresh from Xero');
    expect(msgs).toContain('products/CT-LOCK/error: Disc Lock is not mapped: choose a Xero item or a revenue account, or invoices with Disc Lock will wait.');
  });

  test('a correct mapping only warns about values not mapped yet', () => {
    seedReferenceMirror(db);
    const issues = checkMapping(db, GOOD);
    const errors = issues.filter((i) => i.severity === 'error').map((i) => i.key);
    expect(errors.sort()).toEqual(['CT-DEP', 'CT-LATE', 'CT-LOCK']);
    expect(issues.find((i) => i.key === 'location:LOC-MEL')?.message).toBe(
      'Melbourne North Storage has no "Location" option: its invoices will wait until you choose one.',
    );
  });

  test('archived account, account that cannot take payments, unknown and archived tax types, unknown item, missing option', () => {
    seedReferenceMirror(db);
    const bad: Mapping = {
      tracking: [
        { source: 'location', categoryId: 'tc-loc', categoryName: 'Location', options: { 'LOC-SYD': 'Downtown', 'LOC-MEL': 'Airport' } },
        { source: 'unit_type', categoryId: null, categoryName: 'Region', options: {} },
      ],
      chargeTypes: {
        'CT-RENT': { itemCode: 'RENT2', accountCode: null, taxType: null },
        'CT-INS': { itemCode: null, accountCode: '250', taxType: 'NOPE' },
        'CT-LOCK': { itemCode: 'LOCK', accountCode: null, taxType: 'OLDTAX' },
        'CT-LATE': { itemCode: null, accountCode: '090', taxType: 'INPUT' },
        'CT-DEP': { itemCode: null, accountCode: '999', taxType: null },
      },
      paymentAccounts: { cash: 'acc-ar', cheque: 'acc-savings', debit_card: 'gone' },
      lineAmountTypes: 'Inclusive',
    };
    const msgs = messages(bad);
    expect(msgs).toEqual(expect.arrayContaining([
      'categories/location:LOC-SYD/error: The option "Downtown" does not exist in the tracking category "Location". Click Create in Xero to add it, or choose an existing option for Sydney Central Storage.',
      'categories/location:LOC-MEL/error: The option "Airport" is archived in the tracking category "Location". Choose another option for Melbourne North Storage.',
      'categories/unit_type/error: The tracking category "Region" is not in Xero. Choose another category for Unit type, or click Refresh from Xero if you just created it.',
      'products/CT-RENT/error: The item code "RENT2" for Monthly Rent is not in Xero. Click Create in Xero to add it, or choose an existing item.',
      'products/CT-INS/error: The account 250 Old Rent Income is archived in Xero. Choose another revenue account for Contents Insurance.',
      'products/CT-INS/error: The tax type "NOPE" for Contents Insurance is not in Xero. Choose one of the organisation\'s tax rates.',
      'products/CT-LOCK/error: The item "LOCK" has no sales account in Xero, so Disc Lock needs a revenue account here.',
      'products/CT-LOCK/error: The tax rate "Old GST" for Disc Lock is archived in Xero. Choose an active tax rate.',
      'products/CT-LATE/error: The account 090 Business Bank Account is a bank account and cannot be used on invoice lines. Choose another revenue account for Late Fee.',
      'products/CT-LATE/error: The tax rate "GST on Expenses" cannot be used on sales. Choose a sales tax rate for Late Fee.',
      'products/CT-DEP/error: The account code "999" is not in Xero. Choose a liability account such as "Tenant deposits held" for Security Deposit.',
      'payments/cash/error: The account 610 Accounts Receivable cannot take payments. Choose a bank account, or turn on "Enable payments to this account" for it in Xero.',
      'payments/cheque/error: The account 091 Business Savings Account is archived in Xero. Choose an active bank account for Cheque payments.',
      'payments/debit_card/error: The account chosen for Debit card payments is no longer in Xero. Choose a bank account.',
      'payments/online_banking/warning: Online banking payments have no account: they will wait until you choose a Xero bank account.',
    ]));
    expect(msgs.some((m) => m.startsWith('payments/credit_card/error'))).toBe(false);
    // Each Products/Services problem names the control it is about.
    const fields = checkMapping(db, bad).filter((i) => i.section === 'products').map((i) => `${i.key}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['CT-RENT:item', 'CT-INS:account', 'CT-INS:tax', 'CT-LOCK:account', 'CT-DEP:account']));
  });

  test('what an accountant would refuse is a problem (issue 12): a deposit as income or taxed, a line to an equity account, no tax rate at all', () => {
    seedReferenceMirror(db);
    const msgs = messages({
      ...GOOD,
      chargeTypes: {
        'CT-DEP': { itemCode: null, accountCode: '260', taxType: 'OUTPUT' },
        'CT-LATE': { itemCode: null, accountCode: '880', taxType: 'OUTPUT' },
        'CT-LOCK': { itemCode: 'LOCK', accountCode: '200', taxType: null },
      },
    });
    expect(msgs).toEqual(expect.arrayContaining([
      'products/CT-DEP/error: The account 260 Other Revenue is not a liability account: a refundable deposit is money held for the tenant, not income. Choose a liability account such as "Tenant deposits held" for Security Deposit.',
      expect.stringMatching(/^products\/CT-DEP\/error: Security Deposit is a refundable deposit, not income, so it carries no tax: "GST on Income" would charge 10% on it/),
      'products/CT-LATE/error: The account 880 Owner A Drawings is not a revenue account (it is equity). Choose another revenue account for Late Fee.',
    ]));
    // Sales carries GST on Income by default in Xero: the item's line takes the account's rate, which is fine.
    expect(msgs.filter((m) => m.startsWith('products/CT-LOCK/error'))).toEqual([]);
  });

  test('Write-offs (issue 13): an expense account and a tax rate on sales, else what is wrong and what fixes it; not chosen is no error', () => {
    seedReferenceMirror(db);
    upsertAccounts(db, [
      { accountID: 'acc-bad', code: '495', name: 'Bad Debts', type: 'EXPENSE', status: 'ACTIVE', taxType: 'INPUT' },
      { accountID: 'acc-bad-old', code: '496', name: 'Old Bad Debts', type: 'OVERHEADS', status: 'ARCHIVED' },
    ]);
    const writeOff = (accountCode: string | null, taxType: string | null) =>
      messages({ ...GOOD, writeOff: { accountCode, taxType } }).filter((m) => m.startsWith(`products/${WRITE_OFF_KEY}/`));
    expect(messages(GOOD).filter((m) => m.includes(WRITE_OFF_KEY))).toEqual([]);
    expect(writeOff('495', 'OUTPUT')).toEqual([]);
    expect(writeOff('200', 'OUTPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: Write-offs must go to an expense account such as Bad Debts; 200 Sales is a revenue account.`]);
    expect(writeOff('090', 'OUTPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: Write-offs must go to an expense account such as Bad Debts; 090 Business Bank Account is a bank account.`]);
    expect(writeOff('496', 'OUTPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: The account 496 Old Bad Debts for Write-offs is archived in Xero. Choose an active expense account such as Bad Debts.`]);
    expect(writeOff('999', 'OUTPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: The account code "999" for Write-offs is not in Xero. Choose an expense account such as Bad Debts, or click Refresh from Xero if you just created it.`]);
    expect(writeOff('495', null)).toEqual([`products/${WRITE_OFF_KEY}/error: Write-offs have no tax rate: choose one (with GST, the rate on sales, e.g. GST on Income; with VAT, No VAT), or click Suggest mappings.`]);
    expect(writeOff('495', 'NOPE')).toEqual([`products/${WRITE_OFF_KEY}/error: The tax type "NOPE" for Write-offs is not in Xero. Choose one of the organisation's tax rates.`]);
    expect(writeOff('495', 'OLDTAX')).toEqual([`products/${WRITE_OFF_KEY}/error: The tax rate "Old GST" for Write-offs is archived in Xero. Choose an active tax rate.`]);
    expect(writeOff('495', 'INPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: The tax rate "GST on Expenses" cannot be used on a sales credit note, and a write-off is one. Choose a tax rate on sales for Write-offs.`]);
    expect(writeOff(null, 'OUTPUT')).toEqual([`products/${WRITE_OFF_KEY}/error: Write-offs have a tax rate but no account: choose an expense account such as Bad Debts, or clear the tax rate.`]);
    // Each message names its control, so the row marks the right field.
    expect(checkMapping(db, { ...GOOD, writeOff: { accountCode: '200', taxType: 'INPUT' } }).filter((i) => i.key === WRITE_OFF_KEY).map((i) => i.field)).toEqual(['account', 'tax']);
  });

  test('more than two categories, or one category twice, is an error', () => {
    seedReferenceMirror(db);
    const t = GOOD.tracking[0]!;
    const msgs = messages({ ...GOOD, tracking: [t, { ...t, source: 'building' }, { ...t, source: 'unit_type' }] });
    expect(msgs).toContain('categories//error: Xero allows at most 2 tracking categories on an invoice line. Remove one of the categories.');
    expect(msgs).toContain('categories/building/error: The tracking category "Location" is used twice. Choose a different category for Building.');
  });

  test('lists the facility side of every table', () => {
    const v = listFacilityValues(db);
    expect(v.locations.map((l) => l.label)).toEqual(['Melbourne North Storage', 'Sydney Central Storage']);
    expect(v.buildings[0]).toEqual({ value: 'BLD-MEL-A', label: 'Melbourne North Storage - Main Building' });
    expect(v.unitTypes.map((u) => u.value)).toContain('10x20 Drive-up');
    expect(v.chargeTypes.map((c) => c.value)).toEqual(expect.arrayContaining(['CT-RENT', 'CT-DEP']));
    expect(v.paymentMethods.map((p) => p.value)).toEqual(['credit_card', 'debit_card', 'online_banking', 'cash', 'cheque']);
  });
});
