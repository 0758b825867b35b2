import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MonthlyAmounts } from '../../contract';
import { DB_FILE_NAME } from '../../main/db/open-database';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services } from '../../main/services';

/**
 * The dashboard chart's sums (issue 16) through the contract, on a real SQLite file holding the
 * sample facility (test/fixtures/csv-sample), with the clock pinned: amounts in cents per month by
 * document date, per status, for the 12 months ending with the facility's current month.
 */
let services: Services;
let dataDir: string;
// Sydney (the first location) is already in July when UTC is still on 30 June.
let clock = new Date('2025-06-30T15:00:00Z');

async function amounts(): Promise<MonthlyAmounts> {
  const res = await dispatch(services.api, 'getMonthlyAmounts', []);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as MonthlyAmounts;
}

/** The sync engine's outcomes, written as the engine leaves them (the sums only read them). */
function setStatus(kind: string, table: string, externalId: string, status: string) {
  const db = new Database(path.join(dataDir, DB_FILE_NAME));
  try {
    const changed = db
      .prepare(`UPDATE sync_records SET status = ? WHERE kind = ? AND record_id = (SELECT id FROM ${table} WHERE external_id = ?)`)
      .run(status, kind, externalId).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'monthly-amounts-'));
  services = await createServices({ dataDir, syncAutoStart: false, now: () => clock });
  const imported = await services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-sample') });
  expect(imported.rejected).toEqual([]);
  setStatus('invoice', 'invoices', 'INV-5001', 'synced'); // 141.40, January
  setStatus('invoice', 'invoices', 'INV-5006', 'synced'); // voided: counts 0
  setStatus('invoice', 'invoices', 'INV-5002', 'failed'); // 529.00, January
  setStatus('invoice', 'invoices', 'INV-5004', 'synced'); // 104.00, February
  setStatus('invoice', 'invoices', 'INV-5007', 'waiting'); // 85.00, February
  // INV-5003 (145.00, January) stays pending; INV-5005 (19.95) is excluded and left out of the chart.
  const invoice5005 = (await services.api.queryReport({ kind: 'invoices', status: 'all', limit: 500 })).rows.find((r) => r.externalId === 'INV-5005');
  await services.api.applySyncOption({ kind: 'invoices', option: 'exclude', ids: [invoice5005!.id] });
});
afterAll(() => services?.close());

test('sums per month and status in cents, for the 12 months ending with the facility\'s current month', async () => {
  clock = new Date('2025-06-30T15:00:00Z');
  const a = await amounts();
  expect(a.months).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07']);
  expect(a.currency).toBe('AUD');
  expect(a.kinds.map((k) => k.kind)).toEqual(['invoices', 'payments', 'prepayments', 'credit-notes', 'allocations', 'refunds']);

  const invoices = a.kinds.find((k) => k.kind === 'invoices')!;
  expect(invoices.label).toBe('Invoices');
  expect(invoices.months).toHaveLength(12);
  const month = (m: string) => invoices.months.find((x) => x.month === m);
  expect(month('2025-01')).toEqual({ month: '2025-01', syncedCents: 14140, waitingCents: 14500, failedCents: 52900 });
  expect(month('2025-02')).toEqual({ month: '2025-02', syncedCents: 10400, waitingCents: 8500 + 14500, failedCents: 0 });
  expect(invoices.months.filter((m) => !['2025-01', '2025-02'].includes(m.month)).every((m) => m.syncedCents + m.waitingCents + m.failedCents === 0)).toBe(true);

  // Payments: all still queued; the reversed one (P-9005, 19.95) counts nothing.
  const payments = a.kinds.find((k) => k.kind === 'payments')!;
  expect(payments.months.find((m) => m.month === '2025-01')).toEqual({ month: '2025-01', syncedCents: 0, waitingCents: 14140 + 30000 + 22900 + 14500, failedCents: 0 });
  // The prepayment (P-9101, 290.00 paid ahead in January) is money received in its month.
  const prepayments = a.kinds.find((k) => k.kind === 'prepayments')!;
  expect(prepayments.months.find((m) => m.month === '2025-01')).toEqual({ month: '2025-01', syncedCents: 0, waitingCents: 29000, failedCents: 0 });
  const refunds = a.kinds.find((k) => k.kind === 'refunds')!;
  expect(refunds.months.find((m) => m.month === '2025-04')).toEqual({ month: '2025-04', syncedCents: 0, waitingCents: 20000, failedCents: 0 });
});

test('records dated before the 12 months are left out', async () => {
  clock = new Date('2026-01-31T14:00:00Z'); // 1 February 2026 in Sydney
  const a = await amounts();
  expect(a.months[0]).toBe('2025-03');
  expect(a.months.at(-1)).toBe('2026-02');
  const invoices = a.kinds.find((k) => k.kind === 'invoices')!;
  expect(invoices.months.every((m) => m.syncedCents + m.waitingCents + m.failedCents === 0)).toBe(true);
  // CN-7002 (31 March 2025, 200.00) is the oldest month still shown.
  const creditNotes = a.kinds.find((k) => k.kind === 'credit-notes')!;
  expect(creditNotes.months[0]).toEqual({ month: '2025-03', syncedCents: 0, waitingCents: 20000, failedCents: 0 });
});
