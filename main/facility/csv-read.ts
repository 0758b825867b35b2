import { readFileSync, statSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';

export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Longest record accepted; a longer one is almost always a quote that was never closed. */
export const MAX_RECORD_CHARS = 64 * 1024;

export interface CsvRow {
  line: number;
  values: Map<string, string>;
  /** So the row check can say "has 5 values, the header has 7". */
  valueCount: number;
}
export type CsvReadResult =
  | { ok: true; columns: string[]; rows: CsvRow[] }
  | { ok: false; line: number; reason: string };

/**
 * Reads a whole CSV file into rows keyed by lower-cased header names. Problems that make the
 * file unreadable (not UTF-8, broken quotes, too large) come back as one reason with its line.
 */
export function readCsvFile(file: string): CsvReadResult {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) {
    return { ok: false, line: 0, reason: `the file is ${Math.round(size / 1048576)} MB; split it into files under 256 MB` };
  }
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      line: firstBadUtf8Line(bytes),
      reason: 'the file is not UTF-8 text; export it again as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)',
    };
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARS,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    return { ok: false, ...describeParseError(err) };
  }
  const first = records[0];
  if (!first) return { ok: false, line: 1, reason: 'the file is empty; it needs a header line and at least one row' };
  const columns = first.record.map((c) => c.trim().toLowerCase());
  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    if (record.every((v) => v.trim() === '')) continue;
    const values = new Map<string, string>();
    columns.forEach((c, j) => values.set(c, record[j] ?? ''));
    rows.push({ line: info.lines, values, valueCount: record.length });
  }
  return { ok: true, columns, rows };
}

function describeParseError(err: unknown): { line: number; reason: string } {
  if (!(err instanceof CsvError)) return { line: 0, reason: 'the file could not be read as CSV' };
  const line = typeof err.lines === 'number' ? err.lines : 0;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line, reason: 'a value opens a quote (") that is never closed; check the line for a stray quote' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { line, reason: 'a quote (") sits in the middle of a value; quotes inside a value must be doubled ("")' };
    case 'CSV_MAX_RECORD_SIZE':
      return { line, reason: `a row is longer than ${MAX_RECORD_CHARS / 1024} KB; usually a quote that is never closed` };
    default:
      return { line, reason: `the file is not valid CSV (${err.message.split('\n')[0] ?? err.code})` };
  }
}

function firstBadUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 0;
}
