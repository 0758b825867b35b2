/**
 * Migration 007: three more sync statuses (issues 15 and 16).
 * - before_start_date: dated before the organisation's sync start date, so not sent (not a failure);
 * - needs_review: found in Xero before the first send with other amounts, dates or contact;
 * - changed_in_xero: sent, then edited, voided or deleted in Xero by someone.
 * SQLite cannot alter a CHECK, so sync_records is rebuilt as migration 006 did (same rows, same
 * indexes, the same count triggers).
 */
import { SYNC_COUNT_TRIGGERS } from './004-report-counts';

export const SYNC_STATUSES_SQL = `'pending','synced','failed','excluded','waiting','before_start_date','needs_review','changed_in_xero'`;

export default /* sql */ `
CREATE TABLE sync_records_new (
  kind              TEXT NOT NULL,
  record_id         INTEGER NOT NULL,
  location_id       INTEGER NOT NULL REFERENCES locations(id),
  building_id       INTEGER REFERENCES buildings(id),
  record_date       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN (${SYNC_STATUSES_SQL})),
  synced            INTEGER GENERATED ALWAYS AS (status = 'synced') VIRTUAL,
  content_hash      TEXT NOT NULL,
  synced_hash       TEXT,
  error_code        TEXT,
  error_explanation TEXT,
  error_fix         TEXT,
  updated_at        TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_attempt_at   TEXT,
  disambiguate      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
INSERT INTO sync_records_new (kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash,
  error_code, error_explanation, error_fix, updated_at, attempts, last_attempt_at, disambiguate)
  SELECT kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash,
    error_code, error_explanation, error_fix, updated_at, attempts, last_attempt_at, disambiguate FROM sync_records;
DROP TABLE sync_records;
ALTER TABLE sync_records_new RENAME TO sync_records;
CREATE INDEX sync_records_all      ON sync_records(kind, synced, record_date, record_id, status);
CREATE INDEX sync_records_location ON sync_records(kind, location_id, synced, record_date, record_id, status);
CREATE INDEX sync_records_building ON sync_records(kind, building_id, synced, record_date, record_id, status);
${SYNC_COUNT_TRIGGERS}
`;
