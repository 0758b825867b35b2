import { createHash } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { SyncKind } from './types';

export interface SyncPlace {
  location_id: number;
  building_id: number | null;
  record_date: string;
}

/** Stable hash of what would be sent to Xero: same content, same hash, whatever the key order. */
export function contentHash(content: Record<string, unknown>): string {
  const keys = Object.keys(content).sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, content[k]])))
    .digest('base64url');
}

/**
 * Marks records pending and queues them in the outbox when their content changed.
 * Unchanged content (same hash) queues nothing; a newer change supersedes a still-pending row so
 * the sync sends only the latest state of a record.
 */
export function createSyncRecorder(db: Db, now: () => string = () => new Date().toISOString()) {
  const storedHash = db.prepare('SELECT content_hash FROM sync_records WHERE kind = ? AND record_id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
     VALUES (@kind, @record_id, @location_id, @building_id, @record_date, 'pending', @hash, @now)`,
  );
  const markPending = db.prepare(
    `UPDATE sync_records SET status = 'pending', content_hash = @hash, location_id = @location_id, building_id = @building_id,
       record_date = @record_date, error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id = @record_id`,
  );
  const linked = db.prepare('SELECT 1 FROM xero_links WHERE kind = ? AND record_id = ?').pluck();
  const supersede = db.prepare(
    "UPDATE outbox SET status = 'superseded', updated_at = @now WHERE kind = @kind AND record_id = @record_id AND status = 'pending'",
  );
  const enqueue = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at)
     VALUES (@kind, @record_id, @change, @hash, 'pending', @now, @now)`,
  );

  /** Returns true when the record was queued. */
  return function recordChange(kind: SyncKind, recordId: number, hash: string, place: SyncPlace): boolean {
    const params = { kind, record_id: recordId, hash, now: now(), ...place };
    const existing = storedHash.get(kind, recordId) as string | undefined;
    if (existing === hash) return false;
    if (existing !== undefined) {
      markPending.run(params);
      supersede.run(params);
    } else {
      insert.run(params);
    }
    const change = linked.get(kind, recordId) ? 'update' : 'create';
    enqueue.run({ ...params, change });
    return true;
  };
}
