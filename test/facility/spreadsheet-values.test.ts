import { describe, expect, test } from 'vitest';
import { RowReader, type ReadFormat } from '../../main/facility/csv-row-reader';
import { dateOrderOfLocations, readWrittenDate } from '../../main/facility/spreadsheet-values';

/** One value read through the import's row reader, as a file's column would be. */
function read(value: string, format: ReadFormat = {}) {
  const r = new RowReader([value], new Map([['v', 0]]), format);
  return { r, format };
}
const money = (value: string, opts: { allowNegative?: boolean; allowZero?: boolean } = {}) => {
  const { r } = read(value);
  const cents = r.money('v', opts);
  return r.problems.length > 0 ? r.problems.join('; ') : cents;
};
const date = (value: string, format: ReadFormat = {}) => {
  const { r } = read(value, format);
  const iso = r.date('v');
  return r.problems.length > 0 ? r.problems.join('; ') : iso;
};

describe('amounts as spreadsheets write them', () => {
  test('currency signs and thousands separators are read in money columns', () => {
    expect(money('141.40')).toBe(14140);
    expect(money('$141.40')).toBe(14140);
    expect(money('1,300.00')).toBe(130000);
    expect(money('$1,300')).toBe(130000);
    expect(money('A$ 2,675.5')).toBe(267550);
    expect(money('£12')).toBe(1200);
    expect(money('1,234,567.89')).toBe(123456789);
  });

  test('negative forms: -$5.00, $-5.00 and (5.00) where a negative is allowed, refused elsewhere', () => {
    expect(money('-$5.00', { allowNegative: true })).toBe(-500);
    expect(money('$-5.00', { allowNegative: true })).toBe(-500);
    expect(money('(5.00)', { allowNegative: true })).toBe(-500);
    expect(money('($1,300.00)', { allowNegative: true })).toBe(-130000);
    expect(money('(5.00)')).toBe('v (5.00) is negative; amounts must be 0 or more');
    expect(money('-$5.00')).toBe('v -$5.00 is negative; amounts must be 0 or more');
    expect(money('-$0.00', { allowNegative: true })).toBe(0);
  });

  test('what is not clearly an amount is refused, not guessed', () => {
    for (const v of ['1,30.00', '1.300,00', '13,00', '--5', '-(5.00)', '(5.00', '5.00)', '$', '$1.234', '1,300.', 'USD 5', '5$', '1 300.00', '$$5']) {
      expect(money(v, { allowNegative: true }), v).toBe(`v "${v}" is not an amount like 125.00`);
    }
    expect(money('$1,000,000,000.00')).toBe('v $1,000,000,000.00 is larger than 999,999,999.99');
  });

  test('dates and other columns are not read as amounts', () => {
    expect(read('$5').r.text('v')).toBe('$5');
    expect(date('$5')).toBe('v "$5" is not a date like 2025-01-31');
  });
});

describe('dates as spreadsheets write them', () => {
  const dayFirst: ReadFormat = { dateOrder: 'day-first' };
  const monthFirst: ReadFormat = { dateOrder: 'month-first' };

  test('05/01/2025 is 5 January day-first and May 1 month-first', () => {
    expect(date('05/01/2025', { dateOrder: 'day-first' })).toBe('2025-01-05');
    expect(date('05/01/2025', { dateOrder: 'month-first' })).toBe('2025-05-01');
    expect(date('5/1/2025', { dateOrder: 'day-first' })).toBe('2025-01-05');
    expect(date('05.01.2025', { dateOrder: 'day-first' })).toBe('2025-01-05');
    expect(date('05-01-2025', { dateOrder: 'day-first' })).toBe('2025-01-05');
  });

  test('31/12 is a date only day-first, 12/31 only month-first', () => {
    expect(date('31/12/2025', { ...dayFirst })).toBe('2025-12-31');
    expect(date('12/31/2025', { ...monthFirst })).toBe('2025-12-31');
    expect(date('12/31/2025', { ...dayFirst })).toBe('v "12/31/2025" is not a real date read as day/month/year');
    expect(date('31/12/2025', { ...monthFirst })).toBe('v "31/12/2025" is not a real date read as month/day/year');
  });

  test('without an order a slashed date is refused with the way to say it, even when only one reading is real', () => {
    for (const v of ['05/01/2025', '31/12/2025']) {
      expect(date(v)).toBe(
        `v "${v}" is day and month without saying which comes first; choose the date order (day/month/year or month/day/year) for the import, or write it as 2025-01-31`,
      );
    }
  });

  test('invalid dates: no 29 February in 2025, no month 13, a two-digit year, mixed separators, outside 1900-2099', () => {
    expect(date('29/02/2025', dayFirst)).toBe('v "29/02/2025" is not a real date read as day/month/year');
    expect(date('29/02/2024', dayFirst)).toBe('2024-02-29');
    expect(date('01/13/2025', dayFirst)).toBe('v "01/13/2025" is not a real date read as day/month/year');
    expect(date('00/01/2025', dayFirst)).toBe('v "00/01/2025" is not a real date read as day/month/year');
    expect(date('05/01/25', dayFirst)).toBe('v "05/01/25" has a two-digit year; write the year in full (2025, not 25)');
    expect(date('05/01-2025', dayFirst)).toBe('v "05/01-2025" is not a date like 2025-01-31');
    expect(date('05/01/1899', dayFirst)).toBe('v 1899-01-05 is outside 1900-01-01 to 2099-12-31; give the real date');
  });

  test('the row reader counts the dates read in the order, so the result can say so; ISO dates are not counted', () => {
    const format: ReadFormat = { dateOrder: 'day-first' };
    date('2025-01-05', format);
    expect(format.orderedDates).toBeUndefined();
    date('05/01/2025', format);
    date('06/01/2025', format);
    expect(format.orderedDates).toBe(2);
    expect(readWrittenDate('2025-01-05', 'day-first')).toBeUndefined();
  });

  test("the order comes from the locations' country: AU, NZ, GB day-first, US month-first, mixed or unknown none", () => {
    const loc = (timeZone: string, currency = 'AUD') => ({ timeZone, currency });
    expect(dateOrderOfLocations([loc('Australia/Sydney'), loc('Australia/Perth')])).toBe('day-first');
    expect(dateOrderOfLocations([loc('Pacific/Auckland', 'NZD'), loc('Europe/London', 'GBP')])).toBe('day-first');
    expect(dateOrderOfLocations([loc('America/New_York', 'USD')])).toBe('month-first');
    expect(dateOrderOfLocations([loc('America/Toronto', 'CAD')])).toBeUndefined();
    expect(dateOrderOfLocations([loc('Australia/Sydney'), loc('America/Chicago', 'USD')])).toBeUndefined();
    expect(dateOrderOfLocations([])).toBeUndefined();
  });
});
