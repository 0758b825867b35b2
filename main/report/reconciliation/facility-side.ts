/**
 * The facility's side of a month's reconciliation, from the local mirror (works offline): every
 * invoice, credit note, payment and refund dated in the month, and every invoice still owed at
 * month end, each with its sync status and its link to Xero. A void invoice or credit note and a
 * reversed payment or refund count 0 but are listed, so Xero's copy of them is compared too.
 */
import type { ReconciliationMeasure } from '../../../contract/reconciliation';
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';

/** One record as one side holds it, counted in one total. */
export interface Entry {
  measure: ReconciliationMeasure;
  kind: RecordKind;
  /** The facility record (null: only Xero has it). */
  recordId: number | null;
  /** As users know it: invoice number, credit note number, payment id, refund id. */
  facilityId: string | null;
  /** The document's number (a payment's invoice, a refund's credit note). */
  number: string | null;
  date: string;
  /** What it adds to the total: 0 for a void document or a reversed or deleted payment. */
  cents: number;
  /** Not void, reversed or deleted. */
  live: boolean;
  locationId: number | null;
  /** A payment's invoice (facility record id): its outstanding amount moves with the payment. */
  invoiceRecordId: number | null;
}

export interface FacilityEntry extends Entry {
  recordId: number;
  syncStatus: string;
  syncExplanation: string | null;
  xeroId: string | null;
}

export interface FacilitySide {
  entries: FacilityEntry[];
  currency: string | null;
}

/** The measure, its record kind, and the SQL that lists its records in [@from, @to] (location @loc or all). */
const FLOWS: Array<{ measure: ReconciliationMeasure; kind: RecordKind; sql: string }> = [
  {
    measure: 'invoiced', kind: 'invoice',
    sql: `SELECT i.id, i.invoice_number AS facility_id, i.invoice_number AS number, i.issue_date AS date,
            CASE WHEN i.status = 'open' THEN i.total_cents ELSE 0 END AS cents, i.status = 'open' AS live, NULL AS invoice_id
          FROM invoices i WHERE i.issue_date BETWEEN @from AND @to`,
  },
  {
    measure: 'credited', kind: 'credit_note',
    sql: `SELECT c.id, c.credit_note_number AS facility_id, c.credit_note_number AS number, c.issue_date AS date,
            CASE WHEN c.status = 'open' THEN c.total_cents ELSE 0 END AS cents, c.status = 'open' AS live, NULL AS invoice_id
          FROM credit_notes c WHERE c.issue_date BETWEEN @from AND @to`,
  },
  {
    measure: 'received', kind: 'payment',
    sql: `SELECT p.id, p.external_id AS facility_id, i.invoice_number AS number, p.paid_on AS date,
            CASE WHEN p.status = 'completed' THEN p.amount_cents ELSE 0 END AS cents, p.status = 'completed' AS live, p.invoice_id
          FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.paid_on BETWEEN @from AND @to`,
  },
  {
    measure: 'refunded', kind: 'refund',
    sql: `SELECT r.id, r.external_id AS facility_id, c.credit_note_number AS number, r.paid_on AS date,
            CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END AS cents, r.status = 'completed' AS live, NULL AS invoice_id
          FROM refunds r LEFT JOIN credit_notes c ON c.id = r.credit_note_id WHERE r.paid_on BETWEEN @from AND @to`,
  },
  {
    // What each open invoice dated up to month end still owed then: its total less the payments and credit applied by then.
    measure: 'outstanding', kind: 'invoice',
    sql: `SELECT * FROM (
            SELECT i.id, i.invoice_number AS facility_id, i.invoice_number AS number, i.issue_date AS date,
              i.total_cents
                - COALESCE((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'completed' AND p.paid_on <= @to), 0)
                - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a WHERE a.invoice_id = i.id AND a.status = 'completed' AND a.allocated_on <= @to), 0)
                AS cents,
              1 AS live, NULL AS invoice_id
            FROM invoices i WHERE i.status = 'open' AND i.issue_date <= @to
          ) WHERE cents <> 0`,
  },
];

interface Row {
  id: number; facility_id: string; number: string | null; date: string; cents: number; live: number; invoice_id: number | null;
  location_id: number; status: string; error_explanation: string | null; xero_id: string | null;
}

/** Every record of the month for the location (or all), each total's records. */
export function readFacilitySide(db: Db, range: { from: string; to: string }, locationId: number | null): FacilitySide {
  const entries: FacilityEntry[] = [];
  for (const flow of FLOWS) {
    const rows = db.prepare(
      `SELECT f.*, s.location_id, s.status, s.error_explanation, x.xero_id FROM (${flow.sql}) f
       JOIN sync_records s ON s.kind = @kind AND s.record_id = f.id
       LEFT JOIN xero_links x ON x.kind = @kind AND x.record_id = f.id
       WHERE @loc IS NULL OR s.location_id = @loc`,
    ).all({ ...range, kind: flow.kind, loc: locationId }) as Row[];
    for (const r of rows) {
      entries.push({
        measure: flow.measure, kind: flow.kind, recordId: r.id, facilityId: r.facility_id, number: r.number, date: r.date,
        cents: r.cents, live: r.live === 1, locationId: r.location_id, invoiceRecordId: r.invoice_id,
        syncStatus: r.status, syncExplanation: r.error_explanation, xeroId: r.xero_id,
      });
    }
  }
  const currency = db.prepare(
    `SELECT currency FROM locations WHERE @loc IS NULL OR id = @loc GROUP BY currency ORDER BY COUNT(*) DESC LIMIT 1`,
  ).pluck().get({ loc: locationId }) as string | undefined;
  return { entries, currency: currency ?? null };
}
