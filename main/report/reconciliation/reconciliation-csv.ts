/**
 * The reconciliation as CSV: the totals, then every difference with the records that explain it.
 * Through the one CSV writer (main/csv-write.ts): formulas neutralised, cents written as decimals.
 */
import { kindInfo } from '../../../contract/record-kinds';
import type { Reconciliation, ReconciliationCsv } from '../../../contract/reconciliation';
import { toCsv } from '../../csv-write';
import { MEASURES } from './compare';

const HEADER = ['Section', 'What', 'Facility id', 'Xero number', 'Date', 'Facility', 'Xero', 'Difference', 'Reason', 'Status'] as const;
const MONEY = ['Facility', 'Xero', 'Difference'];

export function reconciliationCsv(r: Reconciliation): ReconciliationCsv {
  const label = new Map(MEASURES.map((m) => [m.measure, m.label]));
  const rows: unknown[][] = r.totals.map((t) => [
    'Total', t.label, '', '', `${r.from} to ${r.to}`, t.facilityCents, t.xeroCents ?? '', t.differenceCents ?? '',
    t.xeroCents === null ? (r.offlineReason ?? 'Xero not read') : '', '',
  ]);
  for (const d of r.differences) {
    const moves = Object.entries(d.effect).map(([m, c]) => `${label.get(m as keyof typeof d.effect) ?? m} ${c > 0 ? '+' : ''}${(c / 100).toFixed(2)}`).join('; ');
    rows.push([
      'Difference', kindInfo(d.kind).noun, d.facilityId ?? '', d.xeroNumber ?? '', d.date, d.facilityCents ?? '', d.xeroCents ?? '',
      (d.xeroCents ?? 0) - (d.facilityCents ?? 0), `${d.reason} (moves ${moves})`, d.category === 'waiting' ? 'waiting' : 'difference',
    ]);
  }
  rows.push(['Summary', r.summary, '', '', '', '', '', '', `${r.location ? r.location.name : 'All locations'}; amounts in ${r.currency}; computed ${r.computedAt}`, '']);
  const place = r.location ? `-location-${r.location.id}` : '';
  return {
    fileName: `reconciliation-${r.month}${place}.csv`,
    csv: toCsv(HEADER, rows, { recordDelimiter: '\r\n', moneyColumns: MONEY }),
    rows: rows.length,
  };
}
