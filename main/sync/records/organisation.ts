/**
 * The organisation the sync state belongs to. Links, synced statuses and the outbox describe the
 * organisation recorded here; connecting to another one changes nothing until the switch is
 * confirmed, and switching keeps the first organisation's links (xero_links_archive) so that
 * switching back finds them again.
 */
import type { Db } from '../../db/open-database';
import { SUPERSEDE_ALL_SQL } from './supersede';

export interface SyncedOrganisation {
  tenantId: string;
  name: string;
}

export type OrganisationState = ReturnType<typeof createOrganisationState>;

export function createOrganisationState(db: Db) {
  const get = db.prepare("SELECT key, value FROM sync_state WHERE key IN ('organisation_id', 'organisation_name')");
  const set = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const linked = db.prepare('SELECT COUNT(*) FROM xero_links').pluck();
  const inFlight = db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'in_flight'").pluck();
  const statusCount = db.prepare("SELECT COUNT(*) FROM sync_records WHERE status <> 'excluded'").pluck();

  const archive = db.prepare(
    `INSERT INTO xero_links_archive (organisation_id, kind, record_id, xero_id, synced_hash, linked_at)
     SELECT @from, l.kind, l.record_id, l.xero_id, s.synced_hash, l.linked_at
     FROM xero_links l LEFT JOIN sync_records s ON s.kind = l.kind AND s.record_id = l.record_id
     WHERE true
     ON CONFLICT (organisation_id, kind, record_id) DO UPDATE SET xero_id = excluded.xero_id, synced_hash = excluded.synced_hash, linked_at = excluded.linked_at`,
  );
  const clearLinks = db.prepare('DELETE FROM xero_links');
  const restore = db.prepare(
    'INSERT INTO xero_links (kind, record_id, xero_id, linked_at) SELECT kind, record_id, xero_id, linked_at FROM xero_links_archive WHERE organisation_id = @to',
  );
  const restoreHashes = db.prepare(
    `UPDATE sync_records SET synced_hash = (SELECT a.synced_hash FROM xero_links_archive a
       WHERE a.organisation_id = @to AND a.kind = sync_records.kind AND a.record_id = sync_records.record_id)`,
  );
  const dropRestored = db.prepare('DELETE FROM xero_links_archive WHERE organisation_id = @to');
  // What the new organisation holds decides each record's status: synced when it holds this content.
  const restatus = db.prepare(
    `UPDATE sync_records SET
       status = CASE WHEN synced_hash IS content_hash AND EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = sync_records.kind AND l.record_id = sync_records.record_id)
                THEN 'synced' ELSE 'pending' END,
       error_code = NULL, error_explanation = NULL, error_fix = NULL, attempts = 0, disambiguate = 0, updated_at = @now
     WHERE status <> 'excluded'`,
  );
  const supersedeAll = db.prepare(SUPERSEDE_ALL_SQL);
  const enqueuePending = db.prepare(
    `INSERT INTO outbox (kind, record_id, change, content_hash, status, created_at, updated_at)
     SELECT s.kind, s.record_id,
            CASE WHEN EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id) THEN 'update' ELSE 'create' END,
            s.content_hash, 'pending', @now, @now
     FROM sync_records s WHERE s.status = 'pending' ORDER BY s.kind, s.record_id`,
  );

  function current(): SyncedOrganisation | null {
    const rows = new Map((get.all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    const tenantId = rows.get('organisation_id');
    return tenantId ? { tenantId, name: rows.get('organisation_name') ?? tenantId } : null;
  }

  function record(org: SyncedOrganisation): void {
    set.run('organisation_id', org.tenantId);
    set.run('organisation_name', org.name);
  }

  return {
    current,
    /** Records sent to the recorded organisation (linked there). */
    linkedCount: () => linked.get() as number,
    inFlightCount: () => inFlight.get() as number,
    /** Records the switch would send to the new organisation (everything not excluded). */
    recordCount: () => statusCount.get() as number,

    /** Nothing recorded yet (first connection, or data synced before this was recorded): `org` becomes it. Same one: its name is kept current. */
    adopt(org: SyncedOrganisation): void {
      const was = current();
      if (!was || (was.tenantId === org.tenantId && was.name !== org.name)) record(org);
    },

    /**
     * The sync state now belongs to `to`, in one transaction: the current links go to the archive
     * under the old organisation, `to`'s links (from an earlier switch) come back, and every record
     * not excluded is synced when `to` holds its current content, else queued for it.
     * Refused while rows are in flight: their outcome with the old organisation is still unknown.
     */
    switchTo(to: SyncedOrganisation, now: string): { queued: number } {
      return db.transaction(() => {
        const from = current();
        if (from?.tenantId === to.tenantId) return { queued: 0 };
        if ((inFlight.get() as number) > 0) throw new Error('records are in flight');
        if (from) archive.run({ from: from.tenantId });
        clearLinks.run();
        restore.run({ to: to.tenantId });
        restoreHashes.run({ to: to.tenantId });
        dropRestored.run({ to: to.tenantId });
        restatus.run({ now });
        supersedeAll.run({ now });
        const queued = enqueuePending.run({ now }).changes;
        record(to);
        return { queued };
      })();
    },
  };
}
