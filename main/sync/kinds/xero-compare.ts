/**
 * What the kinds' change readers share (XeroChangeReader in kind-module.ts): which synced facility
 * records a page of Xero records belongs to, and the plain words for days and amounts.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { displayDay } from '../locked-period';
import type { XeroChange } from './kind-module';
import { prepared } from './payload-helpers';

export interface LinkedRecord {
  recordId: number;
  /** sync_records.status: only 'synced' records are compared. */
  status: string;
  /** The record's location's time zone: the day a change was made is the facility's day. */
  timeZone: string;
}

/** Xero id -> the facility record linked to it (this organisation's links only: xero_links). */
export function linkedRecords(db: Db, kind: RecordKind, xeroIds: Array<string | undefined>): Map<string, LinkedRecord> {
  const ids = xeroIds.filter((x): x is string => Boolean(x));
  const rows = prepared(
    db,
    `SELECT l.xero_id, l.record_id, s.status, loc.time_zone
     FROM xero_links l JOIN sync_records s ON s.kind = l.kind AND s.record_id = l.record_id
     JOIN locations loc ON loc.id = s.location_id
     WHERE l.kind = @kind AND l.xero_id IN (SELECT value FROM json_each(@ids))`,
  ).all({ kind, ids: JSON.stringify(ids) }) as Array<{ xero_id: string; record_id: number; status: string; time_zone: string }>;
  return new Map(rows.map((r) => [r.xero_id, { recordId: r.record_id, status: r.status, timeZone: r.time_zone }]));
}

/** The day of a Xero timestamp in the facility's time zone: "3 Dec 2026" ("" when Xero gave none). */
export function dayOf(at: Date | string | undefined, timeZone: string): string {
  if (!at) return '';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  let ymd: string;
  try {
    ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    ymd = d.toISOString().slice(0, 10); // a time zone the runtime does not know: UTC
  }
  return displayDay(ymd);
}

/** " on 3 Dec 2026", or nothing when the day is unknown. */
export function onDay(at: Date | string | undefined, timeZone: string): string {
  const day = dayOf(at, timeZone);
  return day ? ` on ${day}` : '';
}

/** Xero's decimal amount -> integer cents. */
export const toCents = (amount: number | undefined): number => Math.round((amount ?? 0) * 100);

/** Integer cents as people read an amount: 12500 -> "125.00". */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A sales document as xero-node reads it (Invoice, CreditNote): what compareDocuments looks at. */
export interface XeroDocument {
  status?: unknown;
  updatedDateUTC?: Date | string;
  lineItems?: Array<{ lineAmount?: number }>;
}

export interface DocumentChangeRules {
  kind: RecordKind;
  /** The facility's status ('void' when it agrees with a void) and the sum of its lines (cents), bound by record id. */
  facilitySql: string;
  /** What the user does when Xero voided or deleted it (Xero cannot bring either back). */
  goneFix: string;
}

/**
 * Changed sales documents (invoices, credit notes) in Xero against the synced facility ones: voided
 * or deleted there while the facility's is open, or lines that add up to another amount (LineAmount:
 * before tax under Exclusive, as sent). What money applied in Xero does to a document (AmountDue,
 * PAID, RemainingCredit) is not a change of the document: payments and allocations compare themselves.
 */
export function compareDocuments(db: Db, rules: DocumentChangeRules, docs: Array<XeroDocument & { id: string | undefined }>): XeroChange[] {
  const linked = linkedRecords(db, rules.kind, docs.map((d) => d.id));
  const facility = prepared(db, rules.facilitySql);
  const changes: XeroChange[] = [];
  for (const doc of docs) {
    const rec = linked.get(doc.id ?? '');
    if (!rec || rec.status !== 'synced') continue;
    const here = facility.get(rec.recordId) as { status: string; lines_cents: number } | undefined;
    if (!here || here.status === 'void') continue; // our own void, or one the facility agrees with
    const status = String(doc.status);
    const at = onDay(doc.updatedDateUTC, rec.timeZone);
    const change = (what: string, resendable: boolean, fix?: string) => changes.push({ kind: rules.kind, recordId: rec.recordId, what, resendable, ...(fix ? { fix } : {}) });
    if (status === 'VOIDED') change(`Voided in Xero${at}`, false, rules.goneFix);
    else if (status === 'DELETED') change(`Deleted in Xero${at}`, false, rules.goneFix);
    else {
      const xeroCents = (doc.lineItems ?? []).reduce((sum, l) => sum + toCents(l.lineAmount), 0);
      if (xeroCents !== here.lines_cents) change(`Total ${money(xeroCents)} in Xero, ${money(here.lines_cents)} here`, true);
    }
  }
  return changes;
}
