/**
 * The report's Exclude and Include: a record's status set by hand. Excluding retires the record's
 * open outbox rows (the one supersede statement), so nothing of it is sent.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { createSupersede } from './supersede';

export function createRecordStatusWriter(db: Db) {
  const setStatus = db.prepare(
    `UPDATE sync_records SET status = @status, error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id = @id`,
  );
  const supersede = createSupersede(db);
  return {
    exclude(kind: RecordKind, id: number, now: string): void {
      supersede({ kind, record_id: id, now });
      setStatus.run({ kind, id, status: 'excluded', now });
    },
    /** Included again with its current content already in Xero: nothing to send. */
    markSynced(kind: RecordKind, id: number, now: string): void {
      setStatus.run({ kind, id, status: 'synced', now });
    },
  };
}
