/**
 * The reconciliation report (issue 16): for a month and optionally a location, the facility's totals
 * next to Xero's (invoiced, credited, received, refunded, outstanding at month end) and every record
 * that explains a difference. Money is integer cents; months are 'YYYY-MM'; dates 'YYYY-MM-DD'.
 */
import type { RecordKind, RecordKindPlural } from './record-kinds';

export type ReconciliationMeasure = 'invoiced' | 'credited' | 'received' | 'refunded' | 'outstanding';

export interface ReconciliationTotal {
  measure: ReconciliationMeasure;
  /** "Invoiced", "Outstanding at month end", ... */
  label: string;
  facilityCents: number;
  /** null when Xero could not be read (offline, not connected). */
  xeroCents: number | null;
  /** Xero's less the facility's; null when Xero could not be read. */
  differenceCents: number | null;
}

/**
 * waiting: the record has not reached Xero yet and the sync will send it (pending, waiting, in flight);
 * difference: anything else (changed, voided or deleted in Xero, failed, excluded, never sent).
 */
export type ReconciliationDifferenceCategory = 'waiting' | 'difference';

/** Where a difference opens in the integration report: its route and the filter that shows the record. */
export interface ReconciliationLink {
  route: readonly string[];
  filter: { kind: RecordKindPlural; status: 'all'; from: string; to: string; locationId?: number };
  /** The facility id or number to look for in the filtered report. */
  search: string;
}

export interface ReconciliationDifference {
  kind: RecordKind;
  /** The facility record, or null for a record only Xero has (a payment keyed in there). */
  recordId: number | null;
  /** The facility id as users know it (invoice number, payment id, ...), or null. */
  facilityId: string | null;
  /** Xero's number for it (invoice or credit note number; a payment's reference or its invoice's number), or null. */
  xeroNumber: string | null;
  /** The record's date (the facility's, else Xero's). */
  date: string;
  /** The record's amount here and in Xero (null where it does not exist). */
  facilityCents: number | null;
  xeroCents: number | null;
  /** How much this record moves each total, Xero's less the facility's (measures it does not move are absent). */
  effect: Partial<Record<ReconciliationMeasure, number>>;
  /** Plain words: "Voided in Xero", "Not in Xero yet (waiting)", "Payment in Xero the facility does not have". */
  reason: string;
  category: ReconciliationDifferenceCategory;
  link: ReconciliationLink;
}

/** green: no differences; amber: only records still waiting to reach Xero; red: differences; unknown: Xero not read. */
export type ReconciliationStatus = 'green' | 'amber' | 'red' | 'unknown';

export interface Reconciliation {
  month: string;
  /** The month's first and last day. */
  from: string;
  to: string;
  location: { id: number; name: string } | null;
  /** The organisation's currency (the locations' when Xero has not been read yet). */
  currency: string;
  /** When this was computed (UTC ISO). */
  computedAt: string;
  /** False when Xero could not be read: the facility's side only, with `offlineReason`. */
  xeroRead: boolean;
  offlineReason: string | null;
  /** Xero requests this reconciliation made. */
  xeroCalls: number;
  totals: ReconciliationTotal[];
  differences: ReconciliationDifference[];
  status: ReconciliationStatus;
  /** One sentence: "The facility and Xero agree for June 2025: no differences." */
  summary: string;
}

export interface ReconciliationQuery {
  /** 'YYYY-MM'. */
  month: string;
  locationId?: number;
}

export interface ReconciliationMonthStatus {
  month: string;
  status: ReconciliationStatus;
  differences: number;
  /** When that month was last reconciled (UTC ISO), null if never. */
  computedAt: string | null;
}

export interface ReconciliationCsv {
  fileName: string;
  csv: string;
  rows: number;
}

export interface ReconciliationPdf {
  /** Where the PDF was saved, or null when the user cancelled the save dialog. */
  path: string | null;
}

export interface ReconciliationApi {
  /** Reads Xero now (a few paged GETs) and compares with the facility mirror; offline: the facility side only. */
  getReconciliation(query: ReconciliationQuery): Promise<Reconciliation>;
  /** The same as CSV (totals, then differences), through the formula-neutralising CSV writer. */
  exportReconciliationCsv(query: ReconciliationQuery): Promise<ReconciliationCsv>;
  /** Electron: the page as a PDF through webContents.printToPDF, after a save dialog. Elsewhere: 'not_available'-style error. */
  printReconciliationPdf(query: ReconciliationQuery): Promise<ReconciliationPdf>;
  /**
   * The last 12 months up to `month` (default: this month), newest last, from the last stored result of
   * each month (all locations): no Xero call. A month never reconciled is 'unknown'.
   */
  getReconciliationStatus(query?: { month?: string }): Promise<ReconciliationMonthStatus[]>;
}
