/**
 * THE contract between the renderer and the main process ("One contract, three shells": see
 * README, Architecture), split by area: app, connection, facility, mapping, report, reconciliation, sync.
 *
 * - `Api` joins every area's methods: name, argument and result types. The main process
 *   implements each area in its own service (main/services.ts composes them); the renderer sees
 *   it as `window.facilitySync` (RendererApi), where every result arrives as an Envelope.
 * - `PushEvents` declares every event the main process pushes to the renderer.
 * - `API_METHODS` and `PUSH_EVENTS` list the names at runtime; the compiler keeps them complete.
 *
 * A new method goes in its area's file, with a zod argument schema in that area's
 * `<area>.schema.ts`, and an implementation in the area's service.
 */
import type { AppApi } from './app';
import type { ConnectionApi, XeroConnectionStatus } from './connection';
import type { Envelope } from './errors';
import type { FacilityApi, ProgressEvent } from './facility';
import type { MappingApi } from './mapping';
import type { ReconciliationApi } from './reconciliation';
import type { ReportApi, SyncOptionProgress } from './report';
import type { SyncApi, SyncEngineStatus, SyncNotice, SyncProgressEvent } from './sync';
import type { SyncPreviewApi } from './sync-preview';

export * from './app';
export * from './connection';
export * from './display-format';
export * from './errors';
export * from './exclude-words';
export * from './facility';
export * from './mapping';
export * from './reconciliation';
export * from './record-kinds';
export * from './report';
export * from './routes';
export * from './sync';
export * from './sync-preview';

/** Every method the renderer may call. Arguments must be plain JSON. */
export interface Api extends AppApi, ConnectionApi, FacilityApi, ReportApi, ReconciliationApi, MappingApi, SyncApi, SyncPreviewApi {}

/** Every event the main process pushes. */
export interface PushEvents {
  'app:notice': { level: 'info' | 'warning' | 'error'; message: string };
  'xero:connection': XeroConnectionStatus;
  'import:progress': ProgressEvent;
  /** The reference-data mirror was refreshed from Xero (the Synchronize tab reloads its lists). */
  'xero:reference-data': { fetchedAt: string };
  'report:sync-option': SyncOptionProgress;
  'sync:progress': SyncProgressEvent;
  'sync:status': SyncEngineStatus;
  /** Only when notifications are on; the Electron shell shows it as a system notification. */
  'sync:notice': SyncNotice;
}

export type ApiMethod = keyof Api;
export type PushEventName = keyof PushEvents;

/** Runtime list of methods; `satisfies` makes the compiler reject a missing or extra name. */
export const API_METHODS = {
  getAppInfo: true,
  getXeroSettings: true,
  saveXeroCredentials: true,
  setXeroScopeSet: true,
  connectXero: true,
  cancelConnectXero: true,
  chooseXeroOrganisation: true,
  switchXeroOrganisation: true,
  disconnectXero: true,
  listLocations: true,
  listBuildings: true,
  importFacilityData: true,
  loadDemoData: true,
  getFacilityFolder: true,
  setFacilityFolder: true,
  chooseFacilityFolder: true,
  queryReport: true,
  applySyncOption: true,
  exportReportCsv: true,
  getDashboard: true,
  getMonthlyAmounts: true,
  getReconciliation: true,
  exportReconciliationCsv: true,
  printReconciliationPdf: true,
  getReconciliationStatus: true,
  getMapping: true,
  setMapping: true,
  checkMapping: true,
  suggestMapping: true,
  refreshReferenceData: true,
  getReferenceData: true,
  createTrackingOption: true,
  createItem: true,
  syncNow: true,
  pauseSync: true,
  resumeSync: true,
  getSyncStatus: true,
  getSyncSettings: true,
  setSyncSettings: true,
  previewSync: true,
  checkXeroChanges: true,
  compareBalances: true,
  getNotificationSettings: true,
  setNotificationSettings: true,
} as const satisfies Record<ApiMethod, true>;

export const PUSH_EVENTS = {
  'app:notice': true,
  'xero:connection': true,
  'import:progress': true,
  'xero:reference-data': true,
  'report:sync-option': true,
  'sync:progress': true,
  'sync:status': true,
  'sync:notice': true,
} as const satisfies Record<PushEventName, true>;

export const IPC_CHANNEL_PREFIX = 'facility-sync:';
export const EVENT_CHANNEL_PREFIX = 'facility-sync-event:';

/** What the renderer gets on `window.facilitySync`: each method resolves to an Envelope. */
export type RendererApi = {
  [K in ApiMethod]: (...args: Parameters<Api[K]>) => Promise<Envelope<Awaited<ReturnType<Api[K]>>>>;
} & {
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
};

declare global {
  interface Window {
    facilitySync: RendererApi;
  }
}
