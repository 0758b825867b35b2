import { useEffect, useState } from 'react';
import type { SyncEngineStatus } from '../contract';
import { call, subscribe } from './api-client';

/**
 * The one sync state the header badge, the dashboard and "Newest failures" show (issue 17): read
 * once, then every 'sync:status' push as it comes (no debounce, so no view lags behind another).
 */
export function useSyncStatus(): [SyncEngineStatus | null, (s: SyncEngineStatus) => void] {
  const [status, setStatus] = useState<SyncEngineStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => call('getSyncStatus').then((s) => live && setStatus(s), () => undefined);
    load();
    const offs = [subscribe('sync:status', (s) => live && setStatus(s)), subscribe('xero:connection', load)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);
  return [status, setStatus];
}
