/**
 * Xero's side of a month's reconciliation, read from Xero now through the rate-limited client: a few
 * paged GETs (1,000 records a page, Xero's largest) filtered by date in Xero's `where` language:
 * - the sales invoices dated in the month, and those dated up to month end that were still owed then
 *   (AUTHORISED now, or PAID after month end): what each owed at month end is its Total less the payments
 *   and credit applied to it by then (the invoice lists its payments, credit notes and overpayments with
 *   their dates);
 * - the sales credit notes dated in the month, and those dated before with credit left at month end;
 * - the payments dated in the month (received on invoices, refunded out of credit notes and overpayments);
 * - the overpayments (a facility's prepayments) dated in the month, and those dated before with credit
 *   left at month end.
 * Unapplied credit at month end (a credit note's or an overpayment's Total less what was allocated or
 * refunded by then) counts negative in outstanding: the tenants' balance, as Xero gives a contact's.
 * Nothing here decides which records are the facility's: compare.ts does, by link or natural key.
 */
import type { Allocation, CreditNote, Invoice, Overpayment, Payment } from 'xero-node';
import type { ReconciliationMeasure } from '../../../contract/reconciliation';
import type { RecordKind } from '../../../contract/record-kinds';
import type { XeroApiClient } from '../../xero/api-client';
import { xeroDay } from '../../xero/xero-date';

/** Xero's largest page (pageSize up to 1,000): a month of a busy facility group is one page per collection. */
export const RECONCILE_PAGE_SIZE = 1000;

export interface XeroEntry {
  measure: ReconciliationMeasure;
  /** The facility kind this Xero record would be (an overpayment is a prepayment). */
  kind: RecordKind;
  xeroId: string;
  /** Invoice or credit note number; a payment's document's number. */
  number: string | null;
  /** A payment's or overpayment's Reference (FS-PAY:/FS-REF:/FS-PRE:<id> when Facility Sync sent it). */
  reference: string | null;
  date: string;
  cents: number;
  /** Not VOIDED, DELETED or a draft. */
  live: boolean;
  status: string;
  /** What the record is made on in Xero: a payment's invoice, a refund's credit note or overpayment, an overpayment's contact. */
  madeOn: { kind: RecordKind; xeroId: string | null } | null;
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

/** The day after `day` (both YYYY-MM-DD). */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function trackingOf(doc: Invoice | CreditNote): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of doc.lineItems ?? []) for (const t of line.tracking ?? []) if (t.name && t.option) out[t.name] ??= t.option;
  return out;
}

/** Reads every page of one filtered GET. */
export async function readAll<T>(read: (page: number) => Promise<T[]>, counter: { calls: number }): Promise<T[]> {
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
  const end = dateTime(range.to);
  const invoicesPage = (where: string) => async (page: number) =>
    (await client.sdk((a, t) => a.getInvoices(t, undefined, where, 'Date', undefined, undefined, undefined, undefined, page, undefined, undefined, undefined, undefined, RECONCILE_PAGE_SIZE))).body.invoices ?? [];
  const invoices = await readAll(invoicesPage(`Type=="ACCREC" AND ${inMonth}`), counter);
  const owed = await readAll(
    invoicesPage(`Type=="ACCREC" AND Date<=${end} AND (Status=="AUTHORISED" OR (Status=="PAID" AND FullyPaidOnDate>${end}))`),
    counter,
  );
  // The month's credit notes, and the earlier ones that still had credit at month end.
  const creditWhere = `Type=="ACCRECCREDIT" AND Date<=${end} AND (Date>=${dateTime(range.from)} OR Status=="AUTHORISED" OR (Status=="PAID" AND FullyPaidOnDate>${end}))`;
  const credits = await readAll(
    async (page) => (await client.sdk((a, t) => a.getCreditNotes(t, undefined, creditWhere, 'Date', page, undefined, RECONCILE_PAGE_SIZE))).body.creditNotes ?? [],
    counter,
  );
  const payments = await readAll(
    async (page) => (await client.sdk((a, t) => a.getPayments(t, undefined, inMonth, 'Date', page, RECONCILE_PAGE_SIZE))).body.payments ?? [],
    counter,
  );
  // The month's overpayments, and the earlier ones that may still have had credit at month end: an
  // overpayment has no FullyPaidOnDate, and one used up (PAID) by month end was last changed by then.
  const overWhere = `Date<=${end} AND (Date>=${dateTime(range.from)} OR Status=="AUTHORISED" OR UpdatedDateUTC>=${dateTime(dayAfter(range.to))})`;
  const overpayments = await readAll(
    async (page) => (await client.sdk((a, t) => a.getOverpayments(t, undefined, overWhere, 'Date', page, undefined, RECONCILE_PAGE_SIZE))).body.overpayments ?? [],
    counter,
  );

  const entries: XeroEntry[] = [];
  const inRange = (day: string) => day >= range.from && day <= range.to;
  const byEnd = (d: unknown) => (xeroDay(d) ?? '') <= range.to;
  const doc = (measure: ReconciliationMeasure, kind: RecordKind, d: Invoice | CreditNote, id: string | undefined, number: string | undefined, amount: number): void => {
    const status = String(d.status ?? '');
    const live = LIVE.has(status);
    entries.push({
      measure, kind, xeroId: id ?? '', number: number ?? null, reference: null, date: xeroDay(d.date) ?? '', cents: live ? amount : 0, live, status,
      madeOn: null, tracking: trackingOf(d),
    });
  };
  for (const inv of invoices) doc('invoiced', 'invoice', inv, inv.invoiceID, inv.invoiceNumber, cents(inv.total));
  for (const inv of owed) {
    const paid = (inv.payments ?? []).filter((p) => byEnd(p.date)).reduce((s, p) => s + cents(p.amount), 0);
    const applied = [...(inv.creditNotes ?? []), ...(inv.overpayments ?? []), ...(inv.prepayments ?? [])]
      .filter((c) => byEnd(c.date)).reduce((s, c) => s + cents(c.appliedAmount), 0);
    const owedCents = cents(inv.total) - paid - applied;
    if (owedCents !== 0) doc('outstanding', 'invoice', inv, inv.invoiceID, inv.invoiceNumber, owedCents);
  }
  for (const cn of credits) {
    if (inRange(xeroDay(cn.date) ?? '')) doc('credited', 'credit_note', cn, cn.creditNoteID, cn.creditNoteNumber, cents(cn.total));
    const left = unappliedAtEnd(cn.total, cn.allocations, cn.payments, byEnd);
    if (LIVE.has(String(cn.status ?? '')) && left !== 0) doc('outstanding', 'credit_note', cn, cn.creditNoteID, cn.creditNoteNumber, -left);
  }
  for (const p of payments) entries.push(...paymentEntry(p));
  for (const o of overpayments) entries.push(...overpaymentEntries(o, inRange, byEnd));
  return { entries, calls: counter.calls };
}

/** A credit's Total less what was allocated from it or refunded out of it by month end. */
function unappliedAtEnd(total: number | undefined, allocations: Allocation[] | undefined, refunds: Payment[] | undefined, byEnd: (d: unknown) => boolean): number {
  const allocated = (allocations ?? []).filter((a) => byEnd(a.date)).reduce((s, a) => s + cents(a.amount), 0);
  const refunded = (refunds ?? []).filter((p) => String(p.status ?? '') !== 'DELETED' && byEnd(p.date)).reduce((s, p) => s + cents(p.amount), 0);
  return cents(total) - allocated - refunded;
}

/** A received payment or a refund; other payment types (bills, ...) are not the facility's. */
function paymentEntry(p: Payment): XeroEntry[] {
  const type = String(p.paymentType ?? '');
  const overpaymentRefund = type === 'AROVERPAYMENTPAYMENT';
  const measure: ReconciliationMeasure | null = type === 'ACCRECPAYMENT' ? 'received' : type === 'ARCREDITPAYMENT' || overpaymentRefund ? 'refunded' : null;
  if (!measure) return [];
  const status = String(p.status ?? '');
  const live = status !== 'DELETED';
  // Xero names a refund's credit note as CreditNote in some answers and as an Invoice of Type ACCRECCREDIT in reads.
  const madeOn: XeroEntry['madeOn'] = overpaymentRefund
    ? idOf('prepayment', p.overpayment?.overpaymentID ?? p.invoice?.invoiceID)
    : measure === 'refunded'
      ? idOf('credit_note', p.creditNote?.creditNoteID ?? p.invoice?.invoiceID)
      : idOf('invoice', p.invoice?.invoiceID);
  const number = measure === 'refunded' ? (p.creditNote?.creditNoteNumber ?? p.invoice?.invoiceNumber) : p.invoice?.invoiceNumber;
  return [{
    measure, kind: measure === 'received' ? 'payment' : 'refund', xeroId: p.paymentID ?? '', number: overpaymentRefund ? null : (number ?? null),
    reference: p.reference ?? null, date: xeroDay(p.date) ?? '', cents: live ? cents(p.amount) : 0, live, status, madeOn, tracking: {},
  }];
}

/** An overpayment received in the month (money received), and what of it was still unapplied at month end. */
function overpaymentEntries(o: Overpayment, inRange: (day: string) => boolean, byEnd: (d: unknown) => boolean): XeroEntry[] {
  // Money paid out to a supplier in advance is not the facility's.
  if (String(o.type ?? '') === 'SPEND-OVERPAYMENT') return [];
  const status = String(o.status ?? '');
  const live = LIVE.has(status);
  const date = xeroDay(o.date) ?? '';
  const base = {
    kind: 'prepayment' as const, xeroId: o.overpaymentID ?? '', number: null, reference: o.reference ?? null, date, live, status,
    madeOn: idOf('tenant', o.contact?.contactID), tracking: {},
  };
  const out: XeroEntry[] = [];
  if (inRange(date)) out.push({ ...base, measure: 'received', cents: live ? cents(o.total) : 0 });
  const left = live ? unappliedAtEnd(o.total, o.allocations, o.payments, byEnd) : 0;
  if (left !== 0) out.push({ ...base, measure: 'outstanding', cents: -left });
  return out;
}

/** What a record is made on; without Xero's id it may still be found by number (a payment's invoice). */
function idOf(kind: RecordKind, xeroId: string | undefined): XeroEntry['madeOn'] {
  return { kind, xeroId: xeroId || null };
}
