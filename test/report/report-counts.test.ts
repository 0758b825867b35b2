/**
 * The report's per-status counts come from sync_counts (migration 004, kept by triggers). These
 * tests change sync_records through the app's own code paths (import, sync engine results, the
 * report's sync options, moves between buildings and dates) and by hand (deletes, random edits),
 * and check the summary still equals a GROUP BY over sync_records.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ReportFilter } from '../../contract';
import { kindOfPlural } from '../../contract/record-kinds';
import { openDatabase, type Db } from '../../main/db/open-database';
import { generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { createFacilityRepository } from '../../main/facility/repository';
import type { PaymentRow, TenantRow } from '../../main/facility/types';
import { createIntegrationReport } from '../../main/report/integration-report';
import { applySyncOptionToRecords } from '../../main/report/sync-options';
import { createOutboxStore } from '../../main/sync/records/outbox-store';
import { tempDbPath } from '../helpers/temp-db';

let db: Db;
beforeEach(() => {
  db = openDatabase(tempDbPath());
  writeDemoData(db, generateDemoData({ seed: 11, locations: 2, tenants: 60, months: 4 }));
});
afterEach(() => db.close());

const GROUPED = `SELECT kind, location_id, COALESCE(building_id, 0) AS building_id, record_date, status, count(*) AS n
  FROM sync_records GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
const SUMMARY = 'SELECT kind, location_id, building_id, record_date, status, n FROM sync_counts ORDER BY 1, 2, 3, 4, 5';

function expectSummaryExact(): void {
  expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());
}

/** What the report's counts must be for a filter, counted straight from sync_records. */
function countedDirectly(f: ReportFilter): Record<string, number> {
  const kind = kindOfPlural(f.kind);
  const rows = db.prepare(
    `SELECT status, count(*) AS n FROM sync_records WHERE kind = @kind
       AND (@location IS NULL OR location_id = @location) AND (@building IS NULL OR building_id = @building)
       AND (@from IS NULL OR record_date >= @from) AND (@to IS NULL OR record_date <= @to) GROUP BY status`,
  ).all({ kind, location: f.locationId ?? null, building: f.buildingId ?? null, from: f.from ?? null, to: f.to ?? null }) as { status: string; n: number }[];
  const out: Record<string, number> = { pending: 0, synced: 0, failed: 0, excluded: 0, waiting: 0, before_start_date: 0, needs_review: 0, changed_in_xero: 0, total: 0 };
  for (const r of rows) {
    out[r.status] = r.n;
    out.total! += r.n;
  }
  return out;
}

function expectReportCountsRight(): void {
  const query = createIntegrationReport(db);
  const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
  const [loc1, loc2] = ids('SELECT id FROM locations ORDER BY id');
  const [bld1, , bld3] = ids('SELECT id FROM buildings ORDER BY id');
  const filters: ReportFilter[] = [];
  for (const kind of ['tenants', 'invoices', 'payments'] as const) {
    filters.push({ kind, status: 'all' }, { kind, status: 'synced', locationId: loc2 }, { kind, status: 'non-synced', buildingId: bld3 });
    filters.push({ kind, status: 'all', locationId: loc1, buildingId: bld1, from: '2025-01-01', to: '2025-02-15' });
    filters.push({ kind, status: 'all', locationId: loc1, from: '2025-02-01' }, { kind, status: 'all', to: '2025-01-31' });
  }
  for (const f of filters) expect(query({ ...f, limit: 5 }).counts, JSON.stringify(f)).toEqual(countedDirectly(f));
}

describe('report counts from sync_counts', () => {
  test('after an import the summary equals a GROUP BY over sync_records, and the report counts match', () => {
    expect(db.prepare('SELECT count(*) FROM sync_counts').pluck().get()).toBeGreaterThan(10);
    expectSummaryExact();
    expectReportCountsRight();
  });

  test('stays exact through sync results, sync options, moves between buildings and dates, and deletes', () => {
    const outbox = createOutboxStore(db);
    const due = outbox.dueRows('payment');
    const error = { code: 'x', explanation: 'Xero said no.', fix: 'Fix it.' };
    due.slice(0, 40).forEach((r, i) => outbox.completeRow(r, `xero-${i}`));
    due.slice(40, 50).forEach((r) => outbox.failRow(r, error));
    due.slice(50, 55).forEach((r) => outbox.waitRow(r, error));
    due.slice(55, 58).forEach((r) => outbox.excludeRow(r, error));
    outbox.dueRows('invoice').slice(0, 30).forEach((r, i) => outbox.completeRow(r, `xero-inv-${i}`));
    expectSummaryExact();

    const paymentIds = due.map((r) => r.record_id);
    applySyncOptionToRecords(db, 'payments', 'exclude', paymentIds.slice(0, 5));
    applySyncOptionToRecords(db, 'payments', 'include', paymentIds.slice(0, 3));
    applySyncOptionToRecords(db, 'payments', 'resync', paymentIds.slice(40, 45));
    expectSummaryExact();

    const repo = createFacilityRepository(db);
    const otherBuildingUnit = db.prepare(
      'SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id WHERE b.location_id = ? AND u.building_id IS NOT ? LIMIT 1',
    ).pluck();
    const tenants = db.prepare('SELECT t.*, u.building_id FROM tenants t LEFT JOIN units u ON u.id = t.unit_id ORDER BY t.id LIMIT 6').all() as
      (TenantRow & { id: number; building_id: number | null })[];
    db.transaction(() => {
      for (const [i, t] of tenants.entries()) {
        const { id: _id, building_id, ...row } = t;
        // Half move to another building (and day), half lose their unit (no building at all).
        const unit = i % 2 === 0 ? (otherBuildingUnit.get(t.location_id, building_id) as number) : null;
        repo.upsertTenant({ ...row, unit_id: unit, updated_at: `2025-03-0${i + 1}T10:00:00.000Z` });
      }
      // The newest payments are still pending: a move of the date alone must be counted too.
      const payments = db.prepare('SELECT * FROM payments ORDER BY id DESC LIMIT 20').all() as (PaymentRow & { id: number })[];
      const statusOf = db.prepare("SELECT status FROM sync_records WHERE kind = 'payment' AND record_id = ?").pluck();
      expect(new Set(payments.map((p) => statusOf.get(p.id)))).toEqual(new Set(['pending']));
      for (const p of payments) {
        const { id: _id, ...row } = p;
        repo.upsertPayment({ ...row, paid_on: '2025-02-28', reference: `${row.reference} moved` });
      }
    })();
    expect(db.prepare("SELECT count(*) FROM sync_records WHERE kind = 'tenant' AND building_id IS NULL").pluck().get()).toBeGreaterThan(0);
    expectSummaryExact();
    expectReportCountsRight();

    db.exec("DELETE FROM sync_records WHERE kind = 'payment' AND record_id % 4 = 0");
    db.exec("DELETE FROM sync_records WHERE kind = 'tenant' AND building_id IS NULL");
    expectSummaryExact();
    expect(db.prepare('SELECT count(*) FROM sync_counts WHERE n <= 0').pluck().get()).toBe(0);
    expectReportCountsRight();
  });

  test('stays exact under any sequence of inserts, edits and deletes on sync_records', () => {
    db.exec('DELETE FROM sync_records');
    expect(db.prepare('SELECT count(*) FROM sync_counts').pluck().get()).toBe(0);
    const buildings = db.prepare('SELECT id, location_id FROM buildings ORDER BY id').all() as { id: number; location_id: number }[];
    const place = fc.record({
      kind: fc.constantFrom('tenant', 'invoice', 'payment'),
      building: fc.option(fc.constantFrom(...buildings), { nil: null }),
      date: fc.constantFrom('2025-01-01', '2025-01-02', '2025-02-01'),
      status: fc.constantFrom('pending', 'synced', 'failed', 'excluded', 'waiting'),
    });
    const op = fc.record({
      op: fc.constantFrom('insert', 'update', 'delete'),
      id: fc.integer({ min: 1, max: 5 }),
      place,
      // Which columns an update sets: one at a time, or several together.
      set: fc.subarray(['kind', 'location_id, building_id', 'record_date', 'status'], { minLength: 1 }),
    });
    const insert = db.prepare(
      `INSERT OR IGNORE INTO sync_records (kind, record_id, location_id, building_id, record_date, status, content_hash, updated_at)
       VALUES (@kind, @id, @location, @building, @date, @status, 'h', 'now')`,
    );
    const value: Record<string, string> = { kind: 'kind = @kind', 'location_id, building_id': 'location_id = @location, building_id = @building', record_date: 'record_date = @date', status: 'status = @status' };
    // Every record with this id (any kind) is edited; OR IGNORE skips one whose new key is taken.
    const update = (set: string[]) => db.prepare(`UPDATE OR IGNORE sync_records SET ${set.map((c) => value[c]).join(', ')} WHERE record_id = @id`);
    const remove = db.prepare('DELETE FROM sync_records WHERE record_id = @id AND kind = @kind');
    let edited = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40, size: 'medium' }), (ops) => {
        db.exec('DELETE FROM sync_records');
        for (const { op: what, id, place: p, set } of ops) {
          const params = { id, kind: p.kind, location: p.building?.location_id ?? buildings[0]!.location_id, building: p.building?.id ?? null, date: p.date, status: p.status };
          if (what === 'update') edited += update(set).run(params).changes;
          else (what === 'insert' ? insert : remove).run(params);
        }
        expect(db.prepare(SUMMARY).all()).toEqual(db.prepare(GROUPED).all());
      }),
      { numRuns: 200 },
    );
    expect(edited).toBeGreaterThan(200);
  });
});
