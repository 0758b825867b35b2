/**
 * The set form of recordChange (record-change.ts), for the CSV import: the same rule applied to
 * every changed record of a file with a handful of statements, instead of four or five statements
 * per record (issue 18 finding 6: per-record statements capped the import near 18,000 rows/s).
 *
 * The caller fills temp.sync_changes (one row per record whose content may have changed: its new
 * content hash and report place, `seq` giving the order its outbox row is queued in), then apply()
 * sorts each record as recordChange does:
 * - same hash as stored: nothing;
 * - back to exactly what was last synced (and not excluded): synced again, open outbox rows retired;
 * - changed: pending, open outbox rows retired, one new outbox row;
 * - new: a pending sync record and one outbox row.
 * A changed record that is pending already, in the same place and on the same date, only gets its
 * new hash: an UPDATE that names no indexed column leaves the report's indexes (and counts) alone,
 * ten times cheaper than one that rewrites status, place and date with the same values.
 */
import type { Db } from '../../db/open-database';
import type { RecordKind } from '../../../contract/record-kinds';
import { supersedeEachSql } from './supersede';

export const SYNC_CHANGES = 'temp.sync_changes';

const IN_SET = (sorts: string) => `SELECT record_id FROM temp.sync_changes WHERE sync IN (${sorts})`;
/** The sorts that retire open outbox rows, and the ones that queue a new row. */
const RETIRE = "'back', 'pending', 'rehash'";
const QUEUE = "'new', 'pending', 'rehash'";

export type SyncChangeSet = ReturnType<typeof createSyncChangeSet>;

export function createSyncChangeSet(db: Db) {
  db.exec('DROP TABLE IF EXISTS temp.sync_changes');
  // sync: 'new' (no sync record yet), 'same', 'back' (to the synced content), 'rehash' (pending already, same
  // place and date) or 'pending'.
  db.exec(`CREATE TEMP TABLE sync_changes (
    seq INTEGER PRIMARY KEY, record_id INTEGER NOT NULL UNIQUE, hash TEXT NOT NULL,
    location_id INTEGER NOT NULL, building_id INTEGER, record_date TEXT NOT NULL, sync TEXT NOT NULL DEFAULT 'new')`);
  // Each statement walks temp.sync_changes and finds the records by key, whatever the number of
  // records in the database (UPDATE ... FROM would let the planner walk every record of the kind).
  const sort = db.prepare(
    `UPDATE temp.sync_changes AS c SET sync = (SELECT CASE WHEN r.content_hash = c.hash THEN 'same'
         WHEN r.synced_hash = c.hash AND r.status <> 'excluded' THEN 'back'
         WHEN r.status = 'pending' AND r.location_id = c.location_id AND r.building_id IS c.building_id AND r.record_date = c.record_date THEN 'rehash'
         ELSE 'pending' END
       FROM sync_records AS r WHERE r.kind = @kind AND r.record_id = c.record_id)
     WHERE EXISTS (SELECT 1 FROM sync_records AS r WHERE r.kind = @kind AND r.record_id = c.record_id)`,
  );
  const update = db.prepare(
    `UPDATE sync_records SET (status, content_hash, location_id, building_id, record_date) = (
         SELECT CASE c.sync WHEN 'back' THEN 'synced' ELSE 'pending' END, c.hash, c.location_id, c.building_id, c.record_date
         FROM temp.sync_changes AS c WHERE c.record_id = sync_records.record_id),
       error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id IN (${IN_SET("'back', 'pending'")})`,
  );
  const rehash = db.prepare(
    `UPDATE sync_records SET content_hash = (SELECT c.hash FROM temp.sync_changes AS c WHERE c.record_id = sync_records.record_id),
       error_code = NULL, error_explanation = NULL, error_fix = NULL, updated_at = @now
     WHERE kind = @kind AND record_id IN (${IN_SET("'rehash'")})`,
  );
  const supersede = db.prepare(supersedeEachSql(IN_SET(RETIRE)));
  const insert = db.prepare(
    `INSERT INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
     SELECT @kind, record_id, location_id, building_id, record_date, 'pending', hash, @now FROM temp.sync_changes WHERE sync = 'new' ORDER BY seq`,
  );
  // The new records are counted here, a place and day at a time, instead of one by one by the insert trigger (migration 012).
  const holdCounts = db.prepare('INSERT INTO sync_counts_by_statement (held) VALUES (1)');
  const releaseCounts = db.prepare('DELETE FROM sync_counts_by_statement');
  const countInserted = db.prepare(
    `INSERT INTO sync_counts (kind, location_id, building_id, record_date, status, n)
     SELECT @kind, location_id, COALESCE(building_id, 0), record_date, 'pending', count(*) FROM temp.sync_changes WHERE sync = 'new'
     GROUP BY location_id, COALESCE(building_id, 0), record_date
     ON CONFLICT (kind, location_id, building_id, record_date, status) DO UPDATE SET n = n + excluded.n`,
  );
  // In a transaction of its own (a savepoint inside the caller's): the held row never outlives it, whatever fails.
  const insertCounted = db.transaction((params: { kind: RecordKind; now: string }) => {
    holdCounts.run();
    insert.run(params);
    countInserted.run({ kind: params.kind });
    releaseCounts.run();
  });
  const enqueue = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at)
     SELECT @kind, c.record_id,
       CASE WHEN EXISTS (SELECT 1 FROM xero_links x WHERE x.kind = @kind AND x.record_id = c.record_id) THEN 'update' ELSE 'create' END,
       c.hash, 'pending', @now, @now
     FROM temp.sync_changes c WHERE c.sync IN (${QUEUE}) ORDER BY c.seq`,
  );
  // Payments and allocations are reported under their invoice's place: they follow a queued invoice that moved.
  const followInvoice = (kind: 'payment' | 'allocation', table: 'payments' | 'allocations') => db.prepare(
    `UPDATE sync_records SET (location_id, building_id) = (
         SELECT c.location_id, c.building_id FROM ${table} AS p JOIN temp.sync_changes AS c ON c.record_id = p.invoice_id
         WHERE p.id = sync_records.record_id)
     WHERE kind = '${kind}' AND record_id IN (
       SELECT p.id FROM temp.sync_changes AS c CROSS JOIN ${table} AS p ON p.invoice_id = c.record_id
         CROSS JOIN sync_records AS r ON r.kind = '${kind}' AND r.record_id = p.id
       WHERE c.sync IN (${QUEUE}) AND (r.location_id IS NOT c.location_id OR r.building_id IS NOT c.building_id))`,
  );
  const followers = [followInvoice('payment', 'payments'), followInvoice('allocation', 'allocations')];
  // Prepayments, and refunds of them, are reported under their tenant's place (issue 14): they follow a queued tenant that moved.
  const followTenant = (kind: 'prepayment' | 'refund', pairs: string) => db.prepare(
    `UPDATE sync_records SET (location_id, building_id) = (
         SELECT c.location_id, c.building_id FROM (${pairs}) AS p JOIN temp.sync_changes AS c ON c.record_id = p.tenant_id
         WHERE p.id = sync_records.record_id)
     WHERE kind = '${kind}' AND record_id IN (
       SELECT p.id FROM temp.sync_changes AS c CROSS JOIN (${pairs}) AS p ON p.tenant_id = c.record_id
         CROSS JOIN sync_records AS r ON r.kind = '${kind}' AND r.record_id = p.id
       WHERE c.sync IN (${QUEUE}) AND (r.location_id IS NOT c.location_id OR r.building_id IS NOT c.building_id))`,
  );
  const tenantFollowers = [
    followTenant('prepayment', 'SELECT id, tenant_id FROM prepayments'),
    followTenant('refund', 'SELECT f.id, pp.tenant_id FROM refunds AS f JOIN prepayments AS pp ON pp.id = f.prepayment_id'),
  ];
  const clear = db.prepare('DELETE FROM temp.sync_changes');

  return {
    /** Applies the rule to every row of temp.sync_changes (records of one kind). */
    apply(kind: RecordKind, now: string): void {
      const params = { kind, now };
      sort.run({ kind });
      update.run(params);
      rehash.run(params);
      supersede.run(params);
      insertCounted(params);
      enqueue.run(params);
    },
    /** After apply('invoice', ...): the payments and allocations of every queued invoice follow it to its place. */
    moveFollowersOfQueuedInvoices(): void {
      for (const follow of followers) follow.run();
    },
    /** After apply('tenant', ...): the prepayments of every queued tenant, and their refunds, follow it to its place. */
    moveFollowersOfQueuedTenants(): void {
      for (const follow of tenantFollowers) follow.run();
    },
    clear(): void {
      clear.run();
    },
    drop(): void {
      db.exec('DROP TABLE IF EXISTS temp.sync_changes');
    },
  };
}
