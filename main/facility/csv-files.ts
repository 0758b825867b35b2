import type { Db } from '../db/open-database';
import { tenantHash } from './content-hashes';
import { ALLOCATION_FILE_SPEC } from './csv-allocation-file';
import { CREDIT_NOTE_FILE_SPECS, REFUND_FILE_SPEC } from './csv-credit-files';
import { PAYMENT_FILE_SPEC } from './csv-payment-file';
import { formatCents, MAX_CENTS, type RowReader } from './csv-row-reader';
import { valuesOf, type ImportWriter } from './import-write';
import type { StagedGroup, StagedValue } from './import-staging';
import { lineAmount, lineAmountProblem } from './line-set';
import type { FacilityRepository } from './repository';
import type { OutcomeCounts } from './staged-upsert';
import {
  CHARGE_KINDS, INVOICE_STATUSES, type BuildingRow, type ChargeTypeRow, type InvoiceLineRow, type InvoiceRow, type LocationRow,
  type TenantRow, type UnitRow, type UpsertOutcome,
} from './types';

/**
 * The CSV files we understand, in import order (a file may refer to records of the files above
 * it). Column names are documented in docs/csv-formats.md; keep the two in step.
 *
 * How a file is imported (csv-import.ts): every row is read and checked by `read`, and its values
 * are staged in temp.import_staging (import-staging.ts); only when every row of the file passed,
 * `write` writes the whole file in one transaction with set-based SQL (import-write.ts). The same
 * rules, a record at a time, are the repository's upserts (repository.ts), which demo data and
 * tests write through; test/facility/import-write.test.ts holds the two paths to the same result.
 *
 * Two kinds of FileSpec: set-based (`values`, `write`: locations to payments, and allocations.csv,
 * csv-allocation-file.ts) and row-based (`writeRows`: credit_notes.csv, credit_note_lines.csv and
 * refunds.csv, csv-credit-files.ts), whose checked rows are staged as JSON and written
 * through the repository's upserts a page at a time, in the same one transaction per file. The credit
 * files stay row-based because a credit note's derived allocation depends on what is still due on its
 * invoice when it is written (credit-note-repository.ts); moving them to set-based SQL is the next
 * step, by the recipe below. payments.csv is set-based but for its prepayments (rows without an
 * invoice, issue 14: few), which its writer hands to the repository a row at a time (csv-payment-file.ts).
 * Both kinds are checked the same way, and nothing of a file is written unless every row passed;
 * `checkStaged` adds rules across rows and stored records in SQL once every row passed.
 *
 * Adding a file, or a column to one (set-based):
 * 1. The table's written columns (besides id and external_id) go in WRITTEN_COLUMNS
 *    (import-write.ts), in the order they are staged; at most STAGED_VALUES of them
 *    (import-staging.ts; raise it for a wider table). An optional column (`status` on
 *    invoices.csv) is a written column like any other, read with its default.
 * 2. A FileSpec here: `read` returns the row with properties named as the table's columns (ids of
 *    other records resolved through `repo`, every problem pushed to r.problems; a column naming
 *    invoices is listed in `refersTo`, so a block of rows' invoices is asked in one query), and
 *    `values: valuesOf('<table>')` stages them by name. A child file (lines) returns
 *    `{ parentId, ..., line }`, stages `lineValues(row.line)`-style values, sets `groupOf` to the
 *    parent's id (staged as grp) and `groupTotal` to limit the sum per parent; a negative amount
 *    needs only its check here (the totals are sums in SQL).
 * 3. Its content hash in content-hashes.ts, shared with the repository so both paths hash alike:
 *    a kind whose hash covers the row alone (tenants, payments) sets `hash` here, computed while
 *    reading; a kind whose hash covers child rows (invoices with lines) is hashed after the write,
 *    from the tables (refreshInvoices in import-write.ts).
 * 4. `write: (w) => w.<method>()`, a method of createImportWriter (import-write.ts):
 *    - nothing sent to Xero: `w.reference('<table>')` (upsert only);
 *    - a record sent to Xero: upsertStaged(db, { table, columns, sentColumns }) (fills
 *      temp.import_outcomes: seq, rid, outcome), then one INSERT INTO temp.sync_changes of the
 *      changed rows (record id, hash, report place, record date) and changes.apply('<kind>', now)
 *      (record-changes.ts: pending and queued, or synced again when put back); `sentColumns` are
 *      the columns Xero sees, so a change to the others only (a payment's reference) queues nothing;
 *    - child rows: as invoiceLines(): outcomes per line, the parents with any change rewritten as
 *      a set, then each changed parent's total and hash refreshed and queued;
 *    - records that follow a parent's place (payments, allocations under their invoice): a
 *      follower in record-changes.ts (moveFollowersOfQueuedInvoices); a rule that touches a few
 *      other records (a void invoice's allocations reversed) may call the repository from the
 *      writer, as refreshInvoices does.
 * 5. The per-row upsert in repository.ts for the same table (demo data), and the kind in
 *    test/facility/import-write.test.ts, whose comparison of the two paths is the judge.
 */
interface FileSpecBase<T> {
  file: string;
  required: readonly string[];
  optional: readonly string[];
  /** Column holding the facility's id of the row; must be unique within the file. */
  idColumn: string;
  read(r: RowReader, repo: FacilityRepository): T;
  /**
   * Columns whose values name another file's records, found through `lookup` in read(): the values of
   * a whole block of rows are asked for in one query before the block is checked (csv-import.ts),
   * instead of one query per row (a payment or a line names its invoice).
   */
  refersTo?: readonly { column: string; lookup: AskedAhead }[];
  /** A second uniqueness rule within the file, e.g. one line_no per invoice. */
  secondKey?(row: T): { key: string; message: string } | undefined;
  /** The group a row belongs to, kept as the staged row's grp (an invoice's lines: the invoice's id). */
  groupOf?(row: T): number;
  /**
   * A rule on the sum of an amount over each group, checked once the file is read: an invoice's
   * lines add up to 0 to 999,999,999.99; a credit note's refunds stay within its credit. With
   * `bounds` only the groups whose total is outside them are checked (the answer stays small);
   * `label` names the group in messages (`group.id` is its grp); `inFile` tells whether a stored
   * record is listed again in the file.
   */
  groupTotal?: {
    of(row: T): number;
    label(row: T): string;
    bounds?: { min: number; max: number };
    problem(group: StagedGroup, context: { repo: FacilityRepository; inFile(id: string): boolean }): string | undefined;
  };
  /**
   * Rules across the file's rows and the stored records, checked with SQL over temp.import_staging
   * once every row passed (payments.csv: a payment_id stored as the other kind; allocations.csv: the
   * credit left on each source and what each invoice still has due). Returns the rejected rows.
   */
  checkStaged?(db: Db, repo: FacilityRepository): StagedProblem[];
  /**
   * The file holding this file's lines (invoices.csv: invoice_lines.csv). When it follows in the same
   * import, this file's changed records are only marked (migration 011) and the lines file hashes and
   * queues them once, with their lines (import-write.ts, credit-note-repository.ts, import-refresh.ts).
   */
  linesFile?: string;
}

/** The lookups a file can have asked for a block of rows at once (FileSpecBase.refersTo). */
export type AskedAhead = 'findInvoice';

/** What a file's write is told about the import it is part of. */
export interface WriteContext { linesFollow: boolean }

export interface StagedProblem { line: number; reason: string }

/** A file written with the writer's set-based statements from its staged values. */
interface SetFileSpec<T> extends FileSpecBase<T> {
  /** The row's values as staged: the columns its write() stores, in WRITTEN_COLUMNS order. */
  values(row: T): readonly StagedValue[];
  /** The row's content hash, computed while the file is read (the kinds whose hash covers the row alone). */
  hash?(row: T): string;
  /** Writes the file's staged rows (all checked) with the writer's set-based statements. */
  write(writer: ImportWriter): OutcomeCounts;
  writeRows?: never;
  afterRows?: never;
}

/** A file still written a row at a time through the repository (credit notes, their lines, refunds). */
interface RowFileSpec<T> extends FileSpecBase<T> {
  /** Called with the checked rows grouped, in file order within a group, a page at a time; a group is never split. */
  writeRows(repo: FacilityRepository, rows: T[], context: WriteContext): UpsertOutcome[];
  /** Called once after the last page, in the same transaction (credit_note_lines.csv: the marked credit notes it did not list). */
  afterRows?(repo: FacilityRepository): void;
  values?: never;
  hash?: never;
  write?: never;
}

export type FileSpec<T = unknown> = SetFileSpec<T> | RowFileSpec<T>;

const spec = <T>(s: FileSpec<T>): FileSpec => s as unknown as FileSpec;

/** An invoice line as read: its values are the line's, its group the invoice's id (import-write.ts). */
type LineItem = { invoiceId: number; invoiceExternalId: string; line: InvoiceLineRow };
const lineValues = valuesOf('invoice_lines');

export const FILE_SPECS: readonly FileSpec[] = [
  spec<LocationRow>({
    file: 'locations.csv', idColumn: 'location_id',
    required: ['location_id', 'name', 'currency', 'time_zone', 'updated_at'], optional: [],
    read: (r) => ({
      external_id: r.id('location_id'), name: r.text('name'), currency: currency(r), time_zone: r.timeZone('time_zone'),
      updated_at: r.timestamp('updated_at'),
    }),
    values: valuesOf('locations'),
    write: (w) => w.reference('locations'),
  }),
  spec<BuildingRow>({
    file: 'buildings.csv', idColumn: 'building_id',
    required: ['building_id', 'location_id', 'name', 'updated_at'], optional: [],
    read: (r, repo) => ({
      external_id: r.id('building_id'), location_id: r.ref('location_id', repo.findLocation, 'location'), name: r.text('name'),
      updated_at: r.timestamp('updated_at'),
    }),
    values: valuesOf('buildings'),
    write: (w) => w.reference('buildings'),
  }),
  spec<UnitRow>({
    file: 'units.csv', idColumn: 'unit_id',
    required: ['unit_id', 'building_id', 'name', 'unit_type', 'updated_at'], optional: [],
    read: (r, repo) => ({
      external_id: r.id('unit_id'), building_id: r.ref('building_id', repo.findBuilding, 'building'), name: r.text('name'),
      unit_type: r.text('unit_type', 100), updated_at: r.timestamp('updated_at'),
    }),
    values: valuesOf('units'),
    write: (w) => w.reference('units'),
  }),
  spec<ChargeTypeRow>({
    file: 'charge_types.csv', idColumn: 'charge_type_id',
    required: ['charge_type_id', 'name', 'kind', 'updated_at'], optional: [],
    read: (r) => ({
      external_id: r.id('charge_type_id'), name: r.text('name', 50), kind: r.oneOf('kind', CHARGE_KINDS),
      updated_at: r.timestamp('updated_at'),
    }),
    values: valuesOf('charge_types'),
    write: (w) => w.reference('charge_types'),
  }),
  spec<TenantRow>({
    file: 'tenants.csv', idColumn: 'tenant_id',
    required: ['tenant_id', 'location_id', 'name', 'updated_at'], optional: ['unit_id', 'email', 'phone'],
    read: (r, repo) => ({
      external_id: r.id('tenant_id'), location_id: r.ref('location_id', repo.findLocation, 'location'),
      unit_id: r.optionalRef('unit_id', repo.findUnit, 'unit'), name: r.text('name'), email: r.optionalText('email'),
      phone: r.optionalText('phone', 50), updated_at: r.timestamp('updated_at'),
    }),
    hash: tenantHash,
    values: valuesOf('tenants'),
    write: (w) => w.tenants(),
  }),
  spec<InvoiceRow>({
    file: 'invoices.csv', idColumn: 'invoice_id',
    required: ['invoice_id', 'invoice_number', 'tenant_id', 'issue_date', 'due_date', 'updated_at'], optional: ['unit_id', 'status'],
    read: (r, repo) => {
      const row: InvoiceRow = {
        external_id: r.id('invoice_id'), invoice_number: r.text('invoice_number'), tenant_id: r.ref('tenant_id', repo.findTenant, 'tenant'),
        unit_id: r.optionalRef('unit_id', repo.findUnit, 'unit'), ...issueAndDueDates(r), status: r.oneOf('status', INVOICE_STATUSES, 'open'),
        updated_at: r.timestamp('updated_at'),
      };
      // Xero knows an invoice by its number: one number, one invoice, across every import.
      const owner = row.invoice_number ? repo.invoiceWithNumber(row.invoice_number) : undefined;
      if (owner !== undefined && owner !== row.external_id) {
        r.problems.push(`invoice_number "${row.invoice_number}" already belongs to invoice "${owner}"; each invoice needs its own number`);
      }
      return row;
    },
    secondKey: (row) => ({ key: row.invoice_number, message: `invoice_number "${row.invoice_number}" is used twice in this file` }),
    linesFile: 'invoice_lines.csv',
    values: valuesOf('invoices'),
    write: (w) => w.invoices(),
  }),
  spec<LineItem>({
    file: 'invoice_lines.csv', idColumn: 'line_id',
    required: ['line_id', 'invoice_id', 'line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount', 'updated_at'],
    optional: [],
    refersTo: [{ column: 'invoice_id', lookup: 'findInvoice' }],
    read: (r, repo) => {
      // ref() reports an empty or unknown invoice_id; raw() only names it in the line_no message.
      const invoiceExternalId = r.raw('invoice_id');
      const invoiceId = r.ref('invoice_id', repo.findInvoice, 'invoice');
      const line: InvoiceLineRow = {
        external_id: r.id('line_id'), line_no: r.int('line_no', 1, 10_000),
        charge_type_id: r.ref('charge_type_id', repo.findChargeType, 'charge type'), description: r.text('description', 4000, { multiline: true }),
        quantity: r.int('quantity', 1, 100_000), unit_amount_cents: r.money('unit_amount', { allowNegative: true }), updated_at: r.timestamp('updated_at'),
      };
      const problem = lineAmountProblem(line);
      if (problem) r.problems.push(problem);
      const owner = repo.findLineInvoice(line.external_id);
      if (owner !== undefined && invoiceId !== 0 && owner !== invoiceId) {
        r.problems.push(`line_id "${line.external_id}" already belongs to another invoice`);
      }
      return { invoiceId, invoiceExternalId, line };
    },
    secondKey: (row) => ({
      key: `${row.invoiceId}#${row.line.line_no}`,
      message: `line_no ${row.line.line_no} appears twice for invoice "${row.invoiceExternalId}"`,
    }),
    groupOf: (row) => row.invoiceId,
    groupTotal: {
      of: (row) => lineAmount(row.line),
      label: (row) => row.invoiceExternalId,
      bounds: { min: 0, max: MAX_CENTS },
      problem: ({ label: invoice, total }) => total < 0
        ? `the lines of invoice "${invoice}" add up to ${formatCents(total)}; an invoice's total cannot be negative, so its discount lines may take away at most what its other lines charge`
        : `the lines of invoice "${invoice}" add up to ${formatCents(total)}, more than 999,999,999.99; split the invoice`,
    },
    values: (row) => lineValues(row.line),
    write: (w) => w.invoiceLines(),
  }),
  PAYMENT_FILE_SPEC,
  ...CREDIT_NOTE_FILE_SPECS,
  ALLOCATION_FILE_SPEC,
  REFUND_FILE_SPEC,
];

function issueAndDueDates(r: RowReader): { issue_date: string; due_date: string } {
  const issue_date = r.date('issue_date');
  const due_date = r.date('due_date');
  if (DATE_LIKE.test(issue_date) && DATE_LIKE.test(due_date) && due_date < issue_date) {
    r.problems.push(`due_date ${due_date} is before issue_date ${issue_date}`);
  }
  return { issue_date, due_date };
}
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}$/;

function currency(r: RowReader): string {
  const v = r.text('currency', 3).toUpperCase();
  if (v && !/^[A-Z]{3}$/.test(v)) r.problems.push(`currency "${v}" is not a 3-letter code like AUD`);
  return v;
}

// Longest names first, so a longer name wins over any shorter one that is its prefix.
const BY_BASE_NAME = FILE_SPECS.map((spec) => ({ spec, base: spec.file.replace(/\.csv$/, '') })).sort((a, b) => b.base.length - a.base.length);

/** Finds the spec for a file by its name: "tenants.csv", also "Tenants-2025-01.csv" or "tenants_jan.csv". */
export function specForFileName(fileName: string): FileSpec | undefined {
  const name = fileName.toLowerCase().replace(/\.(csv|xlsx)$/, '');
  return BY_BASE_NAME.find(({ base }) => name === base || name.startsWith(`${base}-`) || name.startsWith(`${base}_`))?.spec;
}
