/**
 * What a change to the sync settings does to the records not in Xero yet (issue 15), counted before
 * it is written, so Settings and the CLI can say it: "12 records queued for Xero, 3 held". Only dated
 * records count (invoices, payments, credit notes, allocations, refunds): a tenant's contact has no
 * date and follows its documents. Counted from sync_records' record_date, which is the record's own
 * date for every dated kind.
 */
import type { LockedPeriodPolicy, SyncSettingsEffect } from '../../contract';
import type { Db } from '../db/open-database';

const NOT_IN_XERO = `s.kind <> 'tenant' AND NOT EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id)`;
const UNSENT = `s.status IN ('pending', 'waiting', 'failed')`;

/** Moving the start date from `was` to `next` (null: none, all history is sent). */
export function startDateEffect(db: Db, was: string | null, next: string | null): SyncSettingsEffect {
  if (was === next) return { queued: 0, held: 0 };
  const count = (sql: string, params: Record<string, string>) => db.prepare(`SELECT COUNT(*) FROM sync_records s WHERE ${NOT_IN_XERO} AND ${sql}`).pluck().get(params) as number;
  return {
    // Held until now and on or after the new date: they go out.
    queued: count(`s.status = 'before_start_date'${next ? ' AND s.record_date >= @next' : ''}`, next ? { next } : {}),
    // Still to send and before the new date: held from now on.
    held: next ? count(`${UNSENT} AND s.record_date < @next`, { next }) : 0,
  };
}

/** Changing what happens to records dated on or before `lockDate` (the last one read; null: none). */
export function lockedPeriodEffect(db: Db, was: LockedPeriodPolicy, next: LockedPeriodPolicy, lockDate: string | null): SyncSettingsEffect {
  if (was === next || !lockDate) return { queued: 0, held: 0 };
  if (next === 'post_on_first_open_date') {
    const queued = db.prepare(`SELECT COUNT(*) FROM sync_records s WHERE s.status = 'waiting' AND s.error_code = 'period_locked'`).pluck().get() as number;
    return { queued, held: 0 };
  }
  const held = db.prepare(`SELECT COUNT(*) FROM sync_records s WHERE ${NOT_IN_XERO} AND ${UNSENT} AND s.record_date <= ?`).pluck().get(lockDate) as number;
  return { queued: 0, held };
}
