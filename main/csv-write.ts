import { stringify } from 'csv-stringify/sync';

export interface CsvWriteOptions {
  /** '\r\n' for files users open in spreadsheets (RFC 4180); '\n' by default. */
  recordDelimiter?: '\n' | '\r\n';
  /** Columns holding integer cents, written as decimals with 2 places (negative amounts stay numbers). */
  moneyColumns?: readonly string[];
}

/**
 * Every CSV the app writes goes through here, so every one is safe to open in a spreadsheet.
 * A cell starting with = + - @ tab or carriage return (or their full-width forms) would run as a
 * formula in Excel, LibreOffice or Sheets, and quoting does not stop that; csv-stringify's
 * escape_formulas puts a ' in front (OWASP's CSV injection rule). Numbers are passed as numbers
 * and are left alone, so a negative amount stays a number rather than becoming text.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>, options: CsvWriteOptions = {}): string {
  const money = new Set(options.moneyColumns ?? []);
  const moneyAt = new Set(header.flatMap((name, i) => (money.has(name) ? [i] : [])));
  return stringify([header, ...rows] as unknown[][], {
    escape_formulas: true,
    record_delimiter: options.recordDelimiter === '\r\n' ? 'windows' : 'unix',
    // Values with spaces at either end are quoted too, so a reader that trims sees them unchanged.
    quoted_match: /^\s|\s$/,
    cast: {
      number: (value, context) => (typeof context.index === 'number' && moneyAt.has(context.index) ? (value / 100).toFixed(2) : String(value)),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
}
