import { expect, test } from 'vitest';
import { formatCount, formatDate, formatMoney, formatTimestamp, formatTimestampParts, localeOfLocation, timeZoneNameAt } from '../../contract/display-format';

// Every format is given explicitly: nothing here depends on the machine's locale or time zone.
const sydney = { locale: 'en-AU', timeZone: 'Australia/Sydney', currency: 'AUD' };
const auckland = { locale: 'en-NZ', timeZone: 'Pacific/Auckland', currency: 'NZD' };
const newYork = { locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' };

test('record dates are written as the locale writes them and never move a day', () => {
  expect(formatDate('2025-01-05', sydney)).toBe('5 Jan 2025');
  expect(formatDate('2025-01-05', newYork)).toBe('Jan 5, 2025');
  // The last and first day of a year stay themselves whatever the zone of the format.
  expect(formatDate('2025-12-31', { locale: 'en-NZ' })).toBe('31 Dec 2025');
  expect(formatDate('2026-01-01', { locale: 'en-US' })).toBe('Jan 1, 2026');
  expect(formatDate('not a date', sydney)).toBe('not a date');
});

test('timestamps are shown in the location time zone, with its daylight saving', () => {
  // 10:00 UTC on 21 Nov 2026 is 9 pm in Sydney (AEDT, +11) and 11 pm in Auckland (NZDT, +13).
  expect(formatTimestamp('2026-11-21T10:00:00Z', sydney)).toBe('21 Nov 2026, 9:00 pm');
  expect(formatTimestamp('2026-11-21T10:00:00Z', auckland)).toBe('21 Nov 2026, 11:00 pm');
  expect(formatTimestamp('2026-11-21T10:00:00Z', newYork)).toBe('Nov 21, 2026, 5:00 AM');
  // In June Sydney is on standard time (+10): 23:30 UTC is the next day there.
  expect(formatTimestamp('2026-06-30T23:30:00Z', sydney)).toBe('1 July 2026, 9:30 am');
  expect(timeZoneNameAt('2026-11-21T10:00:00Z', sydney)).toBe('AEDT');
  expect(timeZoneNameAt('2026-06-30T23:30:00Z', sydney)).toBe('AEST');
  expect(formatTimestampParts('2026-11-21T10:00:00Z', sydney)).toEqual({ date: '21 Nov 2026', time: '9:00 pm' });
});

test('amounts carry the currency and thousands separators, exactly to the cent', () => {
  expect(formatMoney(267500, sydney)).toBe('$2,675.00');
  expect(formatMoney(14140, sydney)).toBe('$141.40');
  expect(formatMoney(-1, sydney)).toBe('-$0.01');
  expect(formatMoney(0, sydney)).toBe('$0.00');
  // Another currency than the locale's own is named, so NZD and AUD are never confused.
  expect(formatMoney(267500, sydney, 'NZD')).toBe('NZD\u00a02,675.00');
  expect(formatMoney(267500, auckland)).toBe('$2,675.00');
  expect(formatMoney(267500, auckland, 'AUD')).toBe('A$2,675.00');
  expect(formatMoney(130000, newYork)).toBe('$1,300.00');
  // Beyond 2^53 / 100 a float would lose cents; the amount is passed as a decimal string.
  expect(formatMoney(Number.MAX_SAFE_INTEGER, sydney)).toBe('$90,071,992,547,409.91');
  expect(formatMoney(100, sydney, 'A$')).toBe('$1.00');
});

test('counts have thousands separators', () => {
  expect(formatCount(2675, sydney)).toBe('2,675');
  expect(formatCount(1_000_000, newYork)).toBe('1,000,000');
  expect(formatCount(7, sydney)).toBe('7');
});

test("a location's locale comes from its time zone, or its currency where the zone is shared", () => {
  expect(localeOfLocation({ timeZone: 'Australia/Perth', currency: 'AUD' })).toBe('en-AU');
  expect(localeOfLocation({ timeZone: 'Pacific/Auckland', currency: 'NZD' })).toBe('en-NZ');
  expect(localeOfLocation({ timeZone: 'Europe/London', currency: 'GBP' })).toBe('en-GB');
  expect(localeOfLocation({ timeZone: 'America/Chicago', currency: 'USD' })).toBe('en-US');
  expect(localeOfLocation({ timeZone: 'America/Toronto', currency: 'CAD' })).toBe('en-CA');
  expect(localeOfLocation({ timeZone: 'Etc/UTC', currency: 'XYZ' })).toBe('en-AU');
});
