/**
 * Match before create (issue 15), what invoices and credit notes share: how a document Xero already
 * holds under our number is compared with ours, in plain words for the report ("In Xero with a
 * different total: 120.00 there, 125.00 here"). Amounts are compared in cents, dates as calendar days.
 */
import type { Db } from '../../db/open-database';
import { xeroDay } from '../../xero/xero-date';
import { displayDay } from '../locked-period';
import { prepared } from './payload-helpers';

/** Ours, as the facility holds it. */
export interface OurDocument {
  total_cents: number;
  issue_date: string;
  due_date: string | null;
  contact_xero_id: string | null;
  contact_name: string;
}

/** The fields of a Xero invoice or credit note that are compared (xero-node's model). */
export interface XeroDocument {
  total?: number;
  date?: unknown;
  dueDate?: unknown;
  status?: unknown;
  contact?: { contactID?: string; name?: string };
  lineItems?: Array<{ lineAmount?: number }>;
}

/** 12345 -> "123.45", 1234500 -> "12,345.00": the same in every locale. */
export function displayMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const cents = (v: number | undefined): number => Math.round((v ?? 0) * 100);

/** Every difference between Xero's copy and ours; [] when they are the same document. */
export function documentDifferences(ours: OurDocument, ourLineCents: number[], xero: XeroDocument): string[] {
  const out: string[] = [];
  const status = String(xero.status ?? '');
  if (status === 'VOIDED') out.push('Voided in Xero');
  const total = cents(xero.total);
  if (total !== ours.total_cents) out.push(`In Xero with a different total: ${displayMoney(total)} there, ${displayMoney(ours.total_cents)} here`);
  const day = xeroDay(xero.date);
  if (day !== ours.issue_date) out.push(`In Xero with a different date: ${day ? displayDay(day) : 'none'} there, ${displayDay(ours.issue_date)} here`);
  if (ours.due_date !== null) {
    const due = xeroDay(xero.dueDate);
    if (due !== ours.due_date) out.push(`In Xero with a different due date: ${due ? displayDay(due) : 'none'} there, ${displayDay(ours.due_date)} here`);
  }
  if (xero.contact?.contactID !== ours.contact_xero_id) {
    out.push(`In Xero for a different contact: ${xero.contact?.name ?? 'another contact'} there, ${ours.contact_name} here`);
  }
  // Totals can agree while the lines do not (two lines swapped amounts): compare the line amounts as a set.
  const theirs = (xero.lineItems ?? []).map((l) => cents(l.lineAmount)).sort((a, b) => a - b);
  const mine = [...ourLineCents].sort((a, b) => a - b);
  if (xero.lineItems && theirs.join() !== mine.join()) {
    out.push(`In Xero with different line amounts: ${theirs.map(displayMoney).join(', ') || 'none'} there, ${mine.map(displayMoney).join(', ')} here`);
  }
  return out;
}

/** The line amounts (quantity x unit amount, in cents) of a facility document. */
export function ourLineCents(db: Db, table: 'invoice_lines' | 'credit_note_lines', key: 'invoice_id' | 'credit_note_id', id: number): number[] {
  return prepared(db, `SELECT quantity * unit_amount_cents FROM ${table} WHERE ${key} = ? ORDER BY line_no`).pluck().all(id) as number[];
}
