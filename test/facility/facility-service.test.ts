import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportResult, LocationSummary, ProgressEvent, ReportPage } from '../../contract';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services } from '../../main/services';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';

let services: Services;
let chosen: string | null = null;
const progress: ProgressEvent[] = [];

beforeAll(async () => {
  services = await createServices({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'facility-service-')),
    keychainService: `facility-sync-test-${process.pid}`,
    chooseImportPath: async () => chosen,
    // The calendar clock is injected: the demo covers the twelve months before this date.
    now: () => new Date('2027-03-15T12:00:00Z'),
  });
  services.events.on('import:progress', (e) => progress.push(e));
});
afterAll(async () => {
  await services.close();
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await dispatch(services.api, method, args);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

describe('facility contract methods through createServices + dispatch', () => {
  test('imports the folder the user chooses, pushing progress events', async () => {
    chosen = SAMPLE_CSV_DIR;
    const result = await call<ImportResult>('importFacilityData', {});
    expect(result).toMatchObject({ inserted: 54, rejected: [] });
    expect(progress.some((e) => e.type === 'done' && e.label === 'payments.csv')).toBe(true);
  });

  test('lists locations and buildings, optionally for one location', async () => {
    const locations = await call<LocationSummary[]>('listLocations');
    expect(locations.map((l) => l.externalId)).toEqual(['LOC-MEL', 'LOC-SYD']);
    const sydney = locations.find((l) => l.externalId === 'LOC-SYD')!;
    expect(sydney).toMatchObject({ currency: 'AUD', timeZone: 'Australia/Sydney' });
    expect(await call('listBuildings')).toHaveLength(3);
    expect(await call('listBuildings', sydney.id)).toEqual([
      expect.objectContaining({ externalId: 'BLD-SYD-A', locationId: sydney.id }),
      expect.objectContaining({ externalId: 'BLD-SYD-B', locationId: sydney.id }),
    ]);
  });

  test('answers the report query with rows, a cursor and counts', async () => {
    const page = await call<ReportPage>('queryReport', { kind: 'payments', status: 'non-synced', limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.counts).toMatchObject({ pending: 5, total: 5 });
    const next = await call<ReportPage>('queryReport', { kind: 'payments', status: 'non-synced', limit: 2, cursor: page.nextCursor });
    expect(next.rows.map((r) => r.id)).not.toContain(page.rows[0]!.id);
  });

  test('a cancelled choice and bad arguments come back as plain error envelopes', async () => {
    chosen = null;
    expect(await dispatch(services.api, 'importFacilityData', [{}])).toEqual({
      ok: false, error: { code: 'cancelled', message: expect.stringContaining('no file or folder was chosen') },
    });
    expect(await dispatch(services.api, 'queryReport', [{ kind: 'rooms', status: 'all' }])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(services.api, 'queryReport', [{ kind: 'payments', status: 'all', from: '31/01/2025' }])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(services.api, 'importFacilityData', [{ path: path.join(SAMPLE_CSV_DIR, 'missing') }])).toMatchObject({
      ok: false, error: { code: 'not_found', message: expect.stringContaining('Nothing to import') },
    });
  });

  test('loads demo data', async () => {
    const result = await call<ImportResult>('loadDemoData', { seed: 3 });
    expect(result.inserted).toBeGreaterThan(1000);
    expect((await call<LocationSummary[]>('listLocations')).length).toBe(5);
    // The twelve months before the injected now (March 2027): March 2026 to February 2027.
    const inMonths = async (from: string, to: string) =>
      (await call<ReportPage>('queryReport', { kind: 'invoices', status: 'all', from, to, limit: 1 })).counts?.total ?? -1;
    const all = await inMonths('2000-01-01', '2999-12-31');
    expect(await inMonths('2026-03-01', '2027-02-28')).toBe(all - 8); // the sample folder's eight invoices are from 2025
    expect(await inMonths('2027-02-01', '2027-02-28')).toBeGreaterThan(0);
    expect(await inMonths('2027-03-01', '2999-12-31')).toBe(0);
  });
});
