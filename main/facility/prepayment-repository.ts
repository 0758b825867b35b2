import type { RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { createPlaceFollower, type SyncPlace } from '../sync/records/record-change';
import { PREPAYMENT_SENT_FIELDS, prepaymentHash } from './content-hashes';
import { createIdLookup, createUpsert } from './upsert';
import type { PaymentStatus, PrepaymentRow, UpsertOutcome } from './types';

type Place = Omit<SyncPlace, 'record_date'>;
type Recorder = (kind: RecordKind, recordId: number, hash: string, place: SyncPlace) => boolean;

/** A prepayment's credit: its amount, and what of it is applied to invoices or paid back (completed). */
export interface PrepaymentHeld {
  external_id: string; tenant_id: number; tenant: string; status: PaymentStatus; amount_cents: number; allocated: number; refunded: number;
}

/**
 * Prepayments (issue 14): payments.csv rows without an invoice, money a tenant paid before it is
 * owed. Upsert by external id (the payment_id, unique across payments and prepayments) and the sync
 * state of each, as payments have theirs (repository.ts): a change to the reference only, which Xero
 * is never sent, leaves it synced. Reported under the tenant's location and building, as tenants are.
 */
export function createPrepaymentRepository(db: Db, record: Recorder) {
  const upsertRow = createUpsert<PrepaymentRow>(db, 'prepayments', [
    'tenant_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference', 'updated_at',
  ]);
  const sentBefore = db.prepare(`SELECT ${PREPAYMENT_SENT_FIELDS.join(', ')} FROM prepayments WHERE external_id = ?`);
  const tenantPlace = db.prepare('SELECT t.location_id, u.building_id FROM tenants t LEFT JOIN units u ON u.id = t.unit_id WHERE t.id = ?');
  const prepaymentTenant = db.prepare('SELECT tenant_id FROM prepayments WHERE id = ?').pluck();
  const held = db.prepare(
    `SELECT p.external_id, p.tenant_id, t.external_id AS tenant, p.status, p.amount_cents,
       (SELECT COALESCE(sum(a.amount_cents), 0) FROM allocations a WHERE a.prepayment_id = p.id AND a.status = 'completed') AS allocated,
       (SELECT COALESCE(sum(r.amount_cents), 0) FROM refunds r WHERE r.prepayment_id = p.id AND r.status = 'completed') AS refunded
     FROM prepayments p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = ?`,
  );
  const refundsOf = db.prepare("SELECT external_id, amount_cents FROM refunds WHERE prepayment_id = ? AND status = 'completed'");
  const prepaymentByExternalId = db.prepare(
    'SELECT p.id, t.external_id AS tenant FROM prepayments p JOIN tenants t ON t.id = p.tenant_id WHERE p.external_id = ?',
  );
  const paymentByExternalId = db.prepare(
    'SELECT p.id, i.external_id AS invoice FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.external_id = ?',
  );

  const placeOfTenant = (tenantId: number) => tenantPlace.get(tenantId) as Place;
  // Reported under their tenant's place: they follow the tenant when it moves, without being queued again.
  const movePrepayments = createPlaceFollower(db, 'prepayment', 'SELECT id FROM prepayments WHERE tenant_id = @parent_id');
  const moveRefunds = createPlaceFollower(
    db, 'refund', 'SELECT f.id FROM refunds f JOIN prepayments p ON p.id = f.prepayment_id WHERE p.tenant_id = @parent_id',
  );

  return {
    upsertPrepayment(row: PrepaymentRow): { id: number; outcome: UpsertOutcome } {
      const before = sentBefore.get(row.external_id) as Pick<PrepaymentRow, (typeof PREPAYMENT_SENT_FIELDS)[number]> | undefined;
      const { id, outcome } = upsertRow(row);
      if (outcome === 'unchanged') return { id, outcome };
      // Only facility-side fields changed (the reference is never sent): what Xero holds is the same.
      if (before && PREPAYMENT_SENT_FIELDS.every((f) => before[f] === row[f])) return { id, outcome };
      record('prepayment', id, prepaymentHash(row), { ...placeOfTenant(row.tenant_id), record_date: row.paid_on });
      return { id, outcome };
    },

    /** A tenant that moved (queued with its new place) takes its prepayments and their refunds along. */
    followTenant(tenantId: number, place: Place): void {
      movePrepayments(tenantId, place);
      moveRefunds(tenantId, place);
    },

    /** Where a prepayment (and a refund out of it) is reported: its tenant's location and building. */
    prepaymentPlace: (prepaymentId: number) => placeOfTenant(prepaymentTenant.get(prepaymentId) as number),
    findPrepayment: createIdLookup(db, 'prepayments'),
    /** What a prepayment holds: its amount, its completed allocations and refunds as stored. */
    prepaymentHeld: (prepaymentId: number) => held.get(prepaymentId) as PrepaymentHeld | undefined,
    /** A prepayment's completed refunds as stored. */
    prepaymentRefunds: (prepaymentId: number) => refundsOf.all(prepaymentId) as { external_id: string; amount_cents: number }[],
    /** The stored prepayment with this payment_id, and its tenant's facility id. */
    prepaymentOf: (externalId: string) => prepaymentByExternalId.get(externalId) as { id: number; tenant: string } | undefined,
    /** The stored payment (of an invoice) with this payment_id, and its invoice's facility id. */
    paymentOf: (externalId: string) => paymentByExternalId.get(externalId) as { id: number; invoice: string } | undefined,
  };
}
