import { expect, test } from 'vitest';
import { isoViaDate, plainUtcIso, RowReader } from '../../main/facility/csv-row-reader';

const p2 = (n: number) => String(n).padStart(2, '0');

test('a plain UTC timestamp is read as Date reads it, and anything else is left to Date', () => {
  const values: string[] = [];
  for (const date of ['2024-02-29', '2025-01-05', '1900-03-01', '2025-02-30', '2025-13-01']) {
    for (const time of ['00:00', '23:59', '24:00', '12:60', '09:30:00', '09:30:59', '09:30:60', '09:30:00.1', '09:30:00.1239', '09:30:00.999999999']) {
      for (const tail of ['Z', '+11:00', '-0500', 'z', '']) values.push(`${date}T${time}${tail}`, `${date} ${time}${tail}`);
    }
  }
  for (let mo = 0; mo <= 13; mo++) for (let d = 0; d <= 32; d++) values.push(`2023-${p2(mo)}-${p2(d)}T12:34:56.789Z`);
  let plain = 0;
  for (const v of values) {
    const iso = plainUtcIso(v);
    if (iso === undefined) continue;
    plain++;
    expect(iso, v).toBe(isoViaDate(v));
  }
  expect(plain).toBeGreaterThan(300);
  // Left to Date: offsets, and days it rolls over into the next month (as the import always has).
  expect([plainUtcIso('2025-01-05T10:15:00+11:00'), plainUtcIso('2025-02-30T10:00:00Z')]).toEqual([undefined, undefined]);
  expect([isoViaDate('2025-01-05T10:15:00+11:00'), isoViaDate('2025-02-30T10:00:00Z')]).toEqual(['2025-01-04T23:15:00.000Z', '2025-03-02T10:00:00.000Z']);
});

test('timestamps a file repeats are read alike every time, a wrong one refused every time, past the remembered ones', () => {
  const read = (v: string) => {
    const r = new RowReader([v], new Map([['updated_at', 0]]));
    return { iso: r.timestamp('updated_at'), problems: r.problems };
  };
  const wrong = { iso: '', problems: ['updated_at "2025-01-05 10:15" is not a timestamp like 2025-01-31T09:30:00Z'] };
  for (let round = 0; round < 2; round++) {
    expect(read('2025-01-05T10:15:00+11:00')).toEqual({ iso: '2025-01-04T23:15:00.000Z', problems: [] });
    expect(read('2025-01-05 10:15')).toEqual(wrong);
    expect(read('2025-01-05T10:15:00.5Z')).toEqual({ iso: '2025-01-05T10:15:00.500Z', problems: [] });
    // More different timestamps than are remembered at once, each read as Date reads it.
    for (let s = 0; s < 5000; s++) {
      const v = `2025-03-01T${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}Z`;
      expect(read(v).iso).toBe(isoViaDate(v));
    }
  }
  expect(read('2025-01-05 10:15')).toEqual(wrong);
  // Dates are remembered too: a day that does not exist is refused every time it is read.
  const date = (v: string) => {
    const r = new RowReader([v], new Map([['paid_on', 0]]));
    return { date: r.date('paid_on'), problems: r.problems };
  };
  for (let round = 0; round < 2; round++) {
    expect(date('2024-02-29')).toEqual({ date: '2024-02-29', problems: [] });
    expect(date('2025-02-29').problems).toEqual(['paid_on "2025-02-29" is not a date like 2025-01-31']);
  }
});
