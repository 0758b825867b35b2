/**
 * Composition root (README "Architecture"): the Electron main process, the CLI and test/harness all build the
 * same services here from a config. Each area adds its service module and spreads it into `api`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Api } from '../contract';
import { PushEventBus } from './push-events';
import { resolveXeroEndpoints } from './xero/endpoints';
import { APP_NAME, APP_VERSION } from './app-meta';
import { preparePrivateDataDir } from './private-data-dir';
import { createConfSettingsStore, type SettingsStore } from './settings/settings-store';
import { createXeroConnection, type XeroConnection } from './xero/connection-service';
import { adoptOlderSignIn } from './xero/connection-binding';
import { createSecretStore, DEFAULT_KEYCHAIN_SERVICE } from './xero/secret-store';
import { DB_FILE_NAME, openDatabase, type Db } from './db/open-database';
import { createFacilityService } from './facility/facility-service';
import { createReportActions, type SyncTrigger } from './report/report-actions';
import { OrgRateLimiter } from './xero/rate-limiter';
import { composeApi } from './compose-api';
import { createOrganisationGuard } from './sync/organisation-guard';
import { createSyncScheduler } from './sync/scheduler';
import { createSyncSettings } from './sync/sync-settings';
import { createPreviewService } from './sync/preview';
import { createXeroChangesService } from './sync/xero-changes-service';
import { createBalancesService } from './report/balances-service';
import { createSyncNotices } from './sync/sync-notices';
import { createFacilityFolder } from './facility/facility-folder';
import { createXeroApiClient } from './xero/api-client';
import { createMappingService } from './mapping/mapping-service';
import { createReconciliationService } from './report/reconciliation/reconciliation-service';
import type { XeroSession } from './xero/session';

export interface ServicesConfig {
  /** Where SQLite, settings and logs live. Created if missing; kept private to this user (700/600). */
  dataDir: string;
  /** Base URL of a Xero emulator (tests, demo). Unset: the real Xero. */
  xeroBaseUrl?: string;
  /** Opens a URL in the system browser (shell.openExternal in Electron). */
  openExternal?: (url: string) => Promise<void>;
  /** Non-secret settings. Electron passes electron-store; default: conf in dataDir. */
  settingsStore?: SettingsStore;
  /** Fixed loopback port of the OAuth redirect URI http://localhost:<port>/callback (default 47321). */
  oauthPort?: number;
  /** How long Connect to Xero waits for Xero's redirect (default 5 minutes). */
  oauthTimeoutMs?: number;
  /** Keychain service name for the secrets (default "Facility Sync for Xero"; tests isolate with their own).
   *  Entries are keyed by data folder and Xero issuer within it. */
  keychainService?: string;
  /** Asks the user for a CSV file or folder to import (Electron: an open dialog); null when cancelled. */
  chooseImportPath?: () => Promise<string | null>;
  /** Watch the saved "Facility data folder" (the app and the harness; not the one-shot CLI). */
  watchFacilityFolder?: boolean;
  /** Electron: a save dialog, then the window printed to that PDF (the reconciliation page); none in the CLI and the harness. */
  savePdf?: (suggestedFileName: string) => Promise<string | null>;
  /** Asks for the facility data folder (a folder dialog in Electron); none in the CLI and the harness. */
  chooseFacilityFolder?: () => Promise<string | null>;
  /** How long a dropped file's size must stay the same before it is imported (ms; tests shorten it). */
  facilityFolderStableMs?: number;
  /** A ready Xero session (tests, CLI) used instead of the OAuth connection for API calls. */
  xeroSession?: XeroSession;
  /** Rate-limit window length in ms for the Xero client (default Xero's 60 s; tests shorten it). */
  xeroMinuteMs?: number;
  /** How often sync runs while connected (default 5 minutes); it also runs after each import. */
  syncIntervalMs?: number;
  /** How often an offline sync probes Xero to resume by itself (default 30 s). */
  syncProbeIntervalMs?: number;
  /** First wait before sync tries again after Xero's temporary problem (default 1 minute, doubling up to the interval). */
  syncRetryDelayMs?: number;
  /** First delay of the Xero client's own quick retries of a failed call (default 500 ms; tests shorten it). */
  xeroMinRetryDelayMs?: number;
  /** false: no timer and no startup run (tests that drive sync by hand). Default true. */
  syncAutoStart?: boolean;
  /**
   * The first sync to an organisation proposes a sync start date, the first day of its current
   * financial year (main/sync/start-date.ts). On in the app and the CLI; off by default so tests that
   * send a fixed history opt in.
   */
  proposeSyncStartDate?: boolean;
  /**
   * How often a sync run also checks Xero for changes made there (main/sync/xero-changes.ts; default
   * every 15 minutes; 0: at every run; null: never, for tests that count only the sends).
   */
  xeroChangesIntervalMs?: number | null;
  /**
   * The calendar clock: which months the demo data covers, the date in export file names.
   * Default the system clock; tests pin it so nothing depends on today's date.
   */
  now?: () => Date;
}

export interface Services {
  readonly config: Readonly<ServicesConfig>;
  readonly api: Api;
  readonly events: PushEventBus;
  readonly settings: SettingsStore;
  /** The Xero connection; the sync engine uses it as its XeroSession (access token, tenant id). */
  readonly xeroConnection: XeroConnection;
  close(): Promise<void>;
}

export async function createServices(config: ServicesConfig): Promise<Services> {
  // First: a refused Xero address (plain http to another computer) must not create anything.
  const xero = resolveXeroEndpoints(config.xeroBaseUrl);
  const dataDir = path.resolve(config.dataDir);
  preparePrivateDataDir(dataDir);
  const events = new PushEventBus();
  const closers: Array<() => Promise<void> | void> = [];
  const settings = config.settingsStore ?? createConfSettingsStore(dataDir);
  // Secrets belong to this data folder and the issuer they came from (issue 18 finding 1).
  const keychainService = config.keychainService ?? DEFAULT_KEYCHAIN_SERVICE;
  const secrets = createSecretStore(keychainService, { dataDir: realpathSync(dataDir), issuer: xero.issuer });
  // A locked keychain must not stop the app from starting: the adoption is tried again next start.
  await adoptOlderSignIn({ settings, endpoints: xero, service: keychainService, secrets }).catch(() => undefined);
  // Which organisation the records belong to; the database opens before the connection so its status can ask.
  const db: Db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  closers.push(() => void db.close());
  const now = config.now ?? (() => new Date());
  const organisationGuard = createOrganisationGuard({ db, now });
  const xeroConnection = createXeroConnection({
    decorateStatus: (status) => organisationGuard.decorate(status),
    endpoints: xero,
    settings,
    secrets,
    events,
    openExternal: config.openExternal,
    port: config.oauthPort,
    timeoutMs: config.oauthTimeoutMs,
    now,
  });
  closers.push(() => xeroConnection.close());
  const facility = createFacilityService({ db, events, now, chooseImportPath: config.chooseImportPath });
  const facilityFolder = createFacilityFolder({
    settings, importFacilityData: facility.importFacilityData, now: () => now().toISOString(), stableMs: config.facilityFolderStableMs,
    chooseFolder: config.chooseFacilityFolder,
    gatherMs: config.facilityFolderStableMs,
  });
  closers.push(() => facilityFolder.close());
  if (config.watchFacilityFolder) await facilityFolder.start();
  // The sync engine plugs in here once built (see below); until then ReSync only queues.
  let syncTrigger: SyncTrigger | null = null;
  const reportActions = createReportActions({
    db, events, now, connection: () => xeroConnection.status(), sync: () => syncTrigger,
    xeroTenantId: () => xeroSession.tenantId(),
  });
  closers.push(() => reportActions.close());
  // One session, limiter and client per organisation: the sync engine should share them.
  const xeroSession: XeroSession = config.xeroSession ?? xeroConnection;
  const xeroClient = createXeroApiClient(
    xeroSession, new OrgRateLimiter(config.xeroMinuteMs ? { minuteMs: config.xeroMinuteMs } : {}),
    config.xeroMinRetryDelayMs !== undefined ? { minRetryDelayMs: config.xeroMinRetryDelayMs, maxRetryDelayMs: config.xeroMinRetryDelayMs * 8 } : {},
  );
  const mapping = createMappingService({
    db, events, client: () => xeroClient,
    // Records that waited for the mapping go out at once instead of at the next scheduled run.
    onMappingChanged: (requeued) => requeued > 0 && syncTrigger?.requestSync('mapping changed'),
  });
  // Refresh Xero's lists when a connection starts (or switches organisation), not on every announcement.
  let connectedTo: string | null = null;
  closers.push(events.on('xero:connection', (status) => {
    const now = status.state === 'connected' ? (status.organisation?.tenantId ?? null) : null;
    if (now && now !== connectedTo) void mapping.refreshInBackground();
    connectedTo = now;
  }));
  const notices = createSyncNotices({ events, settings });
  closers.push(notices.close);
  const scheduler = createSyncScheduler({
    onRunEnd: notices.runEnded,
    db, events, client: xeroClient,
    isConnected: () => xeroSession.tenantId() !== null,
    blockedReason: () => organisationGuard.blockedReason(xeroConnection.status()),
    intervalMs: config.syncIntervalMs,
    probeIntervalMs: config.syncProbeIntervalMs,
    retryDelayMs: config.syncRetryDelayMs,
    now,
    engine: {
      proposeStartDate: config.proposeSyncStartDate ?? false, today: now,
      ...(config.xeroChangesIntervalMs === null ? {} : { checkXeroChanges: { intervalMs: config.xeroChangesIntervalMs } }),
    },
  });
  syncTrigger = scheduler;
  closers.push(() => scheduler.close());
  if (config.syncAutoStart !== false) scheduler.start();

  const xeroChanges = createXeroChangesService({
    db, client: xeroClient,
    isConnected: () => xeroSession.tenantId() !== null,
    blockedReason: () => organisationGuard.blockedReason(xeroConnection.status()),
    whenIdle: () => scheduler.whenIdle(),
    onChecked: () => void scheduler.getSyncStatus().then((s) => events.emit('sync:status', s)),
  });
  const balances = createBalancesService({
    db, client: xeroClient, now,
    isConnected: () => xeroSession.tenantId() !== null,
    blockedReason: () => organisationGuard.blockedReason(xeroConnection.status()),
    whenIdle: () => scheduler.whenIdle(),
  });
  const syncSettings = createSyncSettings(db, () => scheduler.requestSync('sync settings changed'), { now, proposeStartDate: config.proposeSyncStartDate ?? false });

  const preview = createPreviewService({
    db, client: xeroClient, proposeStartDate: config.proposeSyncStartDate ?? false, today: now,
    isConnected: () => xeroSession.tenantId() !== null,
    blockedReason: () => organisationGuard.blockedReason(xeroConnection.status()),
    whenIdle: scheduler.whenIdle,
  });

  const reconciliation = createReconciliationService({
    db, client: xeroClient, now, blockedReason: () => organisationGuard.blockedReason(xeroConnection.status()), savePdf: config.savePdf,
  });

  const api: Api = composeApi({
    app: {
      async getAppInfo() {
        return { name: APP_NAME, version: APP_VERSION, dataDir, xero };
      },
    },
    connection: xeroConnection.api,
    facility: { ...facility, ...facilityFolder.api },
    report: reportActions.api,
    reconciliation: reconciliation.api,
    balances,
    mapping: mapping.api,
    organisation: {
      async switchXeroOrganisation() {
        const queued = organisationGuard.confirm(xeroConnection.status());
        const status = xeroConnection.status();
        events.emit('xero:connection', status);
        if (queued > 0) scheduler.requestSync('organisation switched');
        else events.emit('sync:status', await scheduler.getSyncStatus());
        return status;
      },
    },
    sync: {
      syncNow: scheduler.syncNow,
      pauseSync: scheduler.pauseSync,
      resumeSync: scheduler.resumeSync,
      getSyncStatus: scheduler.getSyncStatus,
      ...syncSettings,
      ...xeroChanges,
      ...notices.api,
    },
    preview,
  });

  return {
    config: { ...config, dataDir },
    api,
    events,
    settings,
    xeroConnection,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
