/**
 * The report's sync options on selected records: ReSync, Exclude from sync, Include in sync, and for a
 * record found in Xero with other amounts (needs_review) Use ours / Keep Xero's (records/review.ts), for a
 * record changed in Xero after it was sent (changed_in_xero) Send ours again / Accept Xero's / Ignore
 * (records/xero-review.ts).
 * Each applies in one transaction: the records' status and their outbox rows change together.
 * Queuing goes through the engine's requeueFailed, the one way records are queued again.
 */
import type { ReportFilter, ReportKind, SyncOption } from '../../contract';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { kindOfPlural } from '../../contract/record-kinds';
import { kindModule } from '../sync/kinds';
import { createRecordStatusWriter } from '../sync/records/record-status';
import { requeueFailed } from '../sync/records/requeue';
import { applyReview } from '../sync/records/review';
import { createOrganisationState } from '../sync/records/organisation';
import { reviewXeroChanges } from '../sync/records/xero-review';
import { reportFilterWhere } from './report-filter';

export interface SyncOptionOutcome {
  /** Records the option changed (queued, excluded or included). */
  changed: number[];
  /** Already synced with their current content: nothing to send. */
  alreadySynced: number[];
  /** Excluded records a ReSync skipped (include them first). */
  skippedExcluded: number[];
  /** Records excluded that are in Xero (they stay there: the outcome says so). */
  excludedInXero: number[];
  /** Records Send ours again cannot put back in Xero, with what to do instead. */
  refused?: Array<{ id: number; reason: string }>;
  /** Selected for ReSync while already on their way to Xero (in flight): they go out, nothing to queue. */
  onTheirWay: number[];
}

const XERO_REVIEW = { send_ours: 'send_ours', accept_xero: 'accept', ignore: 'ignore' } as const;

type Selection = { ids: number[] } | { externalIds: string[] } | { filter: Omit<ReportFilter, 'cursor' | 'limit' | 'kind'> };

interface RecordState {
  record_id: number;
  status: string;
  up_to_date: number;
  in_xero: number;
}

/** Resolves a selection (ids, facility ids, or everything a report filter matches) to record ids. */
export function resolveSelection(db: Db, kind: ReportKind, selection: Selection): number[] {
  if ('ids' in selection) return [...new Set(selection.ids)];
  if ('externalIds' in selection) return resolveExternalIds(db, kind, selection.externalIds);
  const { where, params } = reportFilterWhere({ kind, ...selection.filter });
  if (selection.filter.status === 'synced') where.push('synced = 1');
  if (selection.filter.status === 'non-synced') where.push('synced = 0');
  return db.prepare(`SELECT record_id FROM sync_records WHERE ${where.join(' AND ')}`).pluck().all(params) as number[];
}

/** `tenantId`: the connected Xero organisation, under which a reviewed change in Xero is remembered (xero-changes.ts). */
export function applySyncOptionToRecords(db: Db, kind: ReportKind, option: SyncOption, ids: number[], now = new Date().toISOString(), tenantId?: string | null): SyncOptionOutcome {
  const k = kindOfPlural(kind);
  if (option === 'use_ours' || option === 'keep_xero') {
    // Only records waiting for review change (records/review.ts); the rest need no change.
    return { changed: applyReview(db, k, ids, option, now).changed, alreadySynced: [], skippedExcluded: [], excludedInXero: [], onTheirWay: [] };
  }
  if (option === 'send_ours' || option === 'accept_xero' || option === 'ignore') {
    // Only records changed in Xero change; what is remembered as reviewed belongs to the organisation checked.
    const org = tenantId ?? createOrganisationState(db).current()?.tenantId ?? '';
    const r = reviewXeroChanges(db, org, k, ids, XERO_REVIEW[option], now);
    return { changed: r.changed, alreadySynced: [], skippedExcluded: [], excludedInXero: [], onTheirWay: [], refused: r.refused };
  }
  const read = db.prepare(
    `SELECT s.record_id, s.status,
            (s.synced_hash IS s.content_hash AND EXISTS (SELECT 1 FROM xero_links x WHERE x.kind = s.kind AND x.record_id = s.record_id)) AS up_to_date,
            EXISTS (SELECT 1 FROM xero_links x WHERE x.kind = s.kind AND x.record_id = s.record_id) AS in_xero
     FROM sync_records s WHERE s.kind = @kind AND s.record_id = @id`,
  );
  const records = createRecordStatusWriter(db);
  const outcome: SyncOptionOutcome = { changed: [], alreadySynced: [], skippedExcluded: [], excludedInXero: [], onTheirWay: [] };

  db.transaction(() => {
    const toQueue: number[] = [];
    for (const id of ids) {
      const r = read.get({ kind: k, id }) as RecordState | undefined;
      if (!r) continue;
      if (option === 'exclude') {
        if (r.status === 'excluded') continue;
        records.exclude(k, id, now);
        outcome.changed.push(id);
        if (r.in_xero) outcome.excludedInXero.push(id);
      } else if (option === 'include') {
        if (r.status !== 'excluded') continue;
        if (r.up_to_date) {
          records.markSynced(k, id, now);
          outcome.changed.push(id);
        } else toQueue.push(id);
      } else if (r.status === 'excluded') outcome.skippedExcluded.push(id);
      else if (r.up_to_date && r.status === 'synced') outcome.alreadySynced.push(id);
      else toQueue.push(id);
    }
    if (toQueue.length) {
      // Records in flight are being settled already; requeueFailed leaves them alone.
      const statuses = option === 'include' ? (['excluded'] as const) : (['pending', 'failed', 'waiting', 'synced'] as const);
      const queued = requeueFailed(db, { kind: k, recordIds: toQueue, statuses: [...statuses] }, now);
      outcome.changed.push(...queued);
      if (option === 'resync') {
        const done = new Set(queued);
        outcome.onTheirWay.push(...toQueue.filter((id) => !done.has(id)));
      }
    }
  })();
  return outcome;
}

export interface StatusTally {
  synced: number;
  failed: number;
  /** Queued or in flight: still being sent. */
  pending: number;
  /** Waiting for another record or the mapping; the first one's reason. */
  waiting: number;
  firstWaiting: string | null;
  /** Settled without a send (excluded, before the start date, needs review, changed in Xero); the first one's reason. */
  notSent: number;
  firstNotSent: string | null;
  failures: { id: number; explanation: string }[];
}

/** Where the given records stand now (for the ReSync pop-up's live progress). */
export function tallyStatuses(db: Db, kind: ReportKind, ids: number[]): StatusTally {
  const rows = db
    .prepare(
      `SELECT record_id, status, error_explanation FROM sync_records
       WHERE kind = @kind AND record_id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ kind: kindOfPlural(kind), ids: JSON.stringify(ids) }) as { record_id: number; status: string; error_explanation: string | null }[];
  const tally: StatusTally = { synced: 0, failed: 0, pending: 0, waiting: 0, firstWaiting: null, notSent: 0, firstNotSent: null, failures: [] };
  for (const r of rows) {
    if (r.status === 'synced') tally.synced++;
    else if (r.status === 'failed') {
      tally.failed++;
      tally.failures.push({ id: r.record_id, explanation: r.error_explanation ?? 'Xero did not accept it.' });
    } else if (r.status === 'pending') tally.pending++;
    else if (r.status === 'waiting') {
      tally.waiting++;
      tally.firstWaiting ??= r.error_explanation;
    } else {
      tally.notSent++;
      tally.firstNotSent ??= r.error_explanation;
    }
  }
  return tally;
}

/** Facility ids as users know them; an unknown one is an error that names it. */
export function resolveExternalIds(db: Db, kind: ReportKind, values: string[]): number[] {
  const stmt = db.prepare(kindModule(kindOfPlural(kind)).externalIdSql).pluck();
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const v of values) {
    const id = stmt.get({ v }) as number | undefined;
    if (id === undefined) unknown.push(v);
    else ids.push(id);
  }
  if (unknown.length) throw new AppError('not_found', `No ${kind} with id ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''}. Check the ids in the report.`);
  return [...new Set(ids)];
}
