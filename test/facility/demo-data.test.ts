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

  test('written to the DB, every tenant, invoice and payment is pending; its CSV export re-imports unchanged', async () => {
    const db = openDatabase(tempDbPath());
    const data = generateDemoData(options);
    const result = writeDemoData(db, data);
    expect(result.inserted).toBeGreaterThan(2000);
    const pending = db.prepare("SELECT count(*) FROM sync_records WHERE status = 'pending'").pluck().get();
    expect(pending).toBe(data.tenants.length + data.invoices.length + data.payments.length);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-csv-'));
    writeDemoCsv(data, dir);
    const again = await importFacilityCsv(db, dir);
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
    expect(again.unchanged).toBe(result.inserted);
    expect(writeDemoData(db, data)).toMatchObject({ inserted: 0, updated: 0 });
  });
});
