/** The sync engine's state and progress (issue 6). */
import type { RecordKind, RecordKindPlural } from './record-kinds';

/**
 * The one sync state every view shows (header badge, dashboard, CLI `status`; issue 17):
 * `retrying`: Xero answered with a temporary problem (or a limit); the next try is at `nextTryAt`.
 */
export type SyncEngineState = 'idle' | 'syncing' | 'paused' | 'offline' | 'retrying' | 'not_connected' | 'reconnect_required';

export interface SyncEngineStatus {
  state: SyncEngineState;
  /** When the next try starts by itself (UTC ISO): set while `retrying`, else null. */
  nextTryAt: string | null;
  /** When the last run finished with nothing left to retry (UTC ISO), or null. */
  lastSyncAt: string | null;
  /** Changes queued or in flight, per kind. */
  waiting: Record<RecordKind, number>;
  /** Plain words (contract/sync-words.ts), e.g. "Offline - 12 changes waiting". */
  message: string;
}

/**
 * Told to the user even when the window is in the background (issue 17): a sync run ended with new
 * failures, or the Xero connection needs renewing. At most one per run; none when switched off.
 */
export interface SyncNotice {
  reason: 'new_failures' | 'reconnect_required';
  title: string;
  body: string;
}

/** The user's notification choice (Settings), kept in the settings store. */
export interface NotificationSettings {
  enabled: boolean;
}

/** Sync progress per kind (kind null for run-level errors). */
export type SyncProgressEvent =
  | { type: 'start'; kind: RecordKind; total: number; label: string }
  | { type: 'progress'; kind: RecordKind; current: number; total: number; label: string }
  | { type: 'done'; kind: RecordKind; current: number; total: number; label: string }
  | { type: 'error'; kind: null; message: string; label: string };

/**
 * What happens to a record dated on or before the organisation's lock date in Xero (issue 15):
 * 'hold' (default): it waits, "The period up to ... is locked in Xero by your accountant";
 * 'post_on_first_open_date': it is sent dated the day after the lock date, with its own date in
 * the reference where the reference is free text (invoices, credit notes).
 */
export type LockedPeriodPolicy = 'hold' | 'post_on_first_open_date';
export const LOCKED_PERIOD_POLICIES = ['hold', 'post_on_first_open_date'] as const satisfies readonly LockedPeriodPolicy[];

/**
 * The sync start date (issue 15): records dated before it that never reached Xero are not sent
 * (`before_start_date`). `date` null: everything is sent. Not `confirmed`: proposed on the first
 * sync (the first day of the organisation's current financial year); it applies all the same.
 */
export interface SyncStartDate {
  date: string | null;
  confirmed: boolean;
}

/**
 * The organisation's lock dates as the last sync run read them from Xero (issue 15); kept, so the
 * Synchronize tab shows them offline and says when they were read. Dates 'YYYY-MM-DD' or null.
 */
export interface LockDates {
  periodLockDate: string | null;
  endOfYearLockDate: string | null;
  /** The later of the two: what is dated on or before it is held (or posted on the day after). */
  lockDate: string | null;
  /** When the run read them (UTC ISO). */
  readAt: string;
}

/** Sync settings of the organisation the records belong to (null before the first connection). */
export interface SyncSettings {
  organisation: { tenantId: string; name: string } | null;
  lockedPeriod: LockedPeriodPolicy;
  startDate: SyncStartDate;
  /** Null until a sync run has read them. */
  lockDates: LockDates | null;
}

/**
 * What a change does to records not in Xero yet (dated records; a tenant's contact follows its
 * documents): `queued` now go to Xero (on or after a moved start date, or waiting for a lock date
 * and now posted on the first open date); `held` are not sent (before the new start date, or in the
 * locked period under hold).
 */
export interface SyncSettingsEffect {
  queued: number;
  held: number;
}

export interface SyncSettingsChanged extends SyncSettings {
  effect: SyncSettingsEffect;
}

/** A change to the sync settings: what is named changes. `startDate` null sends all history; a date confirms it. */
export interface SyncSettingsChange {
  lockedPeriod?: LockedPeriodPolicy;
  startDate?: string | null;
}

/** A record changed in Xero after it was sent (status changed_in_xero, issue 16), in words. */
export interface XeroChangedRecord {
  kind: RecordKindPlural;
  id: number;
  /** The facility's id (tenant id, invoice id, payment id, ...), as `facility-sync review` takes it. */
  externalId: string;
  /** "Invoice SYD-5001", "Payment P-9001 (SYD-5001)", the tenant's name. */
  label: string;
  /** What changed: "Voided in Xero on 3 Dec 2026." */
  what: string;
  /** What to do. */
  fix: string;
  /** Send ours again can put the facility's version back (false: e.g. Xero cannot un-void an invoice). */
  canSendOurs: boolean;
}

/** The outcome of a check for changes made in Xero. */
export interface XeroChangesCheck {
  /** When the check ran (UTC ISO). */
  checkedAt: string;
  /** What was asked of Xero: changes at or after this (UTC ISO); null when nothing was sent yet. */
  since: string | null;
  /** Records read from Xero. */
  read: number;
  /** Records this check found changed. */
  found: number;
  /** Every record now changed in Xero and waiting for the user (the first 200), and how many in all. */
  changed: XeroChangedRecord[];
  total: number;
  /** Plain words: "2 records were changed in Xero ..." or "Nothing was changed in Xero ...". */
  message: string;
}

export interface SyncApi {
  /**
   * Starts a sync run now (or joins the one running); resolves with the status after it. During a
   * wait for the next try it tries at once (records backing off included); the status's message
   * always says what happened or why nothing could be tried.
   */
  syncNow(): Promise<SyncEngineStatus>;
  pauseSync(): Promise<SyncEngineStatus>;
  resumeSync(): Promise<SyncEngineStatus>;
  getSyncStatus(): Promise<SyncEngineStatus>;
  getSyncSettings(): Promise<SyncSettings>;
  /** Saves the current organisation's settings (refused before the first connection); records that waited for them go out. */
  setSyncSettings(settings: SyncSettingsChange): Promise<SyncSettingsChanged>;
  /** Checks Xero now for changes made there to what was sent (after the run under way, if any). */
  checkXeroChanges(): Promise<XeroChangesCheck>;
  getNotificationSettings(): Promise<NotificationSettings>;
  /** Switches the background notifications on or off (kept across restarts). */
  setNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings>;
}
