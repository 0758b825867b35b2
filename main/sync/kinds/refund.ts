/**
 * Refunds -> money paid back to the tenant out of a credit note or an unused prepayment: in Xero a
 * Payment on the credit note (PUT /Payments with CreditNote instead of Invoice) or on the
 * overpayment (with Overpayment; issue 14), from the bank account of the refund's method (Paid to
 * Account). Like payments, refunds cannot be edited in Xero: a reversed refund is deleted, a
 * changed one fails with what to do. A refund waits for its credit note or prepayment.
 * Natural key: the Reference "FS-REF:<facility refund id>".
 */
import type { Payment } from 'xero-node';
import type { Db } from '../../db/open-database';
import { PAYMENT_METHOD_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import type { OutboxRow } from '../records/outbox-store';
import type { KindModule, PlanContext, PlanOutcome } from './kind-module';
import { findPaymentsByReference, sendPayments } from './payment';
import { centsToDecimal, missing, paymentAccountOf, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';
import { lockedPeriodFor } from '../locked-period';
import { documentBeforeStart, startDateFor } from '../start-date';

export const REFUND_REFERENCE_PREFIX = 'FS-REF:';

export function refundReference(externalId: string): string {
  return `${REFUND_REFERENCE_PREFIX}${externalId}`;
}

interface RefundData { external_id: string; paid_on: string; amount_cents: number; method: keyof typeof PAYMENT_METHOD_LABELS }

/** What the refund pays back in Xero: a credit note, or an overpayment (a facility prepayment). */
export type RefundSource = { creditNoteID: string } | { overpaymentID: string };

export function buildRefundPayload(
  db: Db, refundId: number, mapping: Mapping, source: RefundSource, problems?: MappingProblems,
): PayloadResult<Payment> {
  const r = prepared(db, 'SELECT external_id, paid_on, amount_cents, method FROM refunds WHERE id = ?').get(refundId) as RefundData | undefined;
  if (!r) return missing('refund', refundId);
  const account = paymentAccountOf(mapping, r.method, `refund ${r.external_id}`, problems);
  if (!account.ok) return account;
  const accountId = account.payload;
  return {
    ok: true,
    payload: {
      ...('creditNoteID' in source ? { creditNote: { creditNoteID: source.creditNoteID } } : { overpayment: { overpaymentID: source.overpaymentID } }),
      account: { accountID: accountId },
      date: r.paid_on,
      amount: centsToDecimal(r.amount_cents),
      reference: refundReference(r.external_id),
    },
  };
}

export const refundKind: KindModule = {
  kind: 'refund',
  planner(ctx) {
    const { db, store, mapping, mappingProblems, lockedPeriod, startDate } = ctx;
    const info = db.prepare(
      `SELECT r.status, r.credit_note_id, c.credit_note_number, c.status AS credit_note_status, r.paid_on, c.issue_date AS credit_note_date,
              r.prepayment_id, p.external_id AS prepayment_ref, p.status AS prepayment_status, p.paid_on AS prepayment_date
       FROM refunds r LEFT JOIN credit_notes c ON c.id = r.credit_note_id LEFT JOIN prepayments p ON p.id = r.prepayment_id WHERE r.id = ?`,
    );
    return (row) => {
      const r = info.get(row.record_id) as RefundPlanData | undefined;
      if (!r) return { type: 'fail', error: gone('refund') };
      const xeroId = store.xeroIdOf('refund', row.record_id);
      const start = xeroId ? null : startDateFor(startDate, r.paid_on, 'refund');
      if (start?.type === 'before') return start.outcome;
      const lock = lockedPeriodFor(lockedPeriod, r.paid_on);
      if (lock.type === 'hold' && (xeroId || r.status !== 'reversed')) return lock.outcome;
      if (r.status === 'reversed') {
        if (xeroId) return { type: 'send', item: { row, op: 'delete', payload: null, xeroId } };
        return {
          type: 'exclude',
          error: { code: 'reversed_before_sync', explanation: 'This refund was reversed before it reached Xero, so there is nothing to send.', fix: 'Nothing to do.' },
        };
      }
      if (xeroId) {
        return {
          type: 'fail',
          error: {
            code: 'payment_locked',
            explanation: 'This refund changed after it reached Xero, and Xero does not allow refunds to be edited.',
            fix: 'Reverse the refund in the facility system and record it again; Facility Sync then deletes the old one in Xero and sends the new one.',
          },
        };
      }
      if (r.prepayment_id !== null && r.prepayment_ref !== null) return planPrepaymentRefund(ctx, row, r, lock);
      if (r.credit_note_id === null || r.credit_note_number === null) {
        return {
          type: 'fail',
          error: { code: 'refund_source', explanation: 'This refund names no credit note or prepayment to pay back.', fix: 'Name the credit note or the prepayment (payment_id) in refunds.csv and import it again.' },
        };
      }
      if (r.credit_note_status === 'void') {
        return {
          type: 'fail',
          error: {
            code: 'refund_on_void_credit_note',
            explanation: `This refund pays back credit note ${r.credit_note_number}, which is void in the facility system; Xero does not refund a voided credit note.`,
            fix: 'Reverse the refund in the facility system, or record it against the credit note that replaces the void one, and import refunds.csv again.',
          },
        };
      }
      const creditNoteId = store.xeroIdOf('credit_note', r.credit_note_id);
      if (!creditNoteId) {
        if (startDate && r.credit_note_date && r.credit_note_date < startDate) {
          return documentBeforeStart(startDate, 'refund', `credit note ${r.credit_note_number}`, r.credit_note_date);
        }
        return waitFor('credit_note', r.credit_note_number, 'refund');
      }
      const built = buildRefundPayload(db, row.record_id, mapping, { creditNoteID: creditNoteId }, mappingProblems);
      if (!built.ok) return notBuilt(built);
      // The Reference stays exactly FS-REF:<id>, the natural key (see payment.ts).
      if (lock.type === 'redate') built.payload.date = lock.date;
      return { type: 'send', item: { row, op: 'create', payload: built.payload } };
    };
  },
  send: sendPayments,
  xeroIdOf: (el) => (el as Payment).paymentID,
  naturalKey(db, recordId) {
    const id = prepared(db, 'SELECT external_id FROM refunds WHERE id = ?').pluck().get(recordId) as string | undefined;
    return id === undefined ? null : refundReference(id);
  },
  findByNaturalKey: findPaymentsByReference,
  report: {
    detailsSql: `SELECT r.id, r.external_id, t.name AS tenant_name, COALESCE(c.credit_note_number, p.external_id) AS reference, r.amount_cents,
                   r.method AS payment_method, xc.xero_id AS xero_invoice_id, 'refund' AS payment_type
            FROM refunds r LEFT JOIN credit_notes c ON c.id = r.credit_note_id LEFT JOIN prepayments p ON p.id = r.prepayment_id
            JOIN tenants t ON t.id = COALESCE(c.tenant_id, p.tenant_id)
            LEFT JOIN xero_links xc ON xc.kind = 'credit_note' AND xc.record_id = r.credit_note_id
            WHERE r.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM refunds`,
    webUrl: (_xeroId, creditNoteXeroId) =>
      (creditNoteXeroId ? `https://go.xero.com/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${creditNoteXeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM refunds WHERE external_id = @v',
};

interface RefundPlanData {
  status: string; credit_note_id: number | null; credit_note_number: string | null; credit_note_status: string | null; paid_on: string;
  credit_note_date: string | null; prepayment_id: number | null; prepayment_ref: string | null; prepayment_status: string | null;
  prepayment_date: string | null;
}

/** A new refund of an unused prepayment: it waits for the prepayment, which must still be received (not reversed). */
function planPrepaymentRefund(
  { db, store, mapping, mappingProblems, startDate }: PlanContext, row: OutboxRow, r: RefundPlanData, lock: ReturnType<typeof lockedPeriodFor>,
): PlanOutcome {
  const ref = r.prepayment_ref ?? '';
  if (r.prepayment_status === 'reversed') {
    return {
      type: 'fail',
      error: {
        code: 'refund_on_reversed_prepayment',
        explanation: `This refund pays back prepayment ${ref}, which is reversed in the facility system, so there is nothing left to pay back.`,
        fix: 'Reverse the refund in the facility system, or record it against the payment that replaces the reversed one, and import refunds.csv again.',
      },
    };
  }
  const overpaymentId = store.xeroIdOf('prepayment', r.prepayment_id ?? 0);
  if (!overpaymentId) {
    if (startDate && r.prepayment_date && r.prepayment_date < startDate) return documentBeforeStart(startDate, 'refund', `prepayment ${ref}`, r.prepayment_date);
    return waitFor('prepayment', ref, 'refund');
  }
  const built = buildRefundPayload(db, row.record_id, mapping, { overpaymentID: overpaymentId }, mappingProblems);
  if (!built.ok) return notBuilt(built);
  if (lock.type === 'redate') built.payload.date = lock.date;
  return { type: 'send', item: { row, op: 'create', payload: built.payload } };
}
