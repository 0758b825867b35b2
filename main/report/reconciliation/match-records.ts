/**
 * Which facility record a Xero record is, and where it belongs: by the link Facility Sync stored
 * (xero_links) or by our natural key (invoice and credit note number; a payment's, refund's or
 * overpayment's Reference FS-PAY:/FS-REF:/FS-PRE:<id>). A payment in Xero on one of our invoices, a
 * refund out of one of our credit notes or prepayments, or an overpayment of one of our tenants that
 * is neither is "foreign": counted, as it moves that document's or tenant's balance, but no
 * facility record has it. A record's location comes from the tracking option the mapping gives
 * locations, else from the facility record it is (or, for a foreign one, what it is made on).
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import type { Mapping } from '../../mapping/mapping';
import { PAYMENT_REFERENCE_PREFIX } from '../../sync/kinds/payment';
import { PREPAYMENT_REFERENCE_PREFIX } from '../../sync/kinds/prepayment';
import { REFUND_REFERENCE_PREFIX } from '../../sync/kinds/refund';
import type { RecordRef } from './facility-side';
import type { XeroEntry } from './xero-side';

export interface FacilityRecordInfo {
  recordId: number;
  facilityId: string;
  date: string;
  locationId: number;
  syncStatus: string;
  syncExplanation: string | null;
}

export interface MatchedXero extends XeroEntry {
  kind: RecordKind;
  /** The facility record it is; null for a foreign payment, refund or overpayment. */
  recordId: number | null;
  locationId: number | null;
  /** The facility record whose outstanding amount it moves (a payment's invoice, a refund's credit note or prepayment), when the facility has it. */
  owner: RecordRef | null;
  /** What it is made on (a payment's invoice, a refund's credit note or prepayment, an overpayment's tenant) as the facility holds it, or null. */
  document: FacilityRecordInfo | null;
}

const RECORD_SQL: Record<string, string> = {
  invoice: 'SELECT id, invoice_number AS facility_id, issue_date AS date FROM invoices WHERE id = ?',
  credit_note: 'SELECT id, credit_note_number AS facility_id, issue_date AS date FROM credit_notes WHERE id = ?',
  payment: 'SELECT id, external_id AS facility_id, paid_on AS date FROM payments WHERE id = ?',
  refund: 'SELECT id, external_id AS facility_id, paid_on AS date FROM refunds WHERE id = ?',
  prepayment: 'SELECT id, external_id AS facility_id, paid_on AS date FROM prepayments WHERE id = ?',
  tenant: `SELECT t.id, t.external_id AS facility_id, s.record_date AS date FROM tenants t
           JOIN sync_records s ON s.kind = 'tenant' AND s.record_id = t.id WHERE t.id = ?`,
};
const BY_KEY_SQL: Record<string, string> = {
  invoice: 'SELECT id FROM invoices WHERE invoice_number = ? ORDER BY id LIMIT 1',
  credit_note: 'SELECT id FROM credit_notes WHERE credit_note_number = ? ORDER BY id LIMIT 1',
  payment: 'SELECT id FROM payments WHERE external_id = ?',
  refund: 'SELECT id FROM refunds WHERE external_id = ?',
  prepayment: 'SELECT id FROM prepayments WHERE external_id = ?',
};
/** Kinds whose natural key travels in a Reference; the others' is their number. */
const PREFIX: Record<string, string> = { payment: PAYMENT_REFERENCE_PREFIX, refund: REFUND_REFERENCE_PREFIX, prepayment: PREPAYMENT_REFERENCE_PREFIX };
/** Kinds whose outstanding amount at month end a payment or refund made on them moves. */
const OWNERS = new Set<RecordKind>(['invoice', 'credit_note', 'prepayment']);

export function createRecordMatcher(db: Db, mapping: Mapping) {
  const link = db.prepare('SELECT record_id FROM xero_links WHERE kind = ? AND xero_id = ?').pluck();
  const sync = db.prepare('SELECT location_id, status, error_explanation FROM sync_records WHERE kind = ? AND record_id = ?');
  const locationByExt = db.prepare('SELECT id FROM locations WHERE external_id = ?').pluck();
  const tracked = mapping.tracking.find((t) => t.source === 'location');
  // Option name -> location id (an option may serve several locations: then it cannot say which).
  const optionLocations = new Map<string, number | null>();
  for (const [ext, option] of Object.entries(tracked?.options ?? {})) {
    const id = locationByExt.get(ext) as number | undefined;
    if (id === undefined) continue;
    optionLocations.set(option, optionLocations.has(option) ? null : id);
  }

  function byKey(kind: RecordKind, key: string | null): number | null {
    const sql = BY_KEY_SQL[kind];
    if (!key || !sql) return null;
    return (db.prepare(sql).pluck().get(key) as number | undefined) ?? null;
  }

  function recordOf(kind: RecordKind, xeroId: string | null, key: string | null): number | null {
    const linked = xeroId ? (link.get(kind, xeroId) as number | undefined) : undefined;
    return linked ?? byKey(kind, key);
  }

  function info(kind: RecordKind, recordId: number): FacilityRecordInfo | null {
    const sql = RECORD_SQL[kind];
    const rec = sql ? (db.prepare(sql).get(recordId) as { id: number; facility_id: string; date: string } | undefined) : undefined;
    const s = sync.get(kind, recordId) as { location_id: number; status: string; error_explanation: string | null } | undefined;
    if (!rec || !s) return null;
    return { recordId, facilityId: rec.facility_id, date: rec.date, locationId: s.location_id, syncStatus: s.status, syncExplanation: s.error_explanation };
  }

  /** The facility record of a Xero record, or null when it is not the facility's (a foreign one keeps its document's place). */
  function match(e: XeroEntry): MatchedXero | null {
    const { kind } = e;
    const prefix = PREFIX[kind];
    const key = prefix ? (e.reference?.startsWith(prefix) ? e.reference.slice(prefix.length) : null) : e.number;
    const recordId = recordOf(kind, e.xeroId, key);
    const docKind = e.madeOn?.kind ?? null;
    // A document is found by its number too (a refund's credit note); a prepayment or tenant only by its link.
    const docId = docKind ? recordOf(docKind, e.madeOn?.xeroId ?? null, PREFIX[docKind] || docKind === 'tenant' ? null : e.number) : null;
    if (recordId === null && docId === null) return null;
    const trackedAt = tracked ? optionLocations.get(e.tracking[tracked.categoryName] ?? '') : undefined;
    const document = docKind && docId !== null ? info(docKind, docId) : null;
    const place = recordId !== null ? info(kind, recordId) : document;
    return {
      ...e, recordId, locationId: trackedAt ?? place?.locationId ?? null,
      owner: docKind && docId !== null && OWNERS.has(docKind) ? { kind: docKind, recordId: docId } : null,
      document,
    };
  }

  return { match, info };
}
