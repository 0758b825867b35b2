/**
 * Each tenant's balance in the facility and in Xero, side by side (issue 14): what the tenant owes
 * (positive) or holds in credit (negative), counted the way Xero counts it: the amount due of open
 * invoices less the unapplied credit of open credit notes and of prepayments (Xero overpayments).
 * The facility side is SQL over the local mirror (works offline); Xero's is read on demand with a few
 * paged GETs (1,000 records a page) of what is still open there, and kept with the time it was read,
 * per organisation, so the report shows it offline too.
 */
import type { CreditNote, Invoice, Overpayment } from 'xero-node';
import type { Db } from '../db/open-database';
import type { XeroApiClient } from '../xero/api-client';
import { readAll, RECONCILE_PAGE_SIZE } from './reconciliation/xero-side';

/**
 * The facility balance of tenant `t.id` in cents, term for term as Xero computes it: the amount due
 * of each open invoice (total less completed payments and completed allocations to it, whatever
 * their source), less the credit left on each open credit note and each completed prepayment (its
 * amount less completed allocations from it and completed refunds of it). Used as a column
 * expression over `FROM tenants t`.
 */
export const FACILITY_BALANCE_SQL = `(
    (SELECT COALESCE(SUM(i.total_cents
       - (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'completed')
       - (SELECT COALESCE(SUM(a.amount_cents), 0) FROM allocations a WHERE a.invoice_id = i.id AND a.status = 'completed')), 0)
     FROM invoices i WHERE i.tenant_id = t.id AND i.status = 'open')
  - (SELECT COALESCE(SUM(c.total_cents
       - (SELECT COALESCE(SUM(a.amount_cents), 0) FROM allocations a WHERE a.credit_note_id = c.id AND a.status = 'completed')
       - (SELECT COALESCE(SUM(r.amount_cents), 0) FROM refunds r WHERE r.credit_note_id = c.id AND r.status = 'completed')), 0)
     FROM credit_notes c WHERE c.tenant_id = t.id AND c.status = 'open')
  - (SELECT COALESCE(SUM(pp.amount_cents
       - (SELECT COALESCE(SUM(a.amount_cents), 0) FROM allocations a WHERE a.prepayment_id = pp.id AND a.status = 'completed')
       - (SELECT COALESCE(SUM(r.amount_cents), 0) FROM refunds r WHERE r.prepayment_id = pp.id AND r.status = 'completed')), 0)
     FROM prepayments pp WHERE pp.tenant_id = t.id AND pp.status = 'completed')
)`;

/** Every tenant's facility balance in cents, by facility tenant id (external id). */
export function facilityBalances(db: Db): Map<string, number> {
  const rows = db.prepare(`SELECT t.external_id AS tenant, ${FACILITY_BALANCE_SQL} AS cents FROM tenants t`).all() as Array<{ tenant: string; cents: number }>;
  return new Map(rows.map((r) => [r.tenant, r.cents]));
}

const PAGE_SIZE = RECONCILE_PAGE_SIZE;
const cents = (v: number | undefined): number => Math.round((v ?? 0) * 100);

/** Xero's balance of every contact with something open, in cents by ContactID, and the pages read. */
export async function readXeroContactBalances(client: XeroApiClient): Promise<{ byContact: Map<string, number>; calls: number }> {
  const counter = { calls: 0 };
  const invoices: Invoice[] = await readAll(
    async (page) => (await client.sdk((a, t) => a.getInvoices(t, undefined, 'Type=="ACCREC" AND Status=="AUTHORISED"', undefined, undefined, undefined, undefined, undefined, page, undefined, undefined, undefined, undefined, PAGE_SIZE))).body.invoices ?? [],
    counter,
  );
  const credits: CreditNote[] = await readAll(
    async (page) => (await client.sdk((a, t) => a.getCreditNotes(t, undefined, 'Type=="ACCRECCREDIT" AND Status=="AUTHORISED"', undefined, page, undefined, PAGE_SIZE))).body.creditNotes ?? [],
    counter,
  );
  const overpayments: Overpayment[] = await readAll(
    async (page) => (await client.sdk((a, t) => a.getOverpayments(t, undefined, 'Type=="RECEIVE-OVERPAYMENT" AND Status=="AUTHORISED"', undefined, page, undefined, PAGE_SIZE))).body.overpayments ?? [],
    counter,
  );
  const byContact = new Map<string, number>();
  const add = (contactId: string | undefined, amount: number) => {
    if (contactId) byContact.set(contactId, (byContact.get(contactId) ?? 0) + amount);
  };
  for (const i of invoices) add(i.contact?.contactID, cents(i.amountDue));
  for (const c of credits) add(c.contact?.contactID, -cents(c.remainingCredit));
  for (const o of overpayments) add(o.contact?.contactID, -cents(o.remainingCredit));
  return { byContact, calls: counter.calls };
}

export interface BalanceComparison {
  /** Tenants in Xero (linked contacts) whose balance was read. */
  compared: number;
  /** Of those, the ones whose balance differs from the facility's. */
  differ: Array<{ tenant: string; name: string; facilityCents: number; xeroCents: number }>;
  calls: number;
  readAt: string;
}

/**
 * Reads Xero's balances now, keeps them for every tenant linked to a contact in `organisationId`
 * (a tenant with nothing open in Xero has 0), and compares them with the facility's.
 */
export async function compareBalances(db: Db, client: XeroApiClient, organisationId: string, now: Date): Promise<BalanceComparison> {
  const { byContact, calls } = await readXeroContactBalances(client);
  const readAt = now.toISOString();
  const linked = db.prepare(
    `SELECT t.id, t.external_id AS tenant, t.name, x.xero_id AS contact, ${FACILITY_BALANCE_SQL} AS facility
     FROM tenants t JOIN xero_links x ON x.kind = 'tenant' AND x.record_id = t.id ORDER BY t.external_id`,
  ).all() as Array<{ id: number; tenant: string; name: string; contact: string; facility: number }>;
  const keep = db.prepare(
    `INSERT INTO xero_balances (organisation_id, tenant_id, balance_cents, read_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (organisation_id, tenant_id) DO UPDATE SET balance_cents = excluded.balance_cents, read_at = excluded.read_at`,
  );
  const differ: BalanceComparison['differ'] = [];
  db.transaction(() => {
    db.prepare('DELETE FROM xero_balances WHERE organisation_id = ?').run(organisationId);
    for (const t of linked) {
      const xero = byContact.get(t.contact) ?? 0;
      keep.run(organisationId, t.id, xero, readAt);
      if (xero !== t.facility) differ.push({ tenant: t.tenant, name: t.name, facilityCents: t.facility, xeroCents: xero });
    }
  })();
  return { compared: linked.length, differ, calls, readAt };
}
