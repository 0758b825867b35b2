/**
 * Background notifications (issue 17): when a sync run ends with new failures, or the Xero connection
 * needs renewing, a 'sync:notice' push event goes out, at most one per run, and none when the user
 * switched notifications off (Settings, kept in the settings store). The shells show it: Electron's
 * Notification in main (main/notifications.ts), the Web Notifications API in the browser harness.
 */
import { menuPath, type NotificationSettings, type SyncNotice, type XeroConnectionStatus } from '../../contract';
import { countOf, RECORD_KINDS, type RecordKind } from '../../contract/record-kinds';
import type { PushEventBus } from '../push-events';
import type { SettingsStore } from '../settings/settings-store';

const ENABLED_KEY = 'notifications.enabled';

/** What the scheduler tells at the end of every run. */
export interface RunEnd {
  /** Records that failed in this run, per kind (new failures: a run only fails what it sent or planned). */
  failed: Partial<Record<RecordKind, number>>;
  /** The sync state the run ended in. */
  state: string;
}

export function createSyncNotices(deps: { events: PushEventBus; settings: SettingsStore }) {
  const { events, settings } = deps;
  // One notice per episode of "connect again": not one per run or per announcement while it lasts.
  let reconnectTold = false;

  const enabled = () => settings.get<boolean>(ENABLED_KEY) !== false;

  function tell(notice: SyncNotice) {
    if (enabled()) events.emit('sync:notice', notice);
  }

  function reconnectNotice(): SyncNotice | null {
    if (reconnectTold) return null;
    reconnectTold = true;
    return {
      reason: 'reconnect_required',
      title: 'Facility Sync: connect to Xero again',
      body: `Xero needs you to connect again, so nothing is being sent. Open ${menuPath('authenticate')} and choose Connect to Xero; the waiting changes go out then.`,
    };
  }

  const offConnection = events.on('xero:connection', (status: XeroConnectionStatus) => {
    if (status.state === 'reconnect_required') {
      const n = reconnectNotice();
      if (n) tell(n);
    } else if (status.state === 'connected') reconnectTold = false;
  });

  return {
    /** Called by the scheduler once per run: at most one notice. */
    runEnded(end: RunEnd): void {
      if (end.state === 'reconnect_required') {
        const n = reconnectNotice();
        if (n) tell(n);
        return;
      }
      // In the kinds' own order (tenants, invoices, payments, ...), whatever order the run counted them in.
      const kinds = RECORD_KINDS.map((k) => [k.kind, end.failed[k.kind] ?? 0] as [RecordKind, number]).filter(([, n]) => n > 0);
      if (kinds.length === 0) return;
      const total = kinds.reduce((sum, [, n]) => sum + n, 0);
      const what = kinds.map(([kind, n]) => countOf(n, kind)).join(', ');
      tell({
        reason: 'new_failures',
        title: `Facility Sync: ${total === 1 ? '1 record' : `${total.toLocaleString('en-US')} records`} did not reach Xero`,
        body: `Xero did not accept ${what} in the last sync. Open ${menuPath('report')} (Status: Non-synced) to see why and how to fix ${total === 1 ? 'it' : 'them'}.`,
      });
    },
    api: {
      async getNotificationSettings(): Promise<NotificationSettings> {
        return { enabled: enabled() };
      },
      async setNotificationSettings(s: NotificationSettings): Promise<NotificationSettings> {
        settings.set(ENABLED_KEY, s.enabled);
        return { enabled: enabled() };
      },
    },
    close: offConnection,
  };
}
