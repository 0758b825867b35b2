/**
 * Documents held before the sync start date that money waits for (issue 15). A payment, refund or
 * credit allocation dated on or after the start date on an invoice or credit note dated before it
 * belongs on that document's copy in Xero (history entered by hand or by a previous tool). So such a
 * document, and its tenant when the tenant is held too, take part in match before create although
 * they are not sent (PlanOutcome `lookUp`, match-existing.ts matchHeld): linked when Xero holds the
 * same one (the money then goes on it, in the same run), needs_review when Xero's copy differs, still
 * before_start_date when Xero has none.
 * Only documents with such money are looked up: the start date says history is left alone, so the
 * rest of it costs no call and raises no review. A held document is looked up again when new money
 * arrives on it and otherwise at most once a day while money waits (someone may enter it in Xero).
 */
import type { Db } from '../../db/open-database';
import { displayDay } from '../locked-period';
import type { ErrorInfo } from '../records/outbox-store';
import { requeueFailed } from '../records/requeue';
import type { PlanContext, PlanOutcome } from './kind-module';
import { prepared } from './payload-helpers';

export type HeldKind = 'tenant' | 'invoice' | 'credit_note';

/** The held records' ids (@id) -> the documents dated before @start they stand for. */
const INVOICES: Record<HeldKind, string> = {
  invoice: 'SELECT @id',
  credit_note: 'SELECT NULL',
  tenant: 'SELECT id FROM invoices WHERE tenant_id = @id AND issue_date < @start',
};
const CREDIT_NOTES: Record<HeldKind, string> = {
  invoice: 'SELECT NULL',
  credit_note: 'SELECT @id',
  tenant: 'SELECT id FROM credit_notes WHERE tenant_id = @id AND issue_date < @start',
};

/**
 * Money dated on or after @start on those documents that has not reached Xero and is not set aside
 * (excluded: the user recorded it in Xero by hand), with the time it was queued.
 */
function moneySql(kind: HeldKind): string {
  const inv = INVOICES[kind];
  const cn = CREDIT_NOTES[kind];
  return `SELECT MAX(o.created_at) AS queued_at, COUNT(DISTINCT m.kind || m.record_id) AS n FROM (
      SELECT 'payment' AS kind, id AS record_id FROM payments WHERE invoice_id IN (${inv}) AND paid_on >= @start AND status = 'completed'
      UNION ALL SELECT 'allocation', id FROM allocations WHERE (invoice_id IN (${inv}) OR credit_note_id IN (${cn}))
        AND allocated_on >= @start AND status = 'completed' AND amount_cents <> 0
      UNION ALL SELECT 'refund', id FROM refunds WHERE credit_note_id IN (${cn}) AND paid_on >= @start AND status = 'completed'
    ) m JOIN sync_records s ON s.kind = m.kind AND s.record_id = m.record_id AND s.status IN ('pending', 'waiting')
    LEFT JOIN outbox o ON o.kind = m.kind AND o.record_id = m.record_id AND o.status = 'pending'`;
}

interface Money { n: number; queued_at: string | null }

function moneyWaiting(db: Db, kind: HeldKind, id: number, start: string): Money {
  return prepared(db, moneySql(kind)).get({ id, start }) as Money;
}

/**
 * The outcome for a record held before the start date: looked up in Xero first when money on or
 * after the start date waits for it (or for one of the tenant's documents).
 */
export function heldOutcome(db: Db, kind: HeldKind, id: number, start: string, outcome: PlanOutcome): PlanOutcome {
  if (outcome.type !== 'before_start_date' || moneyWaiting(db, kind, id, start).n === 0) return outcome;
  return { ...outcome, lookUp: true };
}

/** Looked up and not in Xero (`day` the lookup's day): the held record says so, and what the money on it waits for. */
export function notInXero(error: ErrorInfo, day: string): ErrorInfo {
  return {
    ...error,
    explanation: `${error.explanation} Xero has no copy of it either (looked for on ${displayDay(day)}), and money recorded on it on or after the start date waits for one.`,
    fix: 'Enter it in Xero as it is here (a document under the same number, a contact under the same name): Facility Sync looks for it again each day and then sends that money on it. '
      + 'Or move the sync start date earlier, so that Facility Sync sends it.',
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * requeueBeforePlanning for a held kind: a held record that money waits for is planned (and so
 * looked up) again when money arrived since it was last planned, or a day after that.
 */
export function requeueHeldWithMoney(kind: HeldKind, { db, startDate }: PlanContext, now: string): void {
  if (!startDate) return;
  const held = prepared(
    db,
    `SELECT s.record_id, s.updated_at FROM sync_records s WHERE s.kind = ? AND s.status = 'before_start_date'
       AND NOT EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id)
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = s.kind AND o.record_id = s.record_id AND o.status IN ('pending', 'in_flight'))`,
  ).all(kind) as Array<{ record_id: number; updated_at: string }>;
  const dayAgo = new Date(new Date(now).getTime() - DAY_MS).toISOString();
  const due = held.filter((h) => {
    const money = moneyWaiting(db, kind, h.record_id, startDate);
    return money.n > 0 && (h.updated_at <= dayAgo || (money.queued_at !== null && money.queued_at > h.updated_at));
  });
  if (due.length) requeueFailed(db, { kind, recordIds: due.map((h) => h.record_id), statuses: ['before_start_date'] }, now);
}
