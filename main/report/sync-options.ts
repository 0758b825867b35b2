/**
 * The report's sync options on selected records: ReSync, Exclude from sync, Include in sync.
 * Each applies in one transaction: the records' status and their outbox rows change together.
 */
import type { ReportFilter, ReportKind, SyncOption } from '../../preload/api';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';

export const KIND_OF: Record<ReportKind, 'tenant' | 'invoice' | 'payment'> = { tenants: 'tenant', invoices: 'invoice', payments: 'payment' };

export interface SyncOptionOutcome {
  /** Records the option changed (queued, excluded or included). */
  changed: number[];
  /** Already synced with their current content: nothing to send. */
  alreadySynced: number[];
  /** Excluded records a ReSync skipped (include them first). */
  skippedExcluded: number[];
}

type Selection = { ids: number[] } | { externalIds: string[] } | { filter: Omit<ReportFilter, 'cursor' | 'limit' | 'kind'> & { status: ReportFilter['status'] } };

interface RecordState {
  record_id: number;
  status: string;
  content_hash: string;
  synced_hash: string | null;
  linked: number;
}

/** Resolves a selection (ids, or everything a report filter matches) to record ids. */
export function resolveSelection(db: Db, kind: ReportKind, selection: Selection): number[] {
  if ('ids' in selection) return [...new Set(selection.ids)];
  if ('externalIds' in selection) return resolveExternalIds(db, kind, selection.externalIds);
  const f = selection.filter;
  const where = ['kind = @kind'];
  if (f.locationId !== undefined) where.push('location_id = @locationId');
  if (f.buildingId !== undefined) where.push('building_id = @buildingId');
  if (f.from) where.push('record_date >= @from');
  if (f.to) where.push('record_date <= @to');
  if (f.status === 'synced') where.push('synced = 1');
  if (f.status === 'non-synced') where.push('synced = 0');
  return db
    .prepare(`SELECT record_id FROM sync_records WHERE ${where.join(' AND ')}`)
    .pluck()
    .all({ kind: KIND_OF[kind], locationId: f.locationId ?? null, buildingId: f.buildingId ?? null, from: f.from ?? null, to: f.to ?? null }) as number[];
}

export function applySyncOptionToRecords(db: Db, kind: ReportKind, option: SyncOption, ids: number[], now = new Date().toISOString()): SyncOptionOutcome {
  const k = KIND_OF[kind];
  const read = db.prepare(
    `SELECT s.record_id, s.status, s.content_hash, s.synced_hash,
            EXISTS (SELECT 1 FROM xero_links x WHERE x.kind = s.kind AND x.record_id = s.record_id) AS linked
     FROM sync_records s WHERE s.kind = @kind AND s.record_id = @id`,
  );
  const setStatus = db.prepare(
    `UPDATE sync_records SET status = @status, error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id = @id`,
  );
  const closeOpenRows = db.prepare(
    "UPDATE outbox SET status = 'superseded', updated_at = @now WHERE kind = @kind AND record_id = @id AND status = 'pending'",
  );
  const openRow = db.prepare("SELECT id, status FROM outbox WHERE kind = @kind AND record_id = @id AND status IN ('pending','in_flight') ORDER BY id DESC LIMIT 1");
  const dueNow = db.prepare(
    'UPDATE outbox SET next_attempt_at = NULL, error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now WHERE id = @row',
  );
  const enqueue = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at)
     VALUES (@kind, @id, @change, @hash, 'pending', @now, @now)`,
  );
  const outcome: SyncOptionOutcome = { changed: [], alreadySynced: [], skippedExcluded: [] };

  const queue = (r: RecordState) => {
    const open = openRow.get({ kind: k, id: r.record_id }) as { id: number; status: string } | undefined;
    if (open) dueNow.run({ row: open.id, now });
    else enqueue.run({ kind: k, id: r.record_id, change: r.linked ? 'update' : 'create', hash: r.content_hash, now });
    setStatus.run({ kind: k, id: r.record_id, status: 'pending', now });
  };

  db.transaction(() => {
    for (const id of ids) {
      const r = read.get({ kind: k, id }) as RecordState | undefined;
      if (!r) continue;
      const upToDate = r.linked === 1 && r.synced_hash === r.content_hash;
      if (option === 'exclude') {
        if (r.status === 'excluded') continue;
        closeOpenRows.run({ kind: k, id, now });
        setStatus.run({ kind: k, id, status: 'excluded', now });
        outcome.changed.push(id);
      } else if (option === 'include') {
        if (r.status !== 'excluded') continue;
        if (upToDate) setStatus.run({ kind: k, id, status: 'synced', now });
        else queue(r);
        outcome.changed.push(id);
      } else {
        if (r.status === 'excluded') outcome.skippedExcluded.push(id);
        else if (upToDate && r.status === 'synced') outcome.alreadySynced.push(id);
        else {
          queue(r);
          outcome.changed.push(id);
        }
      }
    }
  })();
  return outcome;
}

export interface StatusTally {
  synced: number;
  failed: number;
  waiting: number;
  failures: { id: number; explanation: string }[];
}

/** Where the given records stand now (for the ReSync pop-up's live progress). */
export function tallyStatuses(db: Db, kind: ReportKind, ids: number[]): StatusTally {
  const rows = db
    .prepare(
      `SELECT record_id, status, error_explanation FROM sync_records
       WHERE kind = @kind AND record_id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ kind: KIND_OF[kind], ids: JSON.stringify(ids) }) as { record_id: number; status: string; error_explanation: string | null }[];
  const tally: StatusTally = { synced: 0, failed: 0, waiting: 0, failures: [] };
  for (const r of rows) {
    if (r.status === 'synced') tally.synced++;
    else if (r.status === 'failed') {
      tally.failed++;
      tally.failures.push({ id: r.record_id, explanation: r.error_explanation ?? 'Xero did not accept it.' });
    } else tally.waiting++;
  }
  return tally;
}

const BY_EXTERNAL_ID: Record<ReportKind, string> = {
  tenants: 'SELECT id FROM tenants WHERE external_id = @v',
  invoices: 'SELECT id FROM invoices WHERE external_id = @v OR invoice_number = @v',
  payments: 'SELECT id FROM payments WHERE external_id = @v',
};

/** Facility ids as users know them; an unknown one is an error that names it. */
export function resolveExternalIds(db: Db, kind: ReportKind, values: string[]): number[] {
  const stmt = db.prepare(BY_EXTERNAL_ID[kind]).pluck();
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
