import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { CsvFileProblem, openCsvFile, type CsvRecord } from '../../main/facility/csv-read';

function fileWith(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'csv-read-')), 'tenants.csv');
  writeFileSync(file, content);
  return file;
}

async function readAll(file: string): Promise<{ columns: string[]; rows: CsvRecord[] }> {
  const csv = await openCsvFile(file);
  const rows: CsvRecord[] = [];
  for await (const block of csv.rows) rows.push(...block);
  return { columns: csv.columns, rows };
}

// 3 MB of plain rows: the plain reader reads them over several 1 MB blocks before what follows.
const plainRows = Array.from({ length: 40_000 }, (_, i) => `T-${i},"Name ${i}, Co",x`);

test('past the plain rows, csv-parse reads the rest with the file own line numbers', async () => {
  // A bare CR inside a value is not plain: csv-parse keeps it in the value and counts it as a line end, as it always has.
  const { columns, rows } = await readAll(fileWith(['\uFEFFid,name,note', ...plainRows, 'T-a,Ann\rLee,y', '', 'T-b,"two\nlines",z', 'T-c,Bo,q'].join('\n')));
  expect(columns).toEqual(['id', 'name', 'note']);
  expect(rows.length).toBe(40_003);
  expect(rows[0]).toEqual({ line: 2, values: ['T-0', 'Name 0, Co', 'x'] });
  expect(rows.slice(-3)).toEqual([
    { line: 40_003, values: ['T-a', 'Ann\rLee', 'y'] },
    { line: 40_006, values: ['T-b', 'two\nlines', 'z'] },
    { line: 40_007, values: ['T-c', 'Bo', 'q'] },
  ]);
});

test('a broken quote past the plain rows is reported on its own line', async () => {
  const file = fileWith(['id,name,note', ...plainRows, 'T-x,Ann "the" Lee,y', 'T-y,Bo,z'].join('\r\n'));
  const error = await readAll(file).then(() => undefined, (err: unknown) => err);
  expect(error).toBeInstanceOf(CsvFileProblem);
  expect(error).toMatchObject({ line: 40_002, reason: expect.stringContaining('at line 40002') });
  const unclosed = await readAll(fileWith(['id,name', ...plainRows, 'T-x,"Ann', 'T-y,Bo'].join('\n'))).then(() => undefined, (err: unknown) => err);
  expect(unclosed).toMatchObject({ line: 40_003, reason: expect.stringContaining('never closed') });
});
