/**
 * Sync start date (issue 15). History before it is already in Xero (entered by hand, by a previous
 * tool) or comes in as opening balances, so a record dated before it that never reached Xero is not
 * sent: status `before_start_date`, not a failure. What already reached Xero keeps in step whatever
 * its date (its changes, voids and reversals still go). Each dated kind asks `startDateFor` while
 * planning, as it asks `lockedPeriodFor`; money applied on or after the start date to a document
 * dated before it waits for that document's copy in Xero (`documentBeforeStart`).
 * Kept per organisation in sync_state under `sync_start_date:<tenant id>` as {date, confirmed}:
 * a first sync proposes the first day of the current financial year, which applies at once and
 * shows as proposed until the user confirms or changes it (docs/sync-engine.md, Sync start date).
 */
import type { SyncStartDate } from '../../contract';
import type { Db } from '../db/open-database';
import { dayAfter, displayDay } from './locked-period';
import type { PlanOutcome } from './kinds/kind-module';

const key = (tenantId: string) => `sync_start_date:${tenantId}`;

/** Nothing chosen for this organisation yet. */
export const NO_START_DATE: SyncStartDate = { date: null, confirmed: false };

export function readStartDate(db: Db, tenantId: string | null): SyncStartDate | null {
  if (!tenantId) return null;
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key(tenantId)) as string | undefined;
  if (v === undefined) return null;
  const parsed = JSON.parse(v) as SyncStartDate;
  return { date: parsed.date ?? null, confirmed: Boolean(parsed.confirmed) };
}

export function writeStartDate(db: Db, tenantId: string, value: SyncStartDate): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key(tenantId), JSON.stringify(value));
}

/**
 * The first day of the financial year that holds `today` ('YYYY-MM-DD'), for a year that ends on
 * `endDay`/`endMonth` (Xero's FinancialYearEndDay/Month; a 29 Feb year end is the last day of
 * February). Year end 30 Jun: on 2026-06-30 the year began 2025-07-01; on 2026-07-01 it begins that day.
 */
export function financialYearStart(endDay: number, endMonth: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const endIn = (y: number) => {
    const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
    return `${y}-${String(endMonth).padStart(2, '0')}-${String(Math.min(endDay, last)).padStart(2, '0')}`;
  };
  const thisYearsEnd = endIn(year);
  return dayAfter(today <= thisYearsEnd ? endIn(year - 1) : thisYearsEnd);
}

/** The proposal for an organisation read from Xero (null when Xero did not say when its year ends). */
export function proposedStartDate(org: { financialYearEndDay?: number; financialYearEndMonth?: number } | undefined, now: Date): string | null {
  const day = Number(org?.financialYearEndDay);
  const month = Number(org?.financialYearEndMonth);
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  // The calendar day in UTC: the same on every machine; the user confirms or changes it anyway.
  return financialYearStart(day, month, now.toISOString().slice(0, 10));
}

/**
 * The start date a run plans with: the stored one, or on the first sync to an organisation (nothing
 * stored, nothing of ours in it yet) the proposal, stored as not confirmed so it stays put.
 */
export function ensureStartDate(
  db: Db, tenantId: string, org: Parameters<typeof proposedStartDate>[0], now: Date, propose: boolean,
): string | null {
  const stored = readStartDate(db, tenantId);
  if (stored) return stored.date;
  if (!propose || (db.prepare('SELECT EXISTS (SELECT 1 FROM xero_links)').pluck().get() as number) === 1) return null;
  const date = proposedStartDate(org, now);
  if (date) writeStartDate(db, tenantId, { date, confirmed: false });
  return date;
}

/** A record dated `date` that never reached Xero: open, or not sent because it is before the start date. */
export function startDateFor(start: string | null, date: string, noun: string): { type: 'open' } | { type: 'before'; outcome: PlanOutcome } {
  if (!start || date >= start) return { type: 'open' };
  return { type: 'before', outcome: beforeStart(start, `This ${noun} is dated ${displayDay(date)}`) };
}

export function beforeStart(start: string, what: string): PlanOutcome {
  return {
    type: 'before_start_date',
    error: {
      code: 'before_start_date',
      explanation: `${what}, before the sync start date (${displayDay(start)}), so Facility Sync does not send it: history before that date is already in Xero or comes in as opening balances.`,
      fix: `Nothing to do. To send it after all, move the sync start date to ${displayDay(start)} or earlier in Settings (Synchronize tab) or with facility-sync config set sync-start-date.`,
    },
  };
}

/**
 * Money dated on or after the start date, on a document (invoice, credit note) dated before it that
 * Facility Sync did not send: that document is in Xero already (history, or an outstanding item
 * entered at conversion), and the money belongs on it there. It waits (not a failure) until the
 * document is linked to its Xero copy (the held document is looked up there: kinds/held-documents.ts),
 * then goes out by itself.
 */
export function documentBeforeStart(start: string, noun: string, document: string, documentDate: string): PlanOutcome {
  return {
    type: 'wait',
    error: {
      code: 'document_before_start_date',
      explanation: `This ${noun} belongs to ${document}, dated ${displayDay(documentDate)}, before the sync start date (${displayDay(start)}). Facility Sync does not send ${document}; it looks for its copy in Xero and has not found it there, so it has nothing in Xero to put this ${noun} on yet.`,
      fix: `Enter ${document} in Xero under the same number: Facility Sync finds it (it looks again each day) and sends this ${noun} on it. `
        + `Or record this ${noun} on ${document} in Xero yourself and then Exclude it here; or move the sync start date to ${displayDay(documentDate)} or earlier so ${document} is sent with it.`,
    },
  };
}
