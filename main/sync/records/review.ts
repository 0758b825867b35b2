/**
 * The user's choice about a record found in Xero before its first send with other amounts, dates or
 * contact (status needs_review, match-existing.ts), from the report's sync options and the CLI:
 * - Use ours: the record is linked to Xero's copy and queued as an update, so the next run changes
 *   Xero's copy to the facility's; Xero refuses that for a paid or voided document, and the record
 *   then fails saying so (explain-error.ts, invoice_locked);
 * - Keep Xero's: linked as it is in Xero, synced, with a note of what differs.
 * Either way the Xero record is the one that was found: nothing is created.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { createOrganisationState } from './organisation';
import { requeueFailed } from './requeue';
import { createSupersede } from './supersede';
import { createMatchStore } from './xero-matches';

export type ReviewChoice = 'use_ours' | 'keep_xero';

export interface ReviewOutcome {
  /** Records linked (Keep Xero's) or queued to update Xero's copy (Use ours). */
  changed: number[];
  /** Records that are not waiting for review (nothing changed). */
  notInReview: number[];
}

export function applyReview(db: Db, kind: RecordKind, ids: number[], choice: ReviewChoice, now = new Date().toISOString()): ReviewOutcome {
  const org = createOrganisationState(db).current()?.tenantId ?? null;
  const matches = createMatchStore(db);
  const supersede = createSupersede(db);
  const statusOf = db.prepare('SELECT status FROM sync_records WHERE kind = ? AND record_id = ?').pluck();
  const link = db.prepare(
    `INSERT INTO xero_links (kind, record_id, xero_id, linked_at) VALUES (@kind, @record_id, @xero_id, @now)
     ON CONFLICT (kind, record_id) DO UPDATE SET xero_id = excluded.xero_id, linked_at = excluded.linked_at`,
  );
  const keep = db.prepare(
    `UPDATE sync_records SET status = 'synced', synced_hash = content_hash, error_code = 'kept_xero', error_explanation = @note,
       error_fix = NULL, updated_at = @now WHERE kind = @kind AND record_id = @record_id`,
  );
  const outcome: ReviewOutcome = { changed: [], notInReview: [] };
  db.transaction(() => {
    const useOurs: number[] = [];
    for (const id of [...new Set(ids)]) {
      const match = statusOf.get(kind, id) === 'needs_review' ? matches.latest(org, kind, id) : null;
      if (!match) {
        outcome.notInReview.push(id);
        continue;
      }
      link.run({ kind, record_id: id, xero_id: match.xeroId, now });
      matches.remove(match.org, kind, id);
      if (choice === 'keep_xero') {
        supersede({ kind, record_id: id, now });
        keep.run({ kind, record_id: id, now, note: `Linked to the copy already in Xero and kept as it is there. ${match.differences.join('. ')}.` });
        outcome.changed.push(id);
      } else useOurs.push(id);
    }
    // Linked now, so requeueFailed queues an update of Xero's copy (never a second create).
    if (useOurs.length) outcome.changed.push(...requeueFailed(db, { kind, recordIds: useOurs, statuses: ['needs_review'] }, now));
  })();
  return outcome;
}
