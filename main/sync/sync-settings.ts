/**
 * The contract's sync settings (getSyncSettings / setSyncSettings): per organisation, for the
 * organisation the records belong to (records/organisation.ts), kept in sync_state next to it so a
 * switch to another organisation and back finds each one's own choice. Only the locked-period
 * choice so far (issue 15).
 */
import { menuPath, type LockedPeriodPolicy, type SyncSettings } from '../../contract';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { readLockedPeriodPolicy, writeLockedPeriodPolicy } from './locked-period';
import { createOrganisationState } from './records/organisation';

export function createSyncSettings(db: Db, onChanged: () => void) {
  const organisation = createOrganisationState(db);
  const get = (): SyncSettings => {
    const org = organisation.current();
    return { organisation: org, lockedPeriod: readLockedPeriodPolicy(db, org?.tenantId ?? null) };
  };
  return {
    getSyncSettings: async () => get(),
    async setSyncSettings(settings: { lockedPeriod: LockedPeriodPolicy }): Promise<SyncSettings> {
      const org = organisation.current();
      if (!org) throw new AppError('not_connected', `These settings belong to a Xero organisation: connect to Xero first (${menuPath('authenticate')}).`);
      const changed = readLockedPeriodPolicy(db, org.tenantId) !== settings.lockedPeriod;
      writeLockedPeriodPolicy(db, org.tenantId, settings.lockedPeriod);
      // Records held for a locked period are due on every run: a run now sends them on the first open date.
      if (changed) onChanged();
      return get();
    },
  };
}
