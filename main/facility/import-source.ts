/**
 * Opens an import file by what it holds, not by its name (issue 17): an Excel workbook (.xlsx, a
 * zip) goes to xlsx-read.ts, text to csv-read.ts; anything else (a PDF or an old .xls renamed to
 * .csv, a picture) is refused as a whole file with words that say so.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { CsvFileProblem, openCsvFile, type CsvSource } from './csv-read';
import { NOT_A_WORKBOOK, openXlsxFile } from './xlsx-read';

/** Bytes looked at: enough to see a binary file's NUL bytes. */
const SNIFF_BYTES = 64 * 1024;

export async function openImportFile(file: string): Promise<CsvSource> {
  const head = readHead(file);
  if (head.subarray(0, 4).equals(ZIP)) return openXlsxFile(file);
  if (head.subarray(0, 8).equals(OLE)) {
    throw new CsvFileProblem(0, 'this is an old Excel file (.xls); in Excel, save it as Excel Workbook (.xlsx) or CSV UTF-8 and import that');
  }
  if (head.subarray(0, 2).equals(UTF16_LE) || head.subarray(0, 2).equals(UTF16_BE)) {
    throw new CsvFileProblem(0, 'the file is UTF-16 text ("Unicode Text"); export it again as "CSV UTF-8" (in Excel: Save As > CSV UTF-8)');
  }
  // A program's own format (PDF, a picture, a database): its magic number, or NUL bytes in what is
  // not UTF-8. A text file with a stray NUL in a value is still CSV: that row is refused by itself.
  if (BINARY_MAGIC.some((m) => head.subarray(0, m.length).equals(m)) || (head.includes(0) && !isUtf8(wholeLines(head)))) {
    throw new CsvFileProblem(0, NOT_A_WORKBOOK);
  }
  if (/\.xlsx$/i.test(file) && head.length > 0) throw new CsvFileProblem(0, NOT_A_WORKBOOK);
  return openCsvFile(file);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF16_LE = Buffer.from([0xff, 0xfe]);
const UTF16_BE = Buffer.from([0xfe, 0xff]);
const BINARY_MAGIC = [
  Buffer.from('%PDF-'), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF8'),
  Buffer.from('SQLite format 3'), Buffer.from([0x1f, 0x8b]), Buffer.from('Rar!'), Buffer.from([0x37, 0x7a, 0xbc, 0xaf]),
];

/** The head up to its last line end when it was cut short (a character may be cut in two there). */
function wholeLines(head: Buffer): Buffer {
  if (head.length < SNIFF_BYTES) return head;
  const end = head.lastIndexOf(0x0a);
  return end > 0 ? head.subarray(0, end + 1) : head;
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
