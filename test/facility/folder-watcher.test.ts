import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { startFolderWatcher, type FolderWatcher, type WatchedImport } from '../../main/facility/folder-watcher';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { tempDbPath } from '../helpers/temp-db';

/** The watched folder with real files in a temp dir, a real database, chokidar's real watching. */
const NOW = '2026-11-21T10:00:00.000Z';
let watcher: FolderWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
});

async function watched(gatherMs = 300): Promise<{ folder: string; db: Db; seen: WatchedImport[] }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'watched-'));
  const db = openDatabase(tempDbPath());
  const seen: WatchedImport[] = [];
  watcher = await startFolderWatcher({
    folder, importFile: (f) => importFacilityCsv(db, f), onImported: (r) => seen.push(r), now: () => NOW, stableMs: 300, gatherMs,
  });
  return { folder, db, seen };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

test('a whole export dropped at once is imported in dependency order, each file moved to imported/ beside its result', async () => {
  const { folder, db, seen } = await watched();
  // Dropped in reverse order: payments before the invoices and tenants they refer to.
  for (const f of readdirSync(SAMPLE_CSV_DIR).sort().reverse()) cpSync(path.join(SAMPLE_CSV_DIR, f), path.join(folder, f));
  await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(12);
  await watcher!.idle();
  expect(seen.map((s) => s.file)).toEqual([
    'locations.csv', 'buildings.csv', 'units.csv', 'charge_types.csv', 'tenants.csv', 'invoices.csv', 'invoice_lines.csv', 'payments.csv',
    'credit_notes.csv', 'credit_note_lines.csv', 'allocations.csv', 'refunds.csv',
  ]);
  expect(seen.every((s) => s.imported)).toBe(true);
  expect(count(db, 'SELECT count(*) FROM payments')).toBe(5);
  expect(readdirSync(folder).sort()).toEqual(['imported']);
  expect(readFileSync(path.join(folder, 'imported', 'tenants.csv.result.txt'), 'utf8')).toBe(
    `tenants.csv was imported (${NOW}).\n4 rows: 4 new, 0 updated, 0 unchanged.\n`,
  );
  // The same file again keeps the first one: it is moved beside it under a new name.
  cpSync(path.join(SAMPLE_CSV_DIR, 'tenants.csv'), path.join(folder, 'tenants.csv'));
  await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(13);
  expect(readFileSync(path.join(folder, 'imported', 'tenants (2).csv.result.txt'), 'utf8')).toContain('4 rows: 0 new, 0 updated, 4 unchanged.');
});

test('a file being written is not imported until it is complete', async () => {
  // Files are gathered for 50 ms only here: what waits for the whole file is chokidar's awaitWriteFinish.
  const { folder, db, seen } = await watched(50);
  for (const f of ['locations.csv', 'buildings.csv', 'units.csv']) cpSync(path.join(SAMPLE_CSV_DIR, f), path.join(folder, f));
  await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(3);
  const lines = readFileSync(path.join(SAMPLE_CSV_DIR, 'tenants.csv'), 'utf8').split('\n');
  const target = path.join(folder, 'tenants.csv');
  // Written a piece at a time, more often than the 300 ms the size must stay the same: half a row at first.
  writeFileSync(target, `${lines[0]}\n${lines[1]!.slice(0, 20)}`);
  for (const piece of [lines[1]!.slice(20), ...lines.slice(2).map((l) => `\n${l}`)]) {
    await sleep(120);
    expect(seen.length, 'nothing is taken while the file grows').toBe(3);
    appendFileSync(target, piece);
  }
  await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(4);
  expect(seen[3]).toMatchObject({ file: 'tenants.csv', imported: true });
  expect(count(db, 'SELECT count(*) FROM tenants')).toBe(4);
});

test('a rejected file moves to rejected/ and says why, row by row; the files with it are unaffected', async () => {
  const { folder, db, seen } = await watched();
  for (const f of ['locations.csv', 'buildings.csv', 'units.csv', 'charge_types.csv', 'tenants.csv', 'invoices.csv', 'invoice_lines.csv']) {
    cpSync(path.join(SAMPLE_CSV_DIR, f), path.join(folder, f));
  }
  writeFileSync(path.join(folder, 'payments.csv'), readFileSync(path.join(SAMPLE_CSV_DIR, 'payments.csv'), 'utf8').replace('141.40', '141.4.0'));
  writeFileSync(path.join(folder, 'notes.txt'), 'not an export');
  // Excel's lock file of an open workbook and a download in progress are left alone.
  for (const f of ['~$tenants.xlsx', 'payments.csv.crdownload', '.DS_Store']) writeFileSync(path.join(folder, f), 'x');
  await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(9);
  expect(seen.filter((s) => !s.imported).map((s) => s.file)).toEqual(['payments.csv', 'notes.txt']);
  expect(count(db, 'SELECT count(*) FROM invoices')).toBe(8);
  expect(count(db, 'SELECT count(*) FROM payments')).toBe(0);
  expect(existsSync(path.join(folder, 'rejected', 'payments.csv'))).toBe(true);
  expect(readdirSync(folder).sort()).toEqual(['.DS_Store', 'imported', 'payments.csv.crdownload', 'rejected', '~$tenants.xlsx']);
  expect(readFileSync(path.join(folder, 'rejected', 'payments.csv.result.txt'), 'utf8')).toBe(
    `payments.csv was not imported (${NOW}): nothing from it was saved.\n1 row rejected:\n  line 2: amount "141.4.0" is not an amount like 125.00\nFix the file and put it in the folder again.\n`,
  );
  expect(readFileSync(path.join(folder, 'rejected', 'notes.txt.result.txt'), 'utf8')).toMatch(/^notes\.txt was not imported .*\nFacility Sync cannot tell what notes\.txt holds\./);
});
