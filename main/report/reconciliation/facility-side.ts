/**
 * The facility's side of a month's reconciliation, from the local mirror (works offline): every
 * invoice, credit note, payment, prepayment and refund dated in the month, every invoice still owed
 * at month end and every credit note or prepayment with credit still unapplied then (counted
 * negative: outstanding is net of unapplied credit, as a tenant's balance in Xero is), each with its
 * sync status and its link to Xero. A void invoice or credit note and a reversed payment,
 * prepayment or refund count 0 but are listed, so Xero's copy of them is compared too.
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
  /**
   * The record whose outstanding amount this money moves: a payment's invoice, a refund's credit
   * note or prepayment (null for the documents themselves).
   */
  owner: RecordRef | null;
}

export interface RecordRef {
  kind: RecordKind;
  recordId: number;
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
  /**
   * `kind:recordId` of the invoices, credit notes and prepayments an allocation dated up to month end
   * has still to reach Xero for (pending or waiting): what they owe or hold at month end is on its way.
   */
  allocationsOnTheirWay: Set<string>;
  /** The same records, for an allocation found changed in Xero (taken back there): its words. */
  allocationsChangedInXero: Map<string, string>;
}

/** The records each allocation dated up to month end on its way to Xero, or changed there, moves: its invoice and its source. */
const ALLOCATIONS_NOT_SETTLED = `
  SELECT a.invoice_id AS invoice_id, a.credit_note_id, a.prepayment_id, s.status, s.error_explanation FROM allocations a
  JOIN sync_records s ON s.kind = 'allocation' AND s.record_id = a.id
  WHERE s.status IN ('pending', 'waiting', 'changed_in_xero', 'changed_in_xero_final') AND a.allocated_on <= @to`;

/** What was applied to a credit note's or a prepayment's credit by month end (@to): allocations and refunds. */
const usedBy = (column: string, id: string) => `(
  COALESCE((SELECT SUM(a.amount_cents) FROM allocations a WHERE a.${column} = ${id} AND a.status = 'completed' AND a.allocated_on <= @to), 0)
  + COALESCE((SELECT SUM(r.amount_cents) FROM refunds r WHERE r.${column} = ${id} AND r.status = 'completed' AND r.paid_on <= @to), 0))`;

/**
 * The measure, its record kind, and the SQL that lists its records in [@from, @to] (location @loc or all);
 * owner_kind and owner_id name the record whose outstanding amount the row's money moves.
 */
const FLOWS: Array<{ measure: ReconciliationMeasure; kind: RecordKind; sql: string }> = [
  {
    measure: 'invoiced', kind: 'invoice',
    sql: `SELECT i.id, i.invoice_number AS facility_id, i.invoice_number AS number, i.issue_date AS date,
            CASE WHEN i.status = 'open' THEN i.total_cents ELSE 0 END AS cents, i.status = 'open' AS live, NULL AS owner_kind, NULL AS owner_id
          FROM invoices i WHERE i.issue_date BETWEEN @from AND @to`,
  },
  {
    measure: 'credited', kind: 'credit_note',
    sql: `SELECT c.id, c.credit_note_number AS facility_id, c.credit_note_number AS number, c.issue_date AS date,
            CASE WHEN c.status = 'open' THEN c.total_cents ELSE 0 END AS cents, c.status = 'open' AS live, NULL AS owner_kind, NULL AS owner_id
          FROM credit_notes c WHERE c.issue_date BETWEEN @from AND @to`,
  },
  {
    measure: 'received', kind: 'payment',
    sql: `SELECT p.id, p.external_id AS facility_id, i.invoice_number AS number, p.paid_on AS date,
            CASE WHEN p.status = 'completed' THEN p.amount_cents ELSE 0 END AS cents, p.status = 'completed' AS live,
            'invoice' AS owner_kind, p.invoice_id AS owner_id
          FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.paid_on BETWEEN @from AND @to`,
  },
  {
    // Money received before it is owed is received all the same, in the month it was paid.
    measure: 'received', kind: 'prepayment',
    sql: `SELECT p.id, p.external_id AS facility_id, NULL AS number, p.paid_on AS date,
            CASE WHEN p.status = 'completed' THEN p.amount_cents ELSE 0 END AS cents, p.status = 'completed' AS live, NULL AS owner_kind, NULL AS owner_id
          FROM prepayments p WHERE p.paid_on BETWEEN @from AND @to`,
  },
  {
    measure: 'refunded', kind: 'refund',
    sql: `SELECT r.id, r.external_id AS facility_id, COALESCE(c.credit_note_number, p.external_id) AS number, r.paid_on AS date,
            CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END AS cents, r.status = 'completed' AS live,
            CASE WHEN r.prepayment_id IS NOT NULL THEN 'prepayment' WHEN r.credit_note_id IS NOT NULL THEN 'credit_note' END AS owner_kind,
            COALESCE(r.prepayment_id, r.credit_note_id) AS owner_id
          FROM refunds r LEFT JOIN credit_notes c ON c.id = r.credit_note_id LEFT JOIN prepayments p ON p.id = r.prepayment_id
          WHERE r.paid_on BETWEEN @from AND @to`,
  },
  {
    // What each open invoice dated up to month end still owed then: its total less the payments and
    // credit applied by then (allocations from credit notes and from prepayments alike).
    measure: 'outstanding', kind: 'invoice',
    sql: `SELECT * FROM (
            SELECT i.id, i.invoice_number AS facility_id, i.invoice_number AS number, i.issue_date AS date,
              i.total_cents
                - COALESCE((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'completed' AND p.paid_on <= @to), 0)
                - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a WHERE a.invoice_id = i.id AND a.status = 'completed' AND a.allocated_on <= @to), 0)
                AS cents,
              1 AS live, NULL AS owner_kind, NULL AS owner_id
            FROM invoices i WHERE i.status = 'open' AND i.issue_date <= @to
          ) WHERE cents <> 0`,
  },
  {
    // Credit a credit note still had unapplied at month end lowers what the tenants owe (Xero's RemainingCredit).
    measure: 'outstanding', kind: 'credit_note',
    sql: `SELECT * FROM (
            SELECT c.id, c.credit_note_number AS facility_id, c.credit_note_number AS number, c.issue_date AS date,
              -(c.total_cents - ${usedBy('credit_note_id', 'c.id')}) AS cents, 1 AS live, NULL AS owner_kind, NULL AS owner_id
            FROM credit_notes c WHERE c.status = 'open' AND c.issue_date <= @to
          ) WHERE cents <> 0`,
  },
  {
    // So does a prepayment not yet applied to an invoice or paid back at month end.
    measure: 'outstanding', kind: 'prepayment',
    sql: `SELECT * FROM (
            SELECT p.id, p.external_id AS facility_id, NULL AS number, p.paid_on AS date,
              -(p.amount_cents - ${usedBy('prepayment_id', 'p.id')}) AS cents, 1 AS live, NULL AS owner_kind, NULL AS owner_id
            FROM prepayments p WHERE p.status = 'completed' AND p.paid_on <= @to
          ) WHERE cents <> 0`,
  },
];

interface Row {
  id: number; facility_id: string; number: string | null; date: string; cents: number; live: number; owner_kind: RecordKind | null; owner_id: number | null;
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
        cents: r.cents, live: r.live === 1, locationId: r.location_id,
        owner: r.owner_kind && r.owner_id !== null ? { kind: r.owner_kind, recordId: r.owner_id } : null,
        syncStatus: r.status, syncExplanation: r.error_explanation, xeroId: r.xero_id,
      });
    }
  }
  const currency = db.prepare(
    `SELECT currency FROM locations WHERE @loc IS NULL OR id = @loc GROUP BY currency ORDER BY COUNT(*) DESC LIMIT 1`,
  ).pluck().get({ loc: locationId }) as string | undefined;
  const onTheirWay = new Set<string>();
  const changedInXero = new Map<string, string>();
  const rows = db.prepare(ALLOCATIONS_NOT_SETTLED).all({ to: range.to }) as Array<{
    invoice_id: number; credit_note_id: number | null; prepayment_id: number | null; status: string; error_explanation: string | null;
  }>;
  for (const a of rows) {
    const keys = [`invoice:${a.invoice_id}`, a.credit_note_id !== null ? `credit_note:${a.credit_note_id}` : null, a.prepayment_id !== null ? `prepayment:${a.prepayment_id}` : null];
    for (const key of keys) {
      if (key === null) continue;
      if (a.status === 'pending' || a.status === 'waiting') onTheirWay.add(key);
      else if (a.error_explanation && !changedInXero.has(key)) changedInXero.set(key, a.error_explanation.replace(/\.$/, ''));
    }
  }
  return { entries, currency: currency ?? null, allocationsOnTheirWay: onTheirWay, allocationsChangedInXero: changedInXero };
}
