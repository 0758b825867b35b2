/**
 * Invoices -> Xero sales invoices (ACCREC, AUTHORISED). An invoice waits for its tenant's
 * contact; its lines take the item/account/tax of their charge type's mapping and up to two
 * tracking options. Natural key: InvoiceNumber.
 */
import { CurrencyCode, Invoice, LineAmountTypes, type LineItem, type LineItemTracking } from 'xero-node';
import type { Db } from '../../db/open-database';
import { FIX_PATHS, TRACKING_SOURCE_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import type { KindModule } from './kind-module';
import { centsToDecimal, missing, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';

interface InvoiceData {
  external_id: string; invoice_number: string; issue_date: string; due_date: string; currency: string;
  location_ext: string; building_ext: string | null; unit_type: string | null; unit_name: string | null;
}
interface LineData {
  line_no: number; description: string; quantity: number; unit_amount_cents: number; charge_ext: string; charge_name: string;
}

export function buildInvoicePayload(
  db: Db, invoiceId: number, mapping: Mapping, contactXeroId: string, problems?: MappingProblems,
): PayloadResult<Invoice> {
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

  const tracking = trackingFor(inv, mapping, problems);
  if (!tracking.ok) return tracking;
  const lineItems: LineItem[] = [];
  for (const line of lines) {
    const problem = problems?.chargeType(line.charge_ext);
    if (problem) return { ok: false, ...problem };
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
function trackingFor(inv: InvoiceData, mapping: Mapping, problems?: MappingProblems): PayloadResult<LineItemTracking[]> {
  const out: LineItemTracking[] = [];
  for (const t of mapping.tracking.slice(0, 2)) {
    const value = t.source === 'location' ? inv.location_ext : t.source === 'building' ? inv.building_ext : inv.unit_type;
    const problem = problems?.tracking(t.source, value);
    if (problem) return { ok: false, ...problem };
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

export const invoiceKind: KindModule = {
  kind: 'invoice',
  planner({ db, store, mapping, mappingProblems }) {
    const tenantOfInvoice = db.prepare(
      'SELECT i.tenant_id AS tenant_id, t.external_id AS tenant_ref FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?',
    );
    return (row) => {
      const inv = tenantOfInvoice.get(row.record_id) as { tenant_id: number; tenant_ref: string } | undefined;
      if (!inv) return { type: 'fail', error: gone('invoice') };
      const contactId = store.xeroIdOf('tenant', inv.tenant_id);
      if (!contactId) return waitFor('tenant', inv.tenant_ref, 'invoice');
      const built = buildInvoicePayload(db, row.record_id, mapping, contactId, mappingProblems);
      if (!built.ok) return notBuilt(built);
      const xeroId = store.xeroIdOf('invoice', row.record_id);
      if (xeroId) built.payload.invoiceID = xeroId;
      return { type: 'send', item: { row, op: xeroId ? 'update' : 'create', payload: built.payload, xeroId } };
    };
  },
  async send(client, op, items, key) {
    const invoices = items.map((i) => i.payload as Invoice);
    return (await (op === 'create' ? client.createInvoices(invoices, key) : client.saveInvoices(invoices, key))).body.invoices ?? [];
  },
  xeroIdOf: (el) => (el as Invoice).invoiceID,
  naturalKey: (db, recordId) => (prepared(db, 'SELECT invoice_number FROM invoices WHERE id = ?').pluck().get(recordId) as string | undefined) ?? null,
  async findByNaturalKey(client, keys) {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const res = await client.findInvoicesByNumber(keys);
    for (const inv of res.body.invoices ?? []) {
      if (inv.invoiceNumber && inv.invoiceID && String(inv.status) !== 'DELETED') out.set(inv.invoiceNumber, inv.invoiceID);
    }
    return out;
  },
  report: {
    detailsSql: `SELECT i.id, i.external_id, t.name AS tenant_name, i.invoice_number AS reference, i.total_cents AS amount_cents,
                   NULL AS payment_method, NULL AS xero_invoice_id
            FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id IN (SELECT value FROM json_each(@ids))`,
    webUrl: (xeroId) => (xeroId ? `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${xeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM invoices WHERE external_id = @v OR invoice_number = @v',
};
