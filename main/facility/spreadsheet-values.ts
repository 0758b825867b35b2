/**
 * Amounts and dates as spreadsheets write them (issue 17): `$141.40`, `1,300.00`, `-$5.00`,
 * `(5.00)`, and day-first dates such as `05/01/2025` in Australia, New Zealand and the UK.
 * csv-row-reader.ts reads the plain forms itself (the fast path almost every export takes) and
 * asks here only when a value is not plain, so the import's speed does not change.
 */
import { isIsoDate } from '../../contract/iso-date';
import type { DateOrder } from '../../contract';

export type { DateOrder };

/** An amount's parts as written: digits only, the sign apart. */
export interface WrittenAmount {
  negative: boolean;
  whole: string;
  fraction: string;
}

// A sign, a currency sign, digits grouped by commas in threes or not grouped, up to 2 decimals;
// a negative amount may instead be in parentheses (accounting style). Spaces between are allowed.
const AMOUNT =
  /^(?<open>\()?\s*(?<minus1>-)?\s*(?<currency>(?:A|AU|NZ|US|C|CA)?\$|£|€)?\s*(?<minus2>-)?\s*(?<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d{1,2}))?\s*(?<close>\))?$/u;

/**
 * Reads an amount written with a currency sign, thousands separators or accounting parentheses;
 * undefined when it is not one (two minus signs, a lone parenthesis, `1,30.00`, `1.300,00`).
 * The sign is not converted: the location's currency applies.
 */
export function readWrittenAmount(value: string): WrittenAmount | undefined {
  const m = AMOUNT.exec(value);
  if (!m?.groups) return undefined;
  const { open, close, minus1, minus2, whole, fraction } = m.groups;
  if (Boolean(open) !== Boolean(close)) return undefined;
  const minuses = (minus1 ? 1 : 0) + (minus2 ? 1 : 0);
  if (minuses > 1 || (open && minuses > 0)) return undefined;
  return { negative: Boolean(open) || minuses === 1, whole: whole!.replaceAll(',', ''), fraction: fraction ?? '' };
}

const SLASHED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/;

export type WrittenDate = { iso: string } | { problem: string };

/**
 * Reads `05/01/2025` (also with `.` or `-`) in the given order as an ISO date; a two-digit year or
 * an order not known is a problem in plain words. Returns undefined for anything else.
 */
export function readWrittenDate(value: string, order: DateOrder | undefined): WrittenDate | undefined {
  const m = SLASHED.exec(value);
  if (!m) return undefined;
  const [, first, , second, year] = m as unknown as [string, string, string, string, string];
  if (year.length === 2) return { problem: 'has a two-digit year; write the year in full (2025, not 25)' };
  if (!order) {
    return {
      problem:
        'is day and month without saying which comes first; choose the date order (day/month/year or month/day/year) for the import, or write it as 2025-01-31',
    };
  }
  const [day, month] = order === 'day-first' ? [first, second] : [second, first];
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { problem: `is not a real date read as ${DATE_ORDER_WORDS[order]}` };
  return { iso };
}

/** How the result names the order: "dates read as day/month/year". */
export const DATE_ORDER_WORDS: Record<DateOrder, string> = { 'day-first': 'day/month/year', 'month-first': 'month/day/year' };

// Time zones of the countries that write the day first and whose users we know: AU, NZ, GB, IE.
const DAY_FIRST_ZONE = /^(Australia\/|Pacific\/(Auckland|Chatham)$|Europe\/(London|Dublin|Belfast)$|Antarctica\/Macquarie$)/;
// The United States writes the month first; its zones are America/... (and Hawaii) with dollars.
const MONTH_FIRST_ZONE = /^(America\/|Pacific\/Honolulu$|US\/)/;

/** The order a location's country writes dates in, from its time zone (and currency), if known. */
export function dateOrderOfLocation(location: { currency: string; timeZone: string }): DateOrder | undefined {
  if (DAY_FIRST_ZONE.test(location.timeZone)) return 'day-first';
  if (MONTH_FIRST_ZONE.test(location.timeZone) && location.currency === 'USD') return 'month-first';
  return undefined;
}

/** The order every location agrees on; undefined when there are none, or they differ or are unknown. */
export function dateOrderOfLocations(locations: readonly { currency: string; timeZone: string }[]): DateOrder | undefined {
  const orders = new Set(locations.map(dateOrderOfLocation));
  return orders.size === 1 ? [...orders][0] : undefined;
}
