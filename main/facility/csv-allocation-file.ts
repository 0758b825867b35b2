import type { Db } from '../db/open-database';
import { allocationHash } from './content-hashes';
import { allocationKeyOf } from './credit-note-repository';
import type { FileSpec, StagedProblem } from './csv-files';
import { formatCents, type RowReader } from './csv-row-reader';
import { valuesOf, WRITTEN_COLUMNS } from './import-write';
import type { FacilityRepository } from './repository';
import { stagedValue } from './staged-upsert';
import { ALLOCATION_STATUSES, type AllocationRow } from './types';

/**
 * allocations.csv (issue 14, docs/csv-formats.md): credit applied to an invoice, from a prepayment
 * (payment_id: a payments.csv row without an invoice) or a credit note (credit_note_id). Imported
 * after payments and credit notes, before refunds, so every source and invoice it names exists and
 * refunds see what is applied. Checked, staged and written set-based like payments.csv (import-write.ts,
 * allocations(): the rules of the repository's upsertAllocation, which demo data writes through), each a
 * sync record of kind allocation reported under its invoice's place, as the credit a credit note applies
 * to the invoice it names.
 *
 * Per row: one source, the source's tenant owns the invoice, the invoice is open, the source has
 * credit (a reversed prepayment or a void credit note has none), an allocation never moves to another
 * source or invoice. Across rows (checkStaged): what a source gives never exceeds it, and an invoice
 * is never given more than it has due, counting what is stored and not listed again in the file.
 */
const DERIVED_PREFIX = allocationKeyOf('');

export const ALLOCATION_FILE_SPEC = ((s: FileSpec<AllocationRow>): FileSpec => s as unknown as FileSpec)({
  file: 'allocations.csv', idColumn: 'allocation_id',
  required: ['allocation_id', 'invoice_id', 'amount', 'allocated_on', 'updated_at'], optional: ['payment_id', 'credit_note_id', 'status'],
  refersTo: [{ column: 'invoice_id', lookup: 'findInvoice' }],
  read: (r, repo) => {
    const external_id = r.id('allocation_id');
    if (external_id.startsWith(DERIVED_PREFIX)) {
      r.problems.push(`allocation_id "${external_id}" starts with "${DERIVED_PREFIX}", which Facility Sync keeps for the credit a credit note applies to the invoice it names; give the allocation another id`);
    }
    const row: AllocationRow = {
      external_id, ...sourceOf(r, repo), invoice_id: r.ref('invoice_id', repo.findInvoice, 'invoice'),
      amount_cents: r.money('amount', { allowZero: false }), allocated_on: r.date('allocated_on'),
      status: r.oneOf('status', ALLOCATION_STATUSES, 'completed'), updated_at: r.timestamp('updated_at'),
    };
    if (r.problems.length === 0) checkRow(r, repo, row);
    return row;
  },
  checkStaged,
  hash: allocationHash,
  values: valuesOf('allocations'),
  write: (w) => w.allocations(),
});

/** The one source a row names: a prepayment (payment_id) or a credit note. */
function sourceOf(r: RowReader, repo: FacilityRepository): Pick<AllocationRow, 'prepayment_id' | 'credit_note_id'> {
  const payment = r.raw('payment_id');
  const creditNote = r.raw('credit_note_id');
  if ((payment === '') === (creditNote === '')) {
    r.problems.push('give exactly one of payment_id (a prepayment) and credit_note_id: the credit the allocation applies');
    return { prepayment_id: null, credit_note_id: null };
  }
  if (creditNote) return { prepayment_id: null, credit_note_id: r.ref('credit_note_id', repo.findCreditNote, 'credit note') };
  const prepayment = repo.findPrepayment(payment);
  if (prepayment === undefined) {
    const paid = repo.paymentOf(payment);
    r.problems.push(paid
      ? `payment ${payment} pays invoice ${paid.invoice}, so it has no credit to apply; only a prepayment (a payments.csv row without invoice_id) can be allocated`
      : `prepayment "${payment}" is unknown; import it first (payments.csv, without invoice_id)`);
  }
  return { prepayment_id: prepayment ?? 0, credit_note_id: null };
}

function checkRow(r: RowReader, repo: FacilityRepository, row: AllocationRow): void {
  const source = row.prepayment_id
    ? { ...repo.prepaymentHeld(row.prepayment_id)!, name: `prepayment ${r.raw('payment_id')}`, dead: 'reversed' }
    : { ...repo.creditOf(row.credit_note_id!), name: `credit note ${r.raw('credit_note_id')}`, dead: 'void' };
  const stored = repo.allocationOf(row.external_id);
  if (stored && (stored.invoice_id !== row.invoice_id || stored.prepayment_id !== row.prepayment_id || stored.credit_note_id !== row.credit_note_id)) {
    r.problems.push(`allocation ${row.external_id} was imported for invoice ${stored.invoice} from another source or to another invoice; an allocation cannot move: reverse it (status reversed) and add the new one with its own allocation_id`);
    return;
  }
  const invoice = repo.invoiceTenant(row.invoice_id)!;
  if (invoice.id !== source.tenant_id) {
    r.problems.push(`invoice ${r.raw('invoice_id')} belongs to tenant ${invoice.external_id}, but ${source.name} is tenant ${source.tenant}'s; credit applies only to its own tenant's invoices`);
  }
  if (row.status !== 'completed') return;
  if (invoice.status === 'void') r.problems.push(`invoice ${r.raw('invoice_id')} is void, so nothing can be applied to it; reverse the allocation (status reversed) or apply it to another invoice`);
  if (source.status === source.dead) r.problems.push(`${source.name} is ${source.dead}, so it has no credit to apply; reverse the allocation (status reversed)`);
}

interface Overdrawn { line: number; name: string; held: number; in_file: number; stored: number; refunded: number }
interface Overpaid { line: number; name: string; total: number; paid: number; stored: number; in_file: number }

/**
 * What each source gives and each invoice takes, over the file's completed rows and the stored
 * completed allocations the file does not list again, from the staged values (WRITTEN_COLUMNS.allocations).
 */
function checkStaged(db: Db): StagedProblem[] {
  const v = (c: string) => stagedValue(WRITTEN_COLUMNS.allocations, c);
  const inFile = `WITH f AS (SELECT s.line, ${v('prepayment_id')} AS pp, ${v('credit_note_id')} AS cn, ${v('invoice_id')} AS inv,
      CASE WHEN ${v('status')} = 'completed' THEN ${v('amount_cents')} ELSE 0 END AS amount FROM temp.import_staging AS s)`;
  const storedOf = (column: string, id: string) => `(SELECT COALESCE(sum(a.amount_cents), 0) FROM allocations AS a WHERE a.${column} = ${id}
      AND a.status = 'completed' AND NOT EXISTS (SELECT 1 FROM temp.import_staging AS x WHERE x.id = a.external_id))`;
  const refundedOf = (column: string, id: string) => `(SELECT COALESCE(sum(r.amount_cents), 0) FROM refunds AS r WHERE r.${column} = ${id} AND r.status = 'completed')`;
  const sources = db.prepare(
    `${inFile}
     SELECT min(f.line) AS line, 'prepayment ' || p.external_id AS name, p.amount_cents AS held, sum(f.amount) AS in_file,
       ${storedOf('prepayment_id', 'p.id')} AS stored, ${refundedOf('prepayment_id', 'p.id')} AS refunded
     FROM f JOIN prepayments AS p ON p.id = f.pp GROUP BY p.id HAVING sum(f.amount) > 0 AND in_file + stored + refunded > held
     UNION ALL
     SELECT min(f.line) AS line, 'credit note ' || c.external_id AS name, c.total_cents AS held, sum(f.amount) AS in_file,
       ${storedOf('credit_note_id', 'c.id')} AS stored, ${refundedOf('credit_note_id', 'c.id')} AS refunded
     FROM f JOIN credit_notes AS c ON c.id = f.cn GROUP BY c.id HAVING sum(f.amount) > 0 AND in_file + stored + refunded > held`,
  ).all() as Overdrawn[];
  const invoices = db.prepare(
    `${inFile}
     SELECT min(f.line) AS line, i.external_id AS name, i.total_cents AS total,
       (SELECT COALESCE(sum(p.amount_cents), 0) FROM payments AS p WHERE p.invoice_id = i.id AND p.status = 'completed') AS paid,
       ${storedOf('invoice_id', 'i.id')} AS stored, sum(f.amount) AS in_file
     FROM f JOIN invoices AS i ON i.id = f.inv GROUP BY i.id HAVING in_file > 0 AND total - paid - stored - in_file < 0`,
  ).all() as Overpaid[];
  return [
    ...sources.map((s) => {
      const left = s.held - s.stored - s.refunded;
      const used = [s.stored > 0 && `${formatCents(s.stored)} applied before`, s.refunded > 0 && `${formatCents(s.refunded)} paid back`].filter(Boolean);
      return {
        line: s.line,
        reason: `the completed allocations from ${s.name} in this file add up to ${formatCents(s.in_file)}, more than the ${formatCents(Math.max(0, left))} left of it `
          + `(${formatCents(s.held)}${used.length > 0 ? ` less ${used.join(' and ')}` : ''}); an allocation applies only credit that is left`,
      };
    }),
    ...invoices.map((i) => {
      const due = i.total - i.paid - i.stored;
      const taken = [i.paid > 0 && `${formatCents(i.paid)} paid`, i.stored > 0 && `${formatCents(i.stored)} applied before`].filter(Boolean);
      return {
        line: i.line,
        reason: `the completed allocations to invoice ${i.name} in this file add up to ${formatCents(i.in_file)}, more than it has due `
          + `(${formatCents(Math.max(0, due))}: its total ${formatCents(i.total)}${taken.length > 0 ? ` less ${taken.join(' and ')}` : ''}); apply less to it, or apply the rest to another invoice`,
      };
    }),
  ].sort((a, b) => a.line - b.line);
}
