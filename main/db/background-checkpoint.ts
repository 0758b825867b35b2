import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open-database';

/** SQLite's own default: a commit that leaves this many pages in the WAL copies them into the database. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * The worker: its own connection to the same file, running a PASSIVE checkpoint each time it is
 * asked, and once more before it closes. Plain JavaScript given as text, so it runs the same from
 * the sources, the bundles and the packaged app; better-sqlite3 comes by the path the main thread resolved.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)', { simple: false });
parentPort.on('message', (message) => {
  try {
    checkpoint();
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message || err) });
  }
  if (message === 'close') {
    db.close();
    parentPort.close();
  } else {
    parentPort.postMessage({ done: true });
  }
});
parentPort.postMessage({ ready: true });
`;

export interface BackgroundCheckpoints {
  /** A transaction committed: its pages are copied from the WAL into the database on the other thread. */
  afterCommit(): void;
  /** Copies what is left, closes the worker and gives the connection back its own checkpoints. */
  stop(): Promise<void>;
}

/**
 * While a large import writes, copying its pages from the WAL into the database file (a checkpoint:
 * about 0.7 s of a 452,000-row folder, bench/import.bench.ts) runs on a worker thread with its own
 * connection, alongside the next file's checks, instead of inside each commit on the main thread.
 * The import's connection stops checkpointing (wal_autocheckpoint 0) until stop(). A checkpoint never
 * changes what the database holds, only where its pages are, and WAL readers and writers go on during
 * it; if the worker cannot start or a checkpoint fails, the connection's own checkpoints take over again.
 */
export async function startBackgroundCheckpoints(db: Db): Promise<BackgroundCheckpoints> {
  const none: BackgroundCheckpoints = { afterCommit() {}, stop: async () => {} };
  if (db.memory || String(db.pragma('journal_mode', { simple: true })) !== 'wal') return none;
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true, workerData: { file: db.name, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') } });
  } catch {
    return none;
  }
  const ready = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!ready) {
    void worker.terminate();
    return none;
  }
  let healthy = true;
  let busy = false;
  let wanted = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const giveBack = () => {
    if (!healthy) return;
    healthy = false;
    db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('error', giveBack);
  worker.on('message', (message: { done?: true; failed?: string }) => {
    if (message.failed) giveBack();
    busy = false;
    // Commits that came while it ran: one more pass copies them all.
    if (wanted && healthy) {
      wanted = false;
      busy = true;
      worker.postMessage('checkpoint');
    }
  });
  db.pragma('wal_autocheckpoint = 0');
  return {
    afterCommit() {
      if (!healthy) return;
      if (busy) {
        wanted = true;
        return;
      }
      busy = true;
      worker.postMessage('checkpoint');
    },
    async stop() {
      if (healthy) worker.postMessage('close');
      else void worker.terminate();
      await exited;
      giveBack();
    },
  };
}
