/**
 * Xero answers dates as '/Date(1735689600000+0000)/' (its JSON format) or ISO text; xero-node
 * hands them over as strings. The calendar day 'YYYY-MM-DD', or null when it is neither.
 */
export function xeroDay(value: unknown): string | null {
  if (typeof value !== 'string') return value instanceof Date ? value.toISOString().slice(0, 10) : null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms?.[1]) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}
