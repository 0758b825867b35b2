/**
 * Changes made in Xero to what facility prepayments became (issue 14): Xero overpayments, read with
 * If-Modified-Since from GET /Overpayments (xero-changes.ts; XeroChangeReader in kind-module.ts).
 * - comparePrepayments (the prepayment kind's reader): one of ours deleted in Xero while the
 *   facility's stands ("Deleted in Xero on 3 Dec 2026."; Send ours again sends it afresh, like a
 *   deleted payment), and money paid ahead that a person recorded in Xero for one of our tenants,
 *   told on the tenant.
 * - compareOverpaymentAllocations (the allocation kind's reader, same page): credit of ours applied
 *   to an invoice that a person took back in Xero, told on the allocation.
 * An overpayment deleted in Xero is listed VOIDED (Xero deletes its bank transaction; the
 * Overpayment status enum has no DELETED): both mean gone.
 */
import type { Overpayment } from 'xero-node';
import type { Db } from '../../db/open-database';
import type { XeroChange } from './kind-module';
import { prepared } from './payload-helpers';
import { PREPAYMENT_REFERENCE_PREFIX } from './prepayment-reference';
import { linkedRecords, money, onDay, toCents } from './xero-compare';

const FOREIGN_PREPAYMENT_FIX =
  "If the tenant paid this ahead, record it in the facility system (payments.csv without an invoice) and delete it in Xero, so that it is in Xero once; if it is not the tenant's, ask your accountant to remove it in Xero. Then choose Accept Xero's.";

const gone = (o: Overpayment) => ['VOIDED', 'DELETED'].includes(String(o.status ?? ''));
/** Money received from a customer ahead (not a supplier's). */
const received = (o: Overpayment) => String(o.type ?? '') !== 'SPEND-OVERPAYMENT';

/** Changed overpayments in Xero against the synced prepayments, and the ones a person recorded for our tenants. */
export function comparePrepayments(db: Db, records: object[]): XeroChange[] {
  const overpayments = (records as Overpayment[]).filter(received);
  const ours = linkedRecords(db, 'prepayment', overpayments.map((o) => o.overpaymentID));
  const tenants = linkedRecords(db, 'tenant', overpayments.map((o) => o.contact?.contactID));
  const facilityStatus = prepared(db, 'SELECT status FROM prepayments WHERE id = ?').pluck();
  const changes: XeroChange[] = [];
  for (const o of overpayments) {
    const mine = ours.get(o.overpaymentID ?? '');
    if (mine) {
      if (gone(o) && mine.status === 'synced' && facilityStatus.get(mine.recordId) === 'completed') {
        changes.push({ kind: 'prepayment', recordId: mine.recordId, what: `Deleted in Xero${onDay(o.updatedDateUTC, mine.timeZone)}`, resendable: true });
      }
      continue;
    }
    // Ours but not linked yet (an answer lost in flight, settled by its natural key) is not foreign.
    if (gone(o) || (o.reference ?? '').startsWith(PREPAYMENT_REFERENCE_PREFIX)) continue;
    const tenant = tenants.get(o.contact?.contactID ?? '');
    if (!tenant || tenant.status !== 'synced') continue;
    changes.push({
      kind: 'tenant', recordId: tenant.recordId, resendable: false, fix: FOREIGN_PREPAYMENT_FIX,
      what: `Prepayment of ${money(toCents(o.total))} recorded in Xero that the facility does not have`,
    });
  }
  return changes;
}

/**
 * Allocations of ours from a prepayment that Xero no longer lists on its overpayment: a person took
 * the credit back from the invoice. Only synced allocations the facility still applies count, and
 * only when Xero's answer carries the overpayment's allocations (a list read without them says nothing).
 */
export function compareOverpaymentAllocations(db: Db, records: object[]): XeroChange[] {
  const overpayments = (records as Overpayment[]).filter((o) => received(o) && Array.isArray(o.allocations));
  const ours = linkedRecords(db, 'prepayment', overpayments.map((o) => o.overpaymentID));
  const applied = prepared(
    db,
    `SELECT a.id, x.xero_id, a.amount_cents, i.invoice_number, s.status, loc.time_zone
     FROM allocations a JOIN xero_links x ON x.kind = 'allocation' AND x.record_id = a.id
     JOIN sync_records s ON s.kind = 'allocation' AND s.record_id = a.id JOIN locations loc ON loc.id = s.location_id
     JOIN invoices i ON i.id = a.invoice_id
     WHERE a.prepayment_id = ? AND a.status = 'completed'`,
  );
  const changes: XeroChange[] = [];
  for (const o of overpayments) {
    const mine = ours.get(o.overpaymentID ?? '');
    if (!mine) continue;
    const inXero = new Set((o.allocations ?? []).map((a) => a.allocationID).filter(Boolean));
    const rows = applied.all(mine.recordId) as Array<{ id: number; xero_id: string; amount_cents: number; invoice_number: string; status: string; time_zone: string }>;
    for (const a of rows) {
      if (a.status !== 'synced' || inXero.has(a.xero_id)) continue;
      changes.push({
        kind: 'allocation', recordId: a.id, resendable: true,
        what: `${money(a.amount_cents)} applied to invoice ${a.invoice_number} was taken back in Xero${onDay(o.updatedDateUTC, a.time_zone)}`,
      });
    }
  }
  return changes;
}
