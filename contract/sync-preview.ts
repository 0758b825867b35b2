/**
 * The sync preview (issue 15): what the next run would do, without writing anything to Xero (it reads
 * to find what Xero already holds) and without changing the local data. The engine plans it on a copy
 * of the local data (main/sync/preview.ts), so the preview and the run cannot disagree.
 */
import type { RecordKind } from './record-kinds';

/**
 * What the next run would do with one record:
 * - create / update / delete: sent to Xero;
 * - link: Xero already holds it (entered by hand, or by a previous tool): linked, not created;
 * - needs_review: Xero holds it with other amounts, dates or contact: not sent until the user chooses;
 * - held_start_date: dated before the sync start date (or money on such a document): not sent;
 * - held_lock_date: dated in the period locked in Xero: waits;
 * - held_mapping: the mapping cannot express it yet (Settings > Synchronize): waits;
 * - waiting: waits for another record (its tenant, its invoice) to reach Xero;
 * - fail: cannot be prepared for Xero (the reason says why);
 * - exclude: nothing to send (e.g. voided before it ever reached Xero);
 * - retry_later: failed for a passing reason (offline, Xero busy) and is not due yet;
 * - in_flight: sent earlier without an answer: the run first looks it up in Xero.
 */
export type PreviewAction =
  | 'create' | 'update' | 'delete' | 'link' | 'needs_review'
  | 'held_start_date' | 'held_lock_date' | 'held_mapping' | 'waiting' | 'fail' | 'exclude' | 'retry_later' | 'in_flight';

export const PREVIEW_ACTIONS = [
  'create', 'update', 'delete', 'link', 'needs_review',
  'held_start_date', 'held_lock_date', 'held_mapping', 'waiting', 'fail', 'exclude', 'retry_later', 'in_flight',
] as const satisfies readonly PreviewAction[];

/** Column headings for people. */
export const PREVIEW_ACTION_LABELS: Record<PreviewAction, string> = {
  create: 'Create', update: 'Update', delete: 'Delete', link: 'Link to Xero', needs_review: 'Needs review',
  held_start_date: 'Held: start date', held_lock_date: 'Held: lock date', held_mapping: 'Held: mapping', waiting: 'Waiting',
  fail: 'Cannot send', exclude: 'Nothing to send', retry_later: 'Retry later', in_flight: 'Checked first',
};

/** What each action means, after a count ("12 invoices: to create"), for the CLI and the preview screen. */
export const PREVIEW_ACTION_WORDS: Record<PreviewAction, string> = {
  create: 'to create in Xero',
  update: 'to update in Xero',
  delete: 'to delete in Xero',
  link: 'already in Xero: linked, not created again',
  needs_review: 'in Xero with other amounts, dates or contact: not sent until you choose (needs review)',
  held_start_date: 'dated before the sync start date: not sent',
  held_lock_date: "dated in the period locked in Xero: held until it opens (or post them on the first open date: Settings)",
  held_mapping: 'held until the mapping covers them (Settings > Synchronize)',
  waiting: 'waiting for another record to reach Xero first',
  fail: 'cannot be prepared for Xero (see why in the list)',
  exclude: 'voided or reversed before it ever reached Xero, so there is nothing to send',
  retry_later: 'to be tried again after a passing failure',
  in_flight: 'sent earlier without an answer: looked up in Xero first',
};

export interface PreviewRecord {
  kind: RecordKind;
  recordId: number;
  /** The facility's id for it (tenant id, payment id, ...), as in the integration report. */
  ref: string;
  /** The document it is or belongs to: invoice number, credit note number (a tenant's email). */
  reference: string | null;
  tenantName: string | null;
  /** The record's own amount in cents, when it has one. */
  amountCents: number | null;
  action: PreviewAction;
  /** Plain words for anything not sent as is (why it waits, what differs in Xero). */
  reason: string | null;
  /** The Xero record it is linked to or updates. */
  xeroId: string | null;
}

/** A total over the lines and payments that would be sent (created or updated), in cents. */
export interface PreviewTotal {
  kind: RecordKind;
  /** Account code, tax type, or "Category: Option". */
  key: string;
  amountCents: number;
  lines: number;
}

export interface PreviewKind {
  kind: RecordKind;
  label: string;
  counts: Record<PreviewAction, number>;
  /** A few of the payloads that would be sent, as Xero would receive them. */
  samples: Array<{ ref: string; op: 'create' | 'update' | 'delete'; payload: unknown }>;
}

export interface SyncPreview {
  /** When the preview was made (UTC ISO). */
  generatedAt: string;
  organisation: { tenantId: string; name: string | null } | null;
  /** The sync start date the run would use (proposed on a first sync), or null. */
  startDate: string | null;
  /** The lock date read from Xero now (the later of its two), or null. */
  lockDate: string | null;
  /** Requests the sends would take (up to 50 records each), besides the look-ups. */
  requests: number;
  kinds: PreviewKind[];
  totals: { accounts: PreviewTotal[]; taxRates: PreviewTotal[]; tracking: PreviewTotal[] };
  /** Every record the next run would handle, with its planned action. */
  records: PreviewRecord[];
}

export interface SyncPreviewApi {
  /** What the next sync would do, record by record; sends nothing and changes nothing (reads Xero to match). */
  previewSync(): Promise<SyncPreview>;
}
