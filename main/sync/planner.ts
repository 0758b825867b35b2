/**
 * Planner: turns due outbox rows of one kind into Xero operations, in dependency order
 * (the engine runs contacts, then invoices, then payments). A row whose dependency has not reached
 * Xero yet waits and says what for; a row that cannot be built (mapping missing) fails with the
 * builder's explanation; everything else becomes a create, update or delete with its payload.
 */
import type { Contact, Invoice, Payment } from 'xero-node';
import type { Db } from '../db/open-database';
import type { SyncKind } from '../facility/types';
import { buildContactPayload, buildInvoicePayload, buildPaymentPayload } from '../xero/payloads';
import { loadMapping, type Mapping } from '../mapping/mapping';
import type { ErrorInfo, OutboxRow, OutboxStore } from './records/outbox-store';

/** Dependency order: an invoice needs its tenant's contact, a payment its invoice. */
export const SYNC_KINDS: readonly SyncKind[] = ['tenant', 'invoice', 'payment'];

export type Operation = 'create' | 'update' | 'delete';
export type XeroPayload = Contact | Invoice | Payment;

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
  | { type: 'exclude'; error: ErrorInfo };

export interface Planner {
  plan(row: OutboxRow): PlanOutcome;
}

export function createPlanner(db: Db, store: OutboxStore, mapping: Mapping = loadMapping(db)): Planner {
  const tenantOfInvoice = db.prepare(
    'SELECT i.tenant_id AS tenant_id, t.external_id AS tenant_ref FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?',
  );
  const paymentInfo = db.prepare(
    'SELECT p.status AS status, p.invoice_id AS invoice_id, i.invoice_number AS invoice_number FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?',
  );

  const planTenant = (row: OutboxRow): PlanOutcome => {
    const xeroId = store.xeroIdOf('tenant', row.record_id);
    const payload = buildContactPayload(db, row.record_id, { disambiguate: store.isDisambiguated(row.record_id) });
    if (xeroId) payload.contactID = xeroId;
    return { type: 'send', item: { row, op: xeroId ? 'update' : 'create', payload, xeroId } };
  };

  const planInvoice = (row: OutboxRow): PlanOutcome => {
    const inv = tenantOfInvoice.get(row.record_id) as { tenant_id: number; tenant_ref: string } | undefined;
    if (!inv) return { type: 'fail', error: gone('invoice') };
    const contactId = store.xeroIdOf('tenant', inv.tenant_id);
    if (!contactId) return waitFor('tenant', inv.tenant_ref, 'invoice');
    const built = buildInvoicePayload(db, row.record_id, mapping, contactId);
    if (!built.ok) return { type: 'fail', error: built };
    const xeroId = store.xeroIdOf('invoice', row.record_id);
    if (xeroId) built.payload.invoiceID = xeroId;
    return { type: 'send', item: { row, op: xeroId ? 'update' : 'create', payload: built.payload, xeroId } };
  };

  const planPayment = (row: OutboxRow): PlanOutcome => {
    const p = paymentInfo.get(row.record_id) as { status: string; invoice_id: number; invoice_number: string } | undefined;
    if (!p) return { type: 'fail', error: gone('payment') };
    const xeroId = store.xeroIdOf('payment', row.record_id);
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
    const invoiceId = store.xeroIdOf('invoice', p.invoice_id);
    if (!invoiceId) return waitFor('invoice', p.invoice_number, 'payment');
    const built = buildPaymentPayload(db, row.record_id, mapping, invoiceId);
    if (!built.ok) return { type: 'fail', error: built };
    return { type: 'send', item: { row, op: 'create', payload: built.payload } };
  };

  const byKind: Record<SyncKind, (row: OutboxRow) => PlanOutcome> = { tenant: planTenant, invoice: planInvoice, payment: planPayment };
  return { plan: (row) => byKind[row.kind](row) };
}

function gone(kind: string): ErrorInfo {
  return {
    code: 'record_missing',
    explanation: `The ${kind} is no longer in the facility data.`,
    fix: 'Import the facility data again; if the record was removed on purpose, nothing needs doing.',
  };
}

/** The dependency (`ref` as the user knows it) has not reached Xero yet: the row waits and says what for. */
function waitFor(dependency: 'tenant' | 'invoice', ref: string, dependent: 'invoice' | 'payment'): PlanOutcome {
  return {
    type: 'wait',
    error: {
      code: `waiting_for_${dependency}`,
      explanation: `Waiting for ${dependency} ${ref} to reach Xero.`,
      fix: `Nothing to do if the ${dependency} is on its way; if the ${dependency} failed, fix the ${dependency} (see its reason in this report) and this ${dependent} follows.`,
    },
  };
}
