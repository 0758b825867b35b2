import type { Db } from '../db/open-database';
import { paymentHash } from './content-hashes';
import type { FileSpec, StagedProblem } from './csv-files';
import { formatCents, type RowReader } from './csv-row-reader';
import { PAYMENT_FILE_COLUMNS, valuesOf } from './import-write';
import { stagedValue } from './staged-upsert';
import type { FacilityRepository } from './repository';
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentRow } from './types';

/**
 * payments.csv (docs/csv-formats.md). A row with an invoice_id is a payment of that invoice; a row
 * without one is a prepayment (issue 14): money the tenant named in tenant_id paid before it is owed,
 * kept as their unapplied credit until allocations.csv applies it to invoices. A payment_id is one
 * record for good: it never moves between payments and prepayments (the import refuses it).
 *
 * The file stays set-based for its payments (issue 18 measures it): the checks that need stored
 * records for every row (a payment_id stored as a prepayment, an invoice of another tenant) are two
 * SQL statements over the staged rows (checkStaged), not a look-up per row; the few prepayment rows
 * are checked as they are read and written a row at a time (import-write.ts, payments()).
 */
type PaymentFileRow = Omit<PaymentRow, 'invoice_id'> & { invoice_id: number | null; tenant_id: number | null };

const paymentValues = valuesOf('payments');
const v = (column: (typeof PAYMENT_FILE_COLUMNS)[number]) => stagedValue(PAYMENT_FILE_COLUMNS, column);
/** Enough rows to fill the report's list of rejected rows (csv-import.ts stops at 200). */
const REPORTED = 201;

export const PAYMENT_FILE_SPEC = ((s: FileSpec<PaymentFileRow>): FileSpec => s as unknown as FileSpec)({
  file: 'payments.csv', idColumn: 'payment_id',
  required: ['payment_id', 'paid_on', 'amount', 'method', 'updated_at'], optional: ['invoice_id', 'tenant_id', 'status', 'reference'],
  refersTo: [{ column: 'invoice_id', lookup: 'findInvoice' }],
  read: (r, repo) => {
    const row: PaymentFileRow = {
      external_id: r.id('payment_id'), invoice_id: r.optionalRef('invoice_id', repo.findInvoice, 'invoice'),
      tenant_id: r.optionalRef('tenant_id', repo.findTenant, 'tenant'), paid_on: r.date('paid_on'),
      amount_cents: r.money('amount', { allowZero: false }), method: r.oneOf('method', PAYMENT_METHODS),
      status: r.oneOf('status', PAYMENT_STATUSES, 'completed'), reference: r.optionalText('reference'),
      updated_at: r.timestamp('updated_at'),
    };
    if (row.invoice_id === null) checkPrepayment(r, repo, row);
    return row;
  },
  // Only a payment's hash is staged: a prepayment is hashed by the repository that writes it.
  hash: (row) => (row.invoice_id === null ? '' : paymentHash(row as PaymentRow)),
  values: (row) => [...paymentValues(row), row.tenant_id],
  write: (w) => w.payments(),
  checkStaged,
});

/** A row without an invoice: a prepayment needs its tenant, and one already imported keeps what is applied from it covered. */
function checkPrepayment(r: RowReader, repo: FacilityRepository, row: PaymentFileRow): void {
  const id = row.external_id;
  if (r.raw('tenant_id') === '') {
    r.problems.push('the row has no invoice_id, so it is a prepayment (money paid before it is owed), and a prepayment needs the tenant_id of the tenant who paid it; give the invoice_id it pays or the tenant_id');
    return;
  }
  const payment = id ? repo.paymentOf(id) : undefined;
  if (payment) {
    r.problems.push(
      `payment ${id} was imported as a payment of invoice ${payment.invoice}; without invoice_id it would become a prepayment, and a payment_id keeps the kind it was first imported as: give its invoice_id again, or reverse it and give the prepayment a new payment_id`,
    );
    return;
  }
  const stored = id ? repo.findPrepayment(id) : undefined;
  const held = stored === undefined ? undefined : repo.prepaymentHeld(stored);
  const used = held ? held.allocated + held.refunded : 0;
  if (!held || used === 0) return;
  const what = `prepayment ${id} has ${formatCents(used)} applied to invoices or paid back`;
  const fix = 'reverse its allocations (allocations.csv) and refunds (refunds.csv) first';
  if (row.status === 'reversed' && held.status === 'completed') r.problems.push(`${what}, so it cannot be reversed; ${fix}, then reverse it`);
  else if (row.tenant_id !== null && row.tenant_id !== 0 && row.tenant_id !== held.tenant_id) {
    r.problems.push(`${what} for tenant ${held.tenant}, so it cannot move to tenant ${r.raw('tenant_id')}; ${fix}`);
  } else if (row.amount_cents < used) r.problems.push(`${what}, more than its new amount ${formatCents(row.amount_cents)}; ${fix}`);
}

/** Rules that need stored records for every payment row, as two statements over the staged file. */
function checkStaged(db: Db): StagedProblem[] {
  const asPrepayment = db.prepare(
    `SELECT s.line, s.id, t.external_id AS tenant FROM prepayments AS p JOIN temp.import_staging AS s ON s.id = p.external_id
     JOIN tenants AS t ON t.id = p.tenant_id WHERE ${v('invoice_id')} IS NOT NULL ORDER BY s.line LIMIT ${REPORTED}`,
  ).all() as { line: number; id: string; tenant: string }[];
  const otherTenant = db.prepare(
    `SELECT s.line, s.id, i.external_id AS invoice, it.external_id AS owner, g.external_id AS given
     FROM temp.import_staging AS s JOIN invoices AS i ON i.id = ${v('invoice_id')} JOIN tenants AS it ON it.id = i.tenant_id
     JOIN tenants AS g ON g.id = ${v('tenant_id')} WHERE ${v('tenant_id')} IS NOT NULL AND i.tenant_id <> ${v('tenant_id')} ORDER BY s.line LIMIT ${REPORTED}`,
  ).all() as { line: number; id: string; invoice: string; owner: string; given: string }[];
  return [
    ...asPrepayment.map(({ line, id, tenant }) => ({
      line,
      reason: `payment ${id} was imported as a prepayment of tenant ${tenant}; with an invoice_id it would become a payment of that invoice, and a payment_id keeps the kind it was first imported as: leave invoice_id empty (apply the prepayment with allocations.csv), or reverse it and give the payment a new payment_id`,
    })),
    ...otherTenant.map(({ line, invoice, owner, given }) => ({
      line,
      reason: `invoice ${invoice} belongs to tenant ${owner}, not ${given}; a payment pays its own tenant's invoice: correct the invoice_id or the tenant_id`,
    })),
  ].sort((a, b) => a.line - b.line);
}
