/**
 * The contract's sync settings (getSyncSettings / setSyncSettings): per organisation, for the
 * organisation the records belong to (records/organisation.ts), kept in sync_state next to it so a
 * switch to another organisation and back finds each one's own choice: the locked-period choice
 * and the sync start date (issue 15).
 */
import { menuPath, type SyncSettings, type SyncSettingsChange, type SyncSettingsChanged, type SyncSettingsEffect } from '../../contract';
import type { RecordKind } from '../../contract/record-kinds';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { readLockDates, readLockedPeriodPolicy, writeLockedPeriodPolicy } from './locked-period';
import { createOrganisationState } from './records/organisation';
import { requeueFailed } from './records/requeue';
import { lockedPeriodEffect, startDateEffect } from './settings-effect';
import { ensureStartDate, NO_START_DATE, readStartDate, writeStartDate } from './start-date';

export interface SyncSettingsDeps {
  now: () => Date;
  /** The first look at the settings of a new organisation proposes a start date (as the first sync would). */
  proposeStartDate: boolean;
}

export function createSyncSettings(db: Db, onChanged: () => void, deps: SyncSettingsDeps = { now: () => new Date(), proposeStartDate: false }) {
  const organisation = createOrganisationState(db);
  const mirroredOrg = db.prepare('SELECT raw FROM xero_organisation WHERE singleton = 1 AND tenant_id = ?').pluck();
  const startDateOf = (tenantId: string) => {
    if (!readStartDate(db, tenantId)) {
      // Xero's Organisation as the reference mirror holds it (FinancialYearEndDay/Month), read at connection.
      const raw = mirroredOrg.get(tenantId) as string | undefined;
      if (raw) ensureStartDate(db, tenantId, JSON.parse(raw) as object, deps.now(), deps.proposeStartDate);
    }
    return readStartDate(db, tenantId) ?? NO_START_DATE;
  };
  const get = (): SyncSettings => {
    const org = organisation.current();
    return {
      organisation: org,
      lockedPeriod: readLockedPeriodPolicy(db, org?.tenantId ?? null),
      startDate: org ? startDateOf(org.tenantId) : NO_START_DATE,
      lockDates: readLockDates(db, org?.tenantId ?? null),
    };
  };
  return {
    getSyncSettings: async () => get(),
    async setSyncSettings(change: SyncSettingsChange): Promise<SyncSettingsChanged> {
      const org = organisation.current();
      if (!org) throw new AppError('not_connected', `These settings belong to a Xero organisation: connect to Xero first (${menuPath('authenticate')}).`);
      let changed = false;
      const effect: SyncSettingsEffect = { queued: 0, held: 0 };
      const add = (e: SyncSettingsEffect) => {
        effect.queued += e.queued;
        effect.held += e.held;
      };
      db.transaction(() => {
        if (change.lockedPeriod !== undefined) {
          const was = readLockedPeriodPolicy(db, org.tenantId);
          changed ||= was !== change.lockedPeriod;
          add(lockedPeriodEffect(db, was, change.lockedPeriod, readLockDates(db, org.tenantId)?.lockDate ?? null));
          writeLockedPeriodPolicy(db, org.tenantId, change.lockedPeriod);
        }
        if (change.startDate !== undefined) {
          const was = readStartDate(db, org.tenantId);
          add(startDateEffect(db, was?.date ?? null, change.startDate));
          writeStartDate(db, org.tenantId, { date: change.startDate, confirmed: true });
          if (was?.date !== change.startDate) {
            requeueForStartDate(db, change.startDate, deps.now().toISOString());
            changed = true;
          }
        }
      })();
      // Held records are due on every run: a run now sends what the change lets through.
      if (changed) onChanged();
      return { ...get(), effect };
    },
  };
}

/**
 * A moved start date: everything held before the old one is planned again (what now falls on or
 * after the new one is sent, the rest is held again), and so is what failed without ever reaching
 * Xero and is now before the new one (held instead of failed). What is already in Xero is not touched;
 * queued records are planned against the new date on the next run anyway.
 */
function requeueForStartDate(db: Db, start: string | null, now: string): void {
  requeueFailed(db, { statuses: ['before_start_date'] }, now);
  if (!start) return;
  const failed = db.prepare(
    `SELECT kind, record_id FROM sync_records s WHERE status = 'failed' AND record_date < ?
       AND NOT EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id)`,
  ).all(start) as Array<{ kind: RecordKind; record_id: number }>;
  const byKind = new Map<RecordKind, number[]>();
  for (const r of failed) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.record_id]);
  for (const [kind, ids] of byKind) requeueFailed(db, { kind, recordIds: ids, statuses: ['failed'] }, now);
}
