import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { naturalKeyOf } from '../../main/sync/kinds';
import { buildInvoicePayload } from '../../main/sync/kinds/invoice';
import { centsToDecimal } from '../../main/sync/kinds/payload-helpers';
import { buildPaymentPayload } from '../../main/sync/kinds/payment';
import { buildContactPayload, disambiguatedName } from '../../main/sync/kinds/tenant';
import { idOf, openSampleFacilityDb } from '../helpers/sample-facility-db';

const FULL: Mapping = {
  tracking: [
    { source: 'location', categoryId: null, categoryName: 'Location', options: { 'LOC-SYD': 'Downtown', 'LOC-MEL': 'Harbourside' } },
    { source: 'unit_type', categoryId: null, categoryName: 'Unit Type', options: { '5x5 Climate Controlled': 'Small', '10x20 Drive-up': 'Large', '5x10 Standard': 'Medium' } },
  ],
  chargeTypes: {
    'CT-RENT': { itemCode: 'RENT', accountCode: null, taxType: null },
    'CT-INS': { itemCode: null, accountCode: '260', taxType: 'OUTPUT' },
    'CT-LOCK': { itemCode: 'LOCK', accountCode: '200', taxType: 'OUTPUT' },
    'CT-LATE': { itemCode: null, accountCode: '260', taxType: 'EXEMPTOUTPUT' },
    'CT-DEP': { itemCode: null, accountCode: '260', taxType: 'BASEXCLUDED' },
  },
  paymentAccounts: { credit_card: 'acc-bank', online_banking: 'acc-bank', cash: 'acc-cash' },
  lineAmountTypes: 'Inclusive',
};

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
});
afterEach(() => db.close());

describe('buildContactPayload', () => {
  test('carries the tenant id as ContactNumber, the name, email and phone', () => {
    const c = buildContactPayload(db, idOf(db, 'tenants', 'T-1001'));
    expect(c).toMatchObject({ contactNumber: 'T-1001', name: 'Olivia Smith', emailAddress: 'olivia.smith@example.com' });
    expect(c.phones?.[0]?.phoneNumber).toBe('0412 345 678');
  });

  test('disambiguates a clashing name with the tenant id and leaves out empty fields', () => {
    const c = buildContactPayload(db, idOf(db, 'tenants', 'T-1003'), { disambiguate: true });
    expect(c.name).toBe("Jack O'Brien (T-1003)");
    expect(c.emailAddress).toBeUndefined();
    expect(disambiguatedName('x'.repeat(300), 'T-1').length).toBe(255);
    expect(disambiguatedName('x'.repeat(300), 'T-1').endsWith(' (T-1)')).toBe(true);
    // Shortened between characters: an emoji or accented letter at the cut is never split in two.
    const emojis = disambiguatedName('🙂'.repeat(200), 'T-1');
    expect(emojis.length).toBeLessThanOrEqual(255);
    expect(emojis).toBe(`${'🙂'.repeat(124)} (T-1)`);
    expect(emojis).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('buildInvoicePayload', () => {
  test('builds an approved ACCREC invoice with items, accounts, tax types and two tracking categories', () => {
    const r = buildInvoicePayload(db, idOf(db, 'invoices', 'INV-5001'), FULL, 'contact-1');
    if (!r.ok) throw new Error(r.explanation);
    const inv = r.payload;
    expect(inv).toMatchObject({
      type: 'ACCREC', status: 'AUTHORISED', lineAmountTypes: 'Inclusive', currencyCode: 'AUD',
      invoiceNumber: 'SYD-5001', date: '2025-01-05', dueDate: '2025-01-12', contact: { contactID: 'contact-1' }, reference: 'Unit A101',
    });
    expect(inv.lineItems).toHaveLength(3);
    expect(inv.lineItems?.[0]).toEqual({
      description: 'Rent A101, January 2025', quantity: 1, unitAmount: 89, itemCode: 'RENT',
      tracking: [{ name: 'Location', option: 'Downtown' }, { name: 'Unit Type', option: 'Small' }],
    });
    expect(inv.lineItems?.[1]).toMatchObject({ unitAmount: 12.5, accountCode: '260', taxType: 'OUTPUT' });
    expect(inv.lineItems?.[2]).toMatchObject({ quantity: 2, unitAmount: 19.95, itemCode: 'LOCK', accountCode: '200' });
    // The decimals add back up to the facility's cents total.
    const total = inv.lineItems!.reduce((s, l) => s + Math.round(l.unitAmount! * 100) * l.quantity!, 0);
    expect(total).toBe(db.prepare("SELECT total_cents FROM invoices WHERE external_id = 'INV-5001'").pluck().get());
    // The serialised body uses Xero's own field names.
    expect(JSON.stringify(inv)).not.toContain('undefined');
  });

  test('an unmapped charge type gives the explanation and the fix instead of a payload', () => {
    const { 'CT-LATE': _late, ...rest } = FULL.chargeTypes;
    const r = buildInvoicePayload(db, idOf(db, 'invoices', 'INV-5004'), { ...FULL, chargeTypes: rest }, 'c');
    expect(r).toEqual({
      ok: false, code: 'mapping_charge_type',
      explanation: 'The charge type "Late Fee" (line 2 of invoice SYD-5004) is not mapped to a Xero item or account.',
      fix: 'Settings > Integration > Accounting Software > Xero > Synchronize > Products/Services: map Late Fee',
    });
  });

  test('a location with no tracking option waits with a mapping error', () => {
    const tracking = [{ ...FULL.tracking[0]!, options: { 'LOC-SYD': 'Downtown' } }];
    const r = buildInvoicePayload(db, idOf(db, 'invoices', 'INV-5003'), { ...FULL, tracking }, 'c');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('mapping_tracking_option');
    expect(r.fix).toContain('Map categories');
  });

  test('with no tracking mapped, lines carry no tracking; Exclusive amounts are passed through', () => {
    const r = buildInvoicePayload(db, idOf(db, 'invoices', 'INV-5002'), { ...FULL, tracking: [], lineAmountTypes: 'Exclusive' }, 'c');
    if (!r.ok) throw new Error(r.explanation);
    expect(r.payload.lineAmountTypes).toBe('Exclusive');
    expect(r.payload.lineItems?.every((l) => l.tracking === undefined)).toBe(true);
  });

  test('a record that is gone says so', () => {
    const r = buildInvoicePayload(db, 999_999, FULL, 'c');
    expect(r).toMatchObject({ ok: false, code: 'record_missing' });
  });
});

describe('buildPaymentPayload', () => {
  test('pays the invoice into the mapped account with the facility payment id in the Reference', () => {
    const r = buildPaymentPayload(db, idOf(db, 'payments', 'P-9001'), FULL, 'inv-x');
    expect(r).toEqual({
      ok: true,
      payload: { invoice: { invoiceID: 'inv-x' }, account: { accountID: 'acc-bank' }, date: '2025-01-05', amount: 141.4, reference: 'FS-PAY:P-9001' },
    });
  });

  test('an unmapped payment method waits with a fix pointing at Paid to Account', () => {
    const r = buildPaymentPayload(db, idOf(db, 'payments', 'P-9005'), FULL, 'inv-x');
    expect(r).toMatchObject({ ok: false, code: 'mapping_payment_account' });
    if (!r.ok) expect(r.fix).toBe('Settings > Integration > Accounting Software > Xero > Synchronize > Paid to Account: choose an account for Debit card');
  });
});

describe('natural keys', () => {
  test('ContactNumber, InvoiceNumber and the payment Reference', () => {
    expect(naturalKeyOf('tenant', db, idOf(db, 'tenants', 'T-1002'))).toBe('T-1002');
    expect(naturalKeyOf('invoice', db, idOf(db, 'invoices', 'INV-5002'))).toBe('SYD-5002');
    expect(naturalKeyOf('payment', db, idOf(db, 'payments', 'P-9003'))).toBe('FS-PAY:P-9003');
    expect(naturalKeyOf('payment', db, 424242)).toBeNull();
  });

  test('cents become exact decimals', () => {
    expect(centsToDecimal(1995)).toBe(19.95);
    expect(centsToDecimal(14140)).toBe(141.4);
    expect(centsToDecimal(1)).toBe(0.01);
  });
});
