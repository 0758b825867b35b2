/**
 * Facility prepayment records for tests that need them synced (issue 14), until the import writes
 * them: rows in migration 009's tables, queued by the sync recorder the repository uses.
 */
import type { Db } from '../../main/db/open-database';
import { createFacilityRepository } from '../../main/facility/repository';
import { contentHash, createSyncRecorder } from '../../main/sync/records/record-change';

/**
 * The facility's prepayment records as the import writes them (migration 009's tables, sync records
 * queued by the one recorder), for a tenant: a prepayment, its allocations to invoices, a refund.
 */
export function prepaymentRecords(db: Db, tenantId: number) {
  const now = '2026-12-03T02:30:00.000Z';
  const record = createSyncRecorder(db, () => now);
  const repo = createFacilityRepository(db, () => now);
  const tenant = db.prepare('SELECT t.location_id, u.building_id FROM tenants t LEFT JOIN units u ON u.id = t.unit_id WHERE t.id = ?')
    .get(tenantId) as { location_id: number; building_id: number | null };
  const place = (date: string) => ({ location_id: tenant.location_id, building_id: tenant.building_id, record_date: date });
  const rent = db.prepare("SELECT id FROM charge_types WHERE kind = 'rent' ORDER BY id LIMIT 1").pluck().get() as number;
  return {
    invoice(number: string, date: string, cents: number): number {
      return db.transaction(() => repo.upsertInvoiceWithLines(
        { external_id: number, invoice_number: number, tenant_id: tenantId, unit_id: null, issue_date: date, due_date: date, status: 'open', updated_at: now },
        [{ external_id: `${number}-1`, line_no: 1, charge_type_id: rent, description: 'Rent paid ahead', quantity: 1, unit_amount_cents: cents, updated_at: now }],
      ).id)();
    },
    prepayment(externalId: string, paidOn: string, cents: number): number {
      const id = db.prepare(
        `INSERT INTO prepayments (external_id, tenant_id, paid_on, amount_cents, method, status, updated_at)
         VALUES (?, ?, ?, ?, 'cash', 'completed', ?) RETURNING id`,
      ).pluck().get(externalId, tenantId, paidOn, cents, now) as number;
      record('prepayment', id, contentHash({ externalId, paidOn, cents }), place(paidOn));
      return id;
    },
    allocation(externalId: string, prepaymentId: number, invoiceId: number, on: string, cents: number): number {
      const id = db.prepare(
        `INSERT INTO allocations (external_id, prepayment_id, invoice_id, amount_cents, allocated_on, status, updated_at)
         VALUES (?, ?, ?, ?, ?, 'completed', ?) RETURNING id`,
      ).pluck().get(externalId, prepaymentId, invoiceId, cents, on, now) as number;
      record('allocation', id, contentHash({ externalId, prepaymentId, invoiceId, on, cents }), place(on));
      return id;
    },
    refund(externalId: string, prepaymentId: number, paidOn: string, cents: number): number {
      const id = db.prepare(
        `INSERT INTO refunds (external_id, prepayment_id, paid_on, amount_cents, method, status, updated_at)
         VALUES (?, ?, ?, ?, 'cash', 'completed', ?) RETURNING id`,
      ).pluck().get(externalId, prepaymentId, paidOn, cents, now) as number;
      record('refund', id, contentHash({ externalId, prepaymentId, paidOn, cents }), place(paidOn));
      return id;
    },
  };
}

