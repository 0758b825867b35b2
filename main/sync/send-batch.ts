/**
 * Sends one batch and writes every element's result back in ONE transaction with closing its
 * outbox rows. The rows are marked in flight (own transaction) before the request leaves, so a
 * crash or a lost answer leaves evidence the next run resolves (resolve-in-flight.ts).
 */
import { XeroApiError, collectValidationMessages } from '../xero/xero-api-error';
import { idempotencyKey, type Batch } from './batcher';
import { explainError, explainValidation, type ExplainedError } from './explain-error';
import { kindModule } from './kinds';
import type { KindModule, PlannedItem, SendContext, XeroElement } from './kinds/kind-module';
import { nextAttemptAt } from './records/outbox-store';

export type { SendContext };

export interface BatchResult {
  ok: number;
  failed: number;
  /** Rows sent back to the queue to go again at once (contact name clash -> disambiguated name). */
  requeued: number;
  /** Set when the whole request failed transiently: the run stops and the scheduler decides. */
  problem?: { error: unknown; explained: ExplainedError };
}

type Element = XeroElement;

export async function sendBatch(ctx: SendContext, batch: Batch, resendKey?: string): Promise<BatchResult> {
  const rows = batch.items.map((i) => i.row);
  let key = resendKey;
  if (!key) {
    key = idempotencyKey({ ...batch, items: batch.items.map((i) => ({ row: { id: i.row.id, attempts: i.row.attempts + 1 } })) });
    ctx.store.markInFlight(rows, key);
  }
  let elements: Element[];
  try {
    elements = await kindModule(batch.kind).send(ctx.client, batch.op, batch.items, key);
  } catch (err) {
    return handleRequestFailure(ctx, batch, err, resendKey !== undefined);
  }
  return applyElements(ctx, batch, elements);
}

function xeroIdOf(batch: Batch, el: Element, item: PlannedItem): string | null {
  if (item.op === 'delete') return null;
  return kindModule(batch.kind).xeroIdOf(el) ?? item.xeroId ?? null;
}

function isError(el: Element): boolean {
  return el.statusAttributeString === 'ERROR' || el.hasErrors === true;
}

async function applyElements(ctx: SendContext, batch: Batch, elements: Element[]): Promise<BatchResult> {
  const result: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  const refusals: PlannedItem[] = [];
  ctx.store.transaction(() => {
    batch.items.forEach((item, i) => {
      const el = elements[i];
      if (!el) {
        // Xero answered without this element: treat it as not applied and let it go again.
        ctx.store.requeue([item.row], null);
        result.requeued++;
        return;
      }
      if (!isError(el)) {
        ctx.store.completeRow(item.row, xeroIdOf(batch, el, item));
        result.ok++;
        return;
      }
      const explained = explainValidation((el.validationErrors ?? []).map((v) => v.message ?? ''), item.row.kind);
      if (kindModule(batch.kind).settlesRefusal?.(explained.code, item)) {
        refusals.push(item);
        return;
      }
      ctx.store.failRow(item.row, explained);
      result.failed++;
    });
  });
  for (const item of refusals) {
    const settled = await (kindModule(batch.kind).settleRefusal as NonNullable<KindModule['settleRefusal']>)(ctx, item);
    result[settled]++;
  }
  return result;
}

/** `resend`: the rows were already in flight with an unknown outcome (resolve-in-flight.ts). */
function handleRequestFailure(ctx: SendContext, batch: Batch, err: unknown, resend: boolean): BatchResult | Promise<BatchResult> {
  const rows = batch.items.map((i) => i.row);
  const explained = explainError(err, batch.kind);
  const problem = { error: err, explained };
  // Xero may have applied it (no answer, 5xx, 409), or the key was used for a different body:
  // the rows stay in flight, and the next run resends them with the same key or looks them up.
  if (err instanceof XeroApiError && (err.outcomeUnknown || (err.status === 400 && /idempotency key/i.test(err.message)))) {
    return { ok: 0, failed: 0, requeued: 0, problem };
  }
  // A resend that got no answer of Xero's about the rows (limits, organisation offline, 403, not
  // connected) leaves the first send's outcome unknown: queued again, they would be created twice.
  if (resend && (explained.transient || (err instanceof XeroApiError && err.kind === 'forbidden'))) {
    return { ok: 0, failed: 0, requeued: 0, problem };
  }
  if (explained.transient) {
    const attempts = Math.max(...rows.map((r) => r.attempts));
    ctx.store.requeue(rows, nextAttemptAt(attempts, ctx.now(), ctx.backoffBaseMs), explained);
    return { ok: 0, failed: 0, requeued: rows.length, problem };
  }
  if (err instanceof XeroApiError && err.kind === 'forbidden') {
    // The organisation refused the app (disconnected, no permission), not these records: stop the
    // run rather than fail every queued record, and let them go at once after reconnecting.
    ctx.store.requeue(rows, null, explained);
    return { ok: 0, failed: 0, requeued: rows.length, problem };
  }
  if (err instanceof XeroApiError) {
    // A whole-request refusal that still lists the elements: explain each one.
    const elements = (err.body as { Elements?: unknown[] } | null)?.Elements;
    if (Array.isArray(elements) && elements.length === batch.items.length) {
      const mapped = elements.map((e) => ({
        statusAttributeString: collectValidationMessages(e).length ? 'ERROR' : 'OK',
        validationErrors: collectValidationMessages(e).map((message) => ({ message })),
      })) as Element[];
      return applyElements(ctx, batch, mapped);
    }
    if (batch.op === 'delete' && /already (been )?deleted/i.test(err.message)) {
      ctx.store.transaction(() => ctx.store.completeRow(rows[0]!, null));
      return { ok: 1, failed: 0, requeued: 0 };
    }
  }
  ctx.store.transaction(() => rows.forEach((r) => ctx.store.failRow(r, explained)));
  return { ok: 0, failed: rows.length, requeued: 0 };
}
