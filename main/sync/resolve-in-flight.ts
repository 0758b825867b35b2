/**
 * Exactly once across crashes and lost answers. A row still in flight was sent but we never saw
 * the answer. It is settled before anything of it is sent again, and no clock decides how:
 * - every record the batch would have created is looked up in Xero by its natural key
 *   (ContactNumber, InvoiceNumber, payment Reference; one batched GET per batch) and what exists
 *   is linked;
 * - when none of the batch is in Xero, the SAME batch goes again with the SAME Idempotency-Key:
 *   the second guard, for an answer Xero had not yet made visible to a read; Xero replays the
 *   first answer while it remembers the key, and applies the batch now when it never arrived;
 * - everything else (the rest of a partly applied batch, updates, deletes) goes back to the
 *   queue and is sent afresh: updates and deletes are safe to repeat.
 * A lookup that fails leaves the rows in flight for the next run.
 */
import type { Db } from '../db/open-database';
import { XeroApiError } from '../xero/xero-api-error';
import type { Batch } from './batcher';
import { explainError } from './explain-error';
import { kindModule } from './kinds';
import { LOOKUP_CHUNK, type KindModule } from './kinds/kind-module';
import type { OutboxRow } from './records/outbox-store';
import type { Planner, PlannedItem } from './planner';
import { sendBatch, type BatchResult, type SendContext } from './send-batch';

export async function resolveInFlight(db: Db, ctx: SendContext, planner: Planner): Promise<BatchResult> {
  const total: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  const groups = new Map<string, OutboxRow[]>();
  for (const row of ctx.store.inFlightRows()) {
    const key = row.batch_key ?? `row-${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const [key, rows] of groups) {
    const r = await resolveGroup(db, ctx, planner, key, rows);
    total.ok += r.ok;
    total.failed += r.failed;
    total.requeued += r.requeued;
    if (r.problem) return { ...total, problem: r.problem };
  }
  return total;
}

async function resolveGroup(db: Db, ctx: SendContext, planner: Planner, key: string, rows: OutboxRow[]): Promise<BatchResult> {
  const kind = kindModule((rows[0] as OutboxRow).kind);
  const creates = rows.filter((r) => !ctx.store.xeroIdOf(r.kind, r.record_id));
  const keyed = creates.map((row) => ({ row, key: kind.naturalKey(db, row.record_id) }));
  let found: Map<string, string>;
  try {
    found = await findByNaturalKey(ctx, kind, keyed.flatMap((k) => (k.key ? [k.key] : [])));
  } catch (err) {
    return { ok: 0, failed: 0, requeued: 0, problem: { error: err, explained: explainError(err, kind.kind) } };
  }
  const linked = keyed.filter((k) => k.key !== null && found.has(k.key));

  if (linked.length === 0 && creates.length === rows.length && rows[0]?.batch_key) {
    const items = rebuild(planner, rows);
    if (items) {
      const batch: Batch = { kind: kind.kind, op: 'create', items };
      const result = await sendBatch(ctx, batch, key);
      // Xero holds the key for a different body (the rows are planned differently now): send afresh.
      const conflict = result.problem?.error instanceof XeroApiError && /idempotency/i.test(result.problem.error.message);
      if (!conflict) return result;
    }
  }

  const result: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  ctx.store.transaction(() => {
    for (const row of rows) {
      const hit = linked.find((k) => k.row === row);
      if (hit) {
        ctx.store.completeRow(row, found.get(hit.key as string) as string);
        result.ok++;
      } else {
        ctx.store.requeue([row], null);
        result.requeued++;
      }
    }
  });
  return result;
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

/** natural key -> Xero id, for the records that exist (deleted ones do not count). */
async function findByNaturalKey(ctx: SendContext, kind: KindModule, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    for (const [k, id] of await kind.findByNaturalKey(ctx.client, keys.slice(i, i + LOOKUP_CHUNK))) out.set(k, id);
  }
  return out;
}
