import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { tempDbPath } from '../helpers/temp-db';
import { copySample, writeCsv } from '../helpers/csv-test-folder';

const one = (db: Db, sql: string) => db.prepare(sql).pluck().get();
const NOT_CSV_OR_EXCEL = 'this is not a CSV or Excel file; export the data again from the facility system as CSV or Excel (.xlsx)';

/**
 * Replaces `file` (a CSV of the sample folder) by an .xlsx workbook of the same rows, with typed
 * cells as Excel keeps them: dates as date cells, amounts and counts as numbers.
 */
async function csvToXlsx(dir: string, file: string, typed: Record<string, 'date' | 'number'>): Promise<string> {
  const rows = parse(readFileSync(path.join(dir, file), 'utf8')) as string[][];
  const [header, ...data] = rows as [string[], ...string[][]];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Export');
  sheet.addRow(header);
  for (const row of data) {
    sheet.addRow(row.map((v, i) => {
      const kind = typed[header[i]!];
      if (kind === 'date' && v) return new Date(`${v}T00:00:00Z`);
      if (kind === 'number' && v) return Number(v);
      return v;
    }));
  }
  header.forEach((h, i) => {
    if (typed[h] === 'date') sheet.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  const target = path.join(dir, file.replace(/\.csv$/, '.xlsx'));
  await workbook.xlsx.writeFile(target);
  rmSync(path.join(dir, file));
  return target;
}

describe('spreadsheets as people have them', () => {
  test('a folder with .xlsx workbooks imports as its CSV files do: date cells, number cells, empty optional cells', async () => {
    const dir = copySample();
    await csvToXlsx(dir, 'tenants.csv', {});
    await csvToXlsx(dir, 'invoices.csv', { issue_date: 'date', due_date: 'date' });
    await csvToXlsx(dir, 'invoice_lines.csv', { line_no: 'number', quantity: 'number', unit_amount: 'number' });
    await csvToXlsx(dir, 'payments.csv', { paid_on: 'date', amount: 'number' });
    const db = openDatabase(tempDbPath());
    const result = await importFacilityCsv(db, dir);
    expect(result).toMatchObject({ inserted: 54, updated: 0, unchanged: 0, rejected: [] });
    expect(result.files.map((f) => f.file)).toContain('payments.xlsx');
    expect(one(db, "SELECT total_cents FROM invoices WHERE external_id = 'INV-5001'")).toBe(14140);
    expect(one(db, "SELECT issue_date || ' ' || due_date FROM invoices WHERE external_id = 'INV-5001'")).toBe('2025-01-05 2025-01-12');
    expect(one(db, "SELECT paid_on || ' ' || amount_cents FROM payments WHERE external_id = 'P-9001'")).toBe('2025-01-05 14140');
    expect(one(db, "SELECT name FROM tenants WHERE external_id = 'T-1004'")).toBe('Mia "Mimi" Chen');

    // The same rows again from the CSV files change nothing: the workbook was read exactly.
    const again = await importFacilityCsv(db, copySample());
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
  });

  test('a workbook keeps every rule: all or nothing, rejected rows named by their row number', async () => {
    const dir = copySample();
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, dir);
    const csv = readFileSync(path.join(dir, 'payments.csv'), 'utf8');
    writeCsv(dir, 'payments.csv', csv.replace('P-9002,INV-5002,2025-01-10,300.00', 'P-9002,INV-5002,2025-01-10,300.005'));
    const file = await csvToXlsx(dir, 'payments.csv', { paid_on: 'date', amount: 'number' });
    const result = await importFacilityCsv(db, file);
    expect(result.files).toEqual([{ file: 'payments.xlsx', inserted: 0, updated: 0, unchanged: 0, imported: false }]);
    expect(result.rejected).toEqual([{ file: 'payments.xlsx', line: 3, reason: 'amount "300.005" is not an amount like 125.00' }]);
  });

  test('a renamed or binary file says it is not a CSV or Excel file; the other files still import', async () => {
    const dir = copySample();
    writeCsv(dir, 'payments.csv', randomBytes(70_000));
    writeCsv(dir, 'refunds.csv', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]));
    writeCsv(dir, 'credit_note_lines.xlsx', readFileSync(path.join(dir, 'credit_note_lines.csv')));
    rmSync(path.join(dir, 'credit_note_lines.csv'));
    // A zip that is not a workbook.
    writeCsv(dir, 'units-extra.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(500)]));
    const db = openDatabase(tempDbPath());
    const result = await importFacilityCsv(db, dir);
    expect(result.rejected).toEqual(expect.arrayContaining([
      { file: 'payments.csv', line: 0, reason: NOT_CSV_OR_EXCEL },
      { file: 'refunds.csv', line: 0, reason: NOT_CSV_OR_EXCEL },
      { file: 'credit_note_lines.xlsx', line: 0, reason: NOT_CSV_OR_EXCEL },
      { file: 'units-extra.xlsx', line: 0, reason: NOT_CSV_OR_EXCEL },
    ]));
    expect(result.files.filter((f) => f.imported).map((f) => f.file)).toEqual([
      'locations.csv', 'buildings.csv', 'units.csv', 'charge_types.csv', 'tenants.csv', 'invoices.csv', 'invoice_lines.csv', 'credit_notes.csv',
    ]);
    // A file saved as UTF-16 ("Unicode Text") is told how to save it instead.
    const utf16 = writeCsv(dir, 'payments.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('payment_id\n', 'utf16le')]));
    expect((await importFacilityCsv(db, utf16)).rejected[0]?.reason).toMatch(/UTF-16 text .*CSV UTF-8/);
  });

  test('Australian Excel CSV: 05/01/2025, $141.40 and "1,300.00" read day-first at Australian locations, and the result says so', async () => {
    const dir = copySample();
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, dir);
    writeCsv(dir, 'payments.csv', [
      'payment_id,invoice_id,paid_on,amount,method,status,reference,updated_at',
      'P-9001,INV-5001,05/01/2025,$141.40,credit_card,completed,Visa ending 4242,2025-01-05T10:25:00Z',
      'P-9002,INV-5002,10/01/2025,"$1,300.00",online_banking,completed,EFT NGUYEN,2025-01-10T09:00:00Z',
    ].join('\r\n'));
    const result = await importFacilityCsv(db, path.join(dir, 'payments.csv'));
    expect(result.rejected).toEqual([]);
    expect(result.files).toEqual([{ file: 'payments.csv', inserted: 0, updated: 1, unchanged: 1, imported: true, dateOrder: 'day-first' }]);
    expect(one(db, "SELECT paid_on || ' ' || amount_cents FROM payments WHERE external_id = 'P-9002'")).toBe('2025-01-10 130000');

    // Chosen for the import, month-first reads 10/01/2025 as 1 October (and 31/12 would be refused).
    const monthFirst = await importFacilityCsv(db, path.join(dir, 'payments.csv'), { dateOrder: 'month-first' });
    expect(monthFirst.files[0]).toMatchObject({ imported: true, dateOrder: 'month-first' });
    expect(one(db, "SELECT paid_on FROM payments WHERE external_id = 'P-9002'")).toBe('2025-10-01');
  });

  test('at a location whose date order is not known, 05/01/2025 is refused with how to choose, and nothing is written', async () => {
    const dir = copySample();
    writeCsv(dir, 'locations.csv', readFileSync(path.join(dir, 'locations.csv'), 'utf8').replaceAll('Australia/', 'Asia/Tokyo,x').replace(/Asia\/Tokyo,x\w+/g, 'Asia/Tokyo'));
    const db = openDatabase(tempDbPath());
    await importFacilityCsv(db, dir);
    const invoices = readFileSync(path.join(dir, 'invoices.csv'), 'utf8').replace('2025-01-05,2025-01-12', '05/01/2025,12/01/2025');
    const result = await importFacilityCsv(db, writeCsv(dir, 'invoices.csv', invoices));
    expect(result.files[0]).toMatchObject({ imported: false });
    expect(result.files[0]?.dateOrder).toBeUndefined();
    expect(result.rejected[0]?.reason).toMatch(/^issue_date "05\/01\/2025" is day and month without saying which comes first; choose the date order/);
  });
});
