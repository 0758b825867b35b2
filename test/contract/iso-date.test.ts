import { expect, test } from 'vitest';
import { isIsoDate } from '../../contract/iso-date';

/** What isIsoDate must agree with: a date JavaScript reads back as the same day. */
function readsBackTheSame(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

test('isIsoDate accepts exactly the days the calendar has, leap years included', () => {
  const years = [0, 1, 4, 100, 400, 1582, 1700, 1800, 9996, 9999, ...Array.from({ length: 203 }, (_, i) => 1899 + i)];
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  for (const y of years) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const value = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        if (isIsoDate(value) !== readsBackTheSame(value)) expect.fail(`${value}: ${isIsoDate(value)}`);
      }
    }
  }
  expect([isIsoDate('2024-02-29'), isIsoDate('2025-02-29'), isIsoDate('2000-02-29'), isIsoDate('1900-02-29')]).toEqual([true, false, true, false]);
  expect(['2025-1-01', '2025-01-01 ', '20250101', ''].map(isIsoDate)).toEqual([false, false, false, false]);
});
