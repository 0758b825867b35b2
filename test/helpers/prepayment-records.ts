/**
 * A tenant's money paid ahead for tests (issue 14), written through the facility repository as the
 * import and the demo data write it: an invoice with one rent line, a prepayment, its allocations to
 * invoices and a refund out of it, each queued for the sync.
 */
import type { Db } from '../../main/db/open-database';
import { createFacilityRepository } from '../../main/facility/repository';

export function prepaymentRecords(db: Db, tenantId: number) {
  const now = '2026-12-03T02:30:00.000Z';
  const repo = createFacilityRepository(db, () => now);
  const rent = db.prepare("SELECT id FROM charge_types WHERE kind = 'rent' ORDER BY id LIMIT 1").pluck().get() as number;
  const write = <T>(fn: () => T): T => db.transaction(fn)();
  return {
    invoice(number: string, date: string, cents: number): number {
      return write(() => repo.upsertInvoiceWithLines(
        { external_id: number, invoice_number: number, tenant_id: tenantId, unit_id: null, issue_date: date, due_date: date, status: 'open', updated_at: now },
        [{ external_id: `${number}-1`, line_no: 1, charge_type_id: rent, description: 'Rent paid ahead', quantity: 1, unit_amount_cents: cents, updated_at: now }],
      ).id);
    },
    prepayment(externalId: string, paidOn: string, cents: number): number {
      return write(() => repo.upsertPrepayment({
        external_id: externalId, tenant_id: tenantId, paid_on: paidOn, amount_cents: cents, method: 'cash', status: 'completed', reference: '', updated_at: now,
      }).id);
    },
    allocation(externalId: string, prepaymentId: number, invoiceId: number, on: string, cents: number): number {
      return write(() => repo.upsertAllocation({
        external_id: externalId, credit_note_id: null, prepayment_id: prepaymentId, invoice_id: invoiceId, amount_cents: cents, allocated_on: on,
        status: 'completed', updated_at: now,
      }).id);
    },
    refund(externalId: string, prepaymentId: number, paidOn: string, cents: number): number {
      return write(() => repo.upsertRefund({
        external_id: externalId, credit_note_id: null, prepayment_id: prepaymentId, paid_on: paidOn, amount_cents: cents, method: 'cash',
        status: 'completed', reference: '', updated_at: now,
      }).id);
    },
  };
}
