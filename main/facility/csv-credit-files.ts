import type { FileSpec } from './csv-files';
import { formatCents, MAX_CENTS, type RowReader } from './csv-row-reader';
import { lineAmount, lineAmountProblem } from './line-set';
import type { FacilityRepository } from './repository';
import {
  CREDIT_NOTE_REASONS, INVOICE_STATUSES, PAYMENT_METHODS, REFUND_STATUSES, type CreditNoteLineRow, type CreditNoteRow, type RefundRow,
} from './types';

/**
 * The files of issue 13, imported after payments (docs/csv-formats.md): credit notes, their lines
 * and (after allocations.csv, csv-allocation-file.ts) the refunds paid out of them. A credit note that names an invoice is applied to it: the
 * repository derives the allocation (credit-note-repository.ts).
 *
 * These files are checked and staged like the others (all-or-nothing per file), but written a row
 * at a time through the repository (`writeRows`), not with the set-based writer (import-write.ts):
 * a credit note's allocation depends on what is still due on its invoice, record by record.
 */
const spec = <T>(s: FileSpec<T>): FileSpec => s as unknown as FileSpec;

type CreditLineItem = { creditNoteId: number; creditNoteExternalId: string; line: CreditNoteLineRow };

export const CREDIT_NOTE_FILE_SPECS: readonly FileSpec[] = [
  spec<CreditNoteRow>({
    file: 'credit_notes.csv', idColumn: 'credit_note_id',
    required: ['credit_note_id', 'credit_note_number', 'tenant_id', 'issue_date', 'reason', 'updated_at'],
    optional: ['invoice_id', 'unit_id', 'status'],
    refersTo: [{ column: 'invoice_id', lookup: 'findInvoice' }],
    read: (r, repo) => {
      const row: CreditNoteRow = {
        external_id: r.id('credit_note_id'), credit_note_number: r.text('credit_note_number'),
        tenant_id: r.ref('tenant_id', repo.findTenant, 'tenant'), invoice_id: r.optionalRef('invoice_id', repo.findInvoice, 'invoice'),
        unit_id: r.optionalRef('unit_id', repo.findUnit, 'unit'), issue_date: r.date('issue_date'),
        reason: r.oneOf('reason', CREDIT_NOTE_REASONS), status: r.oneOf('status', INVOICE_STATUSES, 'open'), updated_at: r.timestamp('updated_at'),
      };
      // Xero knows a credit note by its number, as it knows an invoice by its number.
      const owner = row.credit_note_number ? repo.creditNoteWithNumber(row.credit_note_number) : undefined;
      if (owner !== undefined && owner !== row.external_id) {
        r.problems.push(`credit_note_number "${row.credit_note_number}" already belongs to credit note "${owner}"; each credit note needs its own number`);
      }
      const invoiceTenant = row.invoice_id && row.tenant_id ? repo.invoiceTenant(row.invoice_id) : undefined;
      if (invoiceTenant && invoiceTenant.id !== row.tenant_id) {
        r.problems.push(
          `invoice "${r.raw('invoice_id')}" belongs to tenant "${invoiceTenant.external_id}", not "${r.raw('tenant_id')}"; a credit note applies only to its own tenant's invoices`,
        );
      }
      return row;
    },
    secondKey: (row) => ({ key: row.credit_note_number, message: `credit_note_number "${row.credit_note_number}" is used twice in this file` }),
    linesFile: 'credit_note_lines.csv',
    writeRows: (repo, rows, { linesFollow }) => rows.map((row) => repo.upsertCreditNote(row, { linesFollow }).outcome),
  }),
  spec<CreditLineItem>({
    file: 'credit_note_lines.csv', idColumn: 'line_id',
    required: ['line_id', 'credit_note_id', 'line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount', 'updated_at'],
    optional: [],
    read: (r, repo) => {
      const creditNoteExternalId = r.raw('credit_note_id');
      const creditNoteId = r.ref('credit_note_id', repo.findCreditNote, 'credit note');
      const line: CreditNoteLineRow = {
        external_id: r.id('line_id'), line_no: r.int('line_no', 1, 10_000),
        charge_type_id: r.ref('charge_type_id', repo.findChargeType, 'charge type'), description: r.text('description', 4000, { multiline: true }),
        quantity: r.int('quantity', 1, 100_000), unit_amount_cents: r.money('unit_amount', { allowNegative: true }), updated_at: r.timestamp('updated_at'),
      };
      const problem = lineAmountProblem(line);
      if (problem) r.problems.push(problem);
      const owner = repo.findLineCreditNote(line.external_id);
      if (owner !== undefined && creditNoteId !== 0 && owner !== creditNoteId) {
        r.problems.push(`line_id "${line.external_id}" already belongs to another credit note`);
      }
      return { creditNoteId, creditNoteExternalId, line };
    },
    secondKey: (row) => ({
      key: `${row.creditNoteId}#${row.line.line_no}`,
      message: `line_no ${row.line.line_no} appears twice for credit note "${row.creditNoteExternalId}"`,
    }),
    groupOf: (row) => row.creditNoteId,
    groupTotal: {
      of: (row) => lineAmount(row.line),
      label: (row) => row.creditNoteExternalId,
      bounds: { min: 0, max: MAX_CENTS },
      problem: ({ label: creditNote, total }) => total < 0
        ? `the lines of credit note "${creditNote}" add up to ${formatCents(total)}; a credit note's total cannot be negative`
        : `the lines of credit note "${creditNote}" add up to ${formatCents(total)}, more than 999,999,999.99; split the credit note`,
    },
    writeRows: (repo, rows) => {
      // The lines a file lists for a credit note are its complete set; rows arrive grouped by credit note.
      const outcomes: ReturnType<typeof repo.replaceCreditNoteLines> = [];
      for (let i = 0; i < rows.length;) {
        let end = i;
        while (end < rows.length && rows[end]!.creditNoteId === rows[i]!.creditNoteId) end++;
        outcomes.push(...repo.replaceCreditNoteLines(rows[i]!.creditNoteId, rows.slice(i, end).map((row) => row.line)));
        i = end;
      }
      return outcomes;
    },
    // Credit notes whose header the credit_notes.csv before changed and whose lines this file did not list.
    afterRows: (repo) => repo.refreshMarkedCreditNotes(),
  }),
];


/**
 * refunds.csv: money paid back out of a credit note (credit_note_id) or, issue 14, out of a prepayment
 * (payment_id: a payments.csv row without invoice_id, e.g. unused prepaid rent); exactly one of them.
 * A refund never pays back more than is left of its source (groupTotal, grouped by source: a credit
 * note's id, or PREPAYMENT_GROUPS + a prepayment's id, so a file's refunds are written credit notes first).
 */
const PREPAYMENT_GROUPS = 2 ** 48;
export const REFUND_FILE_SPEC = spec<RefundRow>({
  file: 'refunds.csv', idColumn: 'refund_id',
  required: ['refund_id', 'paid_on', 'amount', 'method', 'updated_at'], optional: ['credit_note_id', 'payment_id', 'reference', 'status'],
  read: (r, repo) => ({
    external_id: r.id('refund_id'), ...refundSource(r, repo), paid_on: r.date('paid_on'),
    amount_cents: r.money('amount', { allowZero: false }), method: r.oneOf('method', PAYMENT_METHODS),
    status: r.oneOf('status', REFUND_STATUSES, 'completed'), reference: r.optionalText('reference'), updated_at: r.timestamp('updated_at'),
  }),
  groupOf: (row) => (row.prepayment_id ? PREPAYMENT_GROUPS + row.prepayment_id : (row.credit_note_id ?? 0)),
  groupTotal: {
    // Money paid back comes out of the credit: never more than the source still holds.
    of: (row) => (row.status === 'completed' ? row.amount_cents : 0),
    label: (row) => row.external_id,
    problem: ({ id, total }, context) => (id > PREPAYMENT_GROUPS
      ? prepaymentRefundProblem(id - PREPAYMENT_GROUPS, total, context)
      : creditNoteRefundProblem(id, total, context)),
  },
  writeRows: (repo, rows) => rows.map((row) => repo.upsertRefund(row).outcome),
});

type GroupContext = { repo: FacilityRepository; inFile(id: string): boolean };

function refundSource(r: RowReader, repo: FacilityRepository): Pick<RefundRow, 'credit_note_id' | 'prepayment_id'> {
  const payment = r.raw('payment_id');
  const creditNote = r.raw('credit_note_id');
  if ((payment === '') === (creditNote === '')) {
    r.problems.push('give exactly one of credit_note_id and payment_id (a prepayment): what the refund pays back');
    return { credit_note_id: null, prepayment_id: null };
  }
  if (creditNote) return { credit_note_id: r.ref('credit_note_id', repo.findCreditNote, 'credit note'), prepayment_id: null };
  const prepayment = repo.findPrepayment(payment);
  if (prepayment === undefined) {
    const paid = repo.paymentOf(payment);
    r.problems.push(paid
      ? `payment ${payment} pays invoice ${paid.invoice}, so it holds no credit to refund; only a prepayment (a payments.csv row without invoice_id) can be refunded`
      : `prepayment "${payment}" is unknown; import it first (payments.csv, without invoice_id)`);
  }
  return { credit_note_id: null, prepayment_id: prepayment ?? 0 };
}

function creditNoteRefundProblem(creditNoteId: number, total: number, { repo, inFile }: GroupContext): string | undefined {
  const credit = repo.creditOf(creditNoteId);
  const storedElsewhere = repo.completedRefunds(creditNoteId).filter((f) => !inFile(f.external_id));
  const refunded = total + storedElsewhere.reduce((sum, f) => sum + f.amount_cents, 0);
  if (credit.status === 'void') {
    return refunded > 0
      ? `credit note "${credit.external_id}" is void, so it has no credit to refund, but its completed refunds add up to ${formatCents(refunded)}; reverse them`
      : undefined;
  }
  const left = credit.total_cents - credit.allocated;
  if (refunded <= left) return undefined;
  const applied = credit.allocated > 0 ? ` less ${formatCents(credit.allocated)} applied to invoice "${credit.invoice}"` : '';
  return `the completed refunds of credit note "${credit.external_id}" add up to ${formatCents(refunded)}, more than the credit left on it `
    + `(${formatCents(left)}: its total ${formatCents(credit.total_cents)}${applied}); a refund cannot pay back more than was credited`;
}

function prepaymentRefundProblem(prepaymentId: number, total: number, { repo, inFile }: GroupContext): string | undefined {
  const held = repo.prepaymentHeld(prepaymentId);
  if (!held) return undefined;
  const storedElsewhere = repo.prepaymentRefunds(prepaymentId).filter((f) => !inFile(f.external_id));
  const refunded = total + storedElsewhere.reduce((sum, f) => sum + f.amount_cents, 0);
  if (held.status === 'reversed') {
    return refunded > 0
      ? `prepayment "${held.external_id}" is reversed, so it holds nothing to refund, but its completed refunds add up to ${formatCents(refunded)}; reverse them`
      : undefined;
  }
  const left = held.amount_cents - held.allocated;
  if (refunded <= left) return undefined;
  const applied = held.allocated > 0 ? ` less ${formatCents(held.allocated)} applied to invoices` : '';
  return `the completed refunds of prepayment "${held.external_id}" add up to ${formatCents(refunded)}, more than is left of it `
    + `(${formatCents(left)}: its amount ${formatCents(held.amount_cents)}${applied}); a refund cannot pay back more than was prepaid`;
}
