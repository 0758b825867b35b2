/**
 * The words for the sync state (issue 17, "states that agree"): the header badge, the dashboard, the
 * CLI and the scheduler's own status message all take them from here, so no two views disagree.
 * Plain words only: no HTTP codes.
 */
import type { Dashboard } from './report';
import { menuPath } from './routes';
import type { SyncEngineState } from './sync';

/** The badge for a state: what the header and the dashboard's Xero card show. */
export const SYNC_BADGES: Record<SyncEngineState, { label: string; color: string }> = {
  idle: { label: 'Connected', color: 'teal' },
  syncing: { label: 'Sending', color: 'blue' },
  paused: { label: 'Paused', color: 'gray' },
  offline: { label: 'Offline', color: 'orange' },
  retrying: { label: 'Xero problem', color: 'yellow' },
  not_connected: { label: 'Not connected', color: 'gray' },
  reconnect_required: { label: 'Reconnect to Xero', color: 'red' },
};

/** Why a run stopped early and will be tried again, in words (the scheduler picks one). */
export type RetryReason = 'xero_problem' | 'rate_limited' | 'daily_limit' | 'organisation_offline' | 'other';

const RETRY_REASONS: Record<RetryReason, string> = {
  xero_problem: 'Xero had a temporary problem',
  rate_limited: 'Xero’s limit of calls per minute for this organisation was reached',
  daily_limit: 'Xero’s daily limit of calls for this organisation is used up',
  organisation_offline: 'The Xero organisation is offline for maintenance',
  other: 'Facility Sync could not finish sending',
};

/** "1 change waiting", "3 changes waiting". */
export function changesWaiting(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'change' : 'changes'} waiting`;
}

/** A UTC ISO timestamp as the clock time people read ("14:32"), in this machine's time zone. */
export function formatClockTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export interface SyncStateFacts {
  state: SyncEngineState;
  waitingTotal: number;
  nextTryAt: string | null;
  retryReason?: RetryReason | null;
  /** What blocks sending while connected (another organisation), or null. */
  blockedReason?: string | null;
}

/** The one sentence for the sync state. */
export function syncStateMessage(f: SyncStateFacts): string {
  switch (f.state) {
    case 'syncing':
      return 'Sending changes to Xero';
    case 'offline':
      return `Offline - ${changesWaiting(f.waitingTotal)}`;
    case 'retrying': {
      const why = RETRY_REASONS[f.retryReason ?? 'xero_problem'];
      return f.nextTryAt ? `${why}; Facility Sync will try again at ${formatClockTime(f.nextTryAt)}.` : `${why}; Facility Sync will try again shortly.`;
    }
    case 'paused':
      return 'Sync is paused. Choose Resume to send changes again.';
    case 'not_connected':
      return f.blockedReason ?? 'Connect to Xero to start syncing.';
    case 'reconnect_required':
      return `Xero needs you to connect again: ${menuPath('authenticate')}.`;
    case 'idle':
      return f.waitingTotal > 0 ? `Connected - ${changesWaiting(f.waitingTotal)}` : 'Connected - nothing waiting to be sent.';
  }
}

/**
 * What "Newest failures" says when the list is empty: that everything reached Xero only when
 * something was sent; before that, that nothing was sent yet and what to do.
 */
export function noFailuresSentence(
  d: Pick<Dashboard, 'counts'> & { connection: { state: string }; sync: { state: SyncEngineState; message: string; waiting: Record<string, number> } },
): string {
  const synced = Object.values(d.counts).reduce((n, c) => n + c.synced, 0);
  // The changes the sync state counts (queued or on their way), so this line and the badge's agree.
  const waiting = Object.values(d.sync.waiting).reduce((n, w) => n + w, 0);
  // While something stands in the way, say so here too: this list must not sound all clear.
  const held =
    d.sync.state === 'offline'
      ? ' Xero cannot be reached right now: they go out when it can.'
      : ['retrying', 'paused', 'reconnect_required'].includes(d.sync.state) ? ` ${d.sync.message.replace(/([^.])$/, '$1.')}` : '';
  if (synced > 0) {
    return waiting > 0 ? `No failures. Everything that was sent reached Xero; ${changesWaiting(waiting)}.${held}` : 'No failures. Everything that was sent reached Xero.';
  }
  if (d.connection.state !== 'connected') return `Nothing was sent to Xero yet. Connect to Xero first: ${menuPath('authenticate')}.`;
  if (waiting > 0) return `No failures. Nothing has reached Xero yet: ${changesWaiting(waiting)}.${held}`;
  return 'Nothing was sent to Xero yet. Import facility data (Import facility data… on this page); the sync starts by itself.';
}
