/**
 * Migration 005: the sync state belongs to one Xero organisation.
 * xero_links, sync_records' statuses and the outbox describe the organisation recorded in
 * sync_state ('organisation_id', 'organisation_name'; set on the first connection). Switching to
 * another organisation keeps the first one's links here, with the content hash Xero held, so
 * switching back finds them again.
 */
export default /* sql */ `
CREATE TABLE xero_links_archive (
  organisation_id TEXT NOT NULL,
  kind            TEXT NOT NULL,
  record_id       INTEGER NOT NULL,
  xero_id         TEXT NOT NULL,
  synced_hash     TEXT,
  linked_at       TEXT NOT NULL,
  PRIMARY KEY (organisation_id, kind, record_id)
) WITHOUT ROWID;
`;
