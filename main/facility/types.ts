/**
 * Row shapes of the facility mirror, in the database's own column names (snake_case) so the
 * repository binds them straight into prepared statements. Money is integer cents.
 */
import type { PaymentMethod, SyncStatus } from '../../contract';

export type { PaymentMethod, SyncStatus };

export const CHARGE_KINDS = ['rent', 'merchandise', 'service', 'fee', 'insurance', 'deposit'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'online_banking', 'cash', 'cheque'] as const;
export const PAYMENT_STATUSES = ['completed', 'reversed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface LocationRow {
  external_id: string;
  name: string;
  currency: string;
  time_zone: string;
  updated_at: string;
}
export interface BuildingRow {
  external_id: string;
  location_id: number;
  name: string;
  updated_at: string;
}
export interface UnitRow {
  external_id: string;
  building_id: number;
  name: string;
  unit_type: string;
  updated_at: string;
}
export interface ChargeTypeRow {
  external_id: string;
  name: string;
  kind: ChargeKind;
  updated_at: string;
}
export interface TenantRow {
  external_id: string;
  location_id: number;
  unit_id: number | null;
  name: string;
  email: string;
  phone: string;
  updated_at: string;
}
export interface InvoiceRow {
  external_id: string;
  invoice_number: string;
  tenant_id: number;
  unit_id: number | null;
  issue_date: string;
  due_date: string;
  /** open, or void (cancelled in the facility system; Xero voids it too). */
  status: InvoiceStatus;
  updated_at: string;
}
export interface InvoiceLineRow {
  external_id: string;
  line_no: number;
  charge_type_id: number;
  description: string;
  quantity: number;
  unit_amount_cents: number;
  updated_at: string;
}
export interface PaymentRow {
  external_id: string;
  invoice_id: number;
  paid_on: string;
  amount_cents: number;
  method: PaymentMethod;
  status: PaymentStatus;
  reference: string;
  updated_at: string;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Credit notes, refunds and allocations (migration 006, issue 13). */
export const INVOICE_STATUSES = ['open', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const CREDIT_NOTE_REASONS = ['refund', 'discount', 'write_off', 'adjustment'] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];
export const REFUND_STATUSES = PAYMENT_STATUSES;
export const ALLOCATION_STATUSES = PAYMENT_STATUSES;

export interface CreditNoteRow {
  external_id: string;
  credit_note_number: string;
  tenant_id: number;
  /** The invoice the credit is applied to (an allocation), or null for credit left on the account. */
  invoice_id: number | null;
  unit_id: number | null;
  issue_date: string;
  reason: CreditNoteReason;
  status: InvoiceStatus;
  updated_at: string;
}
export type CreditNoteLineRow = InvoiceLineRow;
/** A payments.csv row without an invoice: money received before it is owed (migration 009, issue 14). */
export interface PrepaymentRow {
  external_id: string;
  tenant_id: number;
  paid_on: string;
  amount_cents: number;
  method: PaymentMethod;
  status: PaymentStatus;
  reference: string;
  updated_at: string;
}
export interface RefundRow {
  external_id: string;
  /** Exactly one source: the credit note paid back, or (issue 14) the prepayment. */
  credit_note_id: number | null;
  prepayment_id: number | null;
  paid_on: string;
  amount_cents: number;
  method: PaymentMethod;
  status: PaymentStatus;
  reference: string;
  updated_at: string;
}
export interface AllocationRow {
  external_id: string;
  /** Exactly one source: the credit note or the prepayment applied. */
  credit_note_id: number | null;
  prepayment_id: number | null;
  invoice_id: number;
  amount_cents: number;
  allocated_on: string;
  status: PaymentStatus;
  updated_at: string;
}
