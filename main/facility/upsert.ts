import type { Db } from '../db/open-database';
import type { UpsertOutcome } from './types';

type Value = string | number | null;

/**
 * Builds an upsert-by-external-id for one table: compares the stored columns with the new ones so
 * callers can tell inserted / updated / unchanged apart (re-importing the same file changes nothing).
 * Table and column names come from our own code, never from input.
 */
export function createUpsert<R extends { external_id: string }>(db: Db, table: string, columns: readonly (keyof R & string)[]) {
  const cols = columns.filter((c) => c !== 'external_id');
  const select = db.prepare(`SELECT id, ${cols.join(', ')} FROM ${table} WHERE external_id = ?`);
  const insert = db.prepare(
    `INSERT INTO ${table} (external_id, ${cols.join(', ')}) VALUES (@external_id, ${cols.map((c) => `@${c}`).join(', ')})`,
  );
  const update = db.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);

  return function upsert(row: R): { id: number; outcome: UpsertOutcome } {
    const existing = select.get(row.external_id) as (Record<string, Value> & { id: number }) | undefined;
    if (!existing) {
      const info = insert.run(row);
      return { id: Number(info.lastInsertRowid), outcome: 'inserted' };
    }
    const values = row as unknown as Record<string, Value>;
    const same = cols.every((c) => existing[c] === values[c]);
    if (same) return { id: existing.id, outcome: 'unchanged' };
    update.run({ ...row, id: existing.id });
    return { id: existing.id, outcome: 'updated' };
  };
}

/**
 * createIdLookup for many external ids in one query (the import asks for a block of rows' invoices at
 * once: csv-import.ts); the ids not found are not in the answer.
 */
export function createIdsLookup(db: Db, table: string): (externalIds: readonly string[]) => Map<string, number> {
  const stmt = db.prepare(`SELECT t.external_id, t.id FROM json_each(?) AS j JOIN ${table} AS t ON t.external_id = j.value`).raw(true);
  return (externalIds) => new Map(stmt.all(JSON.stringify(externalIds)) as [string, number][]);
}

/** Looks up internal ids by external id, e.g. `findId('tenant-17')`. */
export function createIdLookup(db: Db, table: string): (externalId: string) => number | undefined {
  const stmt = db.prepare(`SELECT id FROM ${table} WHERE external_id = ?`).pluck();
  return (externalId) => stmt.get(externalId) as number | undefined;
}
