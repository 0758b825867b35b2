/**
 * Match before create (issue 15): the records found in Xero before their first send with other
 * amounts, dates or contact (status needs_review), per organisation, with the Xero id they were found
 * as and the differences in plain words. The user's choice (review.ts) links or updates that record.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';

export interface StoredMatch {
  xeroId: string;
  differences: string[];
}

export function createMatchStore(db: Db) {
  const save = db.prepare(
    `INSERT INTO xero_matches (organisation_id, kind, record_id, xero_id, differences, matched_at) VALUES (@org, @kind, @record_id, @xero_id, @differences, @now)
     ON CONFLICT (organisation_id, kind, record_id) DO UPDATE SET xero_id = excluded.xero_id, differences = excluded.differences, matched_at = excluded.matched_at`,
  );
  const remove = db.prepare('DELETE FROM xero_matches WHERE organisation_id = ? AND kind = ? AND record_id = ?');
  const latest = db.prepare(
    `SELECT organisation_id, xero_id, differences FROM xero_matches WHERE kind = @kind AND record_id = @record_id
       AND (@org IS NULL OR organisation_id = @org) ORDER BY matched_at DESC LIMIT 1`,
  );
  return {
    save(org: string, kind: RecordKind, recordId: number, match: StoredMatch, now: string): void {
      save.run({ org, kind, record_id: recordId, xero_id: match.xeroId, differences: JSON.stringify(match.differences), now });
    },
      /** The match the user chooses about: the connected organisation's (`org`; null: the latest one). */
    latest(org: string | null, kind: RecordKind, recordId: number): (StoredMatch & { org: string }) | null {
      const r = latest.get({ org, kind, record_id: recordId }) as { organisation_id: string; xero_id: string; differences: string } | undefined;
      return r ? { org: r.organisation_id, xeroId: r.xero_id, differences: JSON.parse(r.differences) as string[] } : null;
    },
    remove(org: string, kind: RecordKind, recordId: number): void {
      remove.run(org, kind, recordId);
    },
  };
}
