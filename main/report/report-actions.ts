/**
 * The report's actions and the dashboard: apply a sync option to selected rows (with live
 * progress for a ReSync), export the current report as CSV, and the dashboard's figures and chart.
 * Everything here reads the local mirror, so it works offline; a ReSync while offline is queued.
 */
import { randomUUID } from 'node:crypto';
import type {
  ApplySyncOptionInput,
  Dashboard,
  DashboardFailure,
  KindCounts,
  ReportCsv,
  ReportFilter,
  ReportPage,
  ReportKind,
  ReportRow,
  SyncOptionProgress,
  XeroConnectionStatus,
} from '../../contract';
import { formatTimestamp, timeZoneNameAt } from '../../contract/display-format';
import { excludeInXeroNote } from '../../contract/exclude-words';
import { countOf, kindOfPlural, perKind, RECORD_KINDS, type RecordKind } from '../../contract/record-kinds';
import { AppError } from '../app-error';
import { fixTargetOf } from '../sync/fix-target';
import type { Db } from '../db/open-database';
import { toCsv } from '../csv-write';
import type { PushEventBus } from '../push-events';
import { displayFormatOf } from './display-format-of';
import { createIntegrationReport } from './integration-report';
import { createMonthlyAmounts } from './monthly-amounts';
import { loadReportDetails } from './report-details';
import { resyncSentence, type ResyncReach } from './resync-sentences';
import { applySyncOptionToRecords, resolveSelection, tallyStatuses } from './sync-options';

/** What the report needs from the sync engine (wired in services.ts). */
export interface SyncTrigger {
  /** Starts a sync run soon (no-op when one is running); never throws for offline. */
  requestSync(reason: string): void;
  status(): { state: string; message: string; lastSyncAt: string | null };
  /** Subscribes to "a sync run made progress or finished"; returns unsubscribe. */
  onActivity(listener: () => void): () => void;
}

export interface ReportActionsDeps {
  db: Db;
  events: PushEventBus;
  connection: () => XeroConnectionStatus;
  sync: () => SyncTrigger | null;
  /** The calendar clock (the date in export file names, the months of the dashboard's chart). */
  now?: () => Date;
  /** The connected Xero organisation (a reviewed change in Xero is remembered under it). */
  xeroTenantId?: () => string | null;
}

const count = (n: number, kind: ReportKind) => countOf(n, kindOfPlural(kind));
const OPTION_DONE: Record<string, string> = {
  exclude: 'excluded from sync', include: 'included in sync again',
  use_ours: 'linked to the copy in Xero, which the next sync changes to match the facility (Xero keeps a paid or voided invoice as it is, and the report then says so)',
  keep_xero: 'linked to the copy in Xero and kept as it is there',
  send_ours: "queued to put the facility's version back in Xero at the next sync",
  accept_xero: "marked reviewed: Xero's version accepted",
  ignore: 'marked reviewed: left as they are in Xero',
};
const MAX_TRACKED = 5000;

/** How a record is named in messages: tenant name, "Invoice SYD-5001", "Payment P-9001 (SYD-5001)". */
export function recordLabel(r: ReportRow): string {
  return r.kind === 'tenant' ? r.tenantName : r.kind === 'invoice' ? `Invoice ${r.reference}` : `Payment ${r.externalId} (${r.reference})`;
}

export function createReportActions({ db, events, connection, sync, now = () => new Date(), xeroTenantId }: ReportActionsDeps) {
  const queryReport = createIntegrationReport(db);
  const getMonthlyAmounts = createMonthlyAmounts(db, now);
  // Live ReSync progress trackers; closing the services stops them before the database closes.
  const trackers = new Set<() => void>();

  function labelsOf(kind: ReportRow['kind'], ids: number[]): Map<number, string> {
    return new Map(loadReportDetails(db, kind, ids).map((r) => [r.id, recordLabel(r)]));
  }

  /** Where queued records stand for the sentence: offline, not connected, waiting to retry, or online. */
  function reachOf(engine: SyncTrigger | null): { reach: ResyncReach; retryMessage?: string } {
    const st = engine?.status();
    if (!st || st.state === 'not_connected' || st.state === 'reconnect_required') return { reach: 'not_connected' };
    if (st.state === 'offline') return { reach: 'offline' };
    if (st.state === 'retrying') return { reach: 'waiting_to_retry', retryMessage: st.message };
    return { reach: 'online' };
  }

  function progressOf(
    base: Omit<SyncOptionProgress, 'synced' | 'failed' | 'waiting' | 'message' | 'failures' | 'finished'>, ids: number[],
    extra: { alreadySynced: number; skippedExcluded: number; engine: SyncTrigger | null },
    reach = reachOf(extra.engine),
  ) {
    const t = tallyStatuses(db, base.kind, ids.slice(0, MAX_TRACKED));
    const labels = labelsOf(kindOfPlural(base.kind), t.failures.slice(0, 10).map((f) => f.id));
    const progress: SyncOptionProgress = {
      ...base,
      offline: reach.reach === 'offline' || reach.reach === 'not_connected',
      synced: t.synced,
      failed: t.failed,
      waiting: t.pending + t.waiting,
      // A record waiting for another one may still go in this run; once the engine rests, it waits for a change.
      finished: t.pending === 0 && (t.waiting === 0 || extra.engine?.status().state !== 'syncing'),
      message: resyncSentence({
        kind: base.kind, queued: base.total, alreadySynced: extra.alreadySynced, skippedExcluded: extra.skippedExcluded,
        ...reach, synced: t.synced, failed: t.failed, firstFailure: t.failures[0]?.explanation,
        waiting: t.waiting, firstWaiting: t.firstWaiting, notSent: t.notSent, firstNotSent: t.firstNotSent,
      }),
      failures: t.failures.slice(0, 10).map((f) => ({ label: labels.get(f.id) ?? `#${f.id}`, explanation: f.explanation })),
    };
    return progress;
  }

  function trackResync(progressBase: Parameters<typeof progressOf>[0], ids: number[], extra: Parameters<typeof progressOf>[2], engine: SyncTrigger) {
    // Records only change when the engine works, so its activity drives the updates: at most one
    // tally per 200 ms, always one after the latest activity. Gives up after 30 minutes.
    let queued: NodeJS.Timeout | null = null;
    const check = () => {
      queued = null;
      const p = progressOf(progressBase, ids, extra);
      events.emit('report:sync-option', p);
      if (p.finished) stop();
    };
    const unsubscribe = engine.onActivity(() => {
      queued ??= setTimeout(check, 200);
    });
    const giveUp = setTimeout(() => stop(), 30 * 60_000);
    giveUp.unref?.();
    const stop = () => {
      trackers.delete(stop);
      unsubscribe();
      clearTimeout(giveUp);
      if (queued) clearTimeout(queued);
    };
    trackers.add(stop);
  }

  const api = {
    async queryReport(filter: ReportFilter): Promise<ReportPage> {
      return queryReport(filter);
    },

    async applySyncOption(input: ApplySyncOptionInput): Promise<SyncOptionProgress> {
      const { kind, option } = input;
      if (!input.allMatching && !input.ids?.length && !input.externalIds?.length) {
        throw new AppError('bad_request', 'No rows are selected. Tick the rows to change, or choose "Select all matching".');
      }
      const ids = input.allMatching
        ? resolveSelection(db, kind, { filter: { status: 'all', ...input.filter } })
        : input.externalIds?.length
          ? resolveSelection(db, kind, { externalIds: input.externalIds })
          : resolveSelection(db, kind, { ids: input.ids ?? [] });
      const outcome = applySyncOptionToRecords(db, kind, option, ids, undefined, xeroTenantId?.());
      const requestId = randomUUID();
      const engine = sync();
      const offline = option === 'resync' && (!engine || ['offline', 'not_connected', 'reconnect_required'].includes(engine.status().state));
      if ((option === 'use_ours' || option === 'send_ours') && outcome.changed.length > 0) engine?.requestSync('resync');
      if (option !== 'resync') {
        const refused = outcome.refused ?? [];
        const skipped = ids.length - outcome.changed.length - refused.length;
        const labels = labelsOf(kindOfPlural(kind), refused.map((r) => r.id));
        const notes = [
          outcome.changed.length || !refused.length ? `${count(outcome.changed.length, kind)} ${OPTION_DONE[option]}.` : '',
          refused.length ? `${count(refused.length, kind)} cannot be sent again: Xero cannot take ${refused.length === 1 ? 'it' : 'them'} back (below: why, and what to do instead).` : '',
          skipped ? `${count(skipped, kind)} needed no change.` : '',
          option === 'exclude' ? excludeInXeroNote(outcome.excludedInXero.length, outcome.changed.length) : '',
        ];
        return {
          requestId, kind, option, total: outcome.changed.length, synced: 0, failed: refused.length, waiting: 0, finished: true, offline: false,
          failures: refused.slice(0, 10).map((r) => ({ label: labels.get(r.id) ?? `#${r.id}`, explanation: r.reason })),
          message: notes.filter(Boolean).join(' '),
        };
      }
      // Counted once each: queued now or already on their way (they go out), already synced, skipped.
      const queued = [...outcome.changed, ...outcome.onTheirWay];
      const base = { requestId, kind, option, total: queued.length, offline };
      const extra = { alreadySynced: outcome.alreadySynced.length, skippedExcluded: outcome.skippedExcluded.length, engine };
      // Where things stood when the user applied it: the run it starts says "Sending" for a moment.
      const reach = reachOf(engine);
      if (queued.length > 0 && engine) {
        trackResync(base, queued, extra, engine);
        engine.requestSync('resync');
      }
      const first = progressOf(base, queued, extra, reach);
      return { ...first, finished: queued.length === 0 || !engine || first.finished };
    },

    async exportReportCsv(filter: Omit<ReportFilter, 'cursor' | 'limit'>): Promise<ReportCsv> {
      // Dates stay ISO and amounts plain decimals, so a spreadsheet reads them as dates and numbers;
      // the currency and the last attempt in the location's time zone are beside them (issue 17).
      const header = ['record', 'external_id', 'tenant', 'date', 'amount', 'currency', 'location', 'building', 'status', 'last_attempt', 'last_attempt_local', 'failure', 'fix'];
      const records: unknown[][] = [];
      const format = displayFormatOf(db);
      let cursor: string | undefined;
      do {
        const page = queryReport({ ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
        for (const r of page.rows) {
          const record = r.kind === 'tenant' ? r.tenantName : r.reference;
          const local = r.lastAttemptAt ? `${formatTimestamp(r.lastAttemptAt, format)} ${timeZoneNameAt(r.lastAttemptAt, format)}` : null;
          records.push([record, r.externalId, r.tenantName, r.date, r.amountCents, r.amountCents === null ? null : r.currency, r.location, r.building, r.status, r.lastAttemptAt, local, r.error?.explanation, r.error?.fix]);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const stamp = now().toISOString().slice(0, 10);
      const csv = toCsv(header, records, { recordDelimiter: '\r\n', moneyColumns: ['amount'] });
      return { fileName: `integration-report-${filter.kind}-${filter.status}-${stamp}.csv`, csv, rows: records.length };
    },

    async getDashboard(): Promise<Dashboard> {
      const rows = db
        // The per-day summary the triggers keep (migration 004): no scan of sync_records.
        .prepare('SELECT kind, status, sum(n) AS n FROM sync_counts GROUP BY kind, status')
        .all() as { kind: RecordKind; status: string; n: number }[];
      const byKind = perKind((): KindCounts => ({ synced: 0, nonSynced: 0, waiting: 0, failed: 0, excluded: 0, beforeStartDate: 0, needsReview: 0, changedInXero: 0 }));
      const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k.plural, byKind[k.kind]])) as Record<ReportKind, KindCounts>;
      for (const r of rows) {
        const c = byKind[r.kind];
        if (r.status === 'synced') c.synced += r.n;
        else {
          c.nonSynced += r.n;
          if (r.status === 'failed') c.failed += r.n;
          else if (r.status === 'excluded') c.excluded += r.n;
          else if (r.status === 'before_start_date') c.beforeStartDate += r.n;
          else if (r.status === 'needs_review') c.needsReview += r.n;
          else if (r.status === 'changed_in_xero') c.changedInXero += r.n;
          else c.waiting += r.n;
        }
      }
      const failures = db
        .prepare(
          `SELECT kind, record_id, error_code, error_explanation, error_fix, updated_at FROM sync_records
           WHERE status = 'failed' ORDER BY updated_at DESC, record_id DESC LIMIT 8`,
        )
        .all() as { kind: RecordKind; record_id: number; error_code: string | null; error_explanation: string | null; error_fix: string | null; updated_at: string }[];
      const labels = new Map<string, string>();
      for (const { kind } of RECORD_KINDS) {
        const ids = failures.filter((f) => f.kind === kind).map((f) => f.record_id);
        for (const [id, label] of labelsOf(kind, ids)) labels.set(`${kind}:${id}`, label);
      }
      const recentFailures: DashboardFailure[] = failures.map((f) => ({
        kind: f.kind,
        id: f.record_id,
        label: labels.get(`${f.kind}:${f.record_id}`) ?? `#${f.record_id}`,
        explanation: f.error_explanation ?? 'Xero did not accept it.',
        fix: f.error_fix ?? '',
        fixTarget: fixTargetOf(f.error_code),
        at: f.updated_at,
      }));
      const s = sync()?.status() ?? { state: 'idle', message: 'Sync starts once Xero is connected.', lastSyncAt: null };
      return { connection: connection(), sync: s, counts, recentFailures, format: displayFormatOf(db) };
    },

    async getMonthlyAmounts() {
      return getMonthlyAmounts();
    },
  };

  return {
    api,
    /** Stops every live ReSync tracker (called before the database closes). */
    close(): void {
      for (const stop of [...trackers]) stop();
    },
  };
}
