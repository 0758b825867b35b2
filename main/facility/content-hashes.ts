/**
 * What each kind's content hash covers: the content that would be sent to Xero, in the facility's
 * own terms. The repository (demo data) and the CSV import both hash through these, so the same
 * record gets the same hash whichever path wrote it.
 */
import { contentHash, contentHasher } from '../sync/records/record-change';
import type { AllocationRow, InvoiceLineRow, InvoiceRow, PaymentRow, PrepaymentRow, RefundRow, TenantRow } from './types';

/** The payment fields that reach Xero (the payload and whether it is sent at all). */
export const PAYMENT_SENT_FIELDS = ['invoice_id', 'paid_on', 'amount_cents', 'method', 'status'] as const;

/** Every column but updated_at, the facility's own timestamp (test/facility/content-hashes.test.ts keeps the lists whole). */
export const TENANT_HASHED = ['external_id', 'location_id', 'unit_id', 'name', 'email', 'phone'] as const satisfies readonly (keyof TenantRow)[];
export const PAYMENT_HASHED = [
  'external_id', 'invoice_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference',
] as const satisfies readonly (keyof PaymentRow)[];

export const tenantHash: (row: TenantRow) => string = contentHasher(TENANT_HASHED);
export const paymentHash: (row: PaymentRow) => string = contentHasher(PAYMENT_HASHED);

/** A prepayment (issue 14): as a payment, with its tenant where a payment has its invoice; the reference is never sent. */
export const PREPAYMENT_SENT_FIELDS = ['tenant_id', 'paid_on', 'amount_cents', 'method', 'status'] as const;
export const PREPAYMENT_HASHED = [
  'external_id', 'tenant_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference',
] as const satisfies readonly (keyof PrepaymentRow)[];
export const prepaymentHash: (row: PrepaymentRow) => string = contentHasher(PREPAYMENT_HASHED);

/**
 * An allocation (credit applied to an invoice) and a refund name one source. A prepayment as source
 * is hashed only when there is one, so a credit note's allocations and refunds keep the hashes they
 * were synced with before issue 14.
 */
export function allocationHash(row: AllocationRow): string {
  const { credit_note_id, invoice_id, amount_cents, allocated_on, status, prepayment_id } = row;
  return contentHash({ credit_note_id, invoice_id, amount_cents, allocated_on, status, ...(prepayment_id ? { prepayment_id } : {}) });
}
/** The refund fields that reach Xero: a change to anything else (the reference) leaves the refund synced. */
export function refundHash(row: RefundRow): string {
  const { credit_note_id, paid_on, amount_cents, method, status, prepayment_id } = row;
  return contentHash({ credit_note_id, paid_on, amount_cents, method, status, ...(prepayment_id ? { prepayment_id } : {}) });
}

export type HashedLine = Pick<InvoiceLineRow, 'external_id' | 'line_no' | 'charge_type_id' | 'description' | 'quantity' | 'unit_amount_cents'>;

const INVOICE_HASHED = ['external_id', 'invoice_number', 'tenant_id', 'unit_id', 'issue_date', 'due_date', 'lines'] as const;
const hashInvoice = contentHasher(INVOICE_HASHED);
// Only a void invoice hashes its status: every open invoice keeps the hash it was synced with (issue 13).
const hashVoidInvoice = contentHasher([...INVOICE_HASHED, 'status']);

/** A line as the invoice's hash takes it: external_id, line_no, charge_type_id, description, quantity, unit_amount_cents. */
export type HashedLineTuple = readonly [string, number, number, string, number, number];

/** Header and lines together: a changed line changes the invoice. Lines in line_no order. */
export function invoiceHash(inv: Omit<InvoiceRow, 'updated_at'>, lines: readonly HashedLine[]): string {
  return invoiceHashOfTuples(inv, lines.map((l) => [l.external_id, l.line_no, l.charge_type_id, l.description, l.quantity, l.unit_amount_cents]));
}

/** invoiceHash with the lines already as the hash takes them (the import reads them so: import-write.ts). */
export function invoiceHashOfTuples(inv: Omit<InvoiceRow, 'updated_at'>, lines: readonly HashedLineTuple[]): string {
  const content = {
    external_id: inv.external_id, invoice_number: inv.invoice_number, tenant_id: inv.tenant_id, unit_id: inv.unit_id,
    issue_date: inv.issue_date, due_date: inv.due_date, lines,
  };
  return inv.status === 'void' ? hashVoidInvoice({ ...content, status: inv.status }) : hashInvoice(content);
}
