import type { Db } from '../db/open-database';
import { MAX_CENTS } from './csv-row-reader';
import type { InvoiceLineRow, UpsertOutcome } from './types';

/**
 * The lines of a document (an invoice's or a credit note's): read in line order, and replaced as a
 * complete set, telling per line whether it was inserted, updated or left as it was.
 * Table and column names come from our own code, never from input.
 */
export function createLineSet(db: Db, table: 'invoice_lines' | 'credit_note_lines', parentColumn: 'invoice_id' | 'credit_note_id') {
  const linesOf = db.prepare(
    `SELECT external_id, line_no, charge_type_id, description, quantity, unit_amount_cents, updated_at FROM ${table} WHERE ${parentColumn} = ? ORDER BY line_no`,
  );
  const deleteLines = db.prepare(`DELETE FROM ${table} WHERE ${parentColumn} = ?`);
  const insertLine = db.prepare(
    `INSERT INTO ${table} (external_id, ${parentColumn}, line_no, charge_type_id, description, quantity, unit_amount_cents, amount_cents, updated_at)
     VALUES (@external_id, @parent_id, @line_no, @charge_type_id, @description, @quantity, @unit_amount_cents, @amount_cents, @updated_at)`,
  );

  return {
    lines: (parentId: number) => linesOf.all(parentId) as InvoiceLineRow[],

    /** The given lines become the parent's complete set; `changed` when anything was written. */
    write(parentId: number, lines: readonly InvoiceLineRow[]): { outcomes: UpsertOutcome[]; changed: boolean } {
      const existing = new Map((linesOf.all(parentId) as InvoiceLineRow[]).map((l) => [l.external_id, l]));
      const outcomes = lines.map((l): UpsertOutcome => {
        const old = existing.get(l.external_id);
        if (!old) return 'inserted';
        const same = old.line_no === l.line_no && old.charge_type_id === l.charge_type_id && old.description === l.description
          && old.quantity === l.quantity && old.unit_amount_cents === l.unit_amount_cents && old.updated_at === l.updated_at;
        return same ? 'unchanged' : 'updated';
      });
      const dropped = existing.size !== lines.filter((l) => existing.has(l.external_id)).length;
      if (!dropped && outcomes.every((o) => o === 'unchanged')) return { outcomes, changed: false };
      // Rewrite the whole set: renumbered lines would otherwise trip UNIQUE(parent, line_no) mid-way.
      deleteLines.run(parentId);
      for (const l of lines) {
        insertLine.run({ ...l, parent_id: parentId, amount_cents: l.quantity * l.unit_amount_cents });
      }
      return { outcomes, changed: true };
    },
  };
}

/** What a line adds to its document's total (a discount line takes away). */
export const lineAmount = (l: Pick<InvoiceLineRow, 'quantity' | 'unit_amount_cents'>): number => l.quantity * l.unit_amount_cents;

/** What Xero sees of a document's lines, for its content hash. */
export const hashedLines = (lines: readonly InvoiceLineRow[]) =>
  lines.map((l) => [l.external_id, l.line_no, l.charge_type_id, l.description, l.quantity, l.unit_amount_cents]);

/** A line's quantity × unit_amount beyond the largest amount, either way (a discount line is negative). */
export function lineAmountProblem(line: Pick<InvoiceLineRow, 'quantity' | 'unit_amount_cents'>): string | undefined {
  const amount = lineAmount(line);
  if (amount > MAX_CENTS) return 'quantity × unit_amount is larger than 999,999,999.99';
  if (amount < -MAX_CENTS) return 'quantity × unit_amount is less than -999,999,999.99';
  return undefined;
}
