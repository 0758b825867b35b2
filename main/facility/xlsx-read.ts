/**
 * Reads an Excel workbook (.xlsx) as the same stream of rows a CSV file gives (csv-read.ts), so
 * every import rule applies unchanged (issue 17). The first worksheet is read with exceljs's
 * streaming reader, a row at a time; cells are read as typed: a date cell becomes 2025-01-05 (with
 * a time of day, a UTC timestamp), a number its plain digits, a formula its last result.
 */
import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvFileProblem, MAX_FILE_BYTES, type CsvRecord, type CsvSource } from './csv-read';

/** Rows handed on at a time (each block is checked in one short transaction). */
const BLOCK_ROWS = 2000;

export const NOT_A_WORKBOOK = 'this is not a CSV or Excel file; export the data again from the facility system as CSV or Excel (.xlsx)';

export async function openXlsxFile(file: string): Promise<CsvSource> {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new CsvFileProblem(0, `the file is ${Math.round(size / 1048576)} MB; split it into files under 256 MB`);
  let bytes = 0;
  const file$ = createReadStream(file);
  // Bytes are counted on the way through, not with a 'data' listener: that would start the file
  // flowing before the reader listens, and a chunk read meanwhile was lost (the workbook then read
  // as "not an Excel file", now and then, under load).
  const input = file$.pipe(new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  }));
  file$.on('error', (err) => input.destroy(err));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  const sheets = workbook[Symbol.asyncIterator]();
  let rowsOfSheet: AsyncGenerator<ExcelJS.Row> | undefined;
  const close = () => {
    void rowsOfSheet?.return(undefined);
    void sheets.return(undefined);
    input.destroy();
    file$.destroy();
  };

  async function* records(): AsyncGenerator<CsvRecord> {
    const sheet = await sheets.next();
    if (sheet.done) return;
    rowsOfSheet = sheet.value[Symbol.asyncIterator]();
    for await (const row of { [Symbol.asyncIterator]: () => rowsOfSheet! }) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      while (values.length > 0 && values.at(-1) === '') values.pop();
      if (values.length > 0) yield { line: row.number, values };
    }
  }
  const all = records();
  const read = async (): Promise<IteratorResult<CsvRecord>> => {
    try {
      return await all.next();
    } catch (err) {
      if (err instanceof CsvFileProblem) throw err;
      throw new CsvFileProblem(0, NOT_A_WORKBOOK);
    }
  };

  let header: IteratorResult<CsvRecord>;
  try {
    header = await read();
  } catch (err) {
    close();
    throw err;
  }
  if (header.done) {
    close();
    throw new CsvFileProblem(1, 'the first sheet is empty; it needs a header row and at least one row');
  }
  const columns = header.value.values.map((c) => c.trim().toLowerCase());
  async function* rows(): AsyncGenerator<CsvRecord[]> {
    try {
      let block: CsvRecord[] = [];
      for (let r = await read(); !r.done; r = await read()) {
        // A row ends at its last filled cell: empty optional cells at the end are still the header's.
        if (r.value.values.length < columns.length) r.value.values.push(...Array<string>(columns.length - r.value.values.length).fill(''));
        block.push(r.value);
        if (block.length >= BLOCK_ROWS) {
          yield block;
          block = [];
        }
      }
      if (block.length > 0) yield block;
    } finally {
      close();
    }
  }
  return { columns, rows: rows(), bytesRead: () => bytes, size };
}

/** A cell's value as the text a CSV export would hold. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // 15 significant digits: what Excel shows, without binary noise such as 141.39999999999998.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('error' in value) return String(value.error);
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  return '';
}

/** Excel keeps no time zone: exceljs reads a date cell as UTC. A whole day is a date; else a UTC timestamp. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
