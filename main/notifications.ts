/**
 * The Electron shell's background notifications (issue 17): each 'sync:notice' (sync-notices.ts
 * decides when: new failures or connect again, at most once per run, only when switched on)
 * becomes a system notification; a click brings the window forward.
 */
import { Notification } from 'electron';
import type { PushEventBus } from './push-events';

/** Shows notices as they come; returns the unsubscribe function. */
export function showSyncNotices(events: PushEventBus, bringWindowForward: () => void): () => void {
  return events.on('sync:notice', (notice) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', bringWindowForward);
    n.show();
  });
}
