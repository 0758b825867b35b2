import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { writeDemoCsv } from '../helpers/write-demo-csv';
import { generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { tempDbPath } from '../helpers/temp-db';

const options = { seed: 42, locations: 3, tenants: 200, months: 12 };

describe('generateDemoData', () => {
  test('is deterministic: same options, same data; another seed, other data', () => {
    expect(generateDemoData(options)).toEqual(generateDemoData(options));
    expect(generateDemoData({ ...options, seed: 43 }).payments).not.toEqual(generateDemoData(options).payments);
    expect(generateDemoData({ ...options, seed: 43 }).creditNotes).not.toEqual(generateDemoData(options).creditNotes);
  });

  test('looks like a self-storage business', () => {
    const data = generateDemoData(options);
    expect(data.locations).toHaveLength(3);
    expect(data.buildings.length).toBeGreaterThanOrEqual(6);
    expect(data.tenants).toHaveLength(200);
    const kinds = new Set(data.invoices.flatMap((i) => i.lines.map((l) => data.chargeTypes.find((c) => c.external_id === l.charge_type)!.kind)));
    expect([...kinds].sort()).toEqual(['deposit', 'fee', 'insurance', 'merchandise', 'rent']);
    expect(new Set(data.payments.map((p) => p.method))).toEqual(new Set(['credit_card', 'debit_card', 'online_banking', 'cash', 'cheque']));
    const paid = new Map<string, number>();
    for (const p of data.payments) if (p.status === 'completed') paid.set(p.invoice, (paid.get(p.invoice) ?? 0) + p.amount_cents);
    const totals = data.invoices.map((i) => ({ i, total: i.lines.reduce((s, l) => s + l.quantity * l.unit_amount_cents, 0) }));
    const partial = totals.filter(({ i, total }) => (paid.get(i.external_id) ?? 0) > 0 && (paid.get(i.external_id) ?? 0) < total);
    const overdue = totals.filter(({ i }) => !paid.has(i.external_id) && i.due_date < '2025-06-30');
    expect(partial.length).toBeGreaterThan(0);
    expect(overdue.length).toBeGreaterThan(0);
    expect(data.payments.some((p) => p.status === 'reversed')).toBe(true);
    for (const { i, total } of totals) expect(paid.get(i.external_id) ?? 0, i.external_id).toBeLessThanOrEqual(total);
  });

  test('scales to 100,000 invoices', () => {
    const data = generateDemoData({ seed: 1, locations: 6, tenants: 11_000, months: 12 });
    expect(data.invoices.length).toBeGreaterThan(95_000);
    expect(new Set(data.invoices.map((i) => i.invoice_number)).size).toBe(data.invoices.length);
  });

  test('credits look like a self-storage business: promotions, waived fees, write-offs, move-out refunds, voided duplicates', () => {
    const data = generateDemoData(options);
    const total = (lines: { quantity: number; unit_amount_cents: number }[]) => lines.reduce((s, l) => s + l.quantity * l.unit_amount_cents, 0);
    const promotions = data.invoices.filter((i) => i.lines.some((l) => l.description === 'First month half price' && l.unit_amount_cents < 0));
    expect(promotions.length).toBeGreaterThan(5);
    expect(new Set(data.creditNotes.map((c) => c.reason))).toEqual(new Set(['adjustment', 'write_off', 'refund']));
    const voided = data.invoices.filter((i) => i.status === 'void');
    expect(voided.length).toBeGreaterThan(0);
    const paidInvoices = new Set(data.payments.filter((p) => p.status === 'completed').map((p) => p.invoice));
    expect(voided.filter((i) => paidInvoices.has(i.external_id))).toEqual([]);
    expect(data.refunds.length).toBeGreaterThan(0);
    for (const i of data.invoices) expect(total(i.lines), i.external_id).toBeGreaterThanOrEqual(0);
    for (const c of data.creditNotes) expect(total(c.lines), c.external_id).toBeGreaterThan(0);
    // Write-offs and corrections are applied to an invoice of the same tenant; a move-out credit is paid back.
    const invoiceTenant = new Map(data.invoices.map((i) => [i.external_id, i.tenant]));
    for (const c of data.creditNotes) expect(c.invoice === null ? c.reason : invoiceTenant.get(c.invoice), c.external_id).toBe(c.invoice === null ? 'refund' : c.tenant);
    // About as many invoices as before credits were added: the duplicates are about 1 in 100.
    expect(voided.length / data.invoices.length).toBeLessThan(0.03);
  });

  test('money received before it is owed (issue 14): prepaid rent applied month by month, deposits returned on move-out', () => {
    const data = generateDemoData(options);
    const prepaying = new Set(data.prepayments.map((p) => p.tenant));
    expect(prepaying.size / data.tenants.length).toBeGreaterThan(0.08);
    expect(prepaying.size / data.tenants.length).toBeLessThan(0.25);
    expect(generateDemoData({ ...options, seed: 43 }).prepayments).not.toEqual(data.prepayments);
    const invoiceOf = new Map(data.invoices.map((i) => [i.external_id, i]));
    for (const p of data.prepayments) {
      const applied = data.allocations.filter((a) => a.payment === p.external_id);
      const refunded = data.refunds.filter((f) => f.payment === p.external_id);
      // Paid at move-in, applied from the move-in invoice on, one month at a time, to the tenant's own invoices.
      expect(applied[0]?.allocated_on, p.external_id).toBe(p.paid_on);
      for (const a of applied) expect(invoiceOf.get(a.invoice)!.tenant).toBe(p.tenant);
      expect(new Set(applied.map((a) => a.allocated_on.slice(0, 7))).size).toBe(applied.length);
      const used = [...applied, ...refunded].reduce((sum, x) => sum + x.amount_cents, 0);
      expect(used, p.external_id).toBeLessThanOrEqual(p.amount_cents);
      // At least 3 months ahead: no month takes more than a third of it.
      for (const a of applied) expect(a.amount_cents * 3, a.external_id).toBeLessThanOrEqual(p.amount_cents);
    }
    expect(data.refunds.filter((f) => f.payment !== null).length).toBeGreaterThan(0);
    // A deposit refund: a credit note of reason refund on the deposit charge, paid back in full, to a tenant who paid that deposit.
    const depositBack = data.creditNotes.filter((c) => c.lines.some((l) => l.charge_type === 'CT-DEP'));
    expect(depositBack.length).toBeGreaterThan(0);
    for (const c of depositBack) {
      expect(c).toMatchObject({ reason: 'refund', invoice: null });
      expect(data.refunds.find((f) => f.credit_note === c.external_id)?.amount_cents).toBe(c.lines[0]!.unit_amount_cents);
      const deposit = data.invoices.find((i) => i.tenant === c.tenant && i.lines.some((l) => l.charge_type === 'CT-DEP'))!;
      expect(deposit.lines.find((l) => l.charge_type === 'CT-DEP')!.unit_amount_cents).toBe(c.lines[0]!.unit_amount_cents);
    }
  });

  test('written to the DB: every tenant\'s credits are consistent (allocations within what is due, no refund over credit, balance >= 0)', () => {
    const db = openDatabase(tempDbPath());
    const data = generateDemoData({ ...options, seed: 5 });
    writeDemoData(db, data);
    // Every allocation of the demo applies credit to an invoice that still had it due.
    expect(db.prepare("SELECT count(*) FROM allocations WHERE status <> 'completed' OR amount_cents = 0").pluck().get()).toBe(0);
    // One per credit note applied to an invoice, and (issue 14) one per prepaid month.
    expect(db.prepare('SELECT count(*) FROM allocations').pluck().get()).toBe(data.creditNotes.filter((c) => c.invoice !== null).length + data.allocations.length);
    const overApplied = db.prepare(
      `SELECT i.external_id FROM invoices i WHERE i.total_cents
         < (SELECT COALESCE(sum(amount_cents), 0) FROM payments WHERE invoice_id = i.id AND status = 'completed')
         + (SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE invoice_id = i.id AND status = 'completed')`,
    ).pluck().all();
    expect(overApplied).toEqual([]);
    const overRefunded = db.prepare(
      `SELECT c.external_id FROM credit_notes c WHERE c.total_cents
         - (SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE credit_note_id = c.id AND status = 'completed')
         < (SELECT COALESCE(sum(amount_cents), 0) FROM refunds WHERE credit_note_id = c.id AND status = 'completed')`,
    ).pluck().all();
    expect(overRefunded).toEqual([]);
    // Issue 14: a prepayment gives no more than it holds, to its own tenant's invoices.
    const overUsed = db.prepare(
      `SELECT p.external_id FROM prepayments p WHERE p.amount_cents
         < (SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE prepayment_id = p.id AND status = 'completed')
         + (SELECT COALESCE(sum(amount_cents), 0) FROM refunds WHERE prepayment_id = p.id AND status = 'completed')`,
    ).pluck().all();
    expect(overUsed).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM allocations a JOIN prepayments p ON p.id = a.prepayment_id JOIN invoices i ON i.id = a.invoice_id WHERE i.tenant_id <> p.tenant_id').pluck().get()).toBe(0);
    // Nobody owes less than nothing but for rent they paid ahead: the credit a tenant holds is their unapplied prepayment.
    const prepaidLeft = `(SELECT COALESCE(sum(p.amount_cents
         - (SELECT COALESCE(sum(amount_cents), 0) FROM allocations WHERE prepayment_id = p.id AND status = 'completed')
         - (SELECT COALESCE(sum(amount_cents), 0) FROM refunds WHERE prepayment_id = p.id AND status = 'completed')), 0)
       FROM prepayments p WHERE p.tenant_id = t.id AND p.status = 'completed')`;
    const balances = db.prepare(
      `SELECT t.external_id,
         (SELECT COALESCE(sum(total_cents), 0) FROM invoices WHERE tenant_id = t.id AND status = 'open')
         - (SELECT COALESCE(sum(p.amount_cents), 0) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.tenant_id = t.id AND p.status = 'completed')
         - (SELECT COALESCE(sum(a.amount_cents), 0) FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE i.tenant_id = t.id AND a.prepayment_id IS NOT NULL AND a.status = 'completed')
         - (SELECT COALESCE(sum(total_cents), 0) FROM credit_notes WHERE tenant_id = t.id AND status = 'open')
         + (SELECT COALESCE(sum(f.amount_cents), 0) FROM refunds f JOIN credit_notes c ON c.id = f.credit_note_id WHERE c.tenant_id = t.id AND f.status = 'completed') AS balance,
         ${prepaidLeft} AS prepaid_left
       FROM tenants t`,
    ).all() as { external_id: string; balance: number; prepaid_left: number }[];
    expect(balances.filter((t) => t.balance < 0)).toEqual([]);
    expect(balances.filter((t) => t.prepaid_left > 0).length).toBeGreaterThan(0);
  });

  test('written to the DB, every record is pending; its CSV export re-imports unchanged', async () => {
    const db = openDatabase(tempDbPath());
    const data = generateDemoData(options);
    const result = writeDemoData(db, data);
    expect(result.inserted).toBeGreaterThan(2000);
    const pending = db.prepare("SELECT count(*) FROM sync_records WHERE status = 'pending'").pluck().get();
    const allocations = data.creditNotes.filter((c) => c.invoice !== null).length + data.allocations.length;
    expect(pending).toBe(
      data.tenants.length + data.invoices.length + data.payments.length + data.prepayments.length + data.creditNotes.length + allocations + data.refunds.length,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-csv-'));
    writeDemoCsv(data, dir);
    const again = await importFacilityCsv(db, dir);
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
    expect(again.unchanged).toBe(result.inserted);
    expect(writeDemoData(db, data)).toMatchObject({ inserted: 0, updated: 0 });
  });
});
