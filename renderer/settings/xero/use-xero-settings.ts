import { useEffect, useState } from 'react';
import type { XeroSettings } from '../../../contract';
import { call, subscribe } from '../../api-client';

/** The Xero settings (never a secret) kept current with the 'xero:connection' push event. */
export function useXeroSettings(): [XeroSettings | null, (next: XeroSettings) => void, string | null] {
  const [settings, setSettings] = useState<XeroSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('getXeroSettings').then(
      (s) => live && setSettings(s),
      (e: Error) => live && setLoadError(e.message),
    );
    const stop = subscribe('xero:connection', (connection) => setSettings((s) => (s ? { ...s, connection } : s)));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return [settings, setSettings, loadError];
}
