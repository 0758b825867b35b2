/**
 * When sync runs: after each import, every few minutes while connected, and on "Sync now".
 * A network failure pauses it as "Offline - N changes waiting" (from the first failed attempt: the
 * client tells every attempt) and a cheap probe (GET Organisation) brings it back by itself. Xero's
 * temporary problems and limits wait for a next try at a known time ("will try again at 14:32");
 * Sync now tries at once. Pause/resume is the user's, kept across restarts. The state is the one
 * source of truth for every view; its words come from contract/sync-words.ts.
 */
import { kindInfo } from '../../contract/record-kinds';
import { menuPath } from '../../contract/routes';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import type { PushEventBus } from '../push-events';
import type { XeroApiClient } from '../xero/api-client';
import { XeroApiError } from '../xero/xero-api-error';
import type { SyncEngineStatus } from '../../contract';
import { syncStateMessage, type RetryReason } from '../../contract/sync-words';
import { DailyLimitError } from '../xero/rate-limiter';
import { runSync, type SyncEngineOptions, type SyncRunResult } from './engine';
import { createOutboxStore } from './records/outbox-store';
import type { RunEnd } from './sync-notices';

export interface SchedulerOptions {
  db: Db;
  client: XeroApiClient;
  events: PushEventBus;
  /** Whether a Xero organisation is connected (no timer runs otherwise). */
  isConnected: () => boolean;
  /** Connected, yet nothing may be sent (another organisation than the records': the switch is not confirmed); what to say. */
  blockedReason?: () => string | null;
  intervalMs?: number;
  probeIntervalMs?: number;
  /** Told once at the end of every run: the records that failed in it, and the state it ended in (sync-notices.ts). */
  onRunEnd?: (end: RunEnd) => void;
  /** First wait before trying again after Xero's temporary problem (default 1 minute; doubles, at most the interval). */
  retryDelayMs?: number;
  /** The clock the next try's time is read from (default the system clock). */
  now?: () => Date;
  engine?: Partial<Pick<SyncEngineOptions, 'batchSize' | 'backoffBaseMs' | 'proposeStartDate' | 'today' | 'checkXeroChanges'>>;
}

/** Which words a stopped run's problem gets, and whether it waits for a probe (offline) or a timed retry. */
function classifyProblem(problem: unknown): { state: 'offline' | 'reconnect_required' | 'not_connected' | 'retrying'; reason?: RetryReason; retryAfterMs?: number } {
  const code = (problem as { code?: string }).code;
  if (problem instanceof XeroApiError && problem.kind === 'network') return { state: 'offline' };
  if (code === 'reconnect_required' || (problem instanceof XeroApiError && problem.kind === 'forbidden')) return { state: 'reconnect_required' };
  if (problem instanceof AppError && code === 'not_connected') return { state: 'not_connected' };
  if (problem instanceof DailyLimitError) return { state: 'retrying', reason: 'daily_limit', retryAfterMs: problem.until - Date.now() };
  if (problem instanceof XeroApiError && problem.kind === 'rate_limited') {
    return { state: 'retrying', reason: 'rate_limited', retryAfterMs: (problem.retryAfter ?? 0) * 1000 };
  }
  if (problem instanceof XeroApiError && problem.kind === 'org_offline') return { state: 'retrying', reason: 'organisation_offline' };
  if (problem instanceof XeroApiError) return { state: 'retrying', reason: 'xero_problem' };
  return { state: 'retrying', reason: 'other' };
}

export function createSyncScheduler(opts: SchedulerOptions) {
  const { db, events } = opts;
  const store = createOutboxStore(db);
  const getState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const now = opts.now ?? (() => new Date());
  const intervalMs = opts.intervalMs ?? 5 * 60_000;
  let state: SyncEngineStatus['state'] = getState.get('paused') === '1' ? 'paused' : 'idle';
  let retryReason: RetryReason | null = null;
  let nextTryAt: string | null = null;
  let retries = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  /** After a run that ended well: what its check for changes made in Xero has to say (failed, or found some). */
  let checkNote: string | undefined;
  const failedSince = db.prepare("SELECT kind, COUNT(*) AS n FROM sync_records WHERE status = 'failed' AND updated_at >= ? GROUP BY kind");
  let running: Promise<SyncEngineStatus> | null = null;
  /** A run asked for while one is under way: it starts when that one ends (requests meanwhile share it). */
  let followUp: Promise<SyncEngineStatus> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  function status(): SyncEngineStatus {
    const w = store.waitingCounts();
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    const blocked = opts.blockedReason?.() ?? null;
    const shown = (!opts.isConnected() || blocked) && state !== 'paused' && state !== 'syncing' ? 'not_connected' : state;
    const next = shown === 'retrying' ? nextTryAt : null;
    const message = (shown === 'idle' && checkNote) || syncStateMessage({ state: shown, waitingTotal: total, nextTryAt: next, retryReason, blockedReason: blocked });
    return { state: shown, nextTryAt: next, lastSyncAt: (getState.get('last_sync_at') as string | undefined) ?? null, waiting: w, message };
  }

  // Going offline shows at once, while the client still retries; an answer during the run brings it back.
  const offAttempt = opts.client.onAttempt((failure) => {
    if (!running || closed) return;
    if (failure?.kind === 'network' && state === 'syncing') {
      state = 'offline';
      publish();
    } else if (!failure && state === 'offline') {
      state = 'syncing';
      publish();
    }
  });

  function clearRetry() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    nextTryAt = null;
    retryReason = null;
  }

  function publish(): SyncEngineStatus {
    const s = status();
    events.emit('sync:status', s);
    return s;
  }

  async function run(trigger: string): Promise<SyncEngineStatus> {
    // The run under way may have planned before what prompted this request (a mapping saved, a
    // ReSync, an import): it is not enough to wait for it, so another run follows it.
    if (running) {
      followUp ??= running.catch(() => undefined).then(() => {
        followUp = null;
        return run(trigger);
      });
      return followUp;
    }
    if (closed) return status();
    // Paused: nothing goes, but what waits changed (an import, a ReSync): every view hears it.
    if (state === 'paused') return publish();
    if (!opts.isConnected() || opts.blockedReason?.()) return publish();
    clearRetry();
    running = (async () => {
      state = 'syncing';
      checkNote = undefined;
      const startedAt = new Date().toISOString();
      publish();
      let result: SyncRunResult | undefined;
      try {
        result = await runSync({
          db, client: opts.client, trigger, ...opts.engine,
          shouldStop: () => state === 'paused' || closed,
          onPhase: (kind, phase, total) => events.emit('sync:progress', phase === 'start'
            ? { type: 'start', kind, label: kindInfo(kind).label, total }
            : { type: 'done', kind, label: kindInfo(kind).label, current: total, total }),
          onProgress: (kind, current, total) => events.emit('sync:progress', { type: 'progress', kind, label: kindInfo(kind).label, current, total }),
        });
        settle(result.problem?.error, result.problem?.explained.explanation);
        // settle() has just set the state.
        if (!result.problem && (state as SyncEngineStatus['state']) === 'idle') checkNote = xeroCheckWords(result);
      } catch (err) {
        settle(err, err instanceof Error ? err.message : String(err));
      } finally {
        running = null;
      }
      const end = publish();
      const failed = Object.fromEntries((failedSince.all(startedAt) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]));
      opts.onRunEnd?.({ failed, state: end.state });
      return end;
    })();
    return running;
  }

  function settle(problem: unknown, explanation: string | undefined) {
    if (state === 'paused') return;
    if (!problem) {
      state = 'idle';
      retries = 0;
      setState.run('last_sync_at', now().toISOString());
      return;
    }
    events.emit('sync:progress', { type: 'error', kind: null, label: 'Sync', message: explanation ?? 'Sync stopped.' });
    const c = classifyProblem(problem);
    state = c.state;
    if (c.state === 'offline') startProbe();
    if (c.state === 'retrying') scheduleRetry(c.reason ?? 'other', c.retryAfterMs ?? 0);
  }

  /** Xero busy, limits, organisation offline: the next try at a time the user is told. */
  function scheduleRetry(reason: RetryReason, atLeastMs: number) {
    const backoff = Math.min(intervalMs, (opts.retryDelayMs ?? 60_000) * 2 ** retries);
    const delay = Math.max(backoff, atLeastMs);
    retries++;
    retryReason = reason;
    nextTryAt = new Date(now().getTime() + delay).toISOString();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (state === 'retrying') void run('retry');
    }, delay);
    retryTimer.unref?.();
  }

  /** The run's check for changes made in Xero, when it could not be made or found some: what to say. */
  function xeroCheckWords(result: SyncRunResult): string | undefined {
    const check = result.xeroChanges;
    if (!check) return undefined;
    if (!check.ok) return check.message;
    if (check.changed === 0) return undefined;
    return `${check.changed === 1 ? '1 record was changed in Xero after it was sent' : `${check.changed} records were changed in Xero after they were sent`}: see ${menuPath('report')} (status Changed in Xero).`;
  }

  function startProbe() {
    if (probe || closed) return;
    probe = setInterval(() => {
      opts.client.getOrganisation().then(
        () => {
          clearInterval(probe);
          probe = undefined;
          if (state === 'offline') {
            state = 'idle';
            void run('reconnected');
          }
        },
        () => undefined,
      );
    }, opts.probeIntervalMs ?? 30_000);
    probe.unref?.();
  }

  const unsubscribe = events.on('import:progress', (e) => {
    if (e.type === 'done') void run('import');
  });

  return {
    start() {
      timer = setInterval(() => void run('timer'), intervalMs);
      timer.unref?.();
      if (state === 'idle' && opts.isConnected() && !opts.blockedReason?.()) void run('startup');
    },
    /** Tries now, whatever waits: the next try's timer, the offline probe, records backing off. */
    syncNow: () => {
      if (state === 'offline' || state === 'retrying') state = 'idle';
      if (state !== 'paused') store.makeDueNow();
      return run('manual');
    },
    async pauseSync() {
      setState.run('paused', '1');
      state = 'paused';
      clearRetry();
      if (running) await running.catch(() => undefined);
      state = 'paused';
      return publish();
    },
    async resumeSync() {
      setState.run('paused', '0');
      state = 'idle';
      return run('resume');
    },
    getSyncStatus: async () => status(),
    /** Resolves once no run is under way or queued (the preview plans against what a finished run left). */
    async whenIdle(): Promise<void> {
      while (running || followUp) await (followUp ?? running)?.catch(() => undefined);
    },
    /** The report's SyncTrigger (ReSync): start soon, read status, hear about activity. */
    requestSync: (reason: string) => void run(reason),
    status,
    onActivity(listener: () => void): () => void {
      const a = events.on('sync:status', listener);
      const b = events.on('sync:progress', listener);
      return () => {
        a();
        b();
      };
    },
    async close() {
      closed = true;
      unsubscribe();
      offAttempt();
      clearRetry();
      clearInterval(timer);
      clearInterval(probe);
      if (running) await running.catch(() => undefined);
    },
  };
}
