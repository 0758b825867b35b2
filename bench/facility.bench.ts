/**
 * Facility mirror figures: CSV import rows/s (100,000 invoices with lines), report page latency
 * p50/p95 over 1,000,000 payments, and database bytes per 100,000 records.
 * BENCH_SIZE=small runs the same steps at a fraction of the size.
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportFilter } from '../contract';
import { openDatabase, type Db } from '../main/db/open-database';
import { importFacilityCsv } from '../main/facility/csv-import';
import { writeDemoCsv } from '../test/helpers/write-demo-csv';
import { generateDemoData } from '../main/facility/demo-data';
import { writeDemoData } from '../main/facility/demo-write';
import { createIntegrationReport } from '../main/report/integration-report';

type Size = 'small' | 'full';
const dbPath = (name: string) => path.join(mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`)), 'facility-sync.sqlite');
const fileBytes = (file: string) => ['', '-wal', '-shm'].reduce((s, ext) => s + (statSync(file + ext, { throwIfNoEntry: false })?.size ?? 0), 0);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function importBench(size: Size): Promise<void> {
  const tenants = size === 'full' ? 11_000 : 550;
  const data = generateDemoData({ seed: 1, locations: 6, tenants, months: 12 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-csv-'));
  writeDemoCsv(data, dir);
  const lines = data.invoices.reduce((s, i) => s + i.lines.length, 0);
  const file = dbPath('import');
  const db = openDatabase(file);
  const started = performance.now();
  const result = await importFacilityCsv(db, dir);
  const seconds = (performance.now() - started) / 1000;
  const rows = result.inserted;
  console.log(`import: ${fmt(data.invoices.length)} invoices, ${fmt(lines)} lines, ${fmt(data.payments.length)} payments, ${fmt(rows)} rows in ${seconds.toFixed(1)} s = ${fmt(rows / seconds)} rows/s (rejected ${result.rejected.length})`);
  const again = performance.now();
  await importFacilityCsv(db, dir);
  console.log(`re-import unchanged: ${fmt(rows / ((performance.now() - again) / 1000))} rows/s`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fileBytes(file);
  console.log(`db size: ${fmt(bytes)} bytes for ${fmt(rows)} records = ${fmt((bytes / rows) * 100_000)} bytes per 100,000 records (${(bytes / rows).toFixed(0)} B/record incl. sync state, outbox, indexes)`);
  db.close();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function reportBench(size: Size): void {
  const file = dbPath('report');
  const db: Db = openDatabase(file);
  // ~1,000,000 payments at full size, written a location at a time to bound memory.
  const chunks = size === 'full' ? 12 : 1;
  const started = performance.now();
  for (let i = 0; i < chunks; i++) {
    writeDemoData(db, generateDemoData({ seed: 100 + i, locations: 1, firstLocation: i + 1, tenants: size === 'full' ? 9_200 : 7_700, months: 12 }));
  }
  db.exec("UPDATE sync_records SET status = 'synced' WHERE kind = 'payment' AND record_id % 20 <> 0");
  db.pragma('optimize');
  const payments = db.prepare('SELECT count(*) FROM payments').pluck().get() as number;
  console.log(`report data: ${fmt(payments)} payments written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const query = createIntegrationReport(db);
  const locations = db.prepare('SELECT id FROM locations').pluck().all() as number[];
  const buildings = db.prepare('SELECT id FROM buildings').pluck().all() as number[];
  const filters: ReportFilter[] = [];
  for (const status of ['all', 'synced', 'non-synced'] as const) {
    filters.push({ kind: 'payments', status });
    filters.push({ kind: 'payments', status, locationId: locations[1] });
    filters.push({ kind: 'payments', status, buildingId: buildings[2], from: '2025-01-01', to: '2025-03-31' });
    filters.push({ kind: 'payments', status, locationId: locations[0], from: '2024-10-01' });
  }
  const measure = (label: string, run: (f: ReportFilter) => void) => {
    const times: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const f of filters) {
        const t = performance.now();
        run(f);
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (${times.length} queries over ${fmt(payments)} payments)`);
  };
  // A later page (cursor given) is the plain "one filtered page"; the first page also counts per status.
  const cursors = new Map(filters.map((f) => [f, query({ ...f, limit: 50 }).nextCursor ?? undefined]));
  measure('report page (50 rows, keyset)', (f) => query({ ...f, limit: 50, cursor: cursors.get(f) }));
  measure('report first page + counts', (f) => query({ ...f, limit: 50 }));
  db.close();
}

export default async function (size: Size): Promise<void> {
  await importBench(size);
  reportBench(size);
}
