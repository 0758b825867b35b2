/**
 * Connecting to another organisation than the one the records were sent to asks first: the
 * connection status carries the question (organisationSwitch), nothing is sent meanwhile, and
 * switchXeroOrganisation() answers yes. Reconnecting to the same organisation changes nothing;
 * the first connection, or one while nothing has reached any organisation, is taken as it is.
 */
import { menuPath } from '../../contract';
import type { OrganisationSwitch, XeroConnectionStatus, XeroOrganisation } from '../../contract';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { createOrganisationState } from './records/organisation';

export interface OrganisationGuardDeps {
  db: Db;
  now: () => Date;
}

export type OrganisationGuard = ReturnType<typeof createOrganisationGuard>;

export function createOrganisationGuard({ db, now }: OrganisationGuardDeps) {
  const state = createOrganisationState(db);

  /** The question to ask before anything goes to `connected`, or null when it may be sent to. */
  function pending(connected: XeroOrganisation): OrganisationSwitch | null {
    const recorded = state.current();
    if (!recorded || recorded.tenantId === connected.tenantId) {
      state.adopt(connected);
      return null;
    }
    if (state.linkedCount() === 0 && state.inFlightCount() === 0) {
      // Nothing reached the first organisation: nothing to lose, nothing to ask.
      state.switchTo(connected, now().toISOString());
      return null;
    }
    const records = state.recordCount();
    return {
      syncedTo: recorded.name,
      connectedTo: connected.name,
      records,
      message:
        `Your records were sent to ${recorded.name}. ${connected.name} has none of them: ` +
        `switch and send everything (${records.toLocaleString('en-US')} records) to ${connected.name}? ` +
        `The links to ${recorded.name} are kept, so switching back later sends nothing twice.`,
    };
  }

  return {
    /** Adds the question to a connected status when it applies. */
    decorate(status: XeroConnectionStatus): XeroConnectionStatus {
      if (status.state !== 'connected' || !status.organisation) return status;
      const question = pending(status.organisation);
      return question ? { ...status, organisationSwitch: question } : status;
    },

    /** Why nothing may be sent now, or null. */
    blockedReason(status: XeroConnectionStatus): string | null {
      const question = status.state === 'connected' && status.organisation ? pending(status.organisation) : null;
      return question
        ? `Connected to ${question.connectedTo}, but your records were sent to ${question.syncedTo}. Confirm the switch in ${menuPath('authenticate')}, or reconnect to ${question.syncedTo}.`
        : null;
    },

    /** The user said yes: the sync state now belongs to the connected organisation. Returns how many records were queued. */
    confirm(status: XeroConnectionStatus): number {
      if (status.state !== 'connected' || !status.organisation) {
        throw new AppError('not_connected', 'Facility Sync is not connected to Xero. Connect to the organisation first, then switch.');
      }
      if (!pending(status.organisation)) return 0;
      const inFlight = state.inFlightCount();
      if (inFlight > 0) {
        throw new AppError(
          'conflict',
          `${inFlight.toLocaleString('en-US')} records are still being confirmed with ${state.current()?.name ?? 'the first organisation'}. ` +
            'Reconnect to it and let the sync finish, then switch.',
        );
      }
      return state.switchTo(status.organisation, now().toISOString()).queued;
    },
  };
}
