/**
 * The plain reader must split text exactly as csv-parse does with the import's options: the same
 * values and line numbers for what it reads, and where it stops, csv-parse reading the rest (told
 * the file's line end, its line numbers raised by linesBefore) must give what csv-parse gives
 * reading the whole file: the same records, or the same error on the same line.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PlainCsvReader } from '../../main/facility/csv-plain-reader';

const OPTIONS = { skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 } as const;

type Outcome = { records: { line: number; values: string[] }[]; error?: { code: string; line: number } };

function csvParse(text: string, extra: Record<string, unknown>, lineOffset = 0): Outcome {
  try {
    const rows = parse(text, { ...OPTIONS, ...extra, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: rows.map((r) => ({ line: r.info.lines + lineOffset, values: r.record })) };
  } catch (err) {
    const e = err as { code: string; lines?: number };
    // The records before an error are not compared: the import refuses the whole file.
    return { records: [], error: { code: e.code, line: (e.lines ?? 0) + lineOffset } };
  }
}

/** The reader gets decoded text: TextDecoder has dropped a byte order mark at the start (csv-parse's bom option). */
function plainThenCsvParse(file: string, cuts: number[]): Outcome {
  const text = file.startsWith('\uFEFF') ? file.slice(1) : file;
  const reader = new PlainCsvReader();
  const records: Outcome['records'] = [];
  const ends = [...new Set([...cuts.filter((c) => c < text.length), text.length])].sort((a, b) => a - b);
  let from = 0;
  for (const to of ends) {
    records.push(...reader.read(text.slice(from, to), to === text.length));
    from = to;
    if (reader.stopped) break;
  }
  if (!reader.stopped) return { records };
  // As csv-read does: csv-parse gets the unread text and everything after it.
  const { rest, linesBefore, recordDelimiter } = reader.stopped;
  const tail = csvParse(rest + text.slice(from), { bom: false, ...(recordDelimiter ? { record_delimiter: recordDelimiter } : {}) }, linesBefore);
  return tail.error ? { records: [], error: tail.error } : { records: [...records, ...tail.records] };
}

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b c', 'Zoë', '😀', '12.50', ' ', '') },
  { weight: 4, arbitrary: fc.constantFrom(',', '\n', '\r\n') },
  { weight: 3, arbitrary: fc.constantFrom('"x"', '"a, b"', '"say ""hi"""', '""', '"line\nbreak"', '"crlf\r\ninside"', '"\n"') },
  { weight: 1, arbitrary: fc.constantFrom('"', '\r', '""x', 'x"', '"open', '\uFEFF', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('y'.repeat(20_001), `"${'q'.repeat(30_000)}"`, 'é'.repeat(25_000)) },
);
const text = fc.array(token, { maxLength: 40 }).map((t) => t.join(''));

test('reads what csv-parse reads, and hands csv-parse the rest at the right line', () => {
  fc.assert(
    fc.property(text, fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), (t, cuts) => {
      expect(plainThenCsvParse(t, cuts)).toEqual(csvParse(t, { bom: true }));
    }),
    { numRuns: 3000 },
  );
});

test('plain files are read here whole', () => {
  const file = ['id,name,note', '1,"Mia ""Mimi"" Chen","two\nlines"', '', '2,Ann,', '"3",Bo,x'].join('\r\n');
  const reader = new PlainCsvReader();
  const records = [...reader.read(file.slice(0, 17)), ...reader.read(file.slice(17), true)];
  expect(reader.stopped).toBeUndefined();
  expect(records).toEqual([
    { line: 1, values: ['id', 'name', 'note'] },
    { line: 3, values: ['1', 'Mia "Mimi" Chen', 'two\nlines'] },
    { line: 5, values: ['2', 'Ann', ''] },
    { line: 6, values: ['3', 'Bo', 'x'] },
  ]);
  expect(records).toEqual(csvParse(file, { bom: true }).records);
});
