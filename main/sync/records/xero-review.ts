/**
 * What the user does with a record changed in Xero (issue 16): Send ours again (queued as an update,
 * or a new payment for one Xero deleted; refused with the reason when Xero cannot take it back, e.g. a
 * void), Accept Xero's (reviewed: synced again with a note) or Ignore (synced again with a note). Both
 * remember the difference, so the same one is not raised again (xero-changes.ts).
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { kindModule } from '../kinds';
import { displayDay } from '../locked-period';
import { rememberReviewed } from '../xero-changes';
import { requeueFailed } from './requeue';
import { forgetXeroLink } from './xero-changed';

export type XeroReviewAction = 'send_ours' | 'accept' | 'ignore';

export interface XeroReviewOutcome {
  changed: number[];
  /** Records Send ours again cannot put back, with what the user does instead. */
  refused: Array<{ id: number; reason: string }>;
}

export function reviewXeroChanges(db: Db, tenantId: string, kind: RecordKind, ids: number[], action: XeroReviewAction, now = new Date().toISOString()): XeroReviewOutcome {
  const read = db.prepare("SELECT error_code, error_explanation, error_fix FROM sync_records WHERE kind = ? AND record_id = ? AND status = 'changed_in_xero'");
  const settle = db.prepare(
    "UPDATE sync_records SET status = 'synced', error_code = @code, error_explanation = @note, error_fix = NULL, updated_at = @now WHERE kind = @kind AND record_id = @id",
  );
  const outcome: XeroReviewOutcome = { changed: [], refused: [] };
  db.transaction(() => {
    for (const id of ids) {
      const r = read.get(kind, id) as { error_code: string; error_explanation: string; error_fix: string } | undefined;
      if (!r) continue;
      if (action === 'send_ours') {
        if (r.error_code !== 'changed_in_xero') {
          outcome.refused.push({ id, reason: `Facility Sync cannot put this back in Xero (${r.error_explanation.replace(/\.$/, '')}). ${r.error_fix}` });
          continue;
        }
        if (kindModule(kind).xeroChanges?.resendCreatesAnew) forgetXeroLink(db, kind, id);
        outcome.changed.push(...requeueFailed(db, { kind, recordIds: [id], statuses: ['changed_in_xero'] }, now));
        continue;
      }
      rememberReviewed(db, tenantId, kind, id, r.error_explanation);
      const day = displayDay(now.slice(0, 10));
      const note = action === 'accept' ? `Xero's version accepted on ${day}: ${r.error_explanation}` : `Left as it is in Xero on ${day}: ${r.error_explanation}`;
      settle.run({ code: action === 'accept' ? 'xero_change_accepted' : 'xero_change_ignored', note, now, kind, id });
      outcome.changed.push(id);
    }
  })();
  return outcome;
}
