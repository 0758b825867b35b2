/**
 * Exactly once across crashes and lost answers. A row still in flight was sent but we never saw
 * the answer. Two ways to settle it, before anything is created again:
 * - within Xero's idempotency window, send the SAME batch with the SAME Idempotency-Key: Xero
 *   replays its first answer (or applies it now if the first never arrived);
 * - past the window (or when the batch cannot be rebuilt identically), look each record up in
 *   Xero by its natural key (ContactNumber, InvoiceNumber, payment Reference) and link what exists;
 *   what does not exist goes back to the queue.
 */
import type { Db } from '../db/open-database';
import { XeroApiError } from '../xero/xero-api-error';
import type { Batch } from './batcher';
import { explainError } from './explain-error';
import { KIND_MODULES } from './kinds';
import { LOOKUP_CHUNK, type KindModule } from './kinds/kind-module';
import type { OutboxRow } from './records/outbox-store';
import type { Planner, PlannedItem } from './planner';
import { sendBatch, type BatchResult, type SendContext } from './send-batch';

export interface ResolveOptions {
  /** Resend with the same key while younger than this (default 5 min, under Xero's ~6). */
  idempotencyWindowMs: number;
}

export async function resolveInFlight(db: Db, ctx: SendContext, planner: Planner, opts: ResolveOptions): Promise<BatchResult> {
  const total: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  const groups = new Map<string, OutboxRow[]>();
  for (const row of ctx.store.inFlightRows()) {
    const key = row.batch_key ?? `row-${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const [key, rows] of groups) {
    const r = await resolveGroup(db, ctx, planner, key, rows, opts);
    total.ok += r.ok;
    total.failed += r.failed;
    total.requeued += r.requeued;
    if (r.problem) return { ...total, problem: r.problem };
  }
  return total;
}

async function resolveGroup(db: Db, ctx: SendContext, planner: Planner, key: string, rows: OutboxRow[], opts: ResolveOptions): Promise<BatchResult> {
  const newest = Math.max(...rows.map((r) => Date.parse(r.last_attempt_at ?? '') || 0));
  const young = ctx.now().getTime() - newest < opts.idempotencyWindowMs;
  const items = young && rows[0]?.batch_key ? rebuild(planner, rows) : null;
  if (items) {
    const batch: Batch = { kind: rows[0]!.kind, op: items[0]?.op === 'delete' ? 'delete' : 'save', items };
    const result = await sendBatch(ctx, batch, key);
    const conflict = result.problem?.error instanceof XeroApiError && /idempotency/i.test(result.problem.error.message);
    if (!conflict) return result;
  }
  return lookUp(db, ctx, rows);
}

/** The same items the batch was built from, or null when any row would now be planned differently. */
function rebuild(planner: Planner, rows: OutboxRow[]): PlannedItem[] | null {
  const items: PlannedItem[] = [];
  for (const row of rows) {
    const outcome = planner.plan(row);
    if (outcome.type !== 'send') return null;
    items.push(outcome.item);
  }
  return items;
}

async function lookUp(db: Db, ctx: SendContext, rows: OutboxRow[]): Promise<BatchResult> {
  const result: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  const creates = rows.filter((r) => !ctx.store.xeroIdOf(r.kind, r.record_id));
  // Updates and deletes are safe to send again: the same change applied twice is the same state.
  const again = rows.filter((r) => !creates.includes(r));
  ctx.store.transaction(() => ctx.store.requeue(again, null));
  result.requeued += again.length;

  for (const kind of KIND_MODULES) {
    const ofKind = creates.filter((r) => r.kind === kind.kind);
    const keyed = ofKind.map((row) => ({ row, key: kind.naturalKey(db, row.record_id) }));
    let found: Map<string, string>;
    try {
      found = await findByNaturalKey(ctx, kind, keyed.flatMap((k) => (k.key ? [k.key] : [])));
    } catch (err) {
      return { ...result, problem: { error: err, explained: explainError(err, kind.kind) } };
    }
    ctx.store.transaction(() => {
      for (const { row, key } of keyed) {
        const xeroId = key ? found.get(key) : undefined;
        if (xeroId) {
          ctx.store.completeRow(row, xeroId);
          result.ok++;
        } else {
          ctx.store.requeue([row], null);
          result.requeued++;
        }
      }
    });
  }
  return result;
}

/** natural key -> Xero id, for the records that exist (deleted ones do not count). */
async function findByNaturalKey(ctx: SendContext, kind: KindModule, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    for (const [k, id] of await kind.findByNaturalKey(ctx.client, keys.slice(i, i + LOOKUP_CHUNK))) out.set(k, id);
  }
  return out;
}
