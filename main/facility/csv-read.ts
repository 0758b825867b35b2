import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { CsvError, Parser } from 'csv-parse';
import { PlainCsvReader } from './csv-plain-reader';

export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Longest record accepted; a longer one is almost always a quote that was never closed. */
export const MAX_RECORD_CHARS = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
/** Text split into records at a time (characters). */
const RECORDS_TEXT = 256 * 1024;

export interface CsvRecord {
  line: number;
  /** The values in header order; a short row simply has fewer. */
  values: string[];
}

/** Makes the whole file unreadable (not UTF-8, broken quotes, too large): one reason with its line. */
export class CsvFileProblem extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(reason);
  }
}

export interface CsvSource {
  /** Header names, trimmed and lower-cased. */
  columns: string[];
  /** The data rows, read as they are needed (blank lines skipped), a parsed block at a time; may throw CsvFileProblem. */
  rows: AsyncIterable<CsvRecord[]>;
  /** Bytes read from the file so far, for progress. */
  bytesRead(): number;
  size: number;
}

const NOT_UTF8 = 'the file is not UTF-8 text; export it again as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)';

/**
 * csv-parse's stream, each record tagged with its line: the parser's running line count at the
 * moment the record is pushed (what its `info` option copies, field by field, into a new object
 * for every record), raised by the lines before the text it was given.
 */
class NumberedParser extends Parser {
  constructor(options: ConstructorParameters<typeof Parser>[0], private readonly linesBefore: number) {
    super(options);
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : ({ line: this.info.lines + this.linesBefore, values: record as string[] } satisfies CsvRecord), encoding);
  }
}

const PARSE_OPTIONS = { skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS } as const;

/**
 * Opens a CSV file as a stream of rows: a 1 MB block at a time is decoded (strict UTF-8) and split
 * into records, so memory stays flat whatever the file's size. Reads the header before returning.
 * The plain reader (csv-plain-reader.ts) reads what it can; csv-parse reads the rest, if any.
 */
export async function openCsvFile(file: string): Promise<CsvSource> {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new CsvFileProblem(0, `the file is ${Math.round(size / 1048576)} MB; split it into files under 256 MB`);
  let bytes = 0;
  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        yield decoder.decode(chunk, { stream: true });
      }
      const tail = decoder.decode();
      if (tail) yield tail;
    } catch (err) {
      if (err instanceof TypeError) throw new CsvFileProblem(firstBadUtf8Line(file), NOT_UTF8);
      throw err;
    }
  }
  const text = decoded();
  let parser: Parser | undefined;
  let source: Readable | undefined;

  async function* blocksOfRecords(): AsyncGenerator<CsvRecord[]> {
    const plain = new PlainCsvReader();
    for (;;) {
      const chunk = await text.next();
      if (chunk.done) {
        const block = plain.read('', true);
        if (block.length > 0) yield block;
        if (plain.stopped) break;
        return;
      }
      // A quarter of a read at a time: the rows of a block live until it is checked, and fewer of
      // them outlive V8's young generation, which keeps the heap (and the RSS) down.
      for (let at = 0; at < chunk.value.length && !plain.stopped; at += RECORDS_TEXT) {
        const block = plain.read(chunk.value.slice(at, at + RECORDS_TEXT));
        if (block.length > 0) yield block;
      }
      if (plain.stopped) break;
    }
    // csv-parse reads the rest: from the record the plain reader stopped at, then the rest of the file.
    const { rest, linesBefore, recordDelimiter } = plain.stopped;
    async function* remaining(): AsyncGenerator<string> {
      if (rest) yield rest;
      for (let chunk = await text.next(); !chunk.done; chunk = await text.next()) yield chunk.value;
    }
    // The byte order mark is gone (TextDecoder drops it); a line end seen already stays the file's.
    parser = new NumberedParser({ ...PARSE_OPTIONS, bom: false, ...(recordDelimiter ? { record_delimiter: recordDelimiter } : {}) }, linesBefore);
    source = Readable.from(remaining());
    source.on('error', (err) => parser!.destroy(err));
    source.pipe(parser);
    try {
      yield* readBlocks(parser);
    } catch (err) {
      if (err instanceof CsvFileProblem) throw err;
      const { line, reason } = describeParseError(err, linesBefore);
      throw new CsvFileProblem(line, reason);
    }
  }
  const blocks = blocksOfRecords();
  const close = () => {
    void text.return(undefined);
    source?.destroy();
    parser?.destroy();
  };

  let first: CsvRecord[] | undefined;
  try {
    first = await next(blocks);
  } catch (err) {
    close();
    throw err;
  }
  if (!first || first.length === 0) {
    close();
    throw new CsvFileProblem(1, 'the file is empty; it needs a header line and at least one row');
  }
  const columns = first[0]!.values.map((c) => c.trim().toLowerCase());
  const dataRows = (block: CsvRecord[]) => block.filter((r) => !r.values.every((v) => v.trim() === ''));
  async function* rows(): AsyncGenerator<CsvRecord[]> {
    try {
      const rest = dataRows(first!.slice(1));
      if (rest.length > 0) yield rest;
      for (let block = await next(blocks); block; block = await next(blocks)) {
        const kept = dataRows(block);
        if (kept.length > 0) yield kept;
      }
    } finally {
      close();
    }
  }
  return { columns, rows: rows(), bytesRead: () => bytes, size };
}

/**
 * The parsed records as they become available, all that are waiting at a time: one await per
 * block instead of one per record. Ends with the stream; throws the stream's error.
 */
async function* readBlocks(parser: Parser): AsyncGenerator<CsvRecord[]> {
  let failure: unknown;
  let ended = false;
  let wake = () => {};
  parser.on('readable', () => wake());
  parser.on('end', () => ((ended = true), wake()));
  parser.on('close', () => ((ended = true), wake()));
  parser.on('error', (err) => ((failure = err), wake()));
  for (;;) {
    if (failure !== undefined) throw failure;
    const block: CsvRecord[] = [];
    // A stream that failed drops what it still held: the file is refused as a whole.
    for (let r = parser.destroyed ? null : parser.read(); r !== null; r = parser.read()) block.push(r as CsvRecord);
    if (block.length > 0) yield block;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function next<T>(it: AsyncIterator<T>): Promise<T | undefined> {
  try {
    const r = await it.next();
    return r.done ? undefined : r.value;
  } catch (err) {
    if (err instanceof CsvFileProblem) throw err;
    const { line, reason } = describeParseError(err);
    throw new CsvFileProblem(line, reason);
  }
}

/** `linesBefore`: the lines of the file before the text the parser was given (its numbers start there). */
function describeParseError(err: unknown, linesBefore = 0): { line: number; reason: string } {
  if (!(err instanceof CsvError)) return { line: 0, reason: 'the file could not be read as CSV' };
  const line = typeof err.lines === 'number' ? err.lines + linesBefore : 0;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line, reason: 'a value opens a quote (") that is never closed; check the line for a stray quote' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { line, reason: 'a quote (") sits in the middle of a value; quotes inside a value must be doubled ("")' };
    case 'CSV_MAX_RECORD_SIZE':
      return { line, reason: `a row is longer than ${MAX_RECORD_CHARS / 1024} KB; usually a quote that is never closed` };
    default:
      return { line, reason: `the file is not valid CSV (${(err.message.split('\n')[0] ?? err.code).replace(/at line \d+/, `at line ${line}`)})` };
  }
}

/** The first line that is not valid UTF-8, read a block at a time (a newline byte never sits inside a UTF-8 sequence). */
function firstBadUtf8Line(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const block = Buffer.alloc(READ_CHUNK_BYTES);
    let line = 1;
    let carry = Buffer.alloc(0);
    for (let n = readSync(fd, block); ; n = readSync(fd, block)) {
      const data = n > 0 ? Buffer.concat([carry, block.subarray(0, n)]) : carry;
      let start = 0;
      for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, start)) {
        if (!isUtf8(data.subarray(start, nl))) return line;
        line++;
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      if (n === 0) return isUtf8(carry) ? 0 : line;
    }
  } finally {
    closeSync(fd);
  }
}
