/**
 * Prepayments -> Xero overpayments (issue 14; docs/prepayments.md says why not Xero prepayments):
 * money a tenant paid before it was owed (rent months ahead, a deposit taken as credit), received
 * into the bank account of its method (Paid to Account) as unapplied credit on the contact, with no
 * tax: the GST is on each month's invoice, to which allocations then apply the credit.
 * PUT /BankTransactions of Type RECEIVE-OVERPAYMENT; the link keeps the OverpaymentID (Xero gives the
 * bank transaction the same id). Xero does not edit an overpayment: a reversed one is deleted (POST
 * /BankTransactions/{id} Status DELETED) once nothing is applied to it any more, a changed one fails
 * with what to do. A prepayment waits for its tenant. Natural key: the Reference
 * "FS-PRE:<facility payment id>", looked up among the RECEIVE-OVERPAYMENT bank transactions.
 */
import { BankTransaction, LineAmountTypes, type BankTransaction as BankTransactionModel } from 'xero-node';
import type { Db } from '../../db/open-database';
import { PAYMENT_METHOD_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import { whereString, type XeroApiClient } from '../../xero/api-client';
import { currencyOf } from './document-lines';
import { prepaymentReference } from './prepayment-reference';
import { comparePrepayments } from './prepayment-changes';
import type { KindModule, XeroElement } from './kind-module';
import { centsToDecimal, missing, paymentAccountOf, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';
import { lockedPeriodFor } from '../locked-period';
import { startDateFor } from '../start-date';

export { PREPAYMENT_REFERENCE_PREFIX, prepaymentReference } from './prepayment-reference';

interface PrepaymentData {
  external_id: string; paid_on: string; amount_cents: number; method: keyof typeof PAYMENT_METHOD_LABELS; currency: string;
}

export function buildPrepaymentPayload(
  db: Db, prepaymentId: number, mapping: Mapping, contactXeroId: string, problems?: MappingProblems,
): PayloadResult<BankTransactionModel> {
  const p = prepared(
    db,
    `SELECT p.external_id, p.paid_on, p.amount_cents, p.method, l.currency
     FROM prepayments p JOIN tenants t ON t.id = p.tenant_id JOIN locations l ON l.id = t.location_id WHERE p.id = ?`,
  ).get(prepaymentId) as PrepaymentData | undefined;
  if (!p) return missing('prepayment', prepaymentId);
  const account = paymentAccountOf(mapping, p.method, `prepayment ${p.external_id}`, problems);
  if (!account.ok) return account;
  const accountId = account.payload;
  const currency = currencyOf({ currency: p.currency, label: `Prepayment ${p.external_id}` });
  if (!currency.ok) return currency;
  const amount = centsToDecimal(p.amount_cents);
  return {
    ok: true,
    payload: {
      type: BankTransaction.TypeEnum.RECEIVEOVERPAYMENT,
      contact: { contactID: contactXeroId },
      bankAccount: { accountID: accountId },
      date: p.paid_on,
      reference: prepaymentReference(p.external_id),
      currencyCode: currency.payload,
      lineAmountTypes: LineAmountTypes.NoTax,
      lineItems: [{ description: `Paid in advance (facility payment ${p.external_id})`, quantity: 1, unitAmount: amount, lineAmount: amount }],
    },
  };
}

interface PlanData { status: string; tenant_id: number; tenant_ref: string; paid_on: string }

/** What is applied to the prepayment in Xero (linked allocations and refunds): it is deleted only when none is left. */
const APPLIED_IN_XERO = `
  SELECT 'allocation' AS what, a.external_id AS ref FROM allocations a JOIN xero_links x ON x.kind = 'allocation' AND x.record_id = a.id
  WHERE a.prepayment_id = @id
  UNION ALL
  SELECT 'refund', r.external_id FROM refunds r JOIN xero_links x ON x.kind = 'refund' AND x.record_id = r.id WHERE r.prepayment_id = @id
  LIMIT 1`;

export const prepaymentKind: KindModule = {
  kind: 'prepayment',
  planner({ db, store, mapping, mappingProblems, lockedPeriod, startDate }) {
    const info = db.prepare(
      `SELECT p.status, p.tenant_id, t.external_id AS tenant_ref, p.paid_on FROM prepayments p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = ?`,
    );
    return (row) => {
      const p = info.get(row.record_id) as PlanData | undefined;
      if (!p) return { type: 'fail', error: gone('prepayment') };
      const xeroId = store.xeroIdOf('prepayment', row.record_id);
      const start = xeroId ? null : startDateFor(startDate, p.paid_on, 'prepayment');
      if (start?.type === 'before') return start.outcome;
      const lock = lockedPeriodFor(lockedPeriod, p.paid_on);
      if (lock.type === 'hold' && (xeroId || p.status !== 'reversed')) return lock.outcome;
      if (p.status === 'reversed') {
        if (!xeroId) {
          return {
            type: 'exclude',
            error: { code: 'reversed_before_sync', explanation: 'This prepayment was reversed before it reached Xero, so there is nothing to send.', fix: 'Nothing to do.' },
          };
        }
        const applied = prepared(db, APPLIED_IN_XERO).get({ id: row.record_id }) as { what: string; ref: string } | undefined;
        if (applied) {
          return {
            type: 'wait',
            error: {
              code: 'waiting_for_removal',
              explanation: `Waiting for ${applied.what} ${applied.ref} to be removed from Xero; Xero deletes a prepayment only when nothing is applied to it.`,
              fix: `Nothing to do if the ${applied.what} is reversed in the facility system (its removal is sent first); otherwise reverse it and import again.`,
            },
          };
        }
        return { type: 'send', item: { row, op: 'delete', payload: null, xeroId } };
      }
      if (xeroId) {
        return {
          type: 'fail',
          error: {
            code: 'payment_locked',
            explanation: 'This prepayment changed after it reached Xero, and Xero does not allow a prepayment (an overpayment in Xero) to be edited.',
            fix: 'Reverse the prepayment in the facility system and record it again; Facility Sync then deletes the old one in Xero and sends the new one.',
          },
        };
      }
      const contactId = store.xeroIdOf('tenant', p.tenant_id);
      // A tenant with a prepayment on or after the start date is sent (tenant.ts): the prepayment waits for it.
      if (!contactId) return waitFor('tenant', p.tenant_ref, 'prepayment');
      const built = buildPrepaymentPayload(db, row.record_id, mapping, contactId, mappingProblems);
      if (!built.ok) return notBuilt(built);
      // The Reference stays exactly FS-PRE:<id>: it is the natural key a lost answer is found by.
      if (lock.type === 'redate') built.payload.date = lock.date;
      return { type: 'send', item: { row, op: 'create', payload: built.payload } };
    };
  },
  async send(client, op, items, key) {
    if (op === 'delete') {
      const res = await client.deleteOverpayment(items[0]?.xeroId ?? '', key);
      return (res.body.bankTransactions ?? [{ statusAttributeString: 'OK' }]) as XeroElement[];
    }
    return ((await client.createOverpayments(items.map((i) => i.payload as BankTransactionModel), key)).body.bankTransactions ?? []) as XeroElement[];
  },
  xeroIdOf: (el) => (el as BankTransactionModel).overpaymentID ?? (el as BankTransactionModel).bankTransactionID,
  naturalKey(db, recordId) {
    const id = prepared(db, 'SELECT external_id FROM prepayments WHERE id = ?').pluck().get(recordId) as string | undefined;
    return id === undefined ? null : prepaymentReference(id);
  },
  findByNaturalKey: findOverpaymentsByReference,
  report: {
    detailsSql: `SELECT p.id, p.external_id, t.name AS tenant_name, CASE WHEN p.reference = '' THEN 'Paid in advance' ELSE p.reference END AS reference, p.amount_cents, p.method AS payment_method,
                   NULL AS xero_invoice_id, 'prepayment' AS payment_type,
                   CASE WHEN p.status = 'reversed' THEN 0 ELSE p.amount_cents
                     - (SELECT COALESCE(SUM(a.amount_cents), 0) FROM allocations a WHERE a.prepayment_id = p.id AND a.status = 'completed')
                     - (SELECT COALESCE(SUM(r.amount_cents), 0) FROM refunds r WHERE r.prepayment_id = p.id AND r.status = 'completed') END AS unapplied_cents
            FROM prepayments p JOIN tenants t ON t.id = p.tenant_id
            WHERE p.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM prepayments`,
    webUrl: (xeroId) => (xeroId ? `https://go.xero.com/Bank/ViewTransaction.aspx?bankTransactionID=${xeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM prepayments WHERE external_id = @v',
  xeroChanges: { collection: 'Overpayments', compare: comparePrepayments, resendCreatesAnew: true },
};

/** Overpayments found by their Reference, which carries the facility id; deleted ones do not count. */
export async function findOverpaymentsByReference(client: XeroApiClient, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const refs = keys.map((k) => `Reference==${whereString(k)}`).join(' OR ');
  const res = await client.findOverpaymentTransactions(`Type=="RECEIVE-OVERPAYMENT" AND (${refs})`);
  for (const t of res.body.bankTransactions ?? []) {
    const id = t.overpaymentID ?? t.bankTransactionID;
    if (t.reference && id && String(t.status) !== 'DELETED') out.set(t.reference, id);
  }
  return out;
}
