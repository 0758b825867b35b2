import { hash } from 'node:crypto';
import type { Db } from '../../db/open-database';
import type { RecordKind } from '../../../contract/record-kinds';
import { createSupersede } from './supersede';

export interface SyncPlace {
  location_id: number;
  building_id: number | null;
  record_date: string;
}

/** Stable hash of what would be sent to Xero: same content, same hash, whatever the key order. */
export function contentHash(content: Record<string, unknown>): string {
  return hashOfPairs(Object.keys(content).sort(), content);
}

/**
 * contentHash for content of a known shape: `keys` are sorted once instead of on every call. The
 * digest is contentHash's for an object with exactly these keys; other keys are left out.
 */
export function contentHasher<K extends string>(keys: readonly K[]): (content: Record<K, unknown>) => string {
  const sorted = [...keys].sort();
  // The JSON of the pairs is written around each value's JSON: the same text, without building the pairs.
  const before = sorted.map((k, i) => `${i === 0 ? '[[' : '],['}${JSON.stringify(k)},`);
  return (content) => {
    let json = '';
    for (let i = 0; i < sorted.length; i++) {
      const value = content[sorted[i]!];
      json += before[i]! + (value === undefined ? 'null' : JSON.stringify(value));
    }
    return hash('sha256', sorted.length > 0 ? `${json}]]` : '[]', 'base64url');
  };
}

function hashOfPairs(sortedKeys: readonly string[], content: Record<string, unknown>): string {
  return hash('sha256', JSON.stringify(sortedKeys.map((k) => [k, content[k]])), 'base64url');
}

/**
 * Marks records pending and queues them in the outbox when their content changed.
 * Unchanged content (same hash) queues nothing; content back to what was last synced is synced
 * again without a send; a newer change supersedes a still-pending row so the sync sends only the
 * latest state of a record. The CSV import applies the same rule to a whole file at once:
 * record-changes.ts.
 */
export function createSyncRecorder(db: Db, now: () => string = () => new Date().toISOString()) {
  const stored = db.prepare('SELECT content_hash, synced_hash, status FROM sync_records WHERE kind = ? AND record_id = ?');
  const backToSynced = db.prepare(
    `UPDATE sync_records SET status = 'synced', content_hash = @hash, location_id = @location_id, building_id = @building_id,
       record_date = @record_date, error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id = @record_id`,
  );
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
  const supersede = createSupersede(db);
  const enqueue = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at)
     VALUES (@kind, @record_id, @change, @hash, 'pending', @now, @now)`,
  );

  /** Returns true when the record was queued. */
  return function recordChange(kind: RecordKind, recordId: number, hash: string, place: SyncPlace): boolean {
    const params = { kind, record_id: recordId, hash, now: now(), ...place };
    const row = stored.get(kind, recordId) as { content_hash: string; synced_hash: string | null; status: string } | undefined;
    const existing = row?.content_hash;
    if (existing === hash) return false;
    if (row && row.synced_hash === hash && row.status !== 'excluded') {
      // Back to exactly what Xero holds (a change undone): synced again, nothing to send.
      backToSynced.run(params);
      supersede(params);
      return false;
    }
    if (existing !== undefined) {
      markPending.run(params);
      supersede(params);
    } else {
      insert.run(params);
    }
    const change = linked.get(kind, recordId) ? 'update' : 'create';
    enqueue.run({ ...params, change });
    return true;
  };
}

/** Payments are reported under their invoice's location and building: they follow it when it moves. */
export function createPaymentPlaceFollower(db: Db): (invoiceId: number, place: Omit<SyncPlace, 'record_date'>) => void {
  return createPlaceFollower(db, 'payment', 'SELECT id FROM payments WHERE invoice_id = @parent_id');
}

/**
 * Records reported under another record's place (a payment under its invoice's, a refund under
 * its credit note's) follow it when it moves, without being queued again: what Xero holds is the
 * same. `recordIdsSql` selects the followers' ids given @parent_id; it comes from our own code.
 */
export function createPlaceFollower(
  db: Db, kind: string, recordIdsSql: string,
): (parentId: number, place: Omit<SyncPlace, 'record_date'>) => void {
  const move = db.prepare(
    `UPDATE sync_records SET location_id = @location_id, building_id = @building_id
     WHERE kind = @kind AND record_id IN (${recordIdsSql})
       AND (location_id IS NOT @location_id OR building_id IS NOT @building_id)`,
  );
  return (parentId, place) => void move.run({ location_id: place.location_id, building_id: place.building_id, kind, parent_id: parentId });
}
