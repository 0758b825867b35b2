/**
 * Pure builders from facility rows + the mapping to xero-node model objects. They only read
 * SQLite; nothing here talks to Xero. Money is integer cents everywhere else: it becomes decimals
 * here, at the Xero boundary, and nowhere else.
 *
 * A record that cannot be built yet (e.g. a charge type with no mapping) gives ok:false with a
 * plain explanation and the fix (which tab and field); the codes in MAPPING_ERROR_CODES
 * (main/sync/mapping.ts) are queued again when the mapping changes.
 */
import { CurrencyCode, Invoice, LineAmountTypes, Phone, Payment, type Contact, type LineItem, type LineItemTracking } from 'xero-node';
import type { Mapping } from '../../preload/api';
import type { Db } from '../db/open-database';
import type { SyncKind } from '../facility/types';
import { FIX_PATHS, PAYMENT_METHOD_LABELS, TRACKING_SOURCE_LABELS } from '../mapping/mapping';

export type PayloadResult<T> = { ok: true; payload: T } | { ok: false; code: string; explanation: string; fix: string };

/** Payment Reference prefix: the facility payment id travels in the Reference so a lost response can be found again. */
export const PAYMENT_REFERENCE_PREFIX = 'FS-PAY:';
const CONTACT_NAME_MAX = 255;

export function paymentReference(externalId: string): string {
  return `${PAYMENT_REFERENCE_PREFIX}${externalId}`;
}

/** The facility payment external id carried by a Xero payment Reference, or null. */
export function parsePaymentReference(reference: string | null | undefined): string | null {
  return reference?.startsWith(PAYMENT_REFERENCE_PREFIX) ? reference.slice(PAYMENT_REFERENCE_PREFIX.length) : null;
}

/** Integer cents -> the decimal Xero expects (exact for 2 decimal places). */
export function centsToDecimal(cents: number): number {
  return Math.round(cents) / 100;
}

/**
 * The builders run once per record on the sync path: each SQL text is prepared once per
 * connection (better-sqlite3 does not cache statements itself), not once per record.
 */
type Statement = ReturnType<Db['prepare']>;
const statements = new WeakMap<Db, Map<string, Statement>>();
function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

interface TenantData { external_id: string; name: string; email: string; phone: string }

export function buildContactPayload(db: Db, tenantId: number, opts: { disambiguate?: boolean } = {}): Contact {
  const t = prepared(db, 'SELECT external_id, name, email, phone FROM tenants WHERE id = ?').get(tenantId) as TenantData | undefined;
  if (!t) throw new Error(`tenant ${tenantId} is not in the mirror`);
  const name = opts.disambiguate ? disambiguatedName(t.name, t.external_id) : t.name.slice(0, CONTACT_NAME_MAX);
  const contact: Contact = { contactNumber: t.external_id, name };
  if (t.email) contact.emailAddress = t.email;
  if (t.phone) contact.phones = [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: t.phone }];
  return contact;
}

/** "Jane Smith (T-1042)": unique because the tenant id is; the name is shortened, never the id. */
export function disambiguatedName(name: string, externalId: string): string {
  const suffix = ` (${externalId})`;
  return name.slice(0, Math.max(0, CONTACT_NAME_MAX - suffix.length)) + suffix;
}

interface InvoiceData {
  external_id: string; invoice_number: string; issue_date: string; due_date: string; currency: string;
  location_ext: string; building_ext: string | null; unit_type: string | null; unit_name: string | null;
}
interface LineData {
  line_no: number; description: string; quantity: number; unit_amount_cents: number; charge_ext: string; charge_name: string;
}

export function buildInvoicePayload(db: Db, invoiceId: number, mapping: Mapping, contactXeroId: string): PayloadResult<Invoice> {
  const inv = prepared(
    db,
    `SELECT i.external_id, i.invoice_number, i.issue_date, i.due_date, l.currency, l.external_id AS location_ext,
            b.external_id AS building_ext, u.unit_type, u.name AS unit_name
     FROM invoices i JOIN tenants t ON t.id = i.tenant_id
     LEFT JOIN units u ON u.id = COALESCE(i.unit_id, t.unit_id)
     LEFT JOIN buildings b ON b.id = u.building_id
     JOIN locations l ON l.id = COALESCE(b.location_id, t.location_id)
     WHERE i.id = ?`,
  ).get(invoiceId) as InvoiceData | undefined;
  if (!inv) return missing('invoice', invoiceId);
  const lines = prepared(
    db,
    `SELECT il.line_no, il.description, il.quantity, il.unit_amount_cents, ct.external_id AS charge_ext, ct.name AS charge_name
     FROM invoice_lines il JOIN charge_types ct ON ct.id = il.charge_type_id WHERE il.invoice_id = ? ORDER BY il.line_no`,
  ).all(invoiceId) as LineData[];
  if (lines.length === 0) {
    return {
      ok: false, code: 'invoice_no_lines',
      explanation: `Invoice ${inv.invoice_number} has no lines, and Xero does not accept an approved invoice without lines.`,
      fix: `Add the invoice's lines in the facility system and import invoice_lines.csv again.`,
    };
  }
  const currency = CurrencyCode[inv.currency as keyof typeof CurrencyCode] as CurrencyCode | undefined;
  if (currency === undefined) {
    return {
      ok: false, code: 'invoice_currency',
      explanation: `Invoice ${inv.invoice_number} is in "${inv.currency}", which Xero does not know as a currency.`,
      fix: `Correct the location's currency (a 3-letter code such as AUD) in the facility system and import locations.csv again.`,
    };
  }

  const tracking = trackingFor(inv, mapping);
  if (!tracking.ok) return tracking;
  const lineItems: LineItem[] = [];
  for (const line of lines) {
    const m = mapping.chargeTypes[line.charge_ext];
    if (!m || (!m.itemCode && !m.accountCode)) {
      return {
        ok: false, code: 'mapping_charge_type',
        explanation: `The charge type "${line.charge_name}" (line ${line.line_no} of invoice ${inv.invoice_number}) is not mapped to a Xero item or account.`,
        fix: `${FIX_PATHS.products}: map ${line.charge_name}`,
      };
    }
    const item: LineItem = {
      description: line.description,
      quantity: line.quantity,
      unitAmount: centsToDecimal(line.unit_amount_cents),
    };
    if (m.itemCode) item.itemCode = m.itemCode;
    if (m.accountCode) item.accountCode = m.accountCode;
    if (m.taxType) item.taxType = m.taxType;
    if (tracking.payload.length > 0) item.tracking = tracking.payload;
    lineItems.push(item);
  }

  const payload: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID: contactXeroId },
    invoiceNumber: inv.invoice_number,
    date: inv.issue_date,
    dueDate: inv.due_date,
    status: Invoice.StatusEnum.AUTHORISED,
    lineAmountTypes: LineAmountTypes[mapping.lineAmountTypes],
    currencyCode: currency,
    lineItems,
  };
  if (inv.unit_name) payload.reference = `Unit ${inv.unit_name}`;
  return { ok: true, payload };
}

/** The (at most 2) tracking entries an invoice's lines carry, from its location, building and unit type. */
function trackingFor(inv: InvoiceData, mapping: Mapping): PayloadResult<LineItemTracking[]> {
  const out: LineItemTracking[] = [];
  for (const t of mapping.tracking.slice(0, 2)) {
    const value = t.source === 'location' ? inv.location_ext : t.source === 'building' ? inv.building_ext : inv.unit_type;
    // An invoice with no unit has no building or unit type: nothing to track in that category.
    if (value === null) continue;
    const option = t.options[value];
    if (!option) {
      const label = TRACKING_SOURCE_LABELS[t.source].toLowerCase();
      return {
        ok: false, code: 'mapping_tracking_option',
        explanation: `Invoice ${inv.invoice_number} is for ${label} "${value}", which has no option in the tracking category "${t.categoryName}".`,
        fix: `${FIX_PATHS.categories}: choose a "${t.categoryName}" option for ${value}`,
      };
    }
    out.push({ name: t.categoryName, option });
  }
  return { ok: true, payload: out };
}

interface PaymentData { external_id: string; paid_on: string; amount_cents: number; method: keyof typeof PAYMENT_METHOD_LABELS }

export function buildPaymentPayload(db: Db, paymentId: number, mapping: Mapping, invoiceXeroId: string): PayloadResult<Payment> {
  const p = prepared(db, 'SELECT external_id, paid_on, amount_cents, method FROM payments WHERE id = ?').get(paymentId) as PaymentData | undefined;
  if (!p) return missing('payment', paymentId);
  const accountId = mapping.paymentAccounts[p.method];
  if (!accountId) {
    const label = PAYMENT_METHOD_LABELS[p.method];
    return {
      ok: false, code: 'mapping_payment_account',
      explanation: `${label} payments are not mapped to a Xero bank account, so payment ${p.external_id} cannot be recorded.`,
      fix: `${FIX_PATHS.payments}: choose an account for ${label}`,
    };
  }
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

/** The key a record is found by in Xero when the outcome of a create is unknown. Null when the record is gone. */
export function naturalKeyOf(kind: SyncKind, db: Db, recordId: number): string | null {
  const sql = {
    tenant: 'SELECT external_id FROM tenants WHERE id = ?',
    invoice: 'SELECT invoice_number FROM invoices WHERE id = ?',
    payment: 'SELECT external_id FROM payments WHERE id = ?',
  }[kind];
  const value = prepared(db, sql).pluck().get(recordId) as string | undefined;
  if (value === undefined) return null;
  return kind === 'payment' ? paymentReference(value) : value;
}

function missing(kind: string, id: number): { ok: false; code: string; explanation: string; fix: string } {
  return {
    ok: false, code: 'record_missing',
    explanation: `The ${kind} (#${id}) is no longer in the facility data.`,
    fix: 'Import the facility data again; if the record was removed on purpose, nothing needs doing.',
  };
}
