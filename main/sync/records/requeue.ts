/**
 * Gives failed (or waiting) records another go: the report's ReSync (issue 7) and anything else
 * that knows a record's problem may be fixed call requeueFailed. A record with nothing queued gets
 * a fresh pending outbox row (update when Xero already has it, else create); the record goes back
 * to pending. Records in flight are left alone: they are being settled already.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { createSupersede } from './supersede';

export interface RequeueFilter {
  kind?: RecordKind;
  /** Only these records (with kind). */
  recordIds?: number[];
  /** Only records whose stored error code is one of these. */
  codes?: string[];
  /** Default ['failed', 'waiting']. 'pending' makes a backing-off record due now (the report's ReSync). */
  statuses?: Array<'pending' | 'failed' | 'waiting' | 'synced' | 'excluded' | 'before_start_date' | 'needs_review' | 'changed_in_xero'>;
}

/** Returns the ids of the records queued again. */
export function requeueFailed(db: Db, filter: RequeueFilter = {}, now = new Date().toISOString()): number[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses = filter.statuses ?? ['failed', 'waiting'];
  where.push(`s.status IN (${statuses.map(() => '?').join(', ')})`);
  params.push(...statuses);
  if (filter.kind) {
    where.push('s.kind = ?');
    params.push(filter.kind);
  }
  if (filter.recordIds) {
    where.push(`s.record_id IN (${filter.recordIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.recordIds);
  }
  if (filter.codes) {
    where.push(`s.error_code IN (${filter.codes.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.codes);
  }
  const select = db.prepare(
    `SELECT s.kind, s.record_id, s.content_hash, EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id) AS linked
     FROM sync_records s WHERE ${where.join(' AND ')}
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = s.kind AND o.record_id = s.record_id AND o.status = 'in_flight')`,
  );
  const supersede = createSupersede(db);
  const enqueue = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  );
  const reopen = db.prepare(
    `UPDATE sync_records SET status = 'pending', error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = ?
     WHERE kind = ? AND record_id = ?`,
  );
  return db.transaction(() => {
    const rows = select.all(...params) as Array<{ kind: RecordKind; record_id: number; content_hash: string; linked: number }>;
    for (const r of rows) {
      supersede({ now, kind: r.kind, record_id: r.record_id });
      enqueue.run(r.kind, r.record_id, r.linked ? 'update' : 'create', r.content_hash, now, now);
      reopen.run(now, r.kind, r.record_id);
    }
    return rows.map((r) => r.record_id);
  })();
}
