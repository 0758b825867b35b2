/**
 * Lock dates (issue 15). Xero refuses anything dated on or before the organisation's lock dates
 * (PeriodLockDate binds everyone but advisers, EndOfYearLockDate everyone). Facility Sync cannot
 * know whether the connecting user is an adviser, so the later of the two counts. Each run reads
 * them from Xero (engine.ts) and the planner holds what falls on or before, or, when the
 * organisation chose so, dates it on the first open day (the day after the lock date).
 * The choice is kept per organisation in sync_state under `locked_period:<tenant id>`, and the lock
 * dates each run read under `lock_dates:<tenant id>`, so the Synchronize tab shows them offline.
 */
import type { LockDates, LockedPeriodPolicy } from '../../contract';
import type { Db } from '../db/open-database';
import { xeroDay } from '../xero/xero-date';
import type { PlanOutcome } from './kinds/kind-module';

export interface LockedPeriod {
  /** The effective lock date 'YYYY-MM-DD', or null when the organisation has none. */
  lockDate: string | null;
  policy: LockedPeriodPolicy;
}

export const NO_LOCK: LockedPeriod = { lockDate: null, policy: 'hold' };

/** The later of the organisation's two lock dates (xero-node hands them over as Date or /Date()/ text). */
export function effectiveLockDate(org: { periodLockDate?: unknown; endOfYearLockDate?: unknown } | undefined): string | null {
  const days = [xeroDay(org?.periodLockDate), xeroDay(org?.endOfYearLockDate)].filter((d): d is string => d !== null);
  return days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-03-31' -> '31 Mar 2026' (the same in every locale and time zone). */
export function displayDay(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** The first open day: the day after the lock date. */
export function dayAfter(ymd: string): string {
  const t = new Date(`${ymd}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * What becomes of a record dated `date`: 'open' (send as is), a wait outcome (hold), or the date to
 * send it with instead (post on the first open date).
 */
export function lockedPeriodFor(lock: LockedPeriod, date: string): { type: 'open' } | { type: 'hold'; outcome: PlanOutcome } | { type: 'redate'; date: string } {
  if (!lock.lockDate || date > lock.lockDate) return { type: 'open' };
  if (lock.policy === 'post_on_first_open_date') return { type: 'redate', date: dayAfter(lock.lockDate) };
  return { type: 'hold', outcome: periodLocked(lock.lockDate) };
}

export function periodLocked(lockDate: string): PlanOutcome {
  const open = displayDay(dayAfter(lockDate));
  return {
    type: 'wait',
    error: {
      code: 'period_locked',
      explanation: `The period up to ${displayDay(lockDate)} is locked in Xero by your accountant.`,
      fix: `Ask your accountant to move the lock date in Xero (Accounting > Advanced > Financial settings) if this record belongs in that period; `
        + `or choose in Settings to post such records on the first open date (${open}) with their own date in the reference. `
        + 'Either way Facility Sync sends it by itself on the next run.',
    },
  };
}

/** " (dated 15 Mar 2026)": appended to a free-text reference when a record is posted on the first open date. */
export function datedSuffix(original: string): string {
  return ` (dated ${displayDay(original)})`;
}

const key = (tenantId: string) => `locked_period:${tenantId}`;

export function readLockedPeriodPolicy(db: Db, tenantId: string | null): LockedPeriodPolicy {
  if (!tenantId) return 'hold';
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key(tenantId)) as string | undefined;
  return v === 'post_on_first_open_date' ? v : 'hold';
}

export function writeLockedPeriodPolicy(db: Db, tenantId: string, policy: LockedPeriodPolicy): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key(tenantId), policy);
}

const datesKey = (tenantId: string) => `lock_dates:${tenantId}`;

/** The run read the organisation: its lock dates as Xero holds them now, and when. */
export function writeLockDates(db: Db, tenantId: string, org: { periodLockDate?: unknown; endOfYearLockDate?: unknown } | undefined, readAt: string): void {
  const value: LockDates = {
    periodLockDate: xeroDay(org?.periodLockDate),
    endOfYearLockDate: xeroDay(org?.endOfYearLockDate),
    lockDate: effectiveLockDate(org),
    readAt,
  };
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(datesKey(tenantId), JSON.stringify(value));
}

/** The lock dates the last run read (null: no run has read them for this organisation yet). */
export function readLockDates(db: Db, tenantId: string | null): LockDates | null {
  if (!tenantId) return null;
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(datesKey(tenantId)) as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as LockDates);
}
