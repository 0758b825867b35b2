/**
 * Xero's side of a month's reconciliation, read from Xero now through the rate-limited client: a few
 * paged GETs (1,000 records a page, Xero's largest) filtered by date in Xero's `where` language:
 * - the sales invoices dated in the month, and those dated up to month end that were still owed then
 *   (AUTHORISED now, or PAID after month end): what each owed at month end is its Total less the payments
 *   and credit applied to it by then (the invoice lists both with their dates);
 * - the sales credit notes dated in the month;
 * - the payments dated in the month (received on invoices, refunded out of credit notes).
 * Nothing here decides which records are the facility's: compare.ts does, by link or natural key.
 */
import type { CreditNote, Invoice, Payment } from 'xero-node';
import type { ReconciliationMeasure } from '../../../contract/reconciliation';
import type { XeroApiClient } from '../../xero/api-client';
import { xeroDay } from '../../xero/xero-date';

/** Xero's largest page (pageSize up to 1,000): a month of a busy facility group is one page per collection. */
export const RECONCILE_PAGE_SIZE = 1000;

export interface XeroEntry {
  measure: ReconciliationMeasure;
  xeroId: string;
  /** Invoice or credit note number; a payment's document's number. */
  number: string | null;
  /** A payment's Reference (FS-PAY:<id> / FS-REF:<id> when Facility Sync sent it). */
  reference: string | null;
  date: string;
  cents: number;
  /** Not VOIDED, DELETED or a draft. */
  live: boolean;
  status: string;
  /** A payment's document (invoice or credit note) in Xero. */
  documentXeroId: string | null;
  /** Tracking options on the document's lines, by category name (the location's, when the mapping tracks locations). */
  tracking: Record<string, string>;
}

export interface XeroSide {
  entries: XeroEntry[];
  /** Requests made (pages read). */
  calls: number;
}

const cents = (v: number | undefined): number => Math.round((v ?? 0) * 100);
const dateTime = (day: string) => `DateTime(${day.slice(0, 4)},${day.slice(5, 7)},${day.slice(8, 10)})`;
const LIVE = new Set(['AUTHORISED', 'PAID']);

function trackingOf(doc: Invoice | CreditNote): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of doc.lineItems ?? []) for (const t of line.tracking ?? []) if (t.name && t.option) out[t.name] ??= t.option;
  return out;
}

/** Reads every page of one filtered GET. */
async function readAll<T>(read: (page: number) => Promise<T[]>, counter: { calls: number }): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    counter.calls++;
    const rows = await read(page);
    out.push(...rows);
    if (rows.length < RECONCILE_PAGE_SIZE) return out;
  }
}

export async function readXeroSide(client: XeroApiClient, range: { from: string; to: string }): Promise<XeroSide> {
  const counter = { calls: 0 };
  const inMonth = `Date>=${dateTime(range.from)} AND Date<=${dateTime(range.to)}`;
  const invoicesPage = (where: string) => async (page: number) =>
    (await client.sdk((a, t) => a.getInvoices(t, undefined, where, 'Date', undefined, undefined, undefined, undefined, page, undefined, undefined, undefined, undefined, RECONCILE_PAGE_SIZE))).body.invoices ?? [];
  const invoices = await readAll(invoicesPage(`Type=="ACCREC" AND ${inMonth}`), counter);
  const owed = await readAll(
    invoicesPage(`Type=="ACCREC" AND Date<=${dateTime(range.to)} AND (Status=="AUTHORISED" OR (Status=="PAID" AND FullyPaidOnDate>${dateTime(range.to)}))`),
    counter,
  );
  const credits = await readAll(
    async (page) => (await client.sdk((a, t) => a.getCreditNotes(t, undefined, `Type=="ACCRECCREDIT" AND ${inMonth}`, 'Date', page, undefined, RECONCILE_PAGE_SIZE))).body.creditNotes ?? [],
    counter,
  );
  const payments = await readAll(
    async (page) => (await client.sdk((a, t) => a.getPayments(t, undefined, inMonth, 'Date', page, RECONCILE_PAGE_SIZE))).body.payments ?? [],
    counter,
  );

  const entries: XeroEntry[] = [];
  const doc = (measure: ReconciliationMeasure, d: Invoice | CreditNote, id: string | undefined, number: string | undefined, amount: number): void => {
    const status = String(d.status ?? '');
    const live = LIVE.has(status);
    entries.push({
      measure, xeroId: id ?? '', number: number ?? null, reference: null, date: xeroDay(d.date) ?? '', cents: live ? amount : 0, live, status,
      documentXeroId: null, tracking: trackingOf(d),
    });
  };
  for (const inv of invoices) doc('invoiced', inv, inv.invoiceID, inv.invoiceNumber, cents(inv.total));
  for (const cn of credits) doc('credited', cn, cn.creditNoteID, cn.creditNoteNumber, cents(cn.total));
  for (const inv of owed) {
    const by = (d: unknown) => (xeroDay(d) ?? '') <= range.to;
    const paid = (inv.payments ?? []).filter((p) => by(p.date)).reduce((s, p) => s + cents(p.amount), 0);
    const credited = (inv.creditNotes ?? []).filter((c) => by(c.date)).reduce((s, c) => s + cents(c.appliedAmount), 0);
    const owedCents = cents(inv.total) - paid - credited;
    if (owedCents !== 0) doc('outstanding', inv, inv.invoiceID, inv.invoiceNumber, owedCents);
  }
  for (const p of payments) entries.push(...paymentEntry(p));
  return { entries, calls: counter.calls };
}

/** A received payment or a refund; other payment types (bills, ...) are not the facility's. */
function paymentEntry(p: Payment): XeroEntry[] {
  const type = String(p.paymentType ?? '');
  const measure: ReconciliationMeasure | null = type === 'ACCRECPAYMENT' ? 'received' : type === 'ARCREDITPAYMENT' ? 'refunded' : null;
  if (!measure) return [];
  const status = String(p.status ?? '');
  const live = status !== 'DELETED';
  // Xero names a refund's credit note as CreditNote in some answers and as an Invoice of Type ACCRECCREDIT in reads.
  const document = measure === 'refunded'
    ? { id: p.creditNote?.creditNoteID ?? p.invoice?.invoiceID, number: p.creditNote?.creditNoteNumber ?? p.invoice?.invoiceNumber }
    : { id: p.invoice?.invoiceID, number: p.invoice?.invoiceNumber };
  return [{
    measure, xeroId: p.paymentID ?? '', number: document.number ?? null, reference: p.reference ?? null, date: xeroDay(p.date) ?? '',
    cents: live ? cents(p.amount) : 0, live, status, documentXeroId: document.id ?? null, tracking: {},
  }];
}
