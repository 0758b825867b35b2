/**
 * Migration 008: match before create (issue 15). Before a record is first sent to an organisation it
 * is looked up in Xero by its natural key (main/sync/match-existing.ts). A record found there with
 * other amounts, dates or contact waits for the user's choice ("Use ours" / "Keep Xero's") with status
 * needs_review; this table remembers, per organisation, which Xero record it was found as and how it
 * differs, so the lookup is not repeated and the choice knows what to link or update.
 */
export default /* sql */ `
CREATE TABLE xero_matches (
  organisation_id TEXT NOT NULL,
  kind            TEXT NOT NULL,
  record_id       INTEGER NOT NULL,
  xero_id         TEXT NOT NULL,
  differences     TEXT NOT NULL,
  matched_at      TEXT NOT NULL,
  PRIMARY KEY (organisation_id, kind, record_id)
) WITHOUT ROWID;
`;
