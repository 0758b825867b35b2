/** The sync engine's state and progress (issue 6). */
import type { RecordKind } from './record-kinds';

export type SyncEngineState = 'idle' | 'syncing' | 'paused' | 'offline' | 'not_connected' | 'reconnect_required';

export interface SyncEngineStatus {
  state: SyncEngineState;
  /** When the last run finished with nothing left to retry (UTC ISO), or null. */
  lastSyncAt: string | null;
  /** Changes queued or in flight, per kind. */
  waiting: Record<RecordKind, number>;
  /** Plain words, e.g. "Offline - 12 changes waiting". */
  message: string;
}

/** Sync progress per kind (kind null for run-level errors). */
export type SyncProgressEvent =
  | { type: 'start'; kind: RecordKind; total: number; label: string }
  | { type: 'progress'; kind: RecordKind; current: number; total: number; label: string }
  | { type: 'done'; kind: RecordKind; current: number; total: number; label: string }
  | { type: 'error'; kind: null; message: string; label: string };


export interface SyncApi {
  /** Starts a sync run now (or joins the one running); resolves with the status after it. */
  syncNow(): Promise<SyncEngineStatus>;
  pauseSync(): Promise<SyncEngineStatus>;
  resumeSync(): Promise<SyncEngineStatus>;
  getSyncStatus(): Promise<SyncEngineStatus>;
}
