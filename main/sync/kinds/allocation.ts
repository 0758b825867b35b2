/**
 * Allocations -> credit applied to an invoice in Xero (PUT /CreditNotes/{id}/Allocations): a
 * credit note that names an invoice takes that invoice's amount due down by up to its total.
 * An allocation waits for its credit note and its invoice; one request per allocation (the
 * endpoint is per credit note). Taken back (the credit note or invoice voided) it is deleted
 * (DELETE .../Allocations/{AllocationID}); Xero does not edit allocations, so a changed one fails
 * with what to do. Natural key: credit note + invoice + amount + date, found on the credit note's
 * Allocations after a lost answer.
 */
import type { Allocation } from 'xero-node';
import { XeroApiError } from '../../xero/xero-api-error';
import { xeroDay } from '../../xero/xero-date';
import type { KindModule, XeroElement } from './kind-module';
import { centsToDecimal, prepared } from './payload-helpers';
import { gone, waitFor } from './plan-outcomes';
import { lockedPeriodFor } from '../locked-period';
import { documentBeforeStart, startDateFor } from '../start-date';

interface AllocationPayload { creditNoteId: string; allocation: Allocation }

interface AllocationData {
  status: string; amount_cents: number; allocated_on: string; credit_note_id: number | null; invoice_id: number;
  credit_note_number: string | null; invoice_number: string; credit_note_date: string | null; invoice_date: string;
}

export const allocationKind: KindModule = {
  kind: 'allocation',
  oneElementPerRequest: true,
  planner({ db, store, lockedPeriod, startDate }) {
    const info = db.prepare(
      `SELECT a.status, a.amount_cents, a.allocated_on, a.credit_note_id, a.invoice_id, c.credit_note_number, i.invoice_number,
              c.issue_date AS credit_note_date, i.issue_date AS invoice_date
       FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN credit_notes c ON c.id = a.credit_note_id WHERE a.id = ?`,
    );
    return (row) => {
      const a = info.get(row.record_id) as AllocationData | undefined;
      if (!a) return { type: 'fail', error: gone('allocation') };
      if (a.credit_note_id === null || a.credit_note_number === null) {
        return {
          type: 'fail',
          error: { code: 'allocation_source', explanation: 'This allocation names no credit note; only credit notes can be applied to invoices so far.', fix: 'Name the credit note in the facility system and import again.' },
        };
      }
      const xeroId = store.xeroIdOf('allocation', row.record_id);
      const creditNoteId = store.xeroIdOf('credit_note', a.credit_note_id);
      const start = xeroId ? null : startDateFor(startDate, a.allocated_on, 'credit allocation');
      if (start?.type === 'before') return start.outcome;
      const lock = lockedPeriodFor(lockedPeriod, a.allocated_on);
      if (lock.type === 'hold' && (xeroId || (a.status !== 'reversed' && a.amount_cents !== 0))) return lock.outcome;
      if (a.status === 'reversed' || a.amount_cents === 0) {
        if (xeroId && creditNoteId) {
          const payload: AllocationPayload = { creditNoteId, allocation: { allocationID: xeroId, invoice: {}, amount: 0, date: a.allocated_on } };
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
            explanation: `The credit from credit note ${a.credit_note_number} applied to invoice ${a.invoice_number} changed after it reached Xero, and Xero does not allow an allocation to be edited.`,
            fix: 'Void the credit note in the facility system and issue a new one; Facility Sync then takes the old credit back in Xero and applies the new one.',
          },
        };
      }
      if (!creditNoteId) {
        if (startDate && a.credit_note_date && a.credit_note_date < startDate) {
          return documentBeforeStart(startDate, 'credit allocation', `credit note ${a.credit_note_number}`, a.credit_note_date);
        }
        return waitFor('credit_note', a.credit_note_number, 'allocation');
      }
      const invoiceId = store.xeroIdOf('invoice', a.invoice_id);
      if (!invoiceId) {
        if (startDate && a.invoice_date < startDate) return documentBeforeStart(startDate, 'credit allocation', `invoice ${a.invoice_number}`, a.invoice_date);
        return waitFor('invoice', a.invoice_number, 'allocation');
      }
      const payload: AllocationPayload = {
        creditNoteId,
        allocation: { invoice: { invoiceID: invoiceId }, amount: centsToDecimal(a.amount_cents), date: lock.type === 'redate' ? lock.date : a.allocated_on },
      };
      return { type: 'send', item: { row, op: 'create', payload } };
    };
  },
  async send(client, op, items, key) {
    const item = items[0];
    if (!item) return [];
    const { creditNoteId, allocation } = item.payload as AllocationPayload;
    if (op === 'delete') {
      try {
        await client.deleteCreditNoteAllocation(creditNoteId, item.xeroId ?? '');
      } catch (err) {
        // Already gone (a repeat after a lost answer): what was asked for holds.
        if (!(err instanceof XeroApiError && err.status === 404)) throw err;
      }
      return [{ statusAttributeString: 'OK' }];
    }
    return ((await client.allocateCreditNote(creditNoteId, [allocation], key)).body.allocations ?? []) as XeroElement[];
  },
  xeroIdOf: (el) => (el as Allocation).allocationID,
  naturalKey(db, recordId) {
    const r = prepared(
      db,
      `SELECT xc.xero_id AS credit_note, xi.xero_id AS invoice, a.amount_cents, a.allocated_on FROM allocations a
       JOIN xero_links xc ON xc.kind = 'credit_note' AND xc.record_id = a.credit_note_id
       JOIN xero_links xi ON xi.kind = 'invoice' AND xi.record_id = a.invoice_id WHERE a.id = ?`,
    ).get(recordId) as { credit_note: string; invoice: string; amount_cents: number; allocated_on: string } | undefined;
    return r ? allocationKey(r.credit_note, r.invoice, centsToDecimal(r.amount_cents), r.allocated_on) : null;
  },
  async findByNaturalKey(client, keys) {
    const out = new Map<string, string>();
    const creditNotes = new Set(keys.map((k) => (JSON.parse(k) as string[])[0] as string));
    for (const creditNoteId of creditNotes) {
      const res = await client.getCreditNote(creditNoteId);
      const found = (res.body.creditNotes?.[0]?.allocations ?? []).filter((a) => a.allocationID && !a.isDeleted);
      const taken = new Set<string>();
      // First the allocations on the record's own date, then one posted later: a record dated in a
      // locked period may have been sent on the first open date (locked-period.ts), which the key cannot know.
      for (const exact of [true, false]) {
        for (const a of found) {
          const day = xeroDay(a.date) ?? '';
          const key = keys.find((k) => {
            const [cn, inv, amount, keyDay] = JSON.parse(k) as string[];
            return !out.has(k) && cn === creditNoteId && inv === (a.invoice?.invoiceID ?? '') && amount === Number(a.amount).toFixed(2)
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
    detailsSql: `SELECT a.id, a.external_id, t.name AS tenant_name, COALESCE(c.credit_note_number, '') || ' -> ' || i.invoice_number AS reference,
                   a.amount_cents, NULL AS payment_method, xi.xero_id AS xero_invoice_id
            FROM allocations a JOIN invoices i ON i.id = a.invoice_id JOIN tenants t ON t.id = i.tenant_id
            LEFT JOIN credit_notes c ON c.id = a.credit_note_id
            LEFT JOIN xero_links xi ON xi.kind = 'invoice' AND xi.record_id = a.invoice_id
            WHERE a.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM allocations`,
    webUrl: (_xeroId, xeroInvoiceId) => (xeroInvoiceId ? `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${xeroInvoiceId}` : null),
  },
  externalIdSql: 'SELECT id FROM allocations WHERE external_id = @v',
};

function allocationKey(creditNoteId: string, invoiceId: string, amount: number, day: string): string {
  return JSON.stringify([creditNoteId, invoiceId, amount.toFixed(2), day]);
}
