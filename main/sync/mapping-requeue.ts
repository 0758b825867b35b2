/**
 * When the mapping changes, records that failed (or wait) because of the mapping get another
 * chance: their latest outbox row goes back to pending and the record to pending, in one
 * transaction. Records that failed for other reasons (data errors, duplicates) are left alone.
 */
import type { Db } from '../db/open-database';
import { MAPPING_ERROR_PREFIX } from './mapping';

/**
 * Codes from the engine's explanations of Xero validation errors (main/sync/explain-error.ts) that
 * a mapping change can fix, besides the builders' own "mapping_" codes.
 */
export const MAPPING_FIXABLE_CODES: readonly string[] = [
  'account_invalid', 'account_cannot_take_payments', 'tax_type_invalid', 'item_invalid', 'tracking_invalid',
];

export function requeueMappingFailures(db: Db, now: string = new Date().toISOString()): number {
  const codes = MAPPING_FIXABLE_CODES.map(() => '?').join(', ');
  const select = db.prepare(
    `SELECT kind, record_id FROM sync_records
     WHERE status IN ('failed', 'waiting') AND (substr(error_code, 1, ?) = ? OR error_code IN (${codes}))`,
  );
  const reopenOutbox = db.prepare(
    `UPDATE outbox SET status = 'pending', next_attempt_at = NULL, error_code = NULL, error_explanation = NULL, error_fix = NULL,
       updated_at = @now
     WHERE id = (SELECT MAX(id) FROM outbox WHERE kind = @kind AND record_id = @record_id) AND status IN ('failed', 'pending')`,
  );
  const reopenRecord = db.prepare(
    `UPDATE sync_records SET status = 'pending', error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id = @record_id`,
  );
  return db.transaction(() => {
    const rows = select.all(MAPPING_ERROR_PREFIX.length, MAPPING_ERROR_PREFIX, ...MAPPING_FIXABLE_CODES) as { kind: string; record_id: number }[];
    for (const r of rows) {
      const params = { ...r, now };
      reopenOutbox.run(params);
      reopenRecord.run(params);
    }
    return rows.length;
  })();
}
