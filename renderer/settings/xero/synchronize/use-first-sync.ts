import { useEffect, useState } from 'react';
import type { SyncSettings, SyncSettingsChange } from '../../../../contract';
import { call, subscribe } from '../../../api-client';
import { effectWords, type FirstSyncChange } from './first-sync-words';

export interface FirstSyncState {
  settings: SyncSettings | null;
  busy: boolean;
  error: string | null;
  /** What the last change did, in plain words. */
  notice: string | null;
}

/**
 * The First sync section's data: the organisation's sync start date, the lock dates the last run read
 * and the locked-period choice, all read from the local database (so it shows offline), and the
 * changes behind its buttons. A change starts a run in the main process; each run's end reloads the
 * settings (the lock dates it read).
 */
export function useFirstSync() {
  const [state, setState] = useState<FirstSyncState>({ settings: null, busy: false, error: null, notice: null });
  const patch = (p: Partial<FirstSyncState>) => setState((s) => ({ ...s, ...p }));

  useEffect(() => {
    let live = true;
    const load = () =>
      call('getSyncSettings').then(
        (settings) => live && setState((s) => ({ ...s, settings })),
        (err: unknown) => live && setState((s) => ({ ...s, error: message(err) })),
      );
    void load();
    const stop = subscribe('sync:status', () => void load());
    return () => {
      live = false;
      stop();
    };
  }, []);

  async function change(what: FirstSyncChange, settings: SyncSettingsChange) {
    patch({ busy: true, error: null, notice: null });
    try {
      const result = await call('setSyncSettings', settings);
      const { effect, ...rest } = result;
      patch({ busy: false, settings: rest, notice: effectWords(what, rest, effect) });
    } catch (err) {
      patch({ busy: false, error: message(err) });
    }
  }

  return {
    state,
    confirm: (date: string) => change('confirm', { startDate: date }),
    setStartDate: (date: string | null) => change(date ? 'start-date' : 'all-history', { startDate: date }),
    setLockedPeriod: (lockedPeriod: SyncSettings['lockedPeriod']) => change('locked-period', { lockedPeriod }),
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
