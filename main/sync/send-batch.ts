/**
 * Sends one batch and writes every element's result back in ONE transaction with closing its
 * outbox rows. The rows are marked in flight (own transaction) before the request leaves, so a
 * crash or a lost answer leaves evidence the next run resolves (resolve-in-flight.ts).
 */
import type { Contact, Invoice, Payment } from 'xero-node';
import { whereString, type XeroApiClient } from '../xero/api-client';
import { XeroApiError, collectValidationMessages } from '../xero/xero-api-error';
import { idempotencyKey, type Batch } from './batcher';
import { explainError, explainValidation, type ExplainedError } from './explain-error';
import { nextAttemptAt, type OutboxStore } from './records/outbox-store';
import type { PlannedItem } from './planner';

export interface SendContext {
  client: XeroApiClient;
  store: OutboxStore;
  now: () => Date;
  /** First between-runs backoff after a transient failure (default 30 s). */
  backoffBaseMs: number;
}

export interface BatchResult {
  ok: number;
  failed: number;
  /** Rows sent back to the queue to go again at once (contact name clash -> disambiguated name). */
  requeued: number;
  /** Set when the whole request failed transiently: the run stops and the scheduler decides. */
  problem?: { error: unknown; explained: ExplainedError };
}

type Element = (Contact | Invoice | Payment) & { statusAttributeString?: string; hasErrors?: boolean };

export async function sendBatch(ctx: SendContext, batch: Batch, resendKey?: string): Promise<BatchResult> {
  const rows = batch.items.map((i) => i.row);
  let key = resendKey;
  if (!key) {
    key = idempotencyKey({ ...batch, items: batch.items.map((i) => ({ row: { id: i.row.id, attempts: i.row.attempts + 1 } })) });
    ctx.store.markInFlight(rows, key);
  }
  let elements: Element[];
  try {
    elements = await call(ctx.client, batch, key);
  } catch (err) {
    return handleRequestFailure(ctx, batch, err, resendKey !== undefined);
  }
  return applyElements(ctx, batch, elements);
}

async function call(client: XeroApiClient, batch: Batch, key: string): Promise<Element[]> {
  const payloads = batch.items.map((i) => i.payload);
  if (batch.op === 'delete') {
    const item = batch.items[0] as PlannedItem;
    const res = await client.deletePayment(item.xeroId ?? '', key);
    return res.body.payments ?? [{ statusAttributeString: 'OK' }];
  }
  if (batch.kind === 'tenant') return (await client.saveContacts(payloads as Contact[], key)).body.contacts ?? [];
  if (batch.kind === 'invoice') return (await client.saveInvoices(payloads as Invoice[], key)).body.invoices ?? [];
  return (await client.createPayments(payloads as Payment[], key)).body.payments ?? [];
}

function xeroIdOf(el: Element, item: PlannedItem): string | null {
  if (item.op === 'delete') return null;
  const id = (el as Contact).contactID ?? (el as Invoice).invoiceID ?? (el as Payment).paymentID;
  return id ?? item.xeroId ?? null;
}

function isError(el: Element): boolean {
  return el.statusAttributeString === 'ERROR' || el.hasErrors === true;
}

async function applyElements(ctx: SendContext, batch: Batch, elements: Element[]): Promise<BatchResult> {
  const result: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  const clashes: PlannedItem[] = [];
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
        ctx.store.completeRow(item.row, xeroIdOf(el, item));
        result.ok++;
        return;
      }
      const explained = explainValidation((el.validationErrors ?? []).map((v) => v.message ?? ''), item.row.kind);
      if (explained.code === 'contact_name_taken' && item.op === 'create') {
        clashes.push(item);
        return;
      }
      ctx.store.failRow(item.row, explained);
      result.failed++;
    });
  });
  for (const item of clashes) await resolveNameClash(ctx, item, result);
  return result;
}

/**
 * "The contact name X is already assigned to another contact": when that contact carries our
 * ContactNumber it is ours (an earlier send we never heard back from), so link it; otherwise
 * send again as "Jane Smith (T-1042)".
 */
async function resolveNameClash(ctx: SendContext, item: PlannedItem, result: BatchResult): Promise<void> {
  const payload = item.payload as Contact;
  const name = payload.name ?? '';
  let found: Contact | undefined;
  try {
    const res = await ctx.client.findContacts(`Name==${whereString(name)}`);
    found = res.body.contacts?.find((c) => c.name === name);
  } catch {
    ctx.store.requeue([item.row], nextAttemptAt(item.row.attempts, ctx.now(), ctx.backoffBaseMs));
    result.requeued++;
    return;
  }
  if (found?.contactID && found.contactNumber === payload.contactNumber) {
    ctx.store.transaction(() => ctx.store.completeRow(item.row, found.contactID ?? null));
    result.ok++;
  } else if (!ctx.store.isDisambiguated(item.row.record_id)) {
    ctx.store.transaction(() => {
      ctx.store.markDisambiguate(item.row.record_id);
      ctx.store.requeue([item.row], null);
    });
    result.requeued++;
  } else {
    ctx.store.transaction(() => ctx.store.failRow(item.row, explainValidation([`The contact name ${name} is already assigned to another contact.`], 'tenant')));
    result.failed++;
  }
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
