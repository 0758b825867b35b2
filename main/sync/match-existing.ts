/**
 * Match before create (issue 15). Most organisations already hold years of history, entered by hand
 * or by a previous tool, under the same contact numbers, names and document numbers. Before a record
 * is first sent to an organisation (no link, no earlier attempt) it is looked up in Xero by its natural
 * key, up to LOOKUP_CHUNK keys per GET (paged, through the rate-limited client):
 * - found and the same: linked as if Facility Sync had created it (synced), not created again;
 * - found but different (total, dates, contact, line amounts): not sent; needs_review with the
 *   differences in plain words, until the user chooses Use ours or Keep Xero's (review.ts);
 * - not found: created as before.
 * findExisting only reads (the preview calls it too); matchBeforeCreate is the engine's write step,
 * matchHeld its twin for records held before the start date that money waits for (held-documents.ts).
 * A crash between the two leaves the rows pending with no attempt: the next run looks them up again.
 */
import type { RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import type { XeroApiClient } from '../xero/api-client';
import { explainError } from './explain-error';
import { kindModule } from './kinds';
import { LOOKUP_CHUNK, type KindModule, type PlannedItem, type SendContext } from './kinds/kind-module';
import { notInXero } from './kinds/held-documents';
import type { ErrorInfo, OutboxRow } from './records/outbox-store';
import { createMatchStore } from './records/xero-matches';
import type { BatchResult } from './send-batch';
import type { DryRun } from './engine';

/** What a dry run (the preview) hears from the match steps: what Xero already holds, and keys it cannot hold. */
export type MatchDryRun = Pick<DryRun, 'matched' | 'notInXero'>;

export interface ExistingRecord {
  xeroId: string;
  /** Plain words, one per difference; [] = the same record. */
  differences: string[];
}

/**
 * The records of `rows` that Xero already holds although they were never sent to this organisation
 * (no xero_links row, no earlier attempt), by outbox row id. Rows not in the map were not found (or
 * were sent before: the engine's in-flight resolution settles those). Reads only.
 */
export async function findExisting(
  db: Db, client: XeroApiClient, kind: RecordKind, rows: OutboxRow[], notInXero?: (key: string) => boolean,
): Promise<Map<number, ExistingRecord>> {
  const module = kindModule(kind);
  const neverSent = db.prepare(
    `SELECT 1 FROM sync_records s WHERE s.kind = ? AND s.record_id = ? AND s.attempts = 0
       AND NOT EXISTS (SELECT 1 FROM xero_links l WHERE l.kind = s.kind AND l.record_id = s.record_id)`,
  ).pluck();
  const candidates = rows.filter((r) => r.change !== 'delete' && neverSent.get(kind, r.record_id) === 1);
  const out = new Map<number, ExistingRecord>();
  for (let i = 0; i < candidates.length; i += LOOKUP_CHUNK) {
    const chunk = candidates.slice(i, i + LOOKUP_CHUNK);
    const found = await lookUp(db, client, module, chunk.map((r) => r.record_id), notInXero);
    for (const row of chunk) {
      const hit = found.get(row.record_id);
      if (hit) out.set(row.id, hit);
    }
  }
  return out;
}

/**
 * record id -> what Xero holds, through the kind's own lookup and comparison, or its natural-key lookup.
 * `notInXero`: keys that name a record the preview only pretends to create (preview-collector.ts) are not looked up.
 */
async function lookUp(
  db: Db, client: XeroApiClient, module: KindModule, recordIds: number[], notInXero?: (key: string) => boolean,
): Promise<Map<number, ExistingRecord>> {
  const out = new Map<number, ExistingRecord>();
  if (module.lookupExisting) {
    for (const [recordId, record] of await module.lookupExisting(db, client, recordIds)) {
      const xeroId = module.xeroIdOf(record);
      if (xeroId) out.set(recordId, { xeroId, differences: module.compareExisting?.(db, recordId, record) ?? [] });
    }
    return out;
  }
  const keyed = recordIds.map((id) => ({ id, key: module.naturalKey(db, id) }));
  const keys = keyed.flatMap((k) => (k.key === null || notInXero?.(k.key) ? [] : [k.key]));
  if (keys.length === 0) return out;
  const ids = await module.findByNaturalKey(client, keys);
  for (const k of keyed) {
    const xeroId = k.key === null ? undefined : ids.get(k.key);
    if (xeroId) out.set(k.id, { xeroId, differences: [] });
  }
  return out;
}

export interface MatchResult extends BatchResult {
  /** The planned items still to send (creates not found in Xero, updates, deletes). */
  items: PlannedItem[];
}

/**
 * The engine's step before a chunk's creates go out: links what Xero already holds, sets aside what
 * differs (needs_review), and hands back the rest. A failed lookup stops the run like a failed send:
 * nothing is created without having been looked up, and the rows stay due.
 */
export async function matchBeforeCreate(
  db: Db, ctx: SendContext, kind: RecordKind, items: PlannedItem[],
  dryRun?: MatchDryRun,
): Promise<MatchResult> {
  const creates = items.filter((i) => i.op === 'create');
  if (creates.length === 0) return { ok: 0, failed: 0, requeued: 0, items };
  let found: Map<number, ExistingRecord>;
  try {
    found = await findExisting(db, ctx.client, kind, creates.map((i) => i.row), dryRun?.notInXero);
  } catch (error) {
    return { ok: 0, failed: 0, requeued: 0, items: [], problem: { error, explained: explainError(error, kind) } };
  }
  const result: MatchResult = { ok: 0, failed: 0, requeued: 0, items: [] };
  const matches = createMatchStore(db);
  const org = ctx.client.tenantId();
  const now = ctx.now().toISOString();
  ctx.store.transaction(() => {
    for (const item of items) {
      const hit = item.op === 'create' ? found.get(item.row.id) : undefined;
      if (!hit) {
        result.items.push(item);
        continue;
      }
      dryRun?.matched(item.row, hit);
      if (hit.differences.length === 0) {
        ctx.store.completeRow(item.row, hit.xeroId);
        matches.remove(org, kind, item.row.record_id);
        result.ok++;
      } else {
        matches.save(org, kind, item.row.record_id, hit, now);
        ctx.store.reviewRow(item.row, reviewError(hit.differences));
      }
    }
  });
  return result;
}

/**
 * Records held before the sync start date that money waits for (kinds/held-documents.ts), looked up
 * like a first send although they are not sent: linked when Xero holds the same one, needs_review when
 * it differs, held (before_start_date, saying Xero has none either) otherwise. A failed lookup stops the
 * run with the rows still due, as in matchBeforeCreate.
 */
export async function matchHeld(
  db: Db, ctx: SendContext, kind: RecordKind, held: Array<{ row: OutboxRow; error: ErrorInfo }>, dryRun?: MatchDryRun & Pick<DryRun, 'planned'>,
): Promise<BatchResult> {
  const result: BatchResult = { ok: 0, failed: 0, requeued: 0 };
  if (held.length === 0) return result;
  let found: Map<number, ExistingRecord>;
  try {
    found = await findExisting(db, ctx.client, kind, held.map((h) => h.row), dryRun?.notInXero);
  } catch (error) {
    return { ...result, problem: { error, explained: explainError(error, kind) } };
  }
  if (dryRun) {
    for (const { row, error } of held) {
      const hit = found.get(row.id);
      if (hit) dryRun.matched(row, hit);
      else dryRun.planned(row, { type: 'before_start_date', error: notInXero(error, ctx.now().toISOString().slice(0, 10)) });
    }
  }
  const matches = createMatchStore(db);
  const org = ctx.client.tenantId();
  const now = ctx.now().toISOString();
  ctx.store.transaction(() => {
    for (const { row, error } of held) {
      const hit = found.get(row.id);
      if (!hit) ctx.store.beforeStartRow(row, notInXero(error, now.slice(0, 10)));
      else if (hit.differences.length === 0) {
        ctx.store.completeRow(row, hit.xeroId);
        matches.remove(org, kind, row.record_id);
        result.ok++;
      } else {
        matches.save(org, kind, row.record_id, hit, now);
        ctx.store.reviewRow(row, reviewError(hit.differences));
      }
    }
  });
  return result;
}

/** The report's words for a record found in Xero with other amounts, dates or contact. */
export function reviewError(differences: string[]): { code: string; explanation: string; fix: string } {
  return {
    code: 'needs_review',
    explanation: `${differences.join('. ')}.`,
    fix: 'Choose "Use ours" to change the record in Xero to match the facility, or "Keep Xero\'s" to link it as it is in Xero ' +
      '(Reports > Accounting Software Integration Report, or facility-sync review).',
  };
}
