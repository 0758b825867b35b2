import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toCsv } from '../../main/csv-write';
import type { DemoData } from '../../main/facility/demo-data';

/**
 * Writes demo data as the CSV files the importer reads (docs/csv-formats.md): used by the import
 * benchmark and to hand users a realistic sample export.
 */
export function writeDemoCsv(data: DemoData, dir: string): void {
  const write = (file: string, header: string[], rows: Iterable<unknown[]>) =>
    writeFileSync(path.join(dir, file), toCsv(header, rows, { moneyColumns: ['unit_amount', 'amount'] }));
  write('locations.csv', ['location_id', 'name', 'currency', 'time_zone', 'updated_at'],
    data.locations.map((l) => [l.external_id, l.name, l.currency, l.time_zone, l.updated_at]));
  write('buildings.csv', ['building_id', 'location_id', 'name', 'updated_at'],
    data.buildings.map((b) => [b.external_id, b.location, b.name, b.updated_at]));
  write('units.csv', ['unit_id', 'building_id', 'name', 'unit_type', 'updated_at'],
    data.units.map((u) => [u.external_id, u.building, u.name, u.unit_type, u.updated_at]));
  write('charge_types.csv', ['charge_type_id', 'name', 'kind', 'updated_at'],
    data.chargeTypes.map((c) => [c.external_id, c.name, c.kind, c.updated_at]));
  write('tenants.csv', ['tenant_id', 'location_id', 'unit_id', 'name', 'email', 'phone', 'updated_at'],
    data.tenants.map((t) => [t.external_id, t.location, t.unit, t.name, t.email, t.phone, t.updated_at]));
  write('invoices.csv', ['invoice_id', 'invoice_number', 'tenant_id', 'unit_id', 'issue_date', 'due_date', 'status', 'updated_at'],
    data.invoices.map((i) => [i.external_id, i.invoice_number, i.tenant, i.unit, i.issue_date, i.due_date, i.status, i.updated_at]));
  write('invoice_lines.csv', ['line_id', 'invoice_id', 'line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount', 'updated_at'],
    data.invoices.flatMap((i) => i.lines.map((l) => [l.external_id, i.external_id, l.line_no, l.charge_type, l.description, l.quantity, l.unit_amount_cents, i.updated_at])));
  // A prepayment (issue 14) is a payment without an invoice, naming its tenant instead.
  write('payments.csv', ['payment_id', 'invoice_id', 'tenant_id', 'paid_on', 'amount', 'method', 'status', 'reference', 'updated_at'], [
    ...data.payments.map((p) => [p.external_id, p.invoice, '', p.paid_on, p.amount_cents, p.method, p.status, p.reference, p.updated_at]),
    ...data.prepayments.map((p) => [p.external_id, '', p.tenant, p.paid_on, p.amount_cents, p.method, p.status, p.reference, p.updated_at]),
  ]);
  write('credit_notes.csv', ['credit_note_id', 'credit_note_number', 'tenant_id', 'invoice_id', 'unit_id', 'issue_date', 'reason', 'status', 'updated_at'],
    data.creditNotes.map((c) => [c.external_id, c.credit_note_number, c.tenant, c.invoice ?? '', c.unit, c.issue_date, c.reason, c.status, c.updated_at]));
  write('credit_note_lines.csv', ['line_id', 'credit_note_id', 'line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount', 'updated_at'],
    data.creditNotes.flatMap((c) => c.lines.map((l) => [l.external_id, c.external_id, l.line_no, l.charge_type, l.description, l.quantity, l.unit_amount_cents, c.updated_at])));
  write('allocations.csv', ['allocation_id', 'payment_id', 'credit_note_id', 'invoice_id', 'amount', 'allocated_on', 'status', 'updated_at'],
    data.allocations.map((a) => [a.external_id, a.payment, '', a.invoice, a.amount_cents, a.allocated_on, a.status, a.updated_at]));
  write('refunds.csv', ['refund_id', 'credit_note_id', 'payment_id', 'paid_on', 'amount', 'method', 'status', 'reference', 'updated_at'],
    data.refunds.map((f) => [f.external_id, f.credit_note ?? '', f.payment ?? '', f.paid_on, f.amount_cents, f.method, f.status, f.reference, f.updated_at]));
}
