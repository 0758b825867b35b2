import type { StagedGroup } from './import-staging';

/** Groups outside the bounds kept at most; a file with more is left to the staging table's sums. */
const KEPT = 1000;

/**
 * The groups whose total is outside `bounds` (an invoice's lines adding up to less than 0 or more than
 * the maximum), summed while the rows stream through the checks, when the file lists each group's rows
 * one after another and the groups in increasing id (a lines file in its invoices' order, as exports
 * write it): then a group is complete when the next one starts, and the staged rows need not be read
 * back and sorted into groups. `outside()` answers undefined when the rows did not come so ordered or
 * too many groups were outside; the caller then asks the staging table (import-staging.ts groupTotals),
 * which gives the same groups in the same order (by first line).
 */
export function createStreamedGroupTotals(bounds: { min: number; max: number }) {
  const outside: StagedGroup[] = [];
  let current: StagedGroup | undefined;
  let usable = true;
  const finish = () => {
    if (current && (current.total < bounds.min || current.total > bounds.max)) {
      if (outside.length === KEPT) usable = false;
      else outside.push(current);
    }
    current = undefined;
  };
  return {
    add(line: number, group: number, amount: number, label: string): void {
      if (!usable) return;
      if (current?.id === group) {
        current.total += amount;
        return;
      }
      if (current && group < current.id) {
        usable = false;
        return;
      }
      finish();
      current = { line, id: group, total: amount, label };
    },

    /**
     * Whether every row's group was at least the one of the row before it: then the file's order is its
     * rows' order by group, and the writer need not sort them (import-write.ts). False too once more
     * groups than are kept were outside the bounds (such a file is refused, never written).
     */
    rowsInGroupOrder(): boolean {
      return usable;
    },

    /** The groups outside the bounds, by first line; undefined when the staging table must tell. */
    outside(): StagedGroup[] | undefined {
      finish();
      return usable ? outside : undefined;
    },
  };
}
