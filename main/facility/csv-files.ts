import { CREDIT_FILE_SPECS } from './csv-credit-files';
import { formatCents, MAX_CENTS, type RowReader } from './csv-row-reader';
import { lineAmountProblem } from './line-set';
import type { FacilityRepository } from './repository';
import {
  CHARGE_KINDS, INVOICE_STATUSES, PAYMENT_METHODS, PAYMENT_STATUSES, type BuildingRow, type ChargeTypeRow, type InvoiceLineRow, type InvoiceRow,
  type LocationRow, type PaymentRow, type TenantRow, type UnitRow, type UpsertOutcome,
} from './types';

/**
 * The CSV files we understand, in import order (a file may refer to records of the files above
 * it). Column names are documented in docs/csv-formats.md; keep the two in step.
 */
export interface FileSpec<T = unknown> {
  file: string;
  required: readonly string[];
  optional: readonly string[];
  /** Column holding the facility's id of the row; must be unique within the file. */
  idColumn: string;
  read(r: RowReader, repo: FacilityRepository): T;
  /** A second uniqueness rule within the file, e.g. one line_no per invoice. */
  secondKey?(row: T): { key: string; message: string } | undefined;
  /** Rows that must reach write() together (an invoice's lines are its complete set). */
  groupOf?(row: T): number;
  /**
   * A rule on the sum of an amount over each group, checked once the file is read: an invoice's
   * lines add up to 0 to 999,999,999.99; a credit note's refunds stay within its credit. With
   * `bounds` only the groups whose total is outside them are checked (the answer stays small);
   * `inFile` tells whether a stored record is listed again in the file.
   */
  groupTotal?: {
    of(row: T): number;
    bounds?: { min: number; max: number };
    problem(row: T, total: number, context: { repo: FacilityRepository; inFile(id: string): boolean }): string | undefined;
  };
  /** Called with the rows in file order, a chunk at a time; a group is never split across chunks. */
  write(repo: FacilityRepository, rows: T[]): UpsertOutcome[];
}

const spec = <T>(s: FileSpec<T>): FileSpec => s as unknown as FileSpec;

type LineItem = { invoiceId: number; invoiceExternalId: string; line: InvoiceLineRow };

export const FILE_SPECS: readonly FileSpec[] = [
  spec<LocationRow>({
    file: 'locations.csv', idColumn: 'location_id',
    required: ['location_id', 'name', 'currency', 'time_zone', 'updated_at'], optional: [],
    read: (r) => ({
      external_id: r.id('location_id'), name: r.text('name'), currency: currency(r), time_zone: r.timeZone('time_zone'),
      updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertLocation(row).outcome),
  }),
  spec<BuildingRow>({
    file: 'buildings.csv', idColumn: 'building_id',
    required: ['building_id', 'location_id', 'name', 'updated_at'], optional: [],
    read: (r, repo) => ({
      external_id: r.id('building_id'), location_id: r.ref('location_id', repo.findLocation, 'location'), name: r.text('name'),
      updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertBuilding(row).outcome),
  }),
  spec<UnitRow>({
    file: 'units.csv', idColumn: 'unit_id',
    required: ['unit_id', 'building_id', 'name', 'unit_type', 'updated_at'], optional: [],
    read: (r, repo) => ({
      external_id: r.id('unit_id'), building_id: r.ref('building_id', repo.findBuilding, 'building'), name: r.text('name'),
      unit_type: r.text('unit_type', 100), updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertUnit(row).outcome),
  }),
  spec<ChargeTypeRow>({
    file: 'charge_types.csv', idColumn: 'charge_type_id',
    required: ['charge_type_id', 'name', 'kind', 'updated_at'], optional: [],
    read: (r) => ({
      external_id: r.id('charge_type_id'), name: r.text('name', 50), kind: r.oneOf('kind', CHARGE_KINDS),
      updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertChargeType(row).outcome),
  }),
  spec<TenantRow>({
    file: 'tenants.csv', idColumn: 'tenant_id',
    required: ['tenant_id', 'location_id', 'name', 'updated_at'], optional: ['unit_id', 'email', 'phone'],
    read: (r, repo) => ({
      external_id: r.id('tenant_id'), location_id: r.ref('location_id', repo.findLocation, 'location'),
      unit_id: r.optionalRef('unit_id', repo.findUnit, 'unit'), name: r.text('name'), email: r.optionalText('email'),
      phone: r.optionalText('phone', 50), updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertTenant(row).outcome),
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
    write: (repo, rows) => rows.map((row) => repo.upsertInvoice(row).outcome),
  }),
  spec<LineItem>({
    file: 'invoice_lines.csv', idColumn: 'line_id',
    required: ['line_id', 'invoice_id', 'line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount', 'updated_at'],
    optional: [],
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
      of: (row) => row.line.quantity * row.line.unit_amount_cents,
      bounds: { min: 0, max: MAX_CENTS },
      problem: (row, total) => total < 0
        ? `the lines of invoice "${row.invoiceExternalId}" add up to ${formatCents(total)}; an invoice's total cannot be negative, so its discount lines may take away at most what its other lines charge`
        : `the lines of invoice "${row.invoiceExternalId}" add up to ${formatCents(total)}, more than 999,999,999.99; split the invoice`,
    },
    write: (repo, rows) => {
      // The lines a file lists for an invoice are its complete set.
      const byInvoice = new Map<number, { index: number; line: InvoiceLineRow }[]>();
      rows.forEach((row, index) => {
        const list = byInvoice.get(row.invoiceId) ?? [];
        list.push({ index, line: row.line });
        byInvoice.set(row.invoiceId, list);
      });
      const outcomes = new Array<UpsertOutcome>(rows.length);
      for (const [invoiceId, list] of byInvoice) {
        const result = repo.replaceInvoiceLines(invoiceId, list.map((l) => l.line));
        list.forEach((l, i) => (outcomes[l.index] = result[i] ?? 'unchanged'));
      }
      return outcomes;
    },
  }),
  spec<PaymentRow>({
    file: 'payments.csv', idColumn: 'payment_id',
    required: ['payment_id', 'invoice_id', 'paid_on', 'amount', 'method', 'updated_at'], optional: ['status', 'reference'],
    read: (r, repo) => ({
      external_id: r.id('payment_id'), invoice_id: r.ref('invoice_id', repo.findInvoice, 'invoice'), paid_on: r.date('paid_on'),
      amount_cents: r.money('amount', { allowZero: false }), method: r.oneOf('method', PAYMENT_METHODS),
      status: r.oneOf('status', PAYMENT_STATUSES, 'completed'), reference: r.optionalText('reference'),
      updated_at: r.timestamp('updated_at'),
    }),
    write: (repo, rows) => rows.map((row) => repo.upsertPayment(row).outcome),
  }),
  ...CREDIT_FILE_SPECS,
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
  const name = fileName.toLowerCase().replace(/\.csv$/, '');
  return BY_BASE_NAME.find(({ base }) => name === base || name.startsWith(`${base}-`) || name.startsWith(`${base}_`))?.spec;
}
