/**
 * Allocations -> credit applied to an invoice in Xero: a credit note's (PUT
 * /CreditNotes/{id}/Allocations; a credit note that names an invoice, or a row of allocations.csv)
 * or a prepayment's (PUT /Overpayments/{id}/Allocations; rent paid ahead applied as each month's
 * invoice is issued, issue 14). It takes the invoice's amount due down.
 * An allocation waits for its source and its invoice; one request per allocation (the endpoint is
 * per source). Taken back (reversed, or the credit note or invoice voided) it is deleted
 * (DELETE .../Allocations/{AllocationID}); Xero does not edit allocations, so a changed one fails
 * with what to do. Natural key: source + invoice + amount + date, found on the source's
 * Allocations after a lost answer.
 */
import type { Allocation } from 'xero-node';
import type { XeroApiClient } from '../../xero/api-client';
import { XeroApiError } from '../../xero/xero-api-error';
import { xeroDay } from '../../xero/xero-date';
import { compareOverpaymentAllocations } from './prepayment-changes';
import type { KindModule, XeroElement } from './kind-module';
import { centsToDecimal, prepared } from './payload-helpers';
import { gone, waitFor } from './plan-outcomes';
import { lockedPeriodFor } from '../locked-period';
import { documentBeforeStart, startDateFor } from '../start-date';

/** Where the credit comes from in Xero: a credit note or an overpayment (a facility prepayment). */
type SourceKind = 'credit_note' | 'prepayment';
interface AllocationPayload { source: SourceKind; sourceId: string; allocation: Allocation }

interface AllocationData {
  status: string; amount_cents: number; allocated_on: string; credit_note_id: number | null; prepayment_id: number | null; invoice_id: number;
  credit_note_number: string | null; prepayment_ref: string | null; invoice_number: string; credit_note_date: string | null;
  prepayment_date: string | null; invoice_date: string;
}

/** The allocation's source as the planner needs it, or null when it names none. */
function sourceOf(a: AllocationData): { kind: SourceKind; id: number; label: string; date: string | null } | null {
  if (a.credit_note_id !== null && a.credit_note_number !== null) {
    return { kind: 'credit_note', id: a.credit_note_id, label: `credit note ${a.credit_note_number}`, date: a.credit_note_date };
  }
  if (a.prepayment_id !== null && a.prepayment_ref !== null) return { kind: 'prepayment', id: a.prepayment_id, label: `prepayment ${a.prepayment_ref}`, date: a.prepayment_date };
  return null;
}

export const allocationKind: KindModule = {
  kind: 'allocation',
  oneElementPerRequest: true,
  planner({ db, store, lockedPeriod, startDate }) {
    const info = db.prepare(
      `SELECT a.status, a.amount_cents, a.allocated_on, a.credit_note_id, a.prepayment_id, a.invoice_id, c.credit_note_number,
              p.external_id AS prepayment_ref, i.invoice_number, c.issue_date AS credit_note_date, p.paid_on AS prepayment_date,
              i.issue_date AS invoice_date
       FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN credit_notes c ON c.id = a.credit_note_id
       LEFT JOIN prepayments p ON p.id = a.prepayment_id WHERE a.id = ?`,
    );
    return (row) => {
      const a = info.get(row.record_id) as AllocationData | undefined;
      if (!a) return { type: 'fail', error: gone('allocation') };
      const source = sourceOf(a);
      if (!source) {
        return {
          type: 'fail',
          error: { code: 'allocation_source', explanation: 'This allocation names no credit note or prepayment to take the credit from.', fix: 'Name the credit note or the prepayment (payment_id) in allocations.csv and import it again.' },
        };
      }
      const xeroId = store.xeroIdOf('allocation', row.record_id);
      const sourceXeroId = store.xeroIdOf(source.kind, source.id);
      const start = xeroId ? null : startDateFor(startDate, a.allocated_on, 'credit allocation');
      if (start?.type === 'before') return start.outcome;
      const lock = lockedPeriodFor(lockedPeriod, a.allocated_on);
      if (lock.type === 'hold' && (xeroId || (a.status !== 'reversed' && a.amount_cents !== 0))) return lock.outcome;
      if (a.status === 'reversed' || a.amount_cents === 0) {
        if (xeroId && sourceXeroId) {
          const payload: AllocationPayload = { source: source.kind, sourceId: sourceXeroId, allocation: { allocationID: xeroId, invoice: {}, amount: 0, date: a.allocated_on } };
          return { type: 'send', item: { row, op: 'delete', payload, xeroId } };
        }
        return {
          type: 'exclude',
          error: { code: 'reversed_before_sync', explanation: 'This credit was taken back before it reached Xero, so there is nothing to send.', fix: 'Nothing to do.' },
        };
      }
      if (xeroId) {
        return {
          type: 'fail',
          error: {
            code: 'allocation_locked',
            explanation: `The credit from ${source.label} applied to invoice ${a.invoice_number} changed after it reached Xero, and Xero does not allow an allocation to be edited.`,
            fix: source.kind === 'credit_note'
              ? 'Void the credit note in the facility system and issue a new one; Facility Sync then takes the old credit back in Xero and applies the new one.'
              : 'Reverse the allocation in the facility system (status reversed in allocations.csv) and record it again under a new allocation_id; Facility Sync then takes the old one back in Xero and applies the new one.',
          },
        };
      }
      if (!sourceXeroId) {
        if (startDate && source.date && source.date < startDate) return documentBeforeStart(startDate, 'credit allocation', source.label, source.date);
        return waitFor(source.kind, (a.credit_note_number ?? a.prepayment_ref) as string, 'allocation');
      }
      const invoiceId = store.xeroIdOf('invoice', a.invoice_id);
      if (!invoiceId) {
        if (startDate && a.invoice_date < startDate) return documentBeforeStart(startDate, 'credit allocation', `invoice ${a.invoice_number}`, a.invoice_date);
        return waitFor('invoice', a.invoice_number, 'allocation');
      }
      const payload: AllocationPayload = {
        source: source.kind,
        sourceId: sourceXeroId,
        allocation: { invoice: { invoiceID: invoiceId }, amount: centsToDecimal(a.amount_cents), date: lock.type === 'redate' ? lock.date : a.allocated_on },
      };
      return { type: 'send', item: { row, op: 'create', payload } };
    };
  },
  async send(client, op, items, key) {
    const item = items[0];
    if (!item) return [];
    const { source, sourceId, allocation } = item.payload as AllocationPayload;
    if (op === 'delete') {
      try {
        if (source === 'prepayment') await client.deleteOverpaymentAllocation(sourceId, item.xeroId ?? '');
        else await client.deleteCreditNoteAllocation(sourceId, item.xeroId ?? '');
      } catch (err) {
        // Already gone (a repeat after a lost answer): what was asked for holds.
        if (!(err instanceof XeroApiError && err.status === 404)) throw err;
      }
      return [{ statusAttributeString: 'OK' }];
    }
    const res = source === 'prepayment'
      ? await client.allocateOverpayment(sourceId, [allocation], key)
      : await client.allocateCreditNote(sourceId, [allocation], key);
    return (res.body.allocations ?? []) as XeroElement[];
  },
  xeroIdOf: (el) => (el as Allocation).allocationID,
  naturalKey(db, recordId) {
    const r = prepared(
      db,
      `SELECT COALESCE(xc.xero_id, xp.xero_id) AS source, xp.xero_id AS prepayment, xi.xero_id AS invoice, a.amount_cents, a.allocated_on
       FROM allocations a
       LEFT JOIN xero_links xc ON xc.kind = 'credit_note' AND xc.record_id = a.credit_note_id
       LEFT JOIN xero_links xp ON xp.kind = 'prepayment' AND xp.record_id = a.prepayment_id
       JOIN xero_links xi ON xi.kind = 'invoice' AND xi.record_id = a.invoice_id WHERE a.id = ?`,
    ).get(recordId) as { source: string | null; prepayment: string | null; invoice: string; amount_cents: number; allocated_on: string } | undefined;
    if (!r?.source) return null;
    // A credit note's key keeps its original form [creditNote, invoice, amount, day]; a prepayment's is marked.
    const source = r.prepayment ? `${OVERPAYMENT_MARK}${r.prepayment}` : r.source;
    return allocationKey(source, r.invoice, centsToDecimal(r.amount_cents), r.allocated_on);
  },
  async findByNaturalKey(client, keys) {
    const out = new Map<string, string>();
    const sources = new Set(keys.map((k) => (JSON.parse(k) as string[])[0] as string));
    for (const source of sources) {
      const found = (await allocationsOf(client, source)).filter((a) => a.allocationID && !a.isDeleted);
      const taken = new Set<string>();
      // First the allocations on the record's own date, then one posted later: a record dated in a
      // locked period may have been sent on the first open date (locked-period.ts), which the key cannot know.
      for (const exact of [true, false]) {
        for (const a of found) {
          const day = xeroDay(a.date) ?? '';
          const key = keys.find((k) => {
            const [keySource, inv, amount, keyDay] = JSON.parse(k) as string[];
            return !out.has(k) && keySource === source && inv === (a.invoice?.invoiceID ?? '') && amount === Number(a.amount).toFixed(2)
              && (exact ? day === keyDay : day > (keyDay ?? ''));
          });
          if (key && !taken.has(a.allocationID as string)) {
            out.set(key, a.allocationID as string);
            taken.add(a.allocationID as string);
          }
        }
      }
    }
    return out;
  },
  report: {
    detailsSql: `SELECT a.id, a.external_id, t.name AS tenant_name,
                   COALESCE(c.credit_note_number, p.external_id, '') || ' -> ' || i.invoice_number AS reference,
                   a.amount_cents, NULL AS payment_method, xi.xero_id AS xero_invoice_id
            FROM allocations a JOIN invoices i ON i.id = a.invoice_id JOIN tenants t ON t.id = i.tenant_id
            LEFT JOIN credit_notes c ON c.id = a.credit_note_id LEFT JOIN prepayments p ON p.id = a.prepayment_id
            LEFT JOIN xero_links xi ON xi.kind = 'invoice' AND xi.record_id = a.invoice_id
            WHERE a.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM allocations`,
    webUrl: (_xeroId, xeroInvoiceId) => (xeroInvoiceId ? `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${xeroInvoiceId}` : null),
  },
  externalIdSql: 'SELECT id FROM allocations WHERE external_id = @v',
  xeroChanges: { collection: 'Overpayments', compare: compareOverpaymentAllocations, resendCreatesAnew: true },
};

function allocationKey(source: string, invoiceId: string, amount: number, day: string): string {
  return JSON.stringify([source, invoiceId, amount.toFixed(2), day]);
}

/** Marks a natural key's source as an overpayment (a facility prepayment) rather than a credit note. */
const OVERPAYMENT_MARK = 'overpayment:';

/** The allocations Xero holds on a key's source: a credit note's, or an overpayment's. */
async function allocationsOf(client: XeroApiClient, source: string): Promise<Allocation[]> {
  if (source.startsWith(OVERPAYMENT_MARK)) {
    return (await client.getOverpayment(source.slice(OVERPAYMENT_MARK.length))).body.overpayments?.[0]?.allocations ?? [];
  }
  return (await client.getCreditNote(source)).body.creditNotes?.[0]?.allocations ?? [];
}
