/**
 * The contract's compareBalances (issue 14): each tenant's balance in Xero read now and compared with
 * the facility's, from the app (Reports, Search by Tenants) and `facility-sync balances`. It waits for
 * the sync run under way, so both sides describe the same moment; what it read is kept per organisation
 * and shown next to the facility's balance in the report, offline too.
 */
import type { BalanceCheck } from '../../contract';
import { menuPath } from '../../contract/routes';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import type { XeroApiClient } from '../xero/api-client';
import { checkFailureReason } from '../sync/xero-changes-in-run';
import { compareBalances } from './tenant-balances';

export interface BalancesServiceDeps {
  db: Db;
  client: XeroApiClient;
  isConnected: () => boolean;
  /** Connected, yet nothing may be read for these records (another organisation): what to say. */
  blockedReason?: () => string | null;
  /** Resolves when no sync run is under way. */
  whenIdle: () => Promise<unknown>;
  now?: () => Date;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function message(compared: number, differ: number): string {
  if (compared === 0) return 'No tenant is in Xero yet, so there is no balance to compare.';
  if (differ === 0) return `Every tenant in Xero (${count(compared, 'tenant', 'tenants')}) has the same balance there as in the facility.`;
  return `${count(differ, 'tenant has', 'tenants have')} another balance in Xero than in the facility (of ${count(compared, 'tenant', 'tenants')} in Xero). `
    + `See ${menuPath('report')}, Search by Tenants, for both balances side by side; records still on their way or failed explain most differences, `
    + 'and Reports > Reconciliation finds the record behind the rest.';
}

export function createBalancesService({ db, client, isConnected, blockedReason, whenIdle, now = () => new Date() }: BalancesServiceDeps) {
  return {
    async compareBalances(): Promise<BalanceCheck> {
      if (!isConnected()) throw new AppError('not_connected', `Facility Sync is not connected to Xero, so it cannot read the balances there. Connect on ${menuPath('authenticate')}.`);
      const blocked = blockedReason?.();
      if (blocked) throw new AppError('conflict', blocked);
      await whenIdle();
      const organisationId = (db.prepare("SELECT value FROM sync_state WHERE key = 'organisation_id'").pluck().get() as string | undefined) ?? client.tenantId();
      let result;
      try {
        result = await compareBalances(db, client, organisationId, now());
      } catch (err) {
        throw new AppError('xero_error', `Facility Sync could not read the balances in Xero: ${checkFailureReason(err)}. Try again later.`);
      }
      return {
        readAt: result.readAt, compared: result.compared, requests: result.calls, message: message(result.compared, result.differ.length),
        differ: result.differ.map((d) => ({ tenantId: d.tenant, name: d.name, facilityCents: d.facilityCents, xeroCents: d.xeroCents })),
      };
    },
  };
}
