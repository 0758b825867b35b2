/**
 * When sync runs: after each import, every few minutes while connected, and on "Sync now".
 * A network failure pauses it as "Offline - N changes waiting" and a cheap probe (GET
 * Organisation) brings it back by itself. Pause/resume is the user's, kept across restarts.
 * Status and progress go out as push events.
 */
import { menuPath } from '../../contract';
import { kindInfo } from '../../contract/record-kinds';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import type { PushEventBus } from '../push-events';
import type { XeroApiClient } from '../xero/api-client';
import { XeroApiError } from '../xero/xero-api-error';
import type { SyncEngineStatus } from '../../contract';
import { runSync, type SyncEngineOptions, type SyncRunResult } from './engine';
import { createOutboxStore } from './records/outbox-store';

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
  engine?: Partial<Pick<SyncEngineOptions, 'batchSize' | 'backoffBaseMs' | 'proposeStartDate' | 'today' | 'checkXeroChanges'>>;
}

export function createSyncScheduler(opts: SchedulerOptions) {
  const { db, events } = opts;
  const store = createOutboxStore(db);
  const getState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  let state: SyncEngineStatus['state'] = getState.get('paused') === '1' ? 'paused' : 'idle';
  let message = '';
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
    const msg =
      shown === 'offline' ? `Offline - ${total} changes waiting` : shown === 'not_connected' ? (blocked ?? 'Connect to Xero to start syncing.') : message;
    return { state: shown, lastSyncAt: (getState.get('last_sync_at') as string | undefined) ?? null, waiting: w, message: msg };
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
    if (state === 'paused' || closed) return status();
    if (!opts.isConnected() || opts.blockedReason?.()) return publish();
    running = (async () => {
      state = 'syncing';
      message = 'Sending changes to Xero';
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
        if (!result.problem && (state as SyncEngineStatus['state']) === 'idle') message = xeroCheckWords(result) ?? message;
      } catch (err) {
        settle(err, err instanceof Error ? err.message : String(err));
      } finally {
        running = null;
      }
      return publish();
    })();
    return running;
  }

  function settle(problem: unknown, explanation: string | undefined) {
    if (state === 'paused') return;
    if (!problem) {
      state = 'idle';
      message = '';
      setState.run('last_sync_at', new Date().toISOString());
      return;
    }
    events.emit('sync:progress', { type: 'error', kind: null, label: 'Sync', message: explanation ?? 'Sync stopped.' });
    const code = (problem as { code?: string }).code;
    if (problem instanceof XeroApiError && problem.kind === 'network') {
      state = 'offline';
      startProbe();
    } else if (code === 'reconnect_required' || (problem instanceof XeroApiError && problem.kind === 'forbidden')) {
      state = 'reconnect_required';
      message = `Xero needs you to connect again: ${menuPath('authenticate')}.`;
    } else if (problem instanceof AppError && code === 'not_connected') {
      state = 'not_connected';
    } else {
      // Xero busy, limits, organisation offline: the rows back off and the next tick tries again.
      state = 'idle';
      message = explanation ?? '';
    }
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
      timer = setInterval(() => void run('timer'), opts.intervalMs ?? 5 * 60_000);
      timer.unref?.();
      if (state === 'idle' && opts.isConnected() && !opts.blockedReason?.()) void run('startup');
    },
    syncNow: () => {
      if (state === 'offline') state = 'idle';
      return run('manual');
    },
    async pauseSync() {
      setState.run('paused', '1');
      state = 'paused';
      message = 'Sync is paused.';
      if (running) await running.catch(() => undefined);
      state = 'paused';
      return publish();
    },
    async resumeSync() {
      setState.run('paused', '0');
      state = 'idle';
      message = '';
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
      clearInterval(timer);
      clearInterval(probe);
      if (running) await running.catch(() => undefined);
    },
  };
}
