/**
 * The one statement that retires a record's open outbox rows when a newer row takes their place
 * (an import with new content, a ReSync, an exclusion). Failed rows are retired too: the record's
 * latest row is the only one that speaks for it. An import retires a whole set of records with the
 * same statement, naming them through a subquery instead of one record_id.
 */
import type { Db } from '../../db/open-database';

const supersedeWhere = (record: string) =>
  `UPDATE outbox SET status = 'superseded', updated_at = @now WHERE ${record}status IN ('pending', 'failed')`;

/** One record's open rows (@kind, @record_id). */
export const SUPERSEDE_SQL = supersedeWhere('kind = @kind AND record_id = @record_id AND ');
/** Every record's open rows (a switch of organisation queues everything anew). */
export const SUPERSEDE_ALL_SQL = supersedeWhere('');

/** Retires the open rows of every record the subquery names (one column of record ids, of `@kind`). */
export const supersedeEachSql = (recordIds: string): string =>
  supersedeWhere(`kind = @kind AND record_id IN (${recordIds}) AND `);

export type Supersede = (params: { kind: string; record_id: number; now: string }) => void;

export function createSupersede(db: Db): Supersede {
  const stmt = db.prepare(SUPERSEDE_SQL);
  return (params) => void stmt.run(params);
}
