import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { startBackgroundCheckpoints } from '../../main/db/background-checkpoint';
import { openDatabase } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { tempDbPath } from '../helpers/temp-db';

const autocheckpoint = (db: ReturnType<typeof openDatabase>) => Number(db.pragma('wal_autocheckpoint', { simple: true }));
/** [busy, frames in the WAL, frames copied into the database]: a PASSIVE checkpoint that copies nothing new. */
const walState = (db: ReturnType<typeof openDatabase>) => Object.values(db.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as object[]).map((r) => Object.values(r));

test('a large import checkpoints on a worker thread: the connection does not while it writes, and does again afterwards', async () => {
  const db = openDatabase(tempDbPath());
  const during = new Set<number>();
  const result = await importFacilityCsv(db, SAMPLE_CSV_DIR, {
    checkpointInBackgroundFrom: 0, onProgress: (e) => { if (e.type === 'progress') during.add(autocheckpoint(db)); },
  });
  expect(result.rejected).toEqual([]);
  expect([...during]).toEqual([0]);
  expect(autocheckpoint(db)).toBe(1000);
  // The worker copied every committed page before it closed: nothing is left for a checkpoint here.
  const [busy, log, copied] = walState(db)[0] as number[];
  expect(busy).toBe(0);
  expect(copied).toBe(log);
  expect(log).toBeGreaterThan(0);
  // What a second connection reads from the database is what the import wrote.
  const reader = openDatabase(db.name);
  expect(reader.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(db.prepare('SELECT count(*) FROM outbox').pluck().get());
  reader.close();
  db.close();
});

test('a small import, an in-memory database or a worker that cannot open the file keep the connection\'s own checkpoints', async () => {
  const db = openDatabase(tempDbPath());
  const during = new Set<number>();
  await importFacilityCsv(db, SAMPLE_CSV_DIR, { onProgress: (e) => { if (e.type === 'progress') during.add(autocheckpoint(db)); } });
  expect([...during]).toEqual([1000]);

  const memory = openDatabase(':memory:');
  const none = await startBackgroundCheckpoints(memory);
  expect(autocheckpoint(memory)).toBe(1000);
  none.afterCommit();
  await none.stop();
  memory.close();

  // The file is gone (moved away while open): the worker's connection fails, and nothing changes here.
  rmSync(db.name);
  const failed = await startBackgroundCheckpoints(db);
  expect(autocheckpoint(db)).toBe(1000);
  failed.afterCommit();
  await failed.stop();
  expect(autocheckpoint(db)).toBe(1000);
  db.close();
  rmSync(path.dirname(db.name), { recursive: true, force: true });
});
