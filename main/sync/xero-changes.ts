/**
 * Changes made in Xero after Facility Sync sent a record (issue 16). Xero has no payment webhooks
 * and a desktop app cannot receive any, so this polls: one paged GET with If-Modified-Since per
 * collection a kind reads (Contacts, Invoices, CreditNotes, Payments, Overpayments; kinds/*.ts `xeroChanges`),
 * each kind compares the page with its synced records, and a difference puts the record in
 * `changed_in_xero` with the words (error_explanation) and what to do (error_fix).
 *
 * - Our own writes never count: records are compared by content, not by timestamp.
 * - Since when: Xero's own clock (the Date header of the previous check's first answer) less an
 *   overlap, so a clock difference between this machine and Xero never hides a change; re-reading
 *   a record is harmless. The first check reaches back to a day before the first link.
 * - Kept per organisation in sync_state (`xero_changes:<tenant id>`), like the lock-date choice.
 * - A difference the user accepted or ignored is remembered with its words
 *   (`xero_reviewed:<tenant id>:<kind>:<record id>`): the same difference is not raised again,
 *   a new one is.
 */
import type { RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { XERO_PAGE_SIZE, type XeroApiClient, type XeroCollection } from '../xero/api-client';
import { KIND_MODULES } from './kinds';
import type { XeroChange } from './kinds/kind-module';
import { createChangedInXeroWriter } from './records/xero-changed';

/** Re-read this much before the last check: covers a clock step and Xero's own write delay. */
export const OVERLAP_MS = 5 * 60_000;
/** The first check reaches back this far before the first record was linked. */
const FIRST_CHECK_REACH_MS = 24 * 3_600_000;
/** A run checks at most this often by itself (a GET per collection per check; some apps get 1,000 calls a day). */
export const AUTO_CHECK_INTERVAL_MS = 15 * 60_000;
/** Pages read per collection in one check; the rest waits for the next check (the mark does not move). */
const MAX_PAGES = 50;

export const RESENDABLE_FIX =
  "If the facility is right, choose Send ours again to put its version back in Xero. If Xero is right, correct the facility system and choose Accept Xero's. Or choose Ignore to leave it as it is.";

export interface XeroChangesOptions {
  db: Db;
  client: XeroApiClient;
  now?: () => Date;
}

export interface XeroChangesResult {
  /** What was asked of Xero: changes at or after this (UTC ISO), null when nothing is linked yet. */
  since: string | null;
  /** Xero records read. */
  read: number;
  /** Records that went to changed_in_xero in this check. */
  changed: Array<{ kind: RecordKind; recordId: number; what: string }>;
  /** Set when the check was skipped (too soon after the last one; nothing in Xero yet). */
  skipped?: 'too_soon' | 'nothing_linked';
}

interface Mark {
  /** Xero's time when the last complete check started (UTC ISO). */
  xeroTime: string;
  /** This machine's time then: the automatic check's interval. */
  checkedAt: string;
}

const markKey = (tenantId: string) => `xero_changes:${tenantId}`;
const reviewedKey = (tenantId: string, kind: RecordKind, recordId: number) => `xero_reviewed:${tenantId}:${kind}:${recordId}`;

function readMark(db: Db, tenantId: string): Mark | null {
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(markKey(tenantId)) as string | undefined;
  try {
    return v ? (JSON.parse(v) as Mark) : null;
  } catch {
    return null;
  }
}

function writeState(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Remembers the difference the user accepted or ignored, so the same one is not raised again. */
export function rememberReviewed(db: Db, tenantId: string, kind: RecordKind, recordId: number, what: string): void {
  writeState(db, reviewedKey(tenantId, kind, recordId), what);
}

/** True when the last check is recent enough that a run need not check again. */
export function checkedRecently(db: Db, tenantId: string, now: Date, intervalMs = AUTO_CHECK_INTERVAL_MS): boolean {
  const mark = readMark(db, tenantId);
  return mark !== null && now.getTime() - Date.parse(mark.checkedAt) < intervalMs;
}

function sinceOf(db: Db, mark: Mark | null): Date | null {
  if (mark) return new Date(Date.parse(mark.xeroTime) - OVERLAP_MS);
  const first = db.prepare('SELECT MIN(linked_at) FROM xero_links').pluck().get() as string | null;
  return first ? new Date(Date.parse(first) - FIRST_CHECK_REACH_MS) : null;
}

/** Reads what changed in Xero since the last check and flags the synced records that differ. */
export async function checkXeroChanges({ db, client, now = () => new Date() }: XeroChangesOptions): Promise<XeroChangesResult> {
  const tenantId = client.tenantId();
  const since = sinceOf(db, readMark(db, tenantId));
  const startedAt = now();
  if (!since) return { since: null, read: 0, changed: [], skipped: 'nothing_linked' };
  const collections = new Map<XeroCollection, typeof KIND_MODULES[number][]>();
  for (const m of KIND_MODULES) {
    if (m.xeroChanges) collections.set(m.xeroChanges.collection, [...(collections.get(m.xeroChanges.collection) ?? []), m]);
  }
  let xeroTime: string | null = null;
  let read = 0;
  let complete = true;
  const found: XeroChange[] = [];
  for (const [collection, modules] of collections) {
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) {
        complete = false;
        break;
      }
      const res = await client.changedSince(collection, since, page);
      const serverDate = Date.parse(res.headers['date'] ?? '');
      xeroTime ??= Number.isNaN(serverDate) ? startedAt.toISOString() : new Date(serverDate).toISOString();
      read += res.body.length;
      for (const m of modules) found.push(...(m.xeroChanges?.compare(db, res.body) ?? []));
      if (res.body.length < XERO_PAGE_SIZE) break;
    }
  }
  const changed = flag(db, tenantId, found, startedAt.toISOString());
  if (complete) writeState(db, markKey(tenantId), JSON.stringify({ xeroTime: xeroTime ?? startedAt.toISOString(), checkedAt: startedAt.toISOString() } satisfies Mark));
  return { since: since.toISOString(), read, changed };
}

/** Puts the synced records that differ in changed_in_xero, one transaction; returns them. */
function flag(db: Db, tenantId: string, found: XeroChange[], now: string): XeroChangesResult['changed'] {
  const byRecord = new Map<string, XeroChange[]>();
  for (const c of found) {
    const key = `${c.kind}:${c.recordId}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), c]);
  }
  const reviewed = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const markChanged = createChangedInXeroWriter(db);
  const changed: XeroChangesResult['changed'] = [];
  db.transaction(() => {
    for (const list of byRecord.values()) {
      const { kind, recordId } = list[0] as XeroChange;
      const what = `${[...new Set(list.map((c) => c.what))].join('; ')}.`;
      if (reviewed.get(reviewedKey(tenantId, kind, recordId)) === what) continue;
      const resendable = list.every((c) => c.resendable);
      const fix = [...new Set(list.map((c) => c.fix).filter(Boolean))].join(' ') || RESENDABLE_FIX;
      const code = resendable ? 'changed_in_xero' : 'changed_in_xero_final';
      if (markChanged({ code, what, fix, now, kind, recordId })) changed.push({ kind, recordId, what });
    }
  })();
  return changed;
}
