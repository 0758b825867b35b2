/**
 * How dates, timestamps, amounts and counts are shown to people, the same way everywhere: the
 * report, the dashboard, the CSV export and the CLI (issue 17). Pure and Intl-only, so the renderer
 * and the main process share it; the locale, time zone and currency are always passed in (from
 * `DisplayFormat`, which main/report/display-format-of.ts works out from the locations and the
 * organisation), never taken from the machine, so what people see does not depend on where it runs.
 *
 * Stored values stay as they are (ISO dates, UTC ISO timestamps, integer cents): this is only
 * the last step before a person reads them.
 */

/** The locale, time zone and currency to show things in. */
export interface DisplayFormat {
  /** A BCP 47 locale such as en-AU: day-first dates, "pm", thousands separators. */
  locale: string;
  /** An IANA time zone such as Australia/Sydney: timestamps are shown in it. */
  timeZone: string;
  /** ISO 4217 code of the organisation's currency (Xero's base currency), e.g. AUD. */
  currency: string;
}

/** Used when nothing is imported and no organisation is connected yet. */
export const FALLBACK_DISPLAY_FORMAT: DisplayFormat = { locale: 'en-AU', timeZone: 'Australia/Sydney', currency: 'AUD' };

// The English locale of a location's country, from its time zone (the country is not stored).
const LOCALE_BY_ZONE: Array<[RegExp, string]> = [
  [/^(Australia\/|Antarctica\/Macquarie$)/, 'en-AU'],
  [/^Pacific\/(Auckland|Chatham)$/, 'en-NZ'],
  [/^Europe\/(London|Belfast)$/, 'en-GB'],
  [/^Europe\/Dublin$/, 'en-IE'],
  [/^Asia\/Singapore$/, 'en-SG'],
  [/^Africa\/Johannesburg$/, 'en-ZA'],
];
// America/... is shared by the United States and Canada: their currency tells them apart.
const LOCALE_BY_CURRENCY: Record<string, string> = {
  AUD: 'en-AU', NZD: 'en-NZ', GBP: 'en-GB', USD: 'en-US', CAD: 'en-CA', EUR: 'en-IE', SGD: 'en-SG', ZAR: 'en-ZA',
};

/** The locale a location's country writes dates and amounts in (English), from its time zone and currency. */
export function localeOfLocation(location: { timeZone: string; currency: string }): string {
  for (const [zone, locale] of LOCALE_BY_ZONE) if (zone.test(location.timeZone)) return locale;
  return LOCALE_BY_CURRENCY[location.currency.toUpperCase()] ?? FALLBACK_DISPLAY_FORMAT.locale;
}

// Intl formatters are costly to build and a report page formats hundreds of values: keep them.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** A record's date (ISO YYYY-MM-DD) as the locale writes it: "5 Jan 2025" (en-AU), "Jan 5, 2025" (en-US). */
export function formatDate(isoDate: string, f: Pick<DisplayFormat, 'locale'>): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  // A calendar date has no time zone: read and written in UTC so it never moves a day.
  return cached(`d|${f.locale}`, () => new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(d);
}

/** A moment (UTC ISO) in the location's time zone: "21 Nov 2026, 9:00 pm" (en-AU, Australia/Sydney). */
export function formatTimestamp(isoTimestamp: string, f: Pick<DisplayFormat, 'locale' | 'timeZone'>): string {
  const d = new Date(isoTimestamp);
  if (Number.isNaN(d.getTime())) return isoTimestamp;
  return cached(`t|${f.locale}|${f.timeZone}`, () => new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: f.timeZone })).format(d);
}

/** The same moment as a date and a time apart ("21 Nov 2026" and "9:00 pm"), for a narrow column that must not wrap inside "9:00 pm". */
export function formatTimestampParts(isoTimestamp: string, f: Pick<DisplayFormat, 'locale' | 'timeZone'>): { date: string; time: string } {
  const d = new Date(isoTimestamp);
  if (Number.isNaN(d.getTime())) return { date: isoTimestamp, time: '' };
  return {
    date: cached(`td|${f.locale}|${f.timeZone}`, () => new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: f.timeZone })).format(d),
    time: cached(`tt|${f.locale}|${f.timeZone}`, () => new Intl.DateTimeFormat(f.locale, { timeStyle: 'short', timeZone: f.timeZone })).format(d),
  };
}

/** The time zone's short name at that moment, e.g. "AEDT", for a tooltip or a CLI line. */
export function timeZoneNameAt(isoTimestamp: string, f: Pick<DisplayFormat, 'locale' | 'timeZone'>): string {
  const d = new Date(isoTimestamp);
  if (Number.isNaN(d.getTime())) return f.timeZone;
  const parts = cached(`z|${f.locale}|${f.timeZone}`, () => new Intl.DateTimeFormat(f.locale, { timeZone: f.timeZone, timeZoneName: 'short' })).formatToParts(d);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? f.timeZone;
}

/**
 * Integer cents as money with its currency and thousands separators: "$2,675.00" (AUD in en-AU),
 * "NZD 2,675.00" (another currency than the locale's own is named). `currency` defaults to the organisation's.
 */
export function formatMoney(cents: number, f: Pick<DisplayFormat, 'locale' | 'currency'>, currency = f.currency): string {
  const code = /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : f.currency;
  // Cents to units by string, not by dividing a float: -1 cent is "-0.01", never "-0.0099999".
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const units = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  const nf = cached(`m|${f.locale}|${code}`, () => new Intl.NumberFormat(f.locale, { style: 'currency', currency: code, currencyDisplay: 'symbol' }));
  // format() takes a decimal string exactly (Intl.NumberFormat v3), so large amounts keep every cent.
  return nf.format(units as unknown as number);
}

/** A count with thousands separators: "2,675". */
export function formatCount(n: number, f: Pick<DisplayFormat, 'locale'>): string {
  return cached(`n|${f.locale}`, () => new Intl.NumberFormat(f.locale, { maximumFractionDigits: 0 })).format(n);
}
