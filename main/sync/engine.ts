/**
 * One sync run: settle what is still in flight, then for each record kind in dependency order
 * (contract/record-kinds.ts): plan the due outbox rows, look up the first sends in Xero (match-existing.ts),
 * batch the rest, and send the batches through the rate-limited client
 * (as many at once as the limiter allows); then, when asked, check Xero for changes made there
 * (xero-changes-in-run.ts: never fails the run's sends). A transient whole-request failure stops the run and is
 * reported, so the scheduler can go offline or back off; validation failures are stored with the
 * record and wait for a data or mapping change.
 */
import type { Db } from '../db/open-database';
import type { RecordKind } from '../../contract/record-kinds';
import type { XeroApiClient } from '../xero/api-client';
import { makeBatches, MAX_ELEMENTS, type Batch } from './batcher';
import { explainError, type ExplainedError } from './explain-error';
import { effectiveLockDate, readLockedPeriodPolicy, writeLockDates, type LockedPeriod } from './locked-period';
import { createOutboxStore, type ErrorInfo, type OutboxRow } from './records/outbox-store';
import { KIND_MODULES } from './kinds';
import { matchBeforeCreate, matchHeld, type ExistingRecord } from './match-existing';
import { createPlanner, type PlannedItem, type PlanOutcome, type Planner } from './planner';
import { resolveInFlight } from './resolve-in-flight';
import { ensureStartDate } from './start-date';
import { sendBatch, type BatchResult, type SendContext } from './send-batch';
import { checkAfterSends, type XeroCheckOutcome } from './xero-changes-in-run';

export interface SyncEngineOptions {
  db: Db;
  client: XeroApiClient;
  now?: () => Date;
  /** Elements per request (default 50; 1 for the one-record-per-call baseline). */
  batchSize?: number;
  /** Requests in flight at once (default: the limiter's concurrency). */
  concurrency?: number;
  backoffBaseMs?: number;
  trigger?: string;
  onProgress?: (kind: RecordKind, done: number, total: number) => void;
  onPhase?: (kind: RecordKind, phase: 'start' | 'done', total: number) => void;
  /** Checked between batches: true stops the run (pause, shutdown); batches in flight finish. */
  shouldStop?: () => boolean;
  /** Due rows planned at a time (default 2,000 = 40 full batches). */
  planChunk?: number;
  /** The first sync to an organisation proposes a sync start date (start-date.ts); on in the app and the CLI. */
  proposeStartDate?: boolean;
  /** The calendar clock the proposal's financial year is taken from (default `now`). */
  today?: () => Date;
  /** The preview (preview.ts): the same run on a copy of the data, with nothing sent. */
  dryRun?: DryRun;
  /**
   * After the sends, check Xero for changes made there (xero-changes.ts), at most once per `intervalMs`
   * (default 15 minutes). On in the app and the CLI (services.ts); off by default, so engine tests
   * count only the sends; never in a dry run.
   */
  checkXeroChanges?: { intervalMs?: number };
}

/**
 * How the preview runs the engine without writing to Xero: batches go to `send` instead of Xero (it
 * settles them in the copy as if Xero had taken them), rows in flight are left alone (settling them
 * may send again), and every planned and matched outcome is told to the preview.
 */
export interface DryRun {
  send(ctx: SendContext, batch: Batch): Promise<BatchResult>;
  /** A row planned as anything but a send (wait, fail, exclude, before the start date). */
  planned(row: OutboxRow, outcome: Exclude<PlanOutcome, { type: 'send' }>): void;
  /** A first send found in Xero: linked (no differences) or set aside for review. */
  matched(row: OutboxRow, existing: ExistingRecord): void;
  /** A natural key that names a record this dry run only pretended to create: Xero cannot hold it, so it is not looked up. */
  notInXero(key: string): boolean;
  /** What the run read from Xero at its start: the organisation's name, its lock date, the start date it plans with. */
  organisation(read: { name: string | null; lockDate: string | null; startDate: string | null }): void;
}

const PLAN_CHUNK = 2_000;
/** Rounds over the kinds per run; a void waits for at most one round of removals. */
const MAX_ROUNDS = 3;

export interface SyncRunResult {
  runId: number;
  sent: number;
  succeeded: number;
  failed: number;
  /** Set when the run stopped early on a transient failure (offline, rate limit, Xero down). */
  problem?: { error: unknown; explained: ExplainedError };
  /** The check for changes made in Xero after the sends, when the run made one (or tried to). */
  xeroChanges?: XeroCheckOutcome;
}

export async function runSync(opts: SyncEngineOptions): Promise<SyncRunResult> {
  const now = opts.now ?? (() => new Date());
  const store = createOutboxStore(opts.db, now);
  const ctx: SendContext = { client: opts.client, store, now, backoffBaseMs: opts.backoffBaseMs ?? 30_000 };
  const runId = Number(
    opts.db.prepare("INSERT INTO sync_runs (started_at, trigger) VALUES (?, ?)").run(now().toISOString(), opts.trigger ?? 'manual').lastInsertRowid,
  );
  const result: SyncRunResult = { runId, sent: 0, succeeded: 0, failed: 0 };
  const add = (r: BatchResult) => {
    result.succeeded += r.ok;
    result.failed += r.failed;
    if (r.problem && !result.problem) result.problem = r.problem;
  };
  try {
    const org = await readOrganisationDates(opts, (opts.today ?? now)());
    if (!org.ok) {
      result.problem = org.problem;
      return result;
    }
    opts.dryRun?.organisation({ name: org.name, lockDate: org.lockedPeriod.lockDate, startDate: org.startDate });
    const planner = createPlanner(opts.db, store, undefined, opts.client.tenantId(), org.lockedPeriod, org.startDate);
    if (!opts.dryRun) add(await resolveInFlight(opts.db, ctx, planner));
    store.transaction(() => planner.requeueHeldBack(now().toISOString()));
    // A later kind can unblock an earlier one (a payment's removal lets its invoice be voided):
    // another round over the kinds while the last one sent something and rows are still due.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const sentBefore = result.sent;
      for (const { kind } of KIND_MODULES) {
        if (result.problem || opts.shouldStop?.()) break;
        await runKind(kind, opts, ctx, planner, result, add);
      }
      if (result.sent === sentBefore || result.problem || opts.shouldStop?.()) break;
      if (!KIND_MODULES.some(({ kind }) => ctx.store.dueCount(kind) > 0)) break;
    }
    // Only after a run that got through: a run stopped early is tried again soon, and checks then.
    if (opts.checkXeroChanges && !opts.dryRun && !result.problem && !opts.shouldStop?.()) {
      result.xeroChanges = await checkAfterSends({ db: opts.db, client: opts.client, now, intervalMs: opts.checkXeroChanges.intervalMs });
    }
  } finally {
    opts.db
      .prepare("UPDATE sync_runs SET finished_at = ?, status = ?, sent = ?, succeeded = ?, failed = ?, error_message = ? WHERE id = ?")
      .run(now().toISOString(), result.problem ? 'failed' : 'completed', result.sent, result.succeeded, result.failed, result.problem?.explained.explanation ?? failedCheck(result) ?? null, runId);
  }
  return result;
}

const failedCheck = (r: SyncRunResult) => (r.xeroChanges && !r.xeroChanges.ok ? r.xeroChanges.message : undefined);

/**
 * The organisation's lock date, read from Xero at the start of every run (an accountant may move it
 * at any time), and its choice for records dated on or before it; its sync start date (proposed
 * from its financial year on the first sync). A failed read stops the run like any other failed
 * request: nothing is planned against a lock date that is not known.
 */
export async function readOrganisationDates(
  opts: Pick<SyncEngineOptions, 'db' | 'client' | 'proposeStartDate'>, at: Date,
): Promise<{ ok: true; name: string | null; lockedPeriod: LockedPeriod; startDate: string | null } | { ok: false; problem: NonNullable<SyncRunResult['problem']> }> {
  try {
    const org = await opts.client.getOrganisation();
    const tenantId = opts.client.tenantId();
    // Kept with when they were read, so Settings shows them offline.
    if (tenantId) writeLockDates(opts.db, tenantId, org, at.toISOString());
    return {
      ok: true,
      name: org?.name ?? null,
      lockedPeriod: { lockDate: effectiveLockDate(org), policy: readLockedPeriodPolicy(opts.db, tenantId) },
      startDate: tenantId ? ensureStartDate(opts.db, tenantId, org, at, opts.proposeStartDate ?? false) : null,
    };
  } catch (error) {
    return { ok: false, problem: { error, explained: explainError(error, 'tenant') } };
  }
}

/** One kind's share of a run: what its chunks need and what they add up. */
interface KindRun {
  kind: RecordKind;
  opts: SyncEngineOptions;
  ctx: SendContext;
  planner: Planner;
  add: (r: BatchResult) => void;
  result: SyncRunResult;
  stopped: () => boolean;
  done: number;
  total: number;
}

async function runKind(
  kind: RecordKind, opts: SyncEngineOptions, ctx: SendContext, planner: Planner,
  result: SyncRunResult, add: (r: BatchResult) => void,
): Promise<void> {
  const total = ctx.store.dueCount(kind);
  if (total === 0) return;
  const run: KindRun = { kind, opts, ctx, planner, add, result, stopped: () => Boolean(result.problem || opts.shouldStop?.()), done: 0, total };
  opts.onPhase?.(kind, 'start', total);
  // A contact whose name clashed goes again at once with the disambiguated name: a second pass.
  for (let pass = 0; pass < 3 && !run.stopped(); pass++) {
    // Rows are planned and sent a chunk at a time (keyset on the outbox id), so a year's backfill
    // never holds every payload in memory. A row requeued in this pass sits behind the cursor and
    // waits for the next pass.
    let after = 0;
    let requeued = 0;
    while (!run.stopped()) {
      const rows = ctx.store.dueRows(kind, after, opts.planChunk ?? PLAN_CHUNK);
      if (rows.length === 0) break;
      after = (rows.at(-1) as OutboxRow).id;
      requeued += await sendChunk(run, rows);
    }
    if (requeued === 0) break;
  }
  opts.onPhase?.(kind, 'done', total);
}

/** Plans one chunk of due rows, stores the waits and failures, and sends the rest in batches. Returns how many were requeued. */
async function sendChunk(run: KindRun, rows: OutboxRow[]): Promise<number> {
  const { ctx, opts } = run;
  const items: PlannedItem[] = [];
  const held: Array<{ row: OutboxRow; error: ErrorInfo }> = [];
  ctx.store.transaction(() => {
    for (const row of rows) {
      const outcome = planOrFail(run.planner, row);
      if (outcome.type === 'send') items.push(outcome.item);
      else if (outcome.type === 'before_start_date' && outcome.lookUp) held.push({ row, error: outcome.error });
      else {
        opts.dryRun?.planned(row, outcome);
        if (outcome.type === 'wait') ctx.store.waitRow(row, outcome.error);
        else if (outcome.type === 'fail') ctx.store.failRow(row, outcome.error);
        else if (outcome.type === 'before_start_date') ctx.store.beforeStartRow(row, outcome.error);
        else ctx.store.excludeRow(row, outcome.error);
        run.done++;
      }
    }
  });
  // Held before the start date but money waits for it: linked when Xero holds it, else held as before.
  const heldMatched = await matchHeld(opts.db, ctx, run.kind, held, opts.dryRun);
  run.add(heldMatched);
  run.done += held.length;
  if (heldMatched.problem) return 0;
  // Before a record's first send to this organisation: linked (or set aside for review) when Xero already holds it.
  const matched = await matchBeforeCreate(opts.db, ctx, run.kind, items, opts.dryRun);
  run.add(matched);
  run.done += items.length - matched.items.length;
  if (matched.problem) return 0;
  let requeued = 0;
  const batches = makeBatches(matched.items, opts.batchSize ?? MAX_ELEMENTS);
  await runPool(batches, opts.concurrency ?? opts.client.limiter.limits.concurrent, () => !run.stopped(), async (batch: Batch) => {
    run.result.sent += batch.items.length;
    const r = await (opts.dryRun?.send ?? sendBatch)(ctx, batch);
    run.add(r);
    requeued += r.requeued;
    run.done += batch.items.length - r.requeued;
    opts.onProgress?.(run.kind, Math.min(run.done, run.total), run.total);
  });
  return requeued;
}

function planOrFail(planner: Planner, row: OutboxRow): PlanOutcome {
  try {
    return planner.plan(row);
  } catch (err) {
    return {
      type: 'fail',
      error: {
        code: 'record_unreadable',
        explanation: `Facility Sync could not prepare this record for Xero: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'Import the facility data again; if it keeps happening, contact support.',
      },
    };
  }
}

/** Runs `work` over `items` with at most `limit` at once; stops starting new ones when `proceed` says no. */
async function runPool<T>(items: T[], limit: number, proceed: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && proceed()) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
