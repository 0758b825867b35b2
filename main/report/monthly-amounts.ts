/**
 * The dashboard's chart (issue 16): for the last 12 months, the amounts synced, waiting and failed
 * per month by document date (sync_records.record_date: an invoice's issue date, a payment's paid-on
 * date), per kind of record that carries money. Sums are integer cents from the local mirror, so
 * the chart works offline. Each kind's module says what its records amount to (`report.amountSql`:
 * a voided invoice or a reversed payment counts 0); this file never names a kind.
 */
import type { MonthAmounts, MonthlyAmounts, SyncStatus } from '../../contract';
import { RECORD_KINDS } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { kindModule } from '../sync/kinds';

export const CHART_MONTHS = 12;

/** Which series a sync status adds to; statuses not named (excluded, before the start date, review) are left out. */
const SERIES: Partial<Record<SyncStatus, keyof Omit<MonthAmounts, 'month'>>> = {
  synced: 'syncedCents',
  pending: 'waitingCents',
  waiting: 'waitingCents',
  failed: 'failedCents',
};

/** The month of `now` in `timeZone` ('YYYY-MM'); UTC when the zone is unknown to Intl. */
export function monthIn(now: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  } catch {
    return now.toISOString().slice(0, 7);
  }
}

/** The `count` months ending with `last` ('YYYY-MM'), oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The month after `month` ('YYYY-MM'). */
function nextMonth(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);
}

export function createMonthlyAmounts(db: Db, now: () => Date) {
  const kinds = RECORD_KINDS.flatMap((k) => {
    const amountSql = kindModule(k.kind).report.amountSql;
    if (!amountSql) return [];
    const stmt = db.prepare(
      `SELECT substr(s.record_date, 1, 7) AS month, s.status, sum(a.amount_cents) AS cents
       FROM sync_records s JOIN (${amountSql}) a ON a.id = s.record_id
       WHERE s.kind = @kind AND s.record_date >= @from AND s.record_date < @to
       GROUP BY 1, 2`,
    );
    return [{ info: k, stmt }];
  });
  // The facility's clock decides which month is "this month"; the first location stands for the facility.
  const zone = db.prepare('SELECT time_zone FROM locations ORDER BY id LIMIT 1').pluck();
  const organisationCurrency = db.prepare('SELECT base_currency FROM xero_organisation WHERE singleton = 1').pluck();
  const facilityCurrencies = db.prepare('SELECT DISTINCT currency FROM locations').pluck();

  return function getMonthlyAmounts(): MonthlyAmounts {
    const current = monthIn(now(), (zone.get() as string | undefined) ?? 'UTC');
    const months = monthsEndingWith(current, CHART_MONTHS);
    const range = { from: `${months[0]}-01`, to: `${nextMonth(current)}-01` };
    const currencies = facilityCurrencies.all() as string[];
    const currency = (organisationCurrency.get() as string | undefined) ?? (currencies.length === 1 ? currencies[0]! : null);
    return {
      months,
      currency,
      kinds: kinds.map(({ info, stmt }) => {
        const byMonth = new Map(months.map((month): [string, MonthAmounts] => [month, { month, syncedCents: 0, waitingCents: 0, failedCents: 0 }]));
        for (const r of stmt.all({ kind: info.kind, ...range }) as { month: string; status: SyncStatus; cents: number }[]) {
          const series = SERIES[r.status];
          const m = byMonth.get(r.month);
          if (series && m) m[series] += r.cents;
        }
        return { kind: info.plural, label: info.label, months: [...byMonth.values()] };
      }),
    };
  };
}
