/**
 * The sync-state write of a change found in Xero (issue 16): a synced record goes to
 * `changed_in_xero` with what changed in words and what to do. Kept here, with the other
 * sync-state writes (test/sync/records-owner.test.ts); xero-changes.ts decides what differs.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';

export interface ChangedInXero {
  kind: RecordKind;
  recordId: number;
  /** 'changed_in_xero' (Send ours again can put it back) or 'changed_in_xero_final' (it cannot). */
  code: 'changed_in_xero' | 'changed_in_xero_final';
  what: string;
  fix: string;
  now: string;
}

/** Returns a writer that flags one record; true when it was synced and is now changed_in_xero. */
export function createChangedInXeroWriter(db: Db): (change: ChangedInXero) => boolean {
  const update = db.prepare(
    `UPDATE sync_records SET status = 'changed_in_xero', error_code = @code, error_explanation = @what, error_fix = @fix, updated_at = @now
     WHERE kind = @kind AND record_id = @recordId AND status = 'synced'`,
  );
  return (change) => update.run(change).changes > 0;
}

/** Send ours again for a record Xero deleted: forget its link, so it is created afresh (kinds' `resendCreatesAnew`). */
export function forgetXeroLink(db: Db, kind: RecordKind, recordId: number): void {
  db.prepare('DELETE FROM xero_links WHERE kind = ? AND record_id = ?').run(kind, recordId);
}
