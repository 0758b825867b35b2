/**
 * What a record kind must provide to the sync engine. Everything kind-specific lives in the
 * kind's own file (tenant.ts, invoice.ts, payment.ts): how a queued record is planned (what it
 * waits for), the Xero payload, the API call that sends a batch, where the Xero id is in the
 * answer, and the natural key it is found by after a lost answer. The engine, batcher, send and
 * resolve steps loop over KIND_MODULES (index.ts) and never branch on a kind.
 */
import type { RecordKind } from '../../../contract/record-kinds';
import type { Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import type { Db } from '../../db/open-database';
import type { XeroApiClient, XeroCollection } from '../../xero/api-client';
import type { LockedPeriod } from '../locked-period';
import type { ErrorInfo, OutboxRow, OutboxStore } from '../records/outbox-store';

export type Operation = 'create' | 'update' | 'delete';
/** A xero-node model object (Contact, Invoice, Payment, ...). */
export type XeroPayload = object;

export interface PlannedItem {
  row: OutboxRow;
  op: Operation;
  payload: XeroPayload | null;
  /** The linked Xero id for updates and deletes. */
  xeroId?: string;
}

export type PlanOutcome =
  | { type: 'send'; item: PlannedItem }
  | { type: 'wait'; error: ErrorInfo }
  | { type: 'fail'; error: ErrorInfo }
  | { type: 'exclude'; error: ErrorInfo }
  /**
   * Never sent: dated before the organisation's sync start date (start-date.ts); not a failure.
   * `lookUp`: money on or after the start date waits for it, so it is looked up in Xero first
   * (kinds/held-documents.ts): linked when Xero holds the same, needs_review when it differs.
   */
  | { type: 'before_start_date'; error: ErrorInfo; lookUp?: boolean };

/** One element of Xero's answer to a batch, in the order sent. */
export type XeroElement = object & {
  statusAttributeString?: string;
  hasErrors?: boolean;
  validationErrors?: Array<{ message?: string }>;
};

/** What sending needs: the client, the outbox, the clock, the first backoff after a transient failure. */
export interface SendContext {
  client: XeroApiClient;
  store: OutboxStore;
  now: () => Date;
  /** First between-runs backoff after a transient failure (default 30 s). */
  backoffBaseMs: number;
}

export interface PlanContext {
  db: Db;
  store: OutboxStore;
  mapping: Mapping;
  /** What the mapping check finds wrong: a record that depends on it waits instead of being sent. */
  mappingProblems: MappingProblems;
  /** The organisation's lock date this run and what to do with records dated on or before it (locked-period.ts). */
  lockedPeriod: LockedPeriod;
  /** The organisation's sync start date, or null to send all history (start-date.ts). */
  startDate: string | null;
}

export interface KindModule {
  kind: RecordKind;
  /** Each element goes in a request of its own (an endpoint per parent, e.g. a credit note's allocations). */
  oneElementPerRequest?: boolean;
  /**
   * Optional, once per run before planning: records of this kind that held back earlier and are due
   * again now (a tenant held before the start date that has a newer invoice since) go back to the queue.
   */
  requeueBeforePlanning?(ctx: PlanContext, now: string): void;
  /** Prepares what planning needs once per run; returns the per-row planner. */
  planner(ctx: PlanContext): (row: OutboxRow) => PlanOutcome;
  /**
   * One request for a batch of one operation: 'create' must only ever create (PUT), so nothing
   * Xero holds that Facility Sync did not create is changed; 'update' names the Xero ids stored
   * in xero_links; 'delete' removes the one item.
   */
  send(client: XeroApiClient, op: Operation, items: PlannedItem[], idempotencyKey: string): Promise<XeroElement[]>;
  /** The Xero id in an answer element. */
  xeroIdOf(element: XeroElement): string | undefined;
  /** The key the record is found by in Xero when the outcome of a create is unknown; null when the record is gone. */
  naturalKey(db: Db, recordId: number): string | null;
  /** natural key -> Xero id for the records that exist in Xero (deleted ones do not count). Called with at most LOOKUP_CHUNK keys. */
  findByNaturalKey(client: XeroApiClient, keys: string[]): Promise<Map<string, string>>;
  /**
   * Optional, match before create (match-existing.ts): the Xero records already there for records never
   * sent to this organisation (at most LOOKUP_CHUNK record ids; paged; read-only), by record id. A kind
   * without it is looked up by findByNaturalKey and found records count as the same.
   */
  lookupExisting?(db: Db, client: XeroApiClient, recordIds: number[]): Promise<Map<number, XeroElement>>;
  /** Optional: how a record found by lookupExisting differs from ours, in plain words; [] = the same record. */
  compareExisting?(db: Db, recordId: number, xeroRecord: XeroElement): string[];
  /** Optional: Xero refused an element with this code and the kind settles it itself (a tenant's name clash). */
  settlesRefusal?(code: string, item: PlannedItem): boolean;
  /** Settles such a refusal (own transactions): the element is now linked, back in the queue, or failed. */
  settleRefusal?(ctx: SendContext, item: PlannedItem): Promise<'ok' | 'requeued' | 'failed'>;
  /** The integration report's columns for this kind. */
  report: {
    /**
     * SELECT of id, external_id, tenant_name, reference, amount_cents, payment_method and
     * xero_invoice_id for the records whose ids are the JSON array @ids.
     */
    detailsSql: string;
    /**
     * Optional, for kinds that carry money: SELECT of id and amount_cents for every record, the amount it
     * stands for in the books (0 for a voided or reversed one). The dashboard's chart sums it per month.
     */
    amountSql?: string;
    /** The record in Xero's web app (a payment opens its invoice), or null. */
    webUrl(xeroId: string | null, xeroInvoiceId: string | null): string | null;
  };
  /** SQL giving the record id for a facility id as users know it (bound as @v). */
  externalIdSql: string;
  /** Optional: how changes made in Xero to this kind's records are found (main/sync/xero-changes.ts). */
  xeroChanges?: XeroChangeReader;
}

/** One difference between Xero and a synced facility record, in plain words ("Voided in Xero on 3 Dec 2026"). */
export interface XeroChange {
  /** The facility record it belongs to (a payment in Xero that is not ours belongs to its invoice). */
  kind: RecordKind;
  recordId: number;
  what: string;
  /** Send ours again can put the facility's version back (an update, or a new payment); false for a void. */
  resendable: boolean;
  /** What the user does when it cannot be resent; the shared wording when absent. */
  fix?: string;
}

export interface XeroChangeReader {
  /** The collection read with If-Modified-Since (one paged GET per check, shared by the kinds that read it). */
  collection: XeroCollection;
  /** The differences between one page of changed Xero records (xero-node models) and the facility's synced records. */
  compare(db: Db, records: object[]): XeroChange[];
  /** Send ours again creates the record afresh (a payment Xero deleted cannot be put back): its link is forgotten first. */
  resendCreatesAnew?: boolean;
}

/** Keys per natural-key lookup request: a whole batch (50 elements) in one GET. */
export const LOOKUP_CHUNK = 50;
