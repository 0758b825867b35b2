/**
 * Migration 004: per-status counts for the integration report, kept by triggers.
 * Counting the report's filter over sync_records walks every matching index entry (about 2 s at
 * 1,000,000 payments); sync_counts holds one row per kind, location, building, day and status, so
 * the counts are a short range sum whatever the number of records.
 * The triggers keep it exact under every statement that changes sync_records, whichever code runs
 * it. One caveat: an INSERT OR REPLACE into sync_records would delete the old row without its
 * DELETE trigger (unless PRAGMA recursive_triggers is on); nothing writes sync_records that way.
 * building_id 0 stands for "no building" (building ids are positive) so it can be in the key.
 */
const bump = (sign: '+' | '-', row: 'NEW' | 'OLD') => /* sql */ `
  INSERT INTO sync_counts (kind, location_id, building_id, record_date, status, n)
  VALUES (${row}.kind, ${row}.location_id, COALESCE(${row}.building_id, 0), ${row}.record_date, ${row}.status, ${sign}1)
  ON CONFLICT (kind, location_id, building_id, record_date, status) DO UPDATE SET n = n ${sign} 1;`;

// Rows that fall to zero are removed so the table holds only what exists.
const dropEmpty = /* sql */ `
  DELETE FROM sync_counts WHERE kind = OLD.kind AND location_id = OLD.location_id
    AND building_id = COALESCE(OLD.building_id, 0) AND record_date = OLD.record_date AND status = OLD.status AND n = 0;`;

/** The triggers that keep sync_counts exact (migration 006 recreates them after rebuilding sync_records). */
export const SYNC_COUNT_TRIGGERS = /* sql */ `
CREATE TRIGGER sync_counts_insert AFTER INSERT ON sync_records BEGIN
  ${bump('+', 'NEW')}
END;

CREATE TRIGGER sync_counts_delete AFTER DELETE ON sync_records BEGIN
  ${bump('-', 'OLD')}
  ${dropEmpty}
END;

-- Fires only when a counted column really changes: the sync engine rewrites status often with the same value.
CREATE TRIGGER sync_counts_update AFTER UPDATE OF kind, location_id, building_id, record_date, status ON sync_records
WHEN OLD.kind IS NOT NEW.kind OR OLD.location_id IS NOT NEW.location_id OR OLD.building_id IS NOT NEW.building_id
  OR OLD.record_date IS NOT NEW.record_date OR OLD.status IS NOT NEW.status
BEGIN
  ${bump('-', 'OLD')}
  ${dropEmpty}
  ${bump('+', 'NEW')}
END;
`;

export default /* sql */ `
CREATE TABLE sync_counts (
  kind        TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  building_id INTEGER NOT NULL,
  record_date TEXT NOT NULL,
  status      TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (kind, location_id, building_id, record_date, status)
) WITHOUT ROWID;
-- The primary key serves "all" and location filters; this one a building filter without its location.
CREATE INDEX sync_counts_building ON sync_counts(kind, building_id, record_date);

INSERT INTO sync_counts (kind, location_id, building_id, record_date, status, n)
  SELECT kind, location_id, COALESCE(building_id, 0), record_date, status, count(*)
  FROM sync_records GROUP BY 1, 2, 3, 4, 5;

${SYNC_COUNT_TRIGGERS}
`;
