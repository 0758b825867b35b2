/**
 * Batcher: planned items -> requests of at most 50 elements (Xero's recommendation) and under
 * 3.5 MB of JSON (Xero's hard limit), keeping outbox order so a resend of the same rows builds the
 * same request. Deletes go one per request (POST /Payments/{id}), and so does every element of a
 * kind whose endpoint is per parent (oneElementPerRequest: a credit note's allocations).
 * The Idempotency-Key is derived from the rows and their attempt numbers: a retry of the same
 * batch within Xero's ~6 minutes is deduplicated by Xero, a new attempt gets a new key.
 */
import { createHash } from 'node:crypto';
import { kindModule } from './kinds';
import type { Operation, PlannedItem } from './kinds/kind-module';

export const MAX_ELEMENTS = 50;
/** Under Xero's 3.5 MB, leaving room for the wrapper and PascalCase key growth. */
export const MAX_BATCH_BYTES = 3_400_000;

export interface Batch {
  kind: PlannedItem['row']['kind'];
  /** 'create' = PUT (create only), 'update' = POST naming the Xero ids, 'delete' = one payment deletion. */
  op: Operation;
  items: PlannedItem[];
}

export function makeBatches(items: PlannedItem[], maxElements = MAX_ELEMENTS, maxBytes = MAX_BATCH_BYTES): Batch[] {
  const batches: Batch[] = [];
  let current: Batch | null = null;
  let bytes = 0;
  for (const item of items) {
    const op = item.op;
    if (op === 'delete' || kindModule(item.row.kind).oneElementPerRequest) {
      batches.push({ kind: item.row.kind, op, items: [item] });
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(item.payload ?? {})) + 2;
    if (!current || current.kind !== item.row.kind || current.op !== op || current.items.length >= maxElements || bytes + size > maxBytes) {
      current = { kind: item.row.kind, op, items: [] };
      batches.push(current);
      bytes = 0;
    }
    current.items.push(item);
    bytes += size;
  }
  return batches;
}

/** Up to 128 characters, stable for the same rows at the same attempt. */
export function idempotencyKey(batch: { kind: string; op: string; items: Array<{ row: { id: number; attempts: number } }> }): string {
  const ids = batch.items.map((i) => `${i.row.id}:${i.row.attempts}`).join(',');
  return `fs-${batch.kind}-${batch.op}-${createHash('sha256').update(ids).digest('base64url')}`;
}
