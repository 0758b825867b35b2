import type { Db } from '../db/open-database';
import { createPaymentPlaceFollower, createSyncRecorder, type SyncPlace } from '../sync/records/record-change';
import { invoiceHash, PAYMENT_SENT_FIELDS, paymentHash, tenantHash } from './content-hashes';
import { createCreditNoteRepository } from './credit-note-repository';
import { createLineSet, lineAmount } from './line-set';
import { createPrepaymentRepository } from './prepayment-repository';
import { INVOICE_PLACE_COLUMNS, INVOICE_PLACE_JOINS } from './report-place';
import { createIdLookup, createIdsLookup, createUpsert } from './upsert';
import type {
  BuildingRow, ChargeTypeRow, InvoiceLineRow, InvoiceRow, LocationRow, PaymentRow, TenantRow, UnitRow, UpsertOutcome,
} from './types';

export type FacilityRepository = ReturnType<typeof createFacilityRepository>;

/**
 * The facility mirror's write side: upsert by external id with prepared statements (no ORM).
 * Tenants, invoices (with their lines), payments, prepayments (prepayment-repository.ts), and credit
 * notes with their refunds and allocations (credit-note-repository.ts) also record their sync state: any change to what would
 * be sent to Xero makes the record pending and queues it in the outbox.
 * Callers wrap batches in db.transaction(); every function here is synchronous.
 */
export function createFacilityRepository(db: Db, now?: () => string) {
  const recordChange = createSyncRecorder(db, now);
  const upsertTenantRow = createUpsert<TenantRow>(db, 'tenants', ['location_id', 'unit_id', 'name', 'email', 'phone', 'updated_at']);
  const upsertInvoiceRow = createUpsert<InvoiceRow>(db, 'invoices', [
    'invoice_number', 'tenant_id', 'unit_id', 'issue_date', 'due_date', 'status', 'updated_at',
  ]);
  const upsertPaymentRow = createUpsert<PaymentRow>(db, 'payments', [
    'invoice_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference', 'updated_at',
  ]);
  const paymentSent = db.prepare(`SELECT ${PAYMENT_SENT_FIELDS.join(', ')} FROM payments WHERE external_id = ?`);
  const unitBuilding = db.prepare('SELECT building_id FROM units WHERE id = ?').pluck();
  const invoicePlace = db.prepare(`SELECT ${INVOICE_PLACE_COLUMNS} FROM invoices AS i ${INVOICE_PLACE_JOINS} WHERE i.id = ?`);
  // Payments are reported under their invoice's location and building: they follow it when it moves.
  const movePayments = createPaymentPlaceFollower(db);
  const invoiceById = db.prepare('SELECT * FROM invoices WHERE id = ?');
  const lineSet = createLineSet(db, 'invoice_lines', 'invoice_id');
  const setTotal = db.prepare('UPDATE invoices SET total_cents = ? WHERE id = ? AND total_cents IS NOT ?');
  const placeOfInvoice = (invoiceId: number) => invoicePlace.get(invoiceId) as Omit<SyncPlace, 'record_date'>;
  const prepayments = createPrepaymentRepository(db, recordChange);
  const credit = createCreditNoteRepository(db, recordChange, placeOfInvoice, prepayments.prepaymentPlace);

  /** Recomputes an invoice's total and content hash (header + lines) and queues it if changed. */
  function refreshInvoice(invoiceId: number): void {
    const inv = invoiceById.get(invoiceId) as (InvoiceRow & { id: number }) | undefined;
    if (!inv) return;
    const lines = lineSet.lines(invoiceId);
    const total = lines.reduce((sum, l) => sum + lineAmount(l), 0);
    setTotal.run(total, invoiceId, total);
    const place = placeOfInvoice(invoiceId);
    // Only a void invoice hashes its status: every open invoice keeps the hash it was synced with.
    const hash = invoiceHash(inv, lines);
    if (recordChange('invoice', invoiceId, hash, { ...place, record_date: inv.issue_date })) {
      movePayments(invoiceId, place);
      credit.moveAllocations(invoiceId, place);
    }
    if (inv.status === 'void') credit.reverseAllocationsOn(invoiceId, inv.updated_at);
  }

  return {
    upsertLocation: createUpsert<LocationRow>(db, 'locations', ['name', 'currency', 'time_zone', 'updated_at']),
    upsertBuilding: createUpsert<BuildingRow>(db, 'buildings', ['location_id', 'name', 'updated_at']),
    upsertUnit: createUpsert<UnitRow>(db, 'units', ['building_id', 'name', 'unit_type', 'updated_at']),
    upsertChargeType: createUpsert<ChargeTypeRow>(db, 'charge_types', ['name', 'kind', 'updated_at']),

    upsertTenant(row: TenantRow): { id: number; outcome: UpsertOutcome } {
      const { id, outcome } = upsertTenantRow(row);
      if (outcome === 'unchanged') return { id, outcome };
      const building = row.unit_id === null ? null : ((unitBuilding.get(row.unit_id) as number | undefined) ?? null);
      const place = { location_id: row.location_id, building_id: building };
      if (recordChange('tenant', id, tenantHash(row), { ...place, record_date: row.updated_at.slice(0, 10) })) prepayments.followTenant(id, place);
      return { id, outcome };
    },

    upsertInvoice(row: InvoiceRow): { id: number; outcome: UpsertOutcome } {
      const { id, outcome } = upsertInvoiceRow(row);
      if (outcome !== 'unchanged') refreshInvoice(id);
      return { id, outcome };
    },

    /** Header and lines together (demo data): one hash refresh and at most one outbox row per invoice. */
    upsertInvoiceWithLines(row: InvoiceRow, lines: readonly InvoiceLineRow[]): { id: number; outcomes: UpsertOutcome[] } {
      const { id, outcome } = upsertInvoiceRow(row);
      const written = lineSet.write(id, lines);
      if (written.changed || outcome !== 'unchanged') refreshInvoice(id);
      return { id, outcomes: [outcome, ...written.outcomes] };
    },

    /** The given lines become the invoice's complete set of lines. Returns one outcome per line. */
    replaceInvoiceLines(invoiceId: number, lines: readonly InvoiceLineRow[]): UpsertOutcome[] {
      const { outcomes, changed } = lineSet.write(invoiceId, lines);
      if (changed) refreshInvoice(invoiceId);
      return outcomes;
    },

    upsertPayment(row: PaymentRow): { id: number; outcome: UpsertOutcome } {
      const before = paymentSent.get(row.external_id) as Pick<PaymentRow, (typeof PAYMENT_SENT_FIELDS)[number]> | undefined;
      const { id, outcome } = upsertPaymentRow(row);
      if (outcome === 'unchanged') return { id, outcome };
      // Only facility-side fields changed (the reference is never sent): what Xero holds is the same.
      if (before && PAYMENT_SENT_FIELDS.every((f) => before[f] === row[f])) return { id, outcome };
      const place = invoicePlace.get(row.invoice_id) as Omit<SyncPlace, 'record_date'>;
      recordChange('payment', id, paymentHash(row), { ...place, record_date: row.paid_on });
      return { id, outcome };
    },

    ...prepayments,
    upsertAllocation: credit.upsertAllocation,
    allocationOf: credit.allocationOf,
    upsertCreditNote: credit.upsertCreditNote,
    refreshMarkedCreditNotes: credit.refreshMarkedCreditNotes,
    upsertCreditNoteWithLines: credit.upsertCreditNoteWithLines,
    replaceCreditNoteLines: credit.replaceCreditNoteLines,
    upsertRefund: credit.upsertRefund,
    /** A void invoice's completed allocations reversed (the import's set-based writer calls this for the invoices it voided). */
    reverseAllocationsOn: credit.reverseAllocationsOn,

    findLocation: createIdLookup(db, 'locations'),
    findBuilding: createIdLookup(db, 'buildings'),
    findUnit: createIdLookup(db, 'units'),
    findChargeType: createIdLookup(db, 'charge_types'),
    findTenant: createIdLookup(db, 'tenants'),
    findInvoice: createIdLookup(db, 'invoices'),
    findInvoices: createIdsLookup(db, 'invoices'),
    /** The facility id of the invoice that already has this number, if any. */
    invoiceWithNumber: ((stmt) => (invoiceNumber: string) => stmt.get(invoiceNumber) as string | undefined)(
      db.prepare('SELECT external_id FROM invoices WHERE invoice_number = ?').pluck(),
    ),
    /** The invoice a line already belongs to, by the line's external id. */
    findLineInvoice: ((stmt) => (externalId: string) => stmt.get(externalId) as number | undefined)(
      db.prepare('SELECT invoice_id FROM invoice_lines WHERE external_id = ?').pluck(),
    ),
    findCreditNote: credit.findCreditNote,
    creditNoteWithNumber: credit.creditNoteWithNumber,
    findLineCreditNote: credit.findLineCreditNote,
    invoiceTenant: credit.invoiceTenant,
    creditOf: credit.creditOf,
    completedRefunds: credit.completedRefunds,
  };
}
