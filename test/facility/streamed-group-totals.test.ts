import fc from 'fast-check';
import { expect, test } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { createImportStaging } from '../../main/facility/import-staging';
import { createStreamedGroupTotals } from '../../main/facility/streamed-group-totals';
import { tempDbPath } from '../helpers/temp-db';

const BOUNDS = { min: 0, max: 1000 };
const db = openDatabase(tempDbPath());

/** Rows staged in `order` and streamed past the totals alike: what each says is outside the bounds. */
function bothTotals(rows: readonly { group: number; amount: number }[]) {
  const staging = createImportStaging(db, { secondKey: false, amounts: true, hash: false, json: false });
  const streamed = createStreamedGroupTotals(BOUNDS);
  rows.forEach(({ group, amount }, i) => {
    const line = i + 2;
    staging.add({ line, id: `R-${i}`, group, amount, label: `G-${group}`, values: [] });
    streamed.add(line, group, amount, `G-${group}`);
    if (staging.full()) staging.flush();
  });
  staging.flush();
  const fromTable = staging.groupTotals(BOUNDS);
  staging.drop();
  return { streamed: streamed.outside(), fromTable, inOrder: streamed.rowsInGroupOrder() };
}

const amount = fc.integer({ min: -400, max: 700 });
const groups = fc.array(fc.array(amount, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 });

test('rows listed group by group, in increasing group order: the streamed sums name exactly the groups the staging table does', () => {
  fc.assert(fc.property(groups, fc.integer({ min: 1, max: 5 }), (amounts, step) => {
    const rows = amounts.flatMap((list, g) => list.map((a) => ({ group: 1 + g * step, amount: a })));
    const { streamed, fromTable } = bothTotals(rows);
    expect(streamed).toEqual(fromTable);
  }), { numRuns: 150 });
  // One of each: below 0, above the maximum, and a group back within bounds thanks to a later row.
  const { streamed } = bothTotals([
    { group: 1, amount: -5 }, { group: 2, amount: 600 }, { group: 2, amount: 600 }, { group: 3, amount: -5 }, { group: 3, amount: 10 },
  ]);
  expect(streamed).toEqual([{ line: 2, id: 1, total: -5, label: 'G-1' }, { line: 3, id: 2, total: 1200, label: 'G-2' }]);
});

test('in any order of rows the streamed sums are the staging table\'s or nothing; a group listed apart or out of order is left to the table', () => {
  const row = fc.record({ group: fc.integer({ min: 1, max: 8 }), amount });
  fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
    const { streamed, fromTable, inOrder } = bothTotals(rows);
    if (streamed !== undefined) expect(streamed).toEqual(fromTable);
    expect(inOrder).toBe(rows.every((r, i) => i === 0 || r.group >= rows[i - 1]!.group));
  }), { numRuns: 300 });
  // Group 1's last row comes after group 2's: its first total (-5) was not its whole total (5).
  const apart = bothTotals([{ group: 1, amount: -5 }, { group: 2, amount: 1 }, { group: 1, amount: 10 }]);
  expect(apart).toEqual({ streamed: undefined, fromTable: [], inOrder: false });
  const descending = bothTotals([{ group: 2, amount: 1 }, { group: 1, amount: -1 }]);
  expect(descending).toEqual({ streamed: undefined, fromTable: [{ line: 3, id: 1, total: -1, label: 'G-1' }], inOrder: false });
});

test('more groups outside the bounds than are kept are left to the staging table, which names them all', () => {
  const rows = Array.from({ length: 1001 }, (_, g) => ({ group: g + 1, amount: -1 }));
  const kept = bothTotals(rows.slice(0, 1000));
  expect(kept.streamed).toHaveLength(1000);
  expect(kept.streamed).toEqual(kept.fromTable);
  const all = bothTotals(rows);
  expect(all.streamed).toBeUndefined();
  expect(all.fromTable).toHaveLength(1001);
});
