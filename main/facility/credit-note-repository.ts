import type { RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { contentHash, createPlaceFollower, type SyncPlace } from '../sync/records/record-change';
import { allocationHash, refundHash } from './content-hashes';
import { createLineSet, hashedLines, lineAmount } from './line-set';
import { createIdLookup, createUpsert } from './upsert';
import type { AllocationRow, CreditNoteLineRow, CreditNoteRow, InvoiceStatus, PaymentStatus, RefundRow, UpsertOutcome } from './types';

type Place = Omit<SyncPlace, 'record_date'>;
type Recorder = (kind: RecordKind, recordId: number, hash: string, place: SyncPlace) => boolean;

const ALLOCATION_COLUMNS = ['credit_note_id', 'prepayment_id', 'invoice_id', 'amount_cents', 'allocated_on', 'status', 'updated_at'] as const;

/** The allocation a credit note applied to an invoice becomes: one per credit note, found by this key. */
export const allocationKeyOf = (creditNoteExternalId: string) => `CN:${creditNoteExternalId}`;

type StoredCreditNote = CreditNoteRow & { id: number; total_cents: number };
type StoredAllocation = AllocationRow & { id: number };
/** A credit note's credit: its total, and what of it is applied to invoices (completed allocations; `invoice` names one of them). */
export interface CreditHeld {
  external_id: string; status: InvoiceStatus; total_cents: number; tenant_id: number; tenant: string; allocated: number; invoice: string | null;
}

function withoutId({ id: _id, ...row }: StoredAllocation): AllocationRow {
  return row;
}

/**
 * Credit notes (with their lines), the allocations derived from them and their refunds: upsert by
 * external id, and the sync state of each (docs/record-kinds.md step 3). Part of the facility
 * repository; `invoicePlace` is where an invoice is reported (its allocations are reported there).
 */
export function createCreditNoteRepository(
  db: Db, record: Recorder, invoicePlace: (invoiceId: number) => Place, prepaymentPlace: (prepaymentId: number) => Place,
) {
  const upsertCreditNoteRow = createUpsert<CreditNoteRow>(db, 'credit_notes', [
    'credit_note_number', 'tenant_id', 'invoice_id', 'unit_id', 'issue_date', 'reason', 'status', 'updated_at',
  ]);
  const upsertRefundRow = createUpsert<RefundRow>(db, 'refunds', [
    'credit_note_id', 'prepayment_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference', 'updated_at',
  ]);
  const upsertAllocationRow = createUpsert<AllocationRow>(db, 'allocations', ALLOCATION_COLUMNS);
  const lineSet = createLineSet(db, 'credit_note_lines', 'credit_note_id');
  const creditNoteById = db.prepare('SELECT * FROM credit_notes WHERE id = ?');
  const setTotal = db.prepare('UPDATE credit_notes SET total_cents = ? WHERE id = ? AND total_cents IS NOT ?');
  const creditNotePlace = db.prepare(
    `SELECT COALESCE(b.location_id, t.location_id) AS location_id, u.building_id AS building_id
     FROM credit_notes c JOIN tenants t ON t.id = c.tenant_id
     LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN buildings b ON b.id = u.building_id WHERE c.id = ?`,
  );
  const allocationByKey = db.prepare('SELECT * FROM allocations WHERE external_id = ?');
  const completedAllocationsOn = db.prepare("SELECT * FROM allocations WHERE invoice_id = ? AND status = 'completed'");
  const completedAllocationsFrom = db.prepare("SELECT * FROM allocations WHERE credit_note_id = ? AND status = 'completed'");
  // What is still due on an invoice, apart from the allocation being computed (@self).
  const invoiceDue = db.prepare(
    `SELECT i.status, i.total_cents
       - (SELECT COALESCE(sum(amount_cents), 0) FROM payments WHERE invoice_id = i.id AND status = 'completed')
       - (SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE invoice_id = i.id AND status = 'completed' AND external_id <> @self) AS due
     FROM invoices i WHERE i.id = @invoice_id`,
  );
  // What the credit note's other completed allocations (allocations.csv, issue 14) already took from it.
  const otherAllocationsOf = db.prepare(
    "SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE credit_note_id = ? AND status = 'completed' AND external_id <> ?",
  ).pluck();
  const refundsOf = db.prepare("SELECT external_id, amount_cents FROM refunds WHERE credit_note_id = ? AND status = 'completed'");
  // Every completed allocation of the credit note: the one derived from its invoice_id and those of allocations.csv (issue 14).
  const creditOf = db.prepare(
    `SELECT c.external_id, c.status, c.total_cents, c.tenant_id, (SELECT external_id FROM tenants WHERE id = c.tenant_id) AS tenant,
       (SELECT COALESCE(sum(a.amount_cents), 0) FROM allocations a WHERE a.credit_note_id = c.id AND a.status = 'completed') AS allocated,
       (SELECT i.external_id FROM allocations a JOIN invoices i ON i.id = a.invoice_id
        WHERE a.credit_note_id = c.id AND a.status = 'completed' ORDER BY a.id LIMIT 1) AS invoice
     FROM credit_notes c WHERE c.id = ?`,
  );
  // Refunds are reported under their credit note's place, allocations under their invoice's.
  const moveRefunds = createPlaceFollower(db, 'refund', 'SELECT id FROM refunds WHERE credit_note_id = @parent_id');
  const moveAllocations = createPlaceFollower(db, 'allocation', 'SELECT id FROM allocations WHERE invoice_id = @parent_id');

  function writeAllocation(row: AllocationRow): { id: number; outcome: UpsertOutcome } {
    const written = upsertAllocationRow(row);
    if (written.outcome !== 'unchanged') record('allocation', written.id, allocationHash(row), { ...invoicePlace(row.invoice_id), record_date: row.allocated_on });
    return written;
  }

  /**
   * The allocation a credit note applied to an invoice becomes: as much of the credit as the
   * invoice still has due (its total less completed payments and other completed allocations).
   * Reversed when the credit note or the invoice is void, the invoice is no longer named, or nothing
   * is due; a reversal keeps the amount last computed (what Xero was given).
   */
  function refreshAllocation(cn: StoredCreditNote): void {
    const key = allocationKeyOf(cn.external_id);
    const old = allocationByKey.get(key) as StoredAllocation | undefined;
    if (!old && cn.invoice_id === null) return;
    const base = { external_id: key, credit_note_id: cn.id, prepayment_id: null, allocated_on: cn.issue_date, updated_at: cn.updated_at };
    if (cn.invoice_id === null) {
      writeAllocation({ ...withoutId(old as StoredAllocation), ...base, status: 'reversed' });
      return;
    }
    const invoice = invoiceDue.get({ invoice_id: cn.invoice_id, self: key }) as { status: InvoiceStatus; due: number };
    // As much as the invoice has due, from what the credit note's other allocations left of it.
    const fresh = Math.max(0, Math.min(cn.total_cents - (otherAllocationsOf.get(cn.id, key) as number), invoice.due));
    const live = cn.status === 'open' && invoice.status === 'open' && fresh > 0;
    const status: PaymentStatus = live ? 'completed' : 'reversed';
    if (live || !old) writeAllocation({ ...base, invoice_id: cn.invoice_id, amount_cents: fresh, status });
    else writeAllocation({ ...withoutId(old), ...base, status });
  }

  function refreshCreditNote(creditNoteId: number): void {
    const cn = creditNoteById.get(creditNoteId) as StoredCreditNote | undefined;
    if (!cn) return;
    const lines = lineSet.lines(creditNoteId);
    const total = lines.reduce((sum, l) => sum + lineAmount(l), 0);
    setTotal.run(total, creditNoteId, total);
    const place = creditNotePlace.get(creditNoteId) as Place;
    const hash = contentHash({
      external_id: cn.external_id, credit_note_number: cn.credit_note_number, tenant_id: cn.tenant_id, invoice_id: cn.invoice_id,
      unit_id: cn.unit_id, issue_date: cn.issue_date, reason: cn.reason, status: cn.status, lines: hashedLines(lines),
    });
    record('credit_note', creditNoteId, hash, { ...place, record_date: cn.issue_date });
    moveRefunds(creditNoteId, place);
    refreshAllocation({ ...cn, total_cents: total });
    // A void credit note takes back all the credit it applied, allocations.csv's too (issue 14), as a void invoice does.
    if (cn.status === 'void') {
      for (const a of completedAllocationsFrom.all(creditNoteId) as StoredAllocation[]) writeAllocation({ ...withoutId(a), status: 'reversed', updated_at: cn.updated_at });
    }
  }

  // A credit note whose refresh waits for its lines file (migration 011, csv-credit-files.ts).
  const mark = db.prepare("INSERT OR IGNORE INTO import_refresh (kind, record_id) VALUES ('credit_note', ?)");
  const unmark = db.prepare("DELETE FROM import_refresh WHERE kind = 'credit_note' AND record_id = ?");
  const marked = db.prepare("SELECT record_id FROM import_refresh WHERE kind = 'credit_note' ORDER BY record_id").pluck();

  return {
    /**
     * With `linesFollow` (a credit_note_lines.csv of the same import comes next) a changed credit note
     * is only marked, and refreshed once with its lines by replaceCreditNoteLines or refreshMarkedCreditNotes.
     */
    upsertCreditNote(row: CreditNoteRow, options: { linesFollow?: boolean } = {}): { id: number; outcome: UpsertOutcome } {
      const { id, outcome } = upsertCreditNoteRow(row);
      if (outcome !== 'unchanged') {
        if (options.linesFollow) mark.run(id);
        else refreshCreditNote(id);
      }
      return { id, outcome };
    },

    /** Refreshes every marked credit note (its lines file did not list it, or was not imported) and clears the marks. */
    refreshMarkedCreditNotes(): void {
      for (const id of marked.all() as number[]) {
        refreshCreditNote(id);
        unmark.run(id);
      }
    },

    /** Header and lines together (demo data): one refresh per credit note. */
    upsertCreditNoteWithLines(row: CreditNoteRow, lines: readonly CreditNoteLineRow[]): { id: number; outcomes: UpsertOutcome[] } {
      const { id, outcome } = upsertCreditNoteRow(row);
      const written = lineSet.write(id, lines);
      if (written.changed || outcome !== 'unchanged') refreshCreditNote(id);
      return { id, outcomes: [outcome, ...written.outcomes] };
    },

    /** The given lines become the credit note's complete set of lines. Returns one outcome per line. */
    replaceCreditNoteLines(creditNoteId: number, lines: readonly CreditNoteLineRow[]): UpsertOutcome[] {
      const { outcomes, changed } = lineSet.write(creditNoteId, lines);
      // Its header may have changed in the credit_notes.csv before (marked): refreshed once, here.
      const wasMarked = unmark.run(creditNoteId).changes > 0;
      if (changed || wasMarked) refreshCreditNote(creditNoteId);
      return outcomes;
    },

    /** A refund out of a credit note (reported under its place) or, issue 14, out of a prepayment (under its tenant's). */
    upsertRefund(row: RefundRow): { id: number; outcome: UpsertOutcome } {
      const { id, outcome } = upsertRefundRow(row);
      if (outcome === 'unchanged') return { id, outcome };
      // The hash covers only what is sent: a reference-only change leaves the refund as synced.
      const place = row.prepayment_id ? prepaymentPlace(row.prepayment_id) : (creditNotePlace.get(row.credit_note_id) as Place);
      record('refund', id, refundHash(row), { ...place, record_date: row.paid_on });
      return { id, outcome };
    },

    /** An allocations.csv row (issue 14): a prepayment or a credit note applied to an invoice, reported under the invoice's place. */
    upsertAllocation: writeAllocation,
    /** The stored allocation with this facility id: its source and invoice (an allocation never moves). */
    allocationOf: ((stmt) => (externalId: string) => stmt.get(externalId) as
      { credit_note_id: number | null; prepayment_id: number | null; invoice_id: number; invoice: string } | undefined)(
      db.prepare('SELECT a.credit_note_id, a.prepayment_id, a.invoice_id, i.external_id AS invoice FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.external_id = ?'),
    ),

    /** An invoice that became void takes back the credit applied to it: its allocations are reversed. */
    reverseAllocationsOn(invoiceId: number, updatedAt: string): void {
      for (const a of completedAllocationsOn.all(invoiceId) as StoredAllocation[]) {
        writeAllocation({ ...withoutId(a), status: 'reversed', updated_at: updatedAt });
      }
    },

    /** Allocations are reported under their invoice's place: they follow it when it moves. */
    moveAllocations,

    findCreditNote: createIdLookup(db, 'credit_notes'),
    /** The facility id of the credit note that already has this number, if any. */
    creditNoteWithNumber: ((stmt) => (n: string) => stmt.get(n) as string | undefined)(
      db.prepare('SELECT external_id FROM credit_notes WHERE credit_note_number = ?').pluck(),
    ),
    /** The credit note a line already belongs to, by the line's external id. */
    findLineCreditNote: ((stmt) => (externalId: string) => stmt.get(externalId) as number | undefined)(
      db.prepare('SELECT credit_note_id FROM credit_note_lines WHERE external_id = ?').pluck(),
    ),
    /** The tenant an invoice belongs to (internal id and facility id), and the invoice's status. */
    invoiceTenant: ((stmt) => (invoiceId: number) => stmt.get(invoiceId) as { id: number; external_id: string; status: InvoiceStatus } | undefined)(
      db.prepare('SELECT t.id, t.external_id, i.status FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?'),
    ),
    /** What a credit note holds for refunds: its total less its completed allocation (nothing once void). */
    creditOf: (creditNoteId: number) => creditOf.get(creditNoteId) as CreditHeld,
    /** A credit note's completed refunds as stored. */
    completedRefunds: (creditNoteId: number) => refundsOf.all(creditNoteId) as { external_id: string; amount_cents: number }[],
  };
}
