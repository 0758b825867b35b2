/**
 * Invoices -> Xero sales invoices (ACCREC, AUTHORISED). An invoice waits for its tenant's
 * contact; its lines take the item/account/tax of their charge type's mapping and up to two
 * tracking options (document-lines.ts); a discount line is a negative line. A voided invoice
 * becomes VOIDED once nothing is applied to it in Xero (void-rules.ts). Natural key: InvoiceNumber;
 * before its first send an invoice Xero already holds under that number is linked or, when it differs, flagged.
 */
import { Invoice, LineAmountTypes } from 'xero-node';
import type { Db } from '../../db/open-database';
import type { Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import type { KindModule, XeroChange, XeroChangeReader } from './kind-module';
import { XERO_PAGE_SIZE } from '../../xero/api-client';
import { heldOutcome, requeueHeldWithMoney } from './held-documents';
import { documentDifferences, ourLineCents, type OurDocument } from './existing-documents';
import { currencyOf, lineItemsFor, readLines, type DocumentPlace } from './document-lines';
import { missing, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';
import { datedSuffix, lockedPeriodFor } from '../locked-period';
import { startDateFor } from '../start-date';
import { settlesVoidRefusal, voidBlocked, voidedBeforeSync, voidRefusalSettler } from './void-rules';
import { compareDocuments } from './xero-compare';

interface InvoiceData extends DocumentPlace { invoice_number: string; issue_date: string; due_date: string; unit_name: string | null }

export function buildInvoicePayload(
  db: Db, invoiceId: number, mapping: Mapping, contactXeroId: string, problems?: MappingProblems,
): PayloadResult<Invoice> {
  const inv = prepared(
    db,
    `SELECT 'Invoice ' || i.invoice_number AS label, i.invoice_number, i.issue_date, i.due_date, l.currency, l.external_id AS location_ext,
            b.external_id AS building_ext, u.unit_type, u.name AS unit_name
     FROM invoices i JOIN tenants t ON t.id = i.tenant_id
     LEFT JOIN units u ON u.id = COALESCE(i.unit_id, t.unit_id)
     LEFT JOIN buildings b ON b.id = u.building_id
     JOIN locations l ON l.id = COALESCE(b.location_id, t.location_id)
     WHERE i.id = ?`,
  ).get(invoiceId) as InvoiceData | undefined;
  if (!inv) return missing('invoice', invoiceId);
  const lines = readLines(db, 'invoice_lines', 'invoice_id', invoiceId);
  if (lines.length === 0) {
    return {
      ok: false, code: 'invoice_no_lines',
      explanation: `Invoice ${inv.invoice_number} has no lines, and Xero does not accept an approved invoice without lines.`,
      fix: `Add the invoice's lines in the facility system and import invoice_lines.csv again.`,
    };
  }
  const currency = currencyOf(inv);
  if (!currency.ok) return currency;
  const lineItems = lineItemsFor(inv, lines, mapping, problems);
  if (!lineItems.ok) return lineItems;

  const payload: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID: contactXeroId },
    invoiceNumber: inv.invoice_number,
    date: inv.issue_date,
    dueDate: inv.due_date,
    status: Invoice.StatusEnum.AUTHORISED,
    lineAmountTypes: LineAmountTypes[mapping.lineAmountTypes],
    currencyCode: currency.payload,
    lineItems: lineItems.payload,
  };
  if (inv.unit_name) payload.reference = `Unit ${inv.unit_name}`;
  return { ok: true, payload };
}

export const invoiceKind: KindModule = {
  kind: 'invoice',
  requeueBeforePlanning: (ctx, now) => requeueHeldWithMoney('invoice', ctx, now),
  planner({ db, store, mapping, mappingProblems, lockedPeriod, startDate }) {
    const tenantOfInvoice = db.prepare(
      `SELECT i.tenant_id AS tenant_id, t.external_id AS tenant_ref, i.status AS status, i.invoice_number AS invoice_number, i.issue_date AS issue_date
       FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?`,
    );
    return (row) => {
      const inv = tenantOfInvoice.get(row.record_id) as { tenant_id: number; tenant_ref: string; status: string; invoice_number: string; issue_date: string } | undefined;
      if (!inv) return { type: 'fail', error: gone('invoice') };
      const xeroId = store.xeroIdOf('invoice', row.record_id);
      const start = xeroId ? null : startDateFor(startDate, inv.issue_date, 'invoice');
      if (start?.type === 'before') return heldOutcome(db, 'invoice', row.record_id, startDate as string, start.outcome);
      const lock = lockedPeriodFor(lockedPeriod, inv.issue_date);
      // A void that never reached Xero has nothing to send, locked or not.
      if (lock.type === 'hold' && (xeroId || inv.status !== 'void')) return lock.outcome;
      if (inv.status === 'void') {
        if (!xeroId) return voidedBeforeSync('invoice');
        const blocked = voidBlocked(db, 'invoice', row.record_id, `Invoice ${inv.invoice_number}`);
        if (blocked) return blocked;
        const payload: Invoice = { invoiceID: xeroId, status: Invoice.StatusEnum.VOIDED };
        return { type: 'send', item: { row, op: 'update', payload, xeroId } };
      }
      const contactId = store.xeroIdOf('tenant', inv.tenant_id);
      if (!contactId) return waitFor('tenant', inv.tenant_ref, 'invoice');
      const built = buildInvoicePayload(db, row.record_id, mapping, contactId, mappingProblems);
      if (!built.ok) return notBuilt(built);
      if (xeroId) built.payload.invoiceID = xeroId;
      if (lock.type === 'redate') redate(built.payload, lock.date, inv.issue_date);
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
  async lookupExisting(db, client, recordIds) {
    const numbers = new Map(recordIds.map((id) => [invoiceKind.naturalKey(db, id), id]));
    const out = new Map<number, Invoice>();
    const wanted = [...numbers.keys()].filter((n): n is string => n !== null);
    if (wanted.length === 0) return out;
    for (let page = 1; ; page++) {
      const invoices = (await client.findInvoicesPage(wanted, page)).body.invoices ?? [];
      for (const inv of invoices) {
        const id = numbers.get(inv.invoiceNumber ?? null);
        if (id !== undefined && inv.invoiceID && String(inv.status) !== 'DELETED') out.set(id, inv);
      }
      if (invoices.length < XERO_PAGE_SIZE) break;
    }
    return out;
  },
  compareExisting(db, recordId, xeroRecord) {
    const ours = prepared(
      db,
      `SELECT i.total_cents, i.issue_date, i.due_date, x.xero_id AS contact_xero_id, t.name AS contact_name
       FROM invoices i JOIN tenants t ON t.id = i.tenant_id LEFT JOIN xero_links x ON x.kind = 'tenant' AND x.record_id = t.id WHERE i.id = ?`,
    ).get(recordId) as OurDocument | undefined;
    if (!ours) return [];
    return documentDifferences(ours, ourLineCents(db, 'invoice_lines', 'invoice_id', recordId), xeroRecord as Invoice);
  },
  settlesRefusal: settlesVoidRefusal,
  settleRefusal: voidRefusalSettler(async (ctx, id) => String((await ctx.client.getInvoice(id)).body.invoices?.[0]?.status ?? '')),
  report: {
    detailsSql: `SELECT i.id, i.external_id, t.name AS tenant_name, i.invoice_number AS reference, i.total_cents AS amount_cents,
                   NULL AS payment_method, NULL AS xero_invoice_id
            FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'void' THEN 0 ELSE total_cents END AS amount_cents FROM invoices`,
    webUrl: (xeroId) => (xeroId ? `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${xeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM invoices WHERE external_id = @v OR invoice_number = @v',
  xeroChanges: {
    collection: 'Invoices',
    compare: compareInvoices,
  } satisfies XeroChangeReader,
};

/** Xero cannot un-void (or bring back) an invoice: what the user does instead. */
const GONE_FIX =
  "Xero cannot bring back a voided or deleted invoice. If Xero is right, void the invoice in the facility system too; if the charge stands, issue a new invoice in the facility system (it reaches Xero as a new invoice). Then choose Accept Xero's.";

/** Changed invoices in Xero (xero-compare.ts compareDocuments): voided, deleted, or other line amounts. */
function compareInvoices(db: Db, records: object[]): XeroChange[] {
  return compareDocuments(db, {
    kind: 'invoice',
    facilitySql: `SELECT i.status, (SELECT COALESCE(SUM(amount_cents), 0) FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines_cents
                  FROM invoices i WHERE i.id = ?`,
    goneFix: GONE_FIX,
  }, (records as Invoice[]).map((i) => ({ ...i, id: i.invoiceID })));
}

/** Posted on the first open date: dated then (due no earlier), its own date in the Reference. */
function redate(payload: Invoice, date: string, original: string): void {
  payload.date = date;
  if (payload.dueDate && String(payload.dueDate) < date) payload.dueDate = date;
  payload.reference = `${payload.reference ?? 'Invoice'}${datedSuffix(original)}`;
}
