/** A reconciliation month ('YYYY-MM'): its first and last day, its name, the months before it. */
import { AppError } from '../../app-error';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** '2025-06' -> 2025-06-01 .. 2025-06-30; anything else is refused in words. */
export function monthRange(month: string): MonthRange {
  const m = MONTH.exec(month);
  if (!m) throw new AppError('bad_request', `"${month}" is not a month. Give it as year and month, like 2025-06.`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}` };
}

/** '2025-06' -> 'June 2025'. */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${NAMES[Number(m) - 1] ?? m} ${y}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The month of a UTC instant. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}
