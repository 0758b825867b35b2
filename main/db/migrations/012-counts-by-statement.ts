/**
 * Migration 012: a set-based write may count the sync records it inserts in one statement (issue 18
 * finding 6). The insert trigger of migration 004 upserts one sync_counts row per inserted record:
 * about 30 % of what inserting 100,000 records costs. While sync_counts_by_statement holds its one
 * row, the trigger leaves inserted records to the writer, which adds them to sync_counts with one
 * grouped statement (main/sync/records/record-changes.ts). The row is written and removed inside the
 * writer's own transaction, so no other statement and no other connection ever sees it, and a crash
 * rolls it back with the records. Updates and deletes are counted by their triggers as before.
 */
const bump = /* sql */ `
  INSERT INTO sync_counts (kind, location_id, building_id, record_date, status, n)
  VALUES (NEW.kind, NEW.location_id, COALESCE(NEW.building_id, 0), NEW.record_date, NEW.status, 1)
  ON CONFLICT (kind, location_id, building_id, record_date, status) DO UPDATE SET n = n + 1;`;

export default /* sql */ `
CREATE TABLE sync_counts_by_statement (
  held INTEGER PRIMARY KEY CHECK (held = 1)
);

DROP TRIGGER sync_counts_insert;
CREATE TRIGGER sync_counts_insert AFTER INSERT ON sync_records
WHEN NOT EXISTS (SELECT 1 FROM sync_counts_by_statement)
BEGIN
  ${bump}
END;
`;
