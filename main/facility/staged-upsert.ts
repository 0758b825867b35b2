import type { Db } from '../db/open-database';
import type { UpsertOutcome } from './types';

export type OutcomeCounts = Record<UpsertOutcome, number>;

export interface StagedUpsertSpec {
  table: string;
  /** The table's columns besides id and external_id, in the order of the staged values (v0, v1, ...). */
  columns: readonly string[];
  /** Columns that reach Xero: sent_same records whether an existing row had the same values in them. */
  sentColumns?: readonly string[];
  /** Only the staged rows (`s`) this condition holds for, when a file holds rows of another table too (payments.csv's prepayments). */
  rows?: string;
}

/**
 * temp.import_outcomes holds what the write did with each staged row (same seq): its outcome
 * (inserted, updated, unchanged) and `rid`, the id of its record. Kept apart from the staging
 * table so the write appends narrow rows instead of rewriting the staged ones.
 */
export function createOutcomesTable(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.import_outcomes');
  db.exec('CREATE TEMP TABLE import_outcomes (seq INTEGER PRIMARY KEY, rid INTEGER, outcome TEXT NOT NULL, sent_same INTEGER)');
}

/** A staged row's value for one of `columns` (the order its values were staged in). */
export function stagedValue(columns: readonly string[], column: string): string {
  const at = columns.indexOf(column);
  if (at < 0) throw new Error(`${column} is not staged`);
  return `s.v${at}`;
}

/**
 * The set form of createUpsert (upsert.ts), for a file's staged rows: upsert by external id in four
 * statements whatever the number of rows; a row whose values are all the same is left alone.
 * New rows get the ids SQLite would give them one at a time (the highest id + 1, + 2, ... in file
 * order), so they are known without reading them back. Fills temp.import_outcomes.
 * Table and column names come from our own code, never from input.
 */
export function upsertStaged(db: Db, spec: StagedUpsertSpec): OutcomeCounts {
  const { table, columns } = spec;
  const value = (c: string) => stagedValue(columns, c);
  const sameIn = (cols: readonly string[]) => cols.map((c) => `t.${c} IS ${value(c)}`).join(' AND ');
  const only = spec.rows ? `AND (${spec.rows})` : '';
  db.prepare(
    `INSERT INTO temp.import_outcomes (seq, rid, outcome, sent_same)
     SELECT s.seq, t.id, CASE WHEN ${sameIn(columns)} THEN 'unchanged' ELSE 'updated' END, ${spec.sentColumns ? sameIn(spec.sentColumns) : 'NULL'}
     FROM temp.import_staging AS s CROSS JOIN ${table} AS t ON t.external_id = s.id ${only}`,
  ).run();
  db.prepare(
    `INSERT INTO temp.import_outcomes (seq, rid, outcome)
     SELECT s.seq, (SELECT COALESCE(max(id), 0) FROM ${table}) + row_number() OVER (ORDER BY s.seq), 'inserted'
     FROM temp.import_staging AS s WHERE NOT EXISTS (SELECT 1 FROM ${table} AS t WHERE t.external_id = s.id) ${only}`,
  ).run();
  db.prepare(
    `UPDATE ${table} SET ${columns.map((c) => `${c} = ${value(c)}`).join(', ')}
     FROM temp.import_outcomes AS o JOIN temp.import_staging AS s ON s.seq = o.seq WHERE o.outcome = 'updated' AND ${table}.id = o.rid`,
  ).run();
  db.prepare(
    `INSERT INTO ${table} (id, external_id, ${columns.join(', ')})
     SELECT o.rid, s.id, ${columns.map(value).join(', ')}
     FROM temp.import_outcomes AS o JOIN temp.import_staging AS s ON s.seq = o.seq WHERE o.outcome = 'inserted' ORDER BY o.seq`,
  ).run();
  return countOutcomes(db);
}

export function countOutcomes(db: Db): OutcomeCounts {
  return db.prepare(
    `SELECT count(*) FILTER (WHERE outcome = 'inserted') AS inserted, count(*) FILTER (WHERE outcome = 'updated') AS updated,
       count(*) FILTER (WHERE outcome = 'unchanged') AS unchanged FROM temp.import_outcomes`,
  ).get() as OutcomeCounts;
}
