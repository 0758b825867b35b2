/**
 * Content hashes are stored (sync_records.content_hash, synced_hash) and compared on every later
 * import, so they must not change from one version to the next: each is the SHA-256 (base64url)
 * of the content's [key, value] pairs in key order, as JSON, without updated_at.
 */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import {
  allocationHash, invoiceHash, PAYMENT_HASHED, paymentHash, PREPAYMENT_HASHED, prepaymentHash, refundHash, TENANT_HASHED, tenantHash,
} from '../../main/facility/content-hashes';
import type { AllocationRow, PaymentRow, PrepaymentRow, RefundRow, TenantRow } from '../../main/facility/types';

function digestOf(content: Record<string, unknown>): string {
  const pairs = Object.keys(content).sort().map((k) => [k, content[k]]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('base64url');
}
const withoutStamp = <T extends { updated_at: string }>(row: T) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'updated_at'));

const tenant: TenantRow = {
  external_id: 'T-1', location_id: 3, unit_id: null, name: 'Mia "Mimi" Chen, Café ☕', email: 'mia@example.com', phone: '0400 000 000',
  updated_at: '2025-01-05T10:15:00.000Z',
};
const payment: PaymentRow = {
  external_id: 'P-1', invoice_id: 7, paid_on: '2025-01-05', amount_cents: 14140, method: 'credit_card', status: 'completed',
  reference: 'Visa ending 4242', updated_at: '2025-01-05T10:25:00.000Z',
};

test('tenant and payment hashes cover every column but updated_at, and digest the sorted pairs', () => {
  expect([...TENANT_HASHED].sort()).toEqual(Object.keys(withoutStamp(tenant)).sort());
  expect([...PAYMENT_HASHED].sort()).toEqual(Object.keys(withoutStamp(payment)).sort());
  expect(tenantHash(tenant)).toBe(digestOf(withoutStamp(tenant)));
  expect(paymentHash(payment)).toBe(digestOf(withoutStamp(payment)));
  expect(tenantHash({ ...tenant, updated_at: '2030-01-01T00:00:00.000Z' })).toBe(tenantHash(tenant));
  expect(tenantHash({ ...tenant, unit_id: 4 })).not.toBe(tenantHash(tenant));
});

test('an invoice hash covers its header and its lines in line order, and its status once void', () => {
  const header = {
    external_id: 'INV-1', invoice_number: 'SYD-1', tenant_id: 1, unit_id: 2, issue_date: '2025-01-01', due_date: '2025-01-08', status: 'open' as const,
  };
  const { status: _open, ...openContent } = header;
  const lines = [
    { external_id: 'L-1', line_no: 1, charge_type_id: 1, description: 'Rent A101', quantity: 1, unit_amount_cents: 14500 },
    { external_id: 'L-2', line_no: 2, charge_type_id: 3, description: 'Disc lock', quantity: 2, unit_amount_cents: 1995 },
  ];
  const asPairs = lines.map((l) => [l.external_id, l.line_no, l.charge_type_id, l.description, l.quantity, l.unit_amount_cents]);
  expect(invoiceHash(header, lines)).toBe(digestOf({ ...openContent, lines: asPairs }));
  expect(invoiceHash(header, [])).toBe(digestOf({ ...openContent, lines: [] }));
  // An open invoice's hash leaves its status out (as before issue 13); a void one's covers it.
  expect(invoiceHash({ ...header, status: 'void' }, lines)).toBe(digestOf({ ...openContent, lines: asPairs, status: 'void' }));
});

test('issue 14: a prepayment hashes every column but updated_at; a credit note\'s allocations and refunds keep the hashes they had', () => {
  const prepayment: PrepaymentRow = {
    external_id: 'PRE-1', tenant_id: 3, paid_on: '2025-02-01', amount_cents: 30000, method: 'online_banking', status: 'completed',
    reference: 'Rent paid ahead', updated_at: '2025-02-01T08:00:00.000Z',
  };
  expect([...PREPAYMENT_HASHED].sort()).toEqual(Object.keys(withoutStamp(prepayment)).sort());
  expect(prepaymentHash(prepayment)).toBe(digestOf(withoutStamp(prepayment)));

  // Before issue 14 an allocation hashed these five fields and a refund these five: stored hashes must not change.
  const allocation: AllocationRow = {
    external_id: 'CN:CN-1', credit_note_id: 4, prepayment_id: null, invoice_id: 7, amount_cents: 1500, allocated_on: '2025-02-06', status: 'completed',
    updated_at: '2025-02-06T09:00:00.000Z',
  };
  expect(allocationHash(allocation)).toBe(digestOf({ credit_note_id: 4, invoice_id: 7, amount_cents: 1500, allocated_on: '2025-02-06', status: 'completed' }));
  expect(allocationHash({ ...allocation, credit_note_id: null, prepayment_id: 9 })).toBe(
    digestOf({ credit_note_id: null, prepayment_id: 9, invoice_id: 7, amount_cents: 1500, allocated_on: '2025-02-06', status: 'completed' }),
  );
  const refund: RefundRow = {
    external_id: 'R-1', credit_note_id: 4, prepayment_id: null, paid_on: '2025-04-02', amount_cents: 20000, method: 'cash', status: 'completed',
    reference: 'EFT', updated_at: '2025-04-02T09:00:00.000Z',
  };
  expect(refundHash(refund)).toBe(digestOf({ credit_note_id: 4, paid_on: '2025-04-02', amount_cents: 20000, method: 'cash', status: 'completed' }));
  expect(refundHash({ ...refund, reference: 'another' })).toBe(refundHash(refund));
  expect(refundHash({ ...refund, credit_note_id: null, prepayment_id: 9 })).not.toBe(refundHash({ ...refund, credit_note_id: null, prepayment_id: 8 }));
});
