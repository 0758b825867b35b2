/**
 * Payments -> Xero payments on the invoice (PUT /Payments). Xero does not allow a payment to be
 * edited: a reversed payment is deleted (POST /Payments/{id} with Status DELETED), a changed one
 * fails with what to do. A payment waits for its invoice. Natural key: the Reference
 * "FS-PAY:<facility payment id>", which is how a lost answer is found again.
 */
import type { Payment } from 'xero-node';
import type { Db } from '../../db/open-database';
import { PAYMENT_METHOD_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import { whereString } from '../../xero/api-client';
import type { XeroApiClient } from '../../xero/api-client';
import type { KindModule, Operation, PlannedItem, XeroChange, XeroChangeReader, XeroElement } from './kind-module';
import { centsToDecimal, missing, paymentAccountOf, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';
import { lockedPeriodFor } from '../locked-period';
import { documentBeforeStart, startDateFor } from '../start-date';
import { linkedRecords, money, onDay, toCents } from './xero-compare';

/** Payment Reference prefix: the facility payment id travels in the Reference so a lost response can be found again. */
export const PAYMENT_REFERENCE_PREFIX = 'FS-PAY:';

export function paymentReference(externalId: string): string {
  return `${PAYMENT_REFERENCE_PREFIX}${externalId}`;
}

interface PaymentData { external_id: string; paid_on: string; amount_cents: number; method: keyof typeof PAYMENT_METHOD_LABELS }

export function buildPaymentPayload(
  db: Db, paymentId: number, mapping: Mapping, invoiceXeroId: string, problems?: MappingProblems,
): PayloadResult<Payment> {
  const p = prepared(db, 'SELECT external_id, paid_on, amount_cents, method FROM payments WHERE id = ?').get(paymentId) as PaymentData | undefined;
  if (!p) return missing('payment', paymentId);
  const account = paymentAccountOf(mapping, p.method, `payment ${p.external_id}`, problems);
  if (!account.ok) return account;
  const accountId = account.payload;
  return {
    ok: true,
    payload: {
      invoice: { invoiceID: invoiceXeroId },
      account: { accountID: accountId },
      date: p.paid_on,
      amount: centsToDecimal(p.amount_cents),
      reference: paymentReference(p.external_id),
    },
  };
}

export const paymentKind: KindModule = {
  kind: 'payment',
  planner({ db, store, mapping, mappingProblems, lockedPeriod, startDate }) {
    const paymentInfo = db.prepare(
      `SELECT p.status AS status, p.invoice_id AS invoice_id, i.invoice_number AS invoice_number, i.status AS invoice_status, p.paid_on AS paid_on, i.issue_date AS invoice_date
       FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?`,
    );
    return (row) => {
      const p = paymentInfo.get(row.record_id) as { status: string; invoice_id: number; invoice_number: string; invoice_status: string; paid_on: string; invoice_date: string } | undefined;
      if (!p) return { type: 'fail', error: gone('payment') };
      const xeroId = store.xeroIdOf('payment', row.record_id);
      const start = xeroId ? null : startDateFor(startDate, p.paid_on, 'payment');
      if (start?.type === 'before') return start.outcome;
      const lock = lockedPeriodFor(lockedPeriod, p.paid_on);
      // A reversal removes the Xero payment, which keeps the date it was sent with: only a hold applies.
      if (lock.type === 'hold' && (xeroId || p.status !== 'reversed')) return lock.outcome;
      if (p.status === 'reversed') {
        if (xeroId) return { type: 'send', item: { row, op: 'delete', payload: null, xeroId } };
        return {
          type: 'exclude',
          error: { code: 'reversed_before_sync', explanation: 'This payment was reversed before it reached Xero, so there is nothing to send.', fix: 'Nothing to do.' },
        };
      }
      if (xeroId) {
        return {
          type: 'fail',
          error: {
            code: 'payment_locked',
            explanation: 'This payment changed after it reached Xero, and Xero does not allow payments to be edited.',
            fix: 'Reverse the payment in the facility system and record it again; Facility Sync then deletes the old one in Xero and sends the new one.',
          },
        };
      }
      if (p.invoice_status === 'void') {
        return {
          type: 'fail',
          error: {
            code: 'payment_on_void_invoice',
            explanation: `This payment is for invoice ${p.invoice_number}, which is void in the facility system; Xero does not take payments on a voided invoice.`,
            fix: 'Reverse the payment in the facility system, or record it against the invoice that replaces the void one, and import payments.csv again.',
          },
        };
      }
      const invoiceId = store.xeroIdOf('invoice', p.invoice_id);
      if (!invoiceId) {
        if (startDate && p.invoice_date < startDate) return documentBeforeStart(startDate, 'payment', `invoice ${p.invoice_number}`, p.invoice_date);
        return waitFor('invoice', p.invoice_number, 'payment');
      }
      const built = buildPaymentPayload(db, row.record_id, mapping, invoiceId, mappingProblems);
      if (!built.ok) return notBuilt(built);
      // The Reference stays exactly FS-PAY:<id>: it is the natural key a lost answer is found by (Reference==).
      if (lock.type === 'redate') built.payload.date = lock.date;
      return { type: 'send', item: { row, op: 'create', payload: built.payload } };
    };
  },
  send: sendPayments,
  xeroIdOf: (el) => (el as Payment).paymentID,
  naturalKey(db, recordId) {
    const id = prepared(db, 'SELECT external_id FROM payments WHERE id = ?').pluck().get(recordId) as string | undefined;
    return id === undefined ? null : paymentReference(id);
  },
  findByNaturalKey: findPaymentsByReference,
  report: {
    detailsSql: `SELECT p.id, p.external_id, t.name AS tenant_name, i.invoice_number AS reference, p.amount_cents, p.method AS payment_method,
                   xi.xero_id AS xero_invoice_id, 'payment' AS payment_type
            FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN tenants t ON t.id = i.tenant_id
            LEFT JOIN xero_links xi ON xi.kind = 'invoice' AND xi.record_id = p.invoice_id
            WHERE p.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM payments`,
    webUrl: (_xeroId, xeroInvoiceId) => (xeroInvoiceId ? `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${xeroInvoiceId}` : null),
  },
  externalIdSql: 'SELECT id FROM payments WHERE external_id = @v',
  xeroChanges: {
    collection: 'Payments',
    compare: comparePayments,
    // The payment Xero deleted is gone for good: ours goes again as a new payment (its natural key
    // lookup skips deleted payments, so exactly-once still holds).
    resendCreatesAnew: true,
  } satisfies XeroChangeReader,
};

const FOREIGN_PAYMENT_FIX =
  "If the tenant paid this, record the payment in the facility system and delete it in Xero, so that it is in Xero once; if it is not the tenant's, ask your accountant to remove it in Xero. Then choose Accept Xero's.";

/**
 * Changed payments in Xero: one of ours deleted there while the facility's stands, and a payment on
 * one of our invoices that Facility Sync did not send (a person keyed it in Xero), which is told on
 * the invoice's record. Refunds (payments of a credit note) are the refund kind's.
 */
function comparePayments(db: Db, records: object[]): XeroChange[] {
  const payments = records as Payment[];
  const ours = linkedRecords(db, 'payment', payments.map((p) => p.paymentID));
  const refunds = linkedRecords(db, 'refund', payments.map((p) => p.paymentID));
  const invoices = linkedRecords(db, 'invoice', payments.map((p) => p.invoice?.invoiceID));
  const facilityStatus = prepared(db, 'SELECT status FROM payments WHERE id = ?').pluck();
  const changes: XeroChange[] = [];
  for (const p of payments) {
    const deleted = String(p.status) === 'DELETED';
    const mine = ours.get(p.paymentID ?? '');
    if (mine) {
      if (deleted && mine.status === 'synced' && facilityStatus.get(mine.recordId) === 'completed') {
        changes.push({ kind: 'payment', recordId: mine.recordId, what: `Deleted in Xero${onDay(p.updatedDateUTC, mine.timeZone)}`, resendable: true });
      }
      continue;
    }
    // Ours but not linked yet (an answer lost in flight, settled by its natural key) is not foreign.
    if (deleted || refunds.has(p.paymentID ?? '') || (p.reference ?? '').startsWith(PAYMENT_REFERENCE_PREFIX)) continue;
    const inv = invoices.get(p.invoice?.invoiceID ?? '');
    if (!inv || inv.status !== 'synced') continue;
    changes.push({
      kind: 'invoice', recordId: inv.recordId, resendable: false, fix: FOREIGN_PAYMENT_FIX,
      what: `Payment of ${money(toCents(p.amount))} recorded in Xero that the facility does not have`,
    });
  }
  return changes;
}

/**
 * Payments and refunds are both Xero Payments: created in batches with PUT /Payments, never
 * edited, deleted one at a time (POST /Payments/{id} with Status DELETED).
 */
export async function sendPayments(client: XeroApiClient, op: Operation, items: PlannedItem[], key: string): Promise<XeroElement[]> {
  if (op === 'delete') {
    const res = await client.deletePayment(items[0]?.xeroId ?? '', key);
    return res.body.payments ?? [{ statusAttributeString: 'OK' }];
  }
  return (await client.createPayments(items.map((i) => i.payload as Payment), key)).body.payments ?? [];
}

/** Payments (and refunds) found by their Reference, which carries the facility id; deleted ones do not count. */
export async function findPaymentsByReference(client: XeroApiClient, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const res = await client.findPayments(keys.map((k) => `Reference==${whereString(k)}`).join(' OR '));
  for (const p of res.body.payments ?? []) {
    if (p.reference && p.paymentID && String(p.status) !== 'DELETED') out.set(p.reference, p.paymentID);
  }
  return out;
}
