/**
 * The sync engine's SQLite side: which outbox rows are due, marking them in flight before a send,
 * and writing each element's result back in the same transaction that closes its outbox row.
 * Thin prepared statements, synchronous (better-sqlite3), no ORM.
 */
import type { Db } from '../../db/open-database';
import { perKind, type RecordKind } from '../../../contract/record-kinds';

export interface OutboxRow {
  id: number;
  kind: RecordKind;
  record_id: number;
  change: 'create' | 'update' | 'delete';
  content_hash: string;
  status: string;
  attempts: number;
  batch_key: string | null;
  last_attempt_at: string | null;
}

export interface ErrorInfo {
  code: string;
  explanation: string;
  fix: string;
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;

export function createOutboxStore(db: Db, now: () => Date = () => new Date()) {
  const iso = () => now().toISOString();
  const dueWhere = `status = 'pending' AND kind = @kind AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
       AND NOT EXISTS (SELECT 1 FROM outbox f WHERE f.kind = outbox.kind AND f.record_id = outbox.record_id AND f.status = 'in_flight')`;
  const due = db.prepare(`SELECT * FROM outbox WHERE ${dueWhere} AND id > @after ORDER BY id LIMIT @limit`);
  const dueCount = db.prepare(`SELECT COUNT(*) FROM outbox WHERE ${dueWhere}`).pluck();
  const inFlight = db.prepare("SELECT * FROM outbox WHERE status = 'in_flight' ORDER BY id");
  const markSent = db.prepare(
    `UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, batch_key = @key, last_attempt_at = @now, updated_at = @now
     WHERE id = @id AND status = 'pending'`,
  );
  const recordAttempt = db.prepare(
    'UPDATE sync_records SET attempts = attempts + 1, last_attempt_at = @now WHERE kind = @kind AND record_id = @record_id',
  );
  const closeRow = db.prepare(
    `UPDATE outbox SET status = @status, next_attempt_at = NULL, error_code = @code, error_explanation = @explanation, error_fix = @fix,
       updated_at = @now WHERE id = @id`,
  );
  const requeueRow = db.prepare(
    `UPDATE outbox SET status = 'pending', next_attempt_at = @next, error_code = @code, error_explanation = @explanation,
       error_fix = @fix, updated_at = @now WHERE id = @id AND status IN ('pending','in_flight')`,
  );
  // A newer change may have arrived while this row was in flight: the record stays pending then.
  const recordStatus = db.prepare(
    `UPDATE sync_records SET status = @status, synced_hash = CASE WHEN @synced THEN @hash ELSE synced_hash END,
       error_code = @code, error_explanation = @explanation, error_fix = @fix, updated_at = @now
     WHERE kind = @kind AND record_id = @record_id AND content_hash = @hash`,
  );
  const recordSyncedHashOnly = db.prepare(
    'UPDATE sync_records SET synced_hash = @hash WHERE kind = @kind AND record_id = @record_id AND content_hash <> @hash',
  );
  const link = db.prepare(
    `INSERT INTO xero_links (kind, record_id, xero_id, linked_at) VALUES (@kind, @record_id, @xero_id, @now)
     ON CONFLICT (kind, record_id) DO UPDATE SET xero_id = excluded.xero_id, linked_at = excluded.linked_at`,
  );
  const unlink = db.prepare('DELETE FROM xero_links WHERE kind = ? AND record_id = ?');
  const linkOf = db.prepare('SELECT xero_id FROM xero_links WHERE kind = ? AND record_id = ?').pluck();
  const disambiguated = db.prepare("SELECT disambiguate FROM sync_records WHERE kind = 'tenant' AND record_id = ?").pluck();
  const setDisambiguate = db.prepare("UPDATE sync_records SET disambiguate = 1 WHERE kind = 'tenant' AND record_id = ?");
  const dueNow = db.prepare("UPDATE outbox SET next_attempt_at = NULL WHERE status = 'pending' AND next_attempt_at > @now");
  const waitingCounts = db.prepare(
    "SELECT kind, COUNT(*) AS n FROM outbox WHERE status IN ('pending','in_flight') GROUP BY kind",
  );

  const noError = { code: null, explanation: null, fix: null };

  function setRecord(row: OutboxRow, status: string, error: ErrorInfo | null, synced = false) {
    const params = { kind: row.kind, record_id: row.record_id, hash: row.content_hash, now: iso(), status, synced: synced ? 1 : 0, ...(error ?? noError) };
    recordStatus.run(params);
    if (synced) recordSyncedHashOnly.run(params);
  }

  return {
    /** Due rows of a kind in id order; `after` and `limit` page through them (keyset), so a big backfill is planned a chunk at a time. */
    dueRows: (kind: RecordKind, after = 0, limit = -1) => due.all({ kind, now: iso(), after, limit }) as OutboxRow[],
    dueCount: (kind: RecordKind) => dueCount.get({ kind, now: iso() }) as number,
    inFlightRows: () => inFlight.all() as OutboxRow[],
    xeroIdOf: (kind: RecordKind, recordId: number) => linkOf.get(kind, recordId) as string | undefined,
    isDisambiguated: (tenantId: number) => disambiguated.get(tenantId) === 1,
    /** "Sync now": rows backing off after a transient failure go at the next run instead of later. Returns how many. */
    makeDueNow: () => dueNow.run({ now: iso() }).changes,
    waitingCounts(): Record<RecordKind, number> {
      const out = perKind(() => 0);
      for (const r of waitingCounts.all() as Array<{ kind: RecordKind; n: number }>) out[r.kind] = r.n;
      return out;
    },

    /** In one transaction, before the request leaves: the rows are in flight with this key. */
    markInFlight: db.transaction((rows: OutboxRow[], key: string) => {
      const at = iso();
      for (const r of rows) {
        markSent.run({ id: r.id, key, now: at });
        recordAttempt.run({ kind: r.kind, record_id: r.record_id, now: at });
        r.status = 'in_flight';
        r.batch_key = key;
        r.attempts++;
        r.last_attempt_at = at;
      }
    }),

    /** The element reached Xero (or was found there): link, close the row, mark the record synced. */
    completeRow(row: OutboxRow, xeroId: string | null) {
      const at = iso();
      if (xeroId) link.run({ kind: row.kind, record_id: row.record_id, xero_id: xeroId, now: at });
      else unlink.run(row.kind, row.record_id);
      closeRow.run({ id: row.id, status: 'done', now: at, ...noError });
      setRecord(row, 'synced', null, true);
    },

    /** Xero refused the element: it waits until the record or the mapping changes. */
    failRow(row: OutboxRow, error: ErrorInfo) {
      closeRow.run({ id: row.id, status: 'failed', now: iso(), ...error });
      setRecord(row, 'failed', error);
    },

    /**
     * Found in Xero before its first send, but different (match-existing.ts): not sent; the record
     * waits for the user's choice (Use ours / Keep Xero's) with the differences.
     */
    reviewRow(row: OutboxRow, error: ErrorInfo) {
      closeRow.run({ id: row.id, status: 'failed', now: iso(), ...error });
      setRecord(row, 'needs_review', error);
    },

    /** Nothing to send (e.g. a payment reversed before it ever reached Xero). */
    excludeRow(row: OutboxRow, error: ErrorInfo) {
      closeRow.run({ id: row.id, status: 'done', now: iso(), ...error });
      setRecord(row, 'excluded', error);
    },

    /** Never sent: dated before the sync start date. The row closes; moving the start date queues the record again (start-date.ts). */
    beforeStartRow(row: OutboxRow, error: ErrorInfo) {
      closeRow.run({ id: row.id, status: 'done', now: iso(), ...error });
      setRecord(row, 'before_start_date', error);
    },

    /** Not sent now: a dependency is missing. The row stays pending; the record says what it waits for. */
    waitRow(row: OutboxRow, error: ErrorInfo) {
      requeueRow.run({ id: row.id, next: null, now: iso(), ...error });
      setRecord(row, 'waiting', error);
    },

    /** Back to the queue, due at `next` (null: at once). The record keeps status pending. */
    requeue(rows: OutboxRow[], next: Date | null, error: ErrorInfo | null = null) {
      const at = iso();
      for (const r of rows) {
        requeueRow.run({ id: r.id, next: next?.toISOString() ?? null, now: at, ...(error ?? noError) });
        r.status = 'pending';
      }
    },

    markDisambiguate: (tenantId: number) => setDisambiguate.run(tenantId),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

/** Exponential backoff between runs for rows whose send failed transiently: 30 s, 1, 2, 4 ... up to 30 min. */
export function nextAttemptAt(attempts: number, from: Date, baseMs = 30_000, maxMs = 30 * 60_000): Date {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(from.getTime() + delay);
}
