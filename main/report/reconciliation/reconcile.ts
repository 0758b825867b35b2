/**
 * One month's reconciliation (issue 16): the facility's side from the mirror, Xero's read now, and
 * the records that explain each difference (compare.ts). Offline, not connected, or connected to an
 * organisation the records do not belong to: the facility's side alone, saying why in words.
 * Each complete result for all locations is kept per organisation and month in sync_state
 * (`reconciliation:<tenant id>:<month>`), which is what the per-month status reads.
 */
import type { Reconciliation, ReconciliationDifference, ReconciliationMonthStatus, ReconciliationQuery, ReconciliationStatus } from '../../../contract/reconciliation';
import { menuPath } from '../../../contract/routes';
import { AppError } from '../../app-error';
import type { Db } from '../../db/open-database';
import { loadMapping } from '../../mapping/mapping';
import type { XeroApiClient } from '../../xero/api-client';
import { XeroApiError } from '../../xero/xero-api-error';
import { compareSides, totalsOf } from './compare';
import { readFacilitySide } from './facility-side';
import { createRecordMatcher, type MatchedXero } from './match-records';
import { monthName, monthRange, monthsUpTo } from './month';
import { readXeroSide } from './xero-side';

export interface ReconcileOptions {
  db: Db;
  client: XeroApiClient;
  now?: () => Date;
  /** Why Xero must not be read for these records now (another organisation connected), or null. */
  blockedReason?: () => string | null;
}

const statusKey = (tenantId: string, month: string) => `reconciliation:${tenantId}:${month}`;

interface StoredStatus {
  status: ReconciliationStatus;
  differences: number;
  computedAt: string;
}

function statusOf(xeroRead: boolean, differences: ReconciliationDifference[]): ReconciliationStatus {
  if (!xeroRead) return 'unknown';
  if (differences.length === 0) return 'green';
  return differences.every((d) => d.category === 'waiting') ? 'amber' : 'red';
}

function summaryOf(month: string, status: ReconciliationStatus, differences: ReconciliationDifference[], offlineReason: string | null): string {
  const name = monthName(month);
  const n = differences.length;
  if (status === 'green') return `The facility and Xero agree for ${name}: no differences.`;
  if (status === 'amber') return `${name}: ${n === 1 ? '1 record has' : `${n} records have`} not reached Xero yet; everything else agrees.`;
  if (status === 'red') return `${name}: ${n === 1 ? '1 difference' : `${n} differences`} between the facility and Xero, listed below with the records that explain ${n === 1 ? 'it' : 'them'}.`;
  return `${offlineReason ?? 'Xero could not be read.'} The facility's side for ${name} is shown; Xero's appears when it can be read.`;
}

/** Plain words for why Xero could not be read; rethrows what is not about reaching Xero. */
function unreachable(err: unknown): string {
  if (err instanceof AppError && err.code === 'not_connected') return `Facility Sync is not connected to Xero (${menuPath('authenticate')}).`;
  if (err instanceof XeroApiError) {
    if (err.kind === 'network') return 'Xero cannot be reached: this computer seems to be offline, or Xero is not answering.';
    if (err.kind === 'unauthorized' || err.kind === 'forbidden') return `Xero refused access to the organisation: connect again in ${menuPath('authenticate')}.`;
    if (err.kind === 'rate_limited') return "Xero's limit of requests for now is used up: try again in a few minutes.";
    if (err.kind === 'org_offline' || err.kind === 'server') return 'Xero is not available right now (it may be updating the organisation): try again later.';
  }
  throw err;
}

export async function reconcileMonth({ db, client, now = () => new Date(), blockedReason }: ReconcileOptions, query: ReconciliationQuery): Promise<Reconciliation> {
  const range = monthRange(query.month);
  const locationId = query.locationId ?? null;
  const location = locationId === null ? null : (db.prepare('SELECT id, name FROM locations WHERE id = ?').get(locationId) as { id: number; name: string } | undefined);
  if (location === undefined) throw new AppError('not_found', `There is no location with id ${locationId}. Choose one from the list, or all locations.`);
  const facility = readFacilitySide(db, range, locationId);
  const orgCurrency = db.prepare('SELECT base_currency FROM xero_organisation WHERE singleton = 1').pluck().get() as string | undefined;

  let xero: MatchedXero[] | null = null;
  let offlineReason: string | null = blockedReason?.() ?? null;
  let calls = 0;
  const matcher = createRecordMatcher(db, loadMapping(db));
  if (!offlineReason) {
    try {
      const side = await readXeroSide(client, range);
      calls = side.calls;
      xero = side.entries.map((e) => matcher.match(e)).filter((e): e is MatchedXero => e !== null && (locationId === null || e.locationId === locationId));
    } catch (err) {
      offlineReason = unreachable(err);
    }
  }
  const differences = xero ? compareSides({
    range, locationId, facility: facility.entries, xero, matcher, allocationsOnTheirWay: facility.allocationsOnTheirWay,
    allocationsChangedInXero: facility.allocationsChangedInXero,
  }) : [];
  const status = statusOf(xero !== null, differences);
  const computedAt = now().toISOString();
  const result: Reconciliation = {
    ...range,
    location: location ?? null,
    currency: orgCurrency ?? facility.currency ?? '',
    computedAt,
    xeroRead: xero !== null,
    offlineReason,
    xeroCalls: calls,
    totals: totalsOf(facility.entries, xero),
    differences,
    status,
    summary: summaryOf(range.month, status, differences, offlineReason),
  };
  const tenantId = xero !== null && locationId === null ? organisationOf(db, client) : null;
  if (tenantId) {
    db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(statusKey(tenantId, range.month), JSON.stringify({ status, differences: differences.length, computedAt } satisfies StoredStatus));
  }
  return result;
}

/** The organisation the records belong to (sync_state, set when they were first sent), else the connected one. */
export function organisationOf(db: Db, client: XeroApiClient): string | null {
  const recorded = db.prepare("SELECT value FROM sync_state WHERE key = 'organisation_id'").pluck().get() as string | undefined;
  if (recorded) return recorded;
  try {
    return client.tenantId();
  } catch {
    return null;
  }
}

/** The 12 months up to `month`, oldest first, from each month's last stored result: no Xero call. */
export function reconciliationStatus(db: Db, tenantId: string | null, month: string): ReconciliationMonthStatus[] {
  monthRange(month);
  const get = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  return monthsUpTo(month, 12).map((m) => {
    const raw = tenantId ? (get.get(statusKey(tenantId, m)) as string | undefined) : undefined;
    let stored: StoredStatus | null = null;
    try {
      stored = raw ? (JSON.parse(raw) as StoredStatus) : null;
    } catch {
      stored = null;
    }
    return { month: m, status: stored?.status ?? 'unknown', differences: stored?.differences ?? 0, computedAt: stored?.computedAt ?? null };
  });
}
