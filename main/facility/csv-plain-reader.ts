/**
 * A fast reader for the CSV almost every export is: comma-separated, LF or CRLF line ends, values
 * either bare (no quote in them) or wholly quoted with "" for a quote. It splits text into the
 * same records, with the same line numbers, as csv-parse does with the import's options (bom,
 * skip_empty_lines, relax_column_count, max_record_size), about four times faster. At the first
 * thing it does not read exactly as csv-parse would (a stray quote, a lone CR, a very long record,
 * a quote never closed), it stops before that record and says where: the rest goes to csv-parse,
 * which gives the answer or the error it always gave (csv-read.ts).
 * test/facility/csv-plain-reader.test.ts compares the two on random files.
 */
import type { CsvRecord } from './csv-read';

/** Longest record read here (in UTF-16 units): at 3 bytes each, far inside csv-parse's 64 KB limit. */
const MAX_PLAIN_RECORD = 20_000;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export interface PlainStop {
  /** The unread text, from the start of the record that was not read here. */
  rest: string;
  /** The line ends before `rest`, as csv-parse counts them: its line numbers there go up by this. */
  linesBefore: number;
  /** The line end the file uses, once seen ('\n' or '\r\n'). */
  recordDelimiter?: '\n' | '\r\n';
}

export class PlainCsvReader {
  private carry = '';
  private lineEnds = 0;
  private delimiter: '\n' | '\r\n' | undefined;
  stopped: PlainStop | undefined;

  /** Reads the records complete in `carry + text`; at the end of the file, `end` reads the last one. */
  read(text: string, end = false): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.stopped) return records;
    const s = this.carry + text;
    let at = 0;
    for (;;) {
      const next = this.record(s, at, end, records);
      if (next === 'more') break;
      if (next === 'stop') {
        this.stopped = { rest: s.slice(at), linesBefore: this.lineEnds, recordDelimiter: this.delimiter };
        this.carry = '';
        return records;
      }
      at = next;
      if (at >= s.length) break;
    }
    this.carry = s.slice(at);
    if (this.carry.length > MAX_PLAIN_RECORD) {
      this.stopped = { rest: this.carry, linesBefore: this.lineEnds, recordDelimiter: this.delimiter };
      this.carry = '';
    }
    return records;
  }

  /** Reads one record from `start`: the position after it, 'more' when the text ends first, 'stop' when it is not plain. */
  private record(s: string, start: number, end: boolean, out: CsvRecord[]): number | 'more' | 'stop' {
    const plain = this.plainLine(s, start, out);
    if (plain >= 0) return plain;
    const values: string[] = [];
    let inQuotes = 0; // line ends inside quoted values, which csv-parse counts as lines
    let pos = start;
    for (;;) {
      let value: string;
      if (s.charCodeAt(pos) === QUOTE) {
        let close = pos + 1;
        let escaped = false;
        for (;;) {
          close = s.indexOf('"', close);
          if (close < 0) return end ? 'stop' : 'more';
          if (s.charCodeAt(close + 1) !== QUOTE) break;
          escaped = true;
          close += 2;
        }
        if (close + 1 >= s.length && !end) return 'more';
        value = s.slice(pos + 1, close);
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) inQuotes++;
        for (let i = value.indexOf('\r'); i >= 0; i = value.indexOf('\r', i + 1)) inQuotes++;
        if (escaped) value = value.replaceAll('""', '"');
        pos = close + 1;
      } else {
        let i = pos;
        for (; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) return 'stop';
        }
        if (i >= s.length && !end) return 'more';
        value = s.slice(pos, i);
        pos = i;
      }
      if (pos - start > MAX_PLAIN_RECORD) return 'stop';
      values.push(value);
      if (pos >= s.length) {
        // The file ends without a line end: csv-parse reads a last record that holds anything.
        if (values.length > 1 || value !== '' || s.charCodeAt(start) === QUOTE) out.push({ line: this.lineEnds + inQuotes + 1, values });
        this.lineEnds += inQuotes;
        return pos;
      }
      const c = s.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue;
      }
      const lineEnd = this.lineEnd(s, pos, end);
      if (lineEnd === 'more' || lineEnd === 'stop') return lineEnd;
      // A line with nothing on it is skipped, though it counts.
      const blank = values.length === 1 && value === '' && s.charCodeAt(start) !== QUOTE;
      if (!blank) out.push({ line: this.lineEnds + inQuotes + 1, values });
      this.lineEnds += inQuotes + 1;
      return pos + lineEnd;
    }
  }

  /**
   * Almost every line of an export has no quote at all: found and split by the engine's own
   * indexOf and split instead of a character at a time (about twice as fast over a whole file).
   * Reads the line at `start` when it is complete, holds no quote and no CR but its line end, and
   * ends as the file's lines do; returns the position after it, or -1 to leave it to record().
   */
  private plainLine(s: string, start: number, out: CsvRecord[]): number {
    const lf = s.indexOf('\n', start);
    if (lf < 0 || lf - start >= MAX_PLAIN_RECORD) return -1;
    const crlf = lf > start && s.charCodeAt(lf - 1) === CR;
    if (this.delimiter !== undefined && (this.delimiter === '\r\n') !== crlf) return -1;
    const line = s.slice(start, crlf ? lf - 1 : lf);
    if (line.includes('"') || line.includes('\r')) return -1;
    this.delimiter ??= crlf ? '\r\n' : '\n';
    // A line with nothing on it is skipped, though it counts.
    if (line !== '') out.push({ line: this.lineEnds + 1, values: line.split(',') });
    this.lineEnds++;
    return lf + 1;
  }

  /** The length of the line end at `pos` (the file's first one sets the kind), or why it cannot be read here. */
  private lineEnd(s: string, pos: number, end: boolean): number | 'more' | 'stop' {
    const c = s.charCodeAt(pos);
    if (c === LF) {
      this.delimiter ??= '\n';
      return this.delimiter === '\n' ? 1 : 'stop';
    }
    if (c !== CR) return 'stop'; // a character after a closing quote
    if (pos + 1 >= s.length) return end ? 'stop' : 'more';
    if (s.charCodeAt(pos + 1) !== LF) return 'stop';
    this.delimiter ??= '\r\n';
    return this.delimiter === '\r\n' ? 2 : 'stop';
  }
}
