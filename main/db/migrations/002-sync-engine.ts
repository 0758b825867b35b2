/**
 * Migration 002: what the exactly-once sync engine needs beyond 001.
 * - outbox.batch_key: the Idempotency-Key of the send a row is in flight with. A row left
 *   in_flight (crash, lost answer) is looked up in Xero by natural key before it is sent again.
 * - outbox.last_attempt_at and sync_records.attempts / last_attempt_at: the report's "last attempt".
 * - sync_records.disambiguate: the tenant's contact name clashed with another Xero contact, so it
 *   goes to Xero as "Name (T-1042)" from now on (updates too).
 * - sync_state: small key/value facts the scheduler keeps across restarts (paused, last sync).
 */
export default /* sql */ `
ALTER TABLE outbox ADD COLUMN batch_key TEXT;
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
ALTER TABLE sync_records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_records ADD COLUMN last_attempt_at TEXT;
ALTER TABLE sync_records ADD COLUMN disambiguate INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;
