/**
 * Voiding in Xero (docs/xero-facts.md): an AUTHORISED invoice or credit note can only become
 * VOIDED while nothing is applied to it. So a void waits until the payments, refunds and credit
 * allocations Facility Sync put on it are removed from Xero (the planner sends those removals
 * first), and fails with what to do when the facility still has such money recorded as completed.
 * A document voided before it ever reached Xero sends nothing.
 */
import { kindInfo, type RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import type { ErrorInfo } from '../records/outbox-store';
import { explainValidation } from '../explain-error';
import { nextAttemptAt } from '../records/outbox-store';
import type { PlannedItem, PlanOutcome, SendContext } from './kind-module';
import { centsToDecimal, prepared } from './payload-helpers';

export function voidedBeforeSync(kind: RecordKind): PlanOutcome {
  const noun = kindInfo(kind).noun;
  return {
    type: 'exclude',
    error: { code: 'voided_before_sync', explanation: `This ${noun} was voided before it reached Xero, so there is nothing to send.`, fix: 'Nothing to do.' },
  };
}

interface Applied { ref: string; status: string; amount_cents: number; what: 'payment' | 'refund' | 'allocation'; source: string | null }

const APPLIED_TO_INVOICE = `
  SELECT p.external_id AS ref, p.status, p.amount_cents, 'payment' AS what, NULL AS source
  FROM payments p JOIN xero_links x ON x.kind = 'payment' AND x.record_id = p.id WHERE p.invoice_id = @id
  UNION ALL
  SELECT a.external_id, a.status, a.amount_cents, 'allocation', c.credit_note_number
  FROM allocations a JOIN xero_links x ON x.kind = 'allocation' AND x.record_id = a.id
  LEFT JOIN credit_notes c ON c.id = a.credit_note_id WHERE a.invoice_id = @id`;

const APPLIED_TO_CREDIT_NOTE = `
  SELECT r.external_id AS ref, r.status, r.amount_cents, 'refund' AS what, NULL AS source
  FROM refunds r JOIN xero_links x ON x.kind = 'refund' AND x.record_id = r.id WHERE r.credit_note_id = @id
  UNION ALL
  SELECT a.external_id, a.status, a.amount_cents, 'allocation', i.invoice_number
  FROM allocations a JOIN xero_links x ON x.kind = 'allocation' AND x.record_id = a.id
  JOIN invoices i ON i.id = a.invoice_id WHERE a.credit_note_id = @id`;

/**
 * Null when the document can be voided in Xero now; else why it waits (a removal is on its way)
 * or fails (the facility still records the money as received or paid back).
 */
export function voidBlocked(db: Db, kind: 'invoice' | 'credit_note', id: number, label: string): PlanOutcome | null {
  const applied = prepared(db, kind === 'invoice' ? APPLIED_TO_INVOICE : APPLIED_TO_CREDIT_NOTE).all({ id }) as Applied[];
  const money = applied.find((a) => a.what !== 'allocation' && a.status === 'completed');
  if (money) {
    const amount = centsToDecimal(money.amount_cents).toFixed(2);
    const file = money.what === 'payment' ? 'payments.csv' : 'refunds.csv';
    const error: ErrorInfo = {
      code: 'void_with_payments',
      explanation: `${label} is void in the facility system, but ${money.what} ${money.ref} of ${amount} is still recorded against it, and Xero cannot void a document with ${money.what}s on it.`,
      fix: `Reverse ${money.what} ${money.ref} in the facility system (status reversed in ${file}) and import it again; Facility Sync then removes it from Xero and voids the ${kindInfo(kind).noun}.`,
    };
    return { type: 'fail', error };
  }
  const pending = applied[0];
  if (!pending) return null;
  const what = pending.what === 'allocation'
    ? `the credit ${kind === 'invoice' ? `from credit note ${pending.source ?? pending.ref}` : `applied to invoice ${pending.source ?? pending.ref}`}`
    : `${pending.what} ${pending.ref}`;
  return {
    type: 'wait',
    error: {
      code: 'waiting_for_removal',
      explanation: `Waiting for ${what} to be removed from Xero; Xero voids a ${kindInfo(kind).noun} only when nothing is applied to it.`,
      fix: 'Nothing to do: the removal is sent first and the void follows.',
    },
  };
}

/**
 * Xero refuses to void a document that is VOIDED already ("not of valid status for
 * modification"): that is what a resend after a lost answer meets. Read the document's status:
 * VOIDED means the void went through; anything else is a real refusal, explained as Xero gave it.
 */
export function settlesVoidRefusal(code: string, item: PlannedItem): boolean {
  return code === 'invoice_locked' && item.op === 'update' && (item.payload as { status?: unknown } | null)?.status === 'VOIDED';
}

export function voidRefusalSettler(readStatus: (ctx: SendContext, xeroId: string) => Promise<string | undefined>) {
  return async (ctx: SendContext, item: PlannedItem): Promise<'ok' | 'requeued' | 'failed'> => {
    let status: string | undefined;
    try {
      status = await readStatus(ctx, item.xeroId ?? '');
    } catch {
      ctx.store.requeue([item.row], nextAttemptAt(item.row.attempts, ctx.now(), ctx.backoffBaseMs));
      return 'requeued';
    }
    if (status === 'VOIDED') {
      ctx.store.transaction(() => ctx.store.completeRow(item.row, item.xeroId ?? null));
      return 'ok';
    }
    ctx.store.transaction(() => ctx.store.failRow(item.row, explainValidation(['Invoice not of valid status for modification'], item.row.kind)));
    return 'failed';
  };
}
