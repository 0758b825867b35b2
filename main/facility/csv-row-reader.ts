/**
 * Reads one CSV row's fields by column name, collecting every problem in plain words instead of
 * throwing, so a rejected row can say everything that is wrong with it at once.
 */
import { isIsoDate } from '../../contract/iso-date';
import { remembered } from './remembered';

import { truncateGraphemes } from '../text/graphemes';
import { readWrittenAmount, readWrittenDate, type DateOrder } from './spreadsheet-values';
import { normaliseLine, normaliseLines, textProblem } from './text-values';

/** How a file's dates are read, and what its reading found (the result names the order used). */
export interface ReadFormat {
  /** How 05/01/2025 is read; without it such a date is refused with the way to say. */
  dateOrder?: DateOrder;
  /** Raised when a date was read in `dateOrder` (05/01/2025 rather than 2025-01-05). */
  orderedDates?: number;
}

/** Largest amount accepted anywhere: 999,999,999.99 (keeps every sum far inside exact integers). */
export const MAX_CENTS = 99_999_999_999;
/** Dates Xero and people work with; 0000-01-01 or 9999-12-31 is a placeholder, not a date. */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2099-12-31';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
// Most exports write UTC with a real date and time of day: that one is read without a Date.
const PLAIN_UTC = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?Z$/;
const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

export class RowReader {
  readonly problems: string[] = [];
  /** `values` in header order; `columns` maps a lower-cased header name to its position. */
  constructor(
    private readonly values: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
    private readonly format: ReadFormat = {},
  ) {}

  /** The trimmed value as written, without any check. */
  raw(column: string): string {
    const at = this.columns.get(column);
    return at === undefined ? '' : (this.values[at] ?? '').trim();
  }

  /** Free text on one line (names, references): whitespace normalised, controls refused. */
  text(column: string, max = 255, { multiline = false } = {}): string {
    const v = this.optionalText(column, max, { multiline });
    if (v === '') this.problems.push(`${column} is empty`);
    return v;
  }

  optionalText(column: string, max = 255, { multiline = false } = {}): string {
    const v = multiline ? normaliseLines(this.raw(column)) : normaliseLine(this.raw(column));
    this.checkText(column, v, max);
    return v;
  }

  /** An id is matched exactly as written (other files refer to it), so it is only trimmed and checked. */
  id(column: string): string {
    const v = this.raw(column);
    if (v === '') this.problems.push(`${column} is empty`);
    this.checkText(column, v, 50);
    return v;
  }

  private checkText(column: string, v: string, max: number): void {
    const problem = textProblem(column, v);
    if (problem) this.problems.push(problem);
    else if (v.length > max) this.problems.push(`${column} is longer than ${max} characters`);
  }

  date(column: string): string {
    let v = this.raw(column);
    const written = isDate(v) ? undefined : readWrittenDate(v, this.format.dateOrder);
    if (written && 'problem' in written) {
      this.problems.push(`${column} "${clip(v)}" ${written.problem}`);
      return v;
    }
    if (written) {
      v = written.iso;
      this.format.orderedDates = (this.format.orderedDates ?? 0) + 1;
    }
    if (!isDate(v)) {
      this.problems.push(`${column} "${clip(v)}" is not a date like 2025-01-31`);
    } else if (v < FIRST_DATE || v > LAST_DATE) {
      this.problems.push(`${column} ${v} is outside ${FIRST_DATE} to ${LAST_DATE}; give the real date`);
    }
    return v;
  }

  /** An ISO timestamp with a time zone (Z or +hh:mm); stored as UTC ISO. */
  timestamp(column: string): string {
    const v = this.raw(column);
    const iso = utcIsoOf(v);
    if (iso === undefined) {
      this.problems.push(`${column} "${clip(v)}" is not a timestamp like 2025-01-31T09:30:00Z`);
      return '';
    }
    if (iso < FIRST_DATE || iso.slice(0, 10) > LAST_DATE) this.problems.push(`${column} ${clip(v)} is outside ${FIRST_DATE} to ${LAST_DATE}; give the real time`);
    return iso;
  }

  /**
   * A decimal amount such as 125.5 or 125.50, returned in cents. Negative only where the file
   * allows it (a discount line: `allowNegative`), and then never beyond -999,999,999.99.
   */
  money(column: string, { allowZero = true, allowNegative = false } = {}): number {
    const v = this.raw(column);
    // Plain amounts (almost all) are read here; $141.40, 1,300.00 or (5.00) by readWrittenAmount.
    const plain = MONEY.exec(v.startsWith('-') ? v.slice(1) : v);
    const amount = plain ? { negative: v.startsWith('-'), whole: plain[1] ?? '0', fraction: plain[2] ?? '' } : readWrittenAmount(v);
    if (!amount) {
      this.problems.push(`${column} "${clip(v)}" is not an amount like 125.00`);
      return 0;
    }
    const { negative, whole, fraction } = amount;
    if (negative && !allowNegative) {
      this.problems.push(`${column} ${clip(v)} is negative; amounts must be 0 or more`);
      return 0;
    }
    const cents = whole.length > 12 ? Infinity : Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    if (cents > MAX_CENTS) this.problems.push(`${column} ${clip(v)} is ${negative ? 'less than -999,999,999.99' : 'larger than 999,999,999.99'}`);
    else if (!allowZero && cents === 0) this.problems.push(`${column} must be more than 0`);
    // "-0.00" is stored as 0, never as -0.
    return Number.isFinite(cents) ? (negative && cents !== 0 ? -cents : cents) : 0;
  }

  int(column: string, min: number, max: number): number {
    const v = this.raw(column);
    const n = /^-?\d{1,9}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${column} "${clip(v)}" is not a whole number from ${min} to ${max}`);
      return min;
    }
    return n;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], fallback?: T): T {
    const v = this.raw(column).toLowerCase();
    if (v === '' && fallback !== undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.problems.push(`${column} "${clip(v)}" is not one of: ${allowed.join(', ')}`);
    return allowed[0] as T;
  }

  /** Resolves another record's external id to our id; `what` names it in the message. */
  ref(column: string, find: (externalId: string) => number | undefined, what: string): number {
    const v = this.raw(column);
    if (v === '') {
      this.problems.push(`${column} is empty`);
      return 0;
    }
    const id = find(v);
    if (id === undefined) this.problems.push(`${what} "${clip(v)}" is unknown; import it first`);
    return id ?? 0;
  }

  optionalRef(column: string, find: (externalId: string) => number | undefined, what: string): number | null {
    return this.raw(column) === '' ? null : this.ref(column, find, what);
  }

  timeZone(column: string): string {
    const v = this.text(column, 64);
    try {
      if (v) new Intl.DateTimeFormat('en', { timeZone: v });
    } catch {
      this.problems.push(`time_zone "${clip(v)}" is not a time zone like Australia/Sydney`);
    }
    return v;
  }
}

/** 1234.5 dollars as "1,234.50" (cents in, a plain amount out) for messages. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * A UTC timestamp on a real day, as Date's toISOString would print it (milliseconds cut, not
 * rounded); undefined for anything else, which isoViaDate reads (offsets, and days Date rolls
 * over, such as 2025-02-30, which it reads as 2 March).
 */
export function plainUtcIso(v: string): string | undefined {
  const m = PLAIN_UTC.exec(v);
  if (!m || !isIsoDate(m[1]!)) return undefined;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}.${(m[5] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
}

/** Different timestamps (and dates) remembered at once: a year of history has a few hundred. */
const REMEMBERED_VALUES = 4096;
/** A timestamp as UTC ISO, undefined when it is not one (RowReader.timestamp). */
const utcIsoOf = remembered((v) => plainUtcIso(v) ?? isoViaDate(v), REMEMBERED_VALUES);
/** isIsoDate, for the dates a file repeats (RowReader.date asks twice per value). */
const isDate = remembered(isIsoDate, REMEMBERED_VALUES);

export function isoViaDate(v: string): string | undefined {
  const t = TIMESTAMP.test(v) ? new Date(v.replace(' ', 'T')) : null;
  return t && !Number.isNaN(t.getTime()) ? t.toISOString() : undefined;
}

/** Keeps messages short when a field is huge, cutting between whole characters. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${truncateGraphemes(value, max)}…` : value;
}
