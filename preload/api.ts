/**
 * THE contract between the renderer and the main process (DESIGN.md "One contract, three shells").
 *
 * - `Api` declares every method: name, argument and result types. The main process implements it
 *   (main/services.ts); the renderer sees it as `window.facilitySync` (RendererApi), where every
 *   result arrives as an Envelope instead of a thrown error.
 * - `PushEvents` declares every event the main process pushes to the renderer.
 * - `API_METHODS` and `PUSH_EVENTS` list the names at runtime; the compiler keeps them complete.
 *
 * Later issues add methods here, a zod argument schema in main/ipc-schemas.ts, and an
 * implementation in a service module composed by main/services.ts.
 */

export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'not_connected'
  | 'offline'
  | 'conflict'
  | 'xero_error'
  | 'keychain_unavailable'
  | 'cancelled'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode | string;
  /** Plain words: what happened and what fixes it. Never a secret. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export interface XeroEndpoints {
  /** "xero" for the real Xero, "emulator" when a base URL (tests, demo) is configured. */
  mode: 'xero' | 'emulator';
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  connectionsUrl: string;
  apiBaseUrl: string;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  xero: XeroEndpoints;
}

/* ---- Facility data (issue 4): locations, import, integration report ---- */

export interface LocationSummary {
  id: number;
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
}

export interface BuildingSummary {
  id: number;
  externalId: string;
  locationId: number;
  name: string;
}

/** One CSV row (or whole file, line 0 or the failing line) that was not imported, in plain words. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

export interface ImportFileResult {
  file: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** False when any row was rejected: a file imports whole or not at all. */
  imported: boolean;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  files: ImportFileResult[];
}

export type ReportKind = 'tenants' | 'invoices' | 'payments';
export type ReportStatusFilter = 'synced' | 'non-synced' | 'all';
export type SyncStatus = 'pending' | 'synced' | 'failed' | 'excluded' | 'waiting';
export type PaymentMethod = 'credit_card' | 'debit_card' | 'online_banking' | 'cash' | 'cheque';

export interface ReportFilter {
  kind: ReportKind;
  status: ReportStatusFilter;
  locationId?: number;
  buildingId?: number;
  /** Inclusive 'YYYY-MM-DD' bounds on the record's date (tenant: last update, invoice: issue date, payment: paid on). */
  from?: string;
  to?: string;
  /** From the previous page's nextCursor; omit for the first page. */
  cursor?: string;
  /** Rows per page, 1-500 (default 50). */
  limit?: number;
}

export interface ReportRow {
  kind: 'tenant' | 'invoice' | 'payment';
  id: number;
  externalId: string;
  date: string;
  tenantName: string;
  /** Invoice number for invoices and payments, email for tenants. */
  reference: string;
  amountCents: number | null;
  paymentMethod: PaymentMethod | null;
  location: string;
  building: string | null;
  status: SyncStatus;
  error: { code: string; explanation: string; fix: string } | null;
  /** When the last send to Xero was tried (UTC ISO), null if never. */
  lastAttemptAt: string | null;
  /** "Open in Xero" link for synced records. */
  xeroUrl: string | null;
}

export type ReportCounts = Record<SyncStatus, number> & { total: number };

export interface ReportPage {
  rows: ReportRow[];
  /** Pass back as filter.cursor for the next page; null on the last page. */
  nextCursor: string | null;
  /** Counts per status for the filter (ignoring status and cursor); computed on the first page only, null on later pages. */
  counts: ReportCounts | null;
}

/* ---- Xero connection (issue 5): OAuth, keychain, organisation ---- */

export type XeroConnectionState = 'disconnected' | 'connecting' | 'connected' | 'choose_organisation' | 'reconnect_required';
export type XeroScopeSet = 'granular' | 'broad';

export interface XeroOrganisation {
  tenantId: string;
  name: string;
}

export interface XeroConnectionStatus {
  state: XeroConnectionState;
  /** The chosen organisation (connected, reconnect_required). */
  organisation?: XeroOrganisation;
  /** The organisations to choose from (choose_organisation). */
  organisations?: XeroOrganisation[];
  /** Why a saved connection does not apply here (disconnected), e.g. it belongs to another Xero address. */
  reason?: string;
  /**
   * Connected to another organisation than the one the records were sent to: nothing is sent
   * until the user confirms the switch (switchXeroOrganisation) or reconnects to the first one.
   */
  organisationSwitch?: OrganisationSwitch;
}

export interface OrganisationSwitch {
  /** The organisation the records were sent to. */
  syncedTo: string;
  /** The organisation connected now. */
  connectedTo: string;
  /** Records that would be sent to it (everything not excluded). */
  records: number;
  /** The question, in plain words. */
  message: string;
}

/** Never carries a secret: only whether a client secret is saved in the keychain. */
export interface XeroSettings {
  clientId: string;
  hasClientSecret: boolean;
  /** The exact redirect URI to register on the Xero app. */
  redirectUri: string;
  scopeSet: XeroScopeSet;
  scopes: string;
  connection: XeroConnectionStatus;
  /** Set when the keychain could not be read: what happened and what fixes it. */
  keychainProblem?: string;
}

/* ---- Mapping and Xero reference data (issue 6, Synchronize tab) ---- */

/** The facility dimension a Xero tracking category follows. */
export type TrackingSource = 'location' | 'building' | 'unit_type';
export type LineAmountTypesSetting = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface TrackingMapping {
  source: TrackingSource;
  /** Xero TrackingCategoryID when known (survives a rename); the name is what invoices carry. */
  categoryId: string | null;
  categoryName: string;
  /** Facility value (location/building external id, or the unit type text) -> Xero option name. */
  options: Record<string, string>;
}

export interface ChargeTypeMapping {
  itemCode: string | null;
  accountCode: string | null;
  taxType: string | null;
}

export interface Mapping {
  /** "Map categories": at most 2 (Xero allows two tracking categories on a line). */
  tracking: TrackingMapping[];
  /** "Products/Services": by charge type external id. */
  chargeTypes: Record<string, ChargeTypeMapping>;
  /** "Paid to Account": payment method -> Xero AccountID. */
  paymentAccounts: Partial<Record<PaymentMethod, string>>;
  /** Whether facility amounts include tax (default Inclusive: the facility's totals are what tenants pay). */
  lineAmountTypes: LineAmountTypesSetting;
}

export type MappingSection = 'categories' | 'products' | 'payments';

export interface MappingIssue {
  section: MappingSection;
  /** The row: tracking source, facility value, charge type external id or payment method. */
  key: string;
  severity: 'error' | 'warning';
  /** Which control of the row is wrong (Products/Services rows have three). */
  field?: 'item' | 'account' | 'tax';
  /** Plain words: what is wrong and what fixes it. */
  message: string;
}

export interface FacilityValue {
  value: string;
  label: string;
}

/** The facility side of the three tables. */
export interface FacilityMappingValues {
  locations: FacilityValue[];
  buildings: FacilityValue[];
  unitTypes: FacilityValue[];
  chargeTypes: FacilityValue[];
  paymentMethods: FacilityValue[];
}

export interface MappingView {
  mapping: Mapping;
  facility: FacilityMappingValues;
  issues: MappingIssue[];
}

export interface ReferenceAccount {
  accountId: string;
  code: string | null;
  name: string;
  type: string;
  status: string;
  taxType: string | null;
  enablePayments: boolean;
}
export interface ReferenceTaxRate {
  taxType: string;
  name: string;
  status: string;
  rate: number;
  forRevenue: boolean;
}
export interface ReferenceTrackingCategory {
  categoryId: string;
  name: string;
  status: string;
  options: { optionId: string; name: string; status: string }[];
}
export interface ReferenceItem {
  itemId: string;
  code: string;
  name: string;
  accountCode: string | null;
  taxType: string | null;
}

/** Xero's lists as last pulled into the local mirror (readable offline). */
export interface ReferenceData {
  organisation: { tenantId: string; name: string; baseCurrency: string } | null;
  /** When the mirror was last refreshed (UTC ISO), null if never. */
  fetchedAt: string | null;
  accounts: ReferenceAccount[];
  taxRates: ReferenceTaxRate[];
  trackingCategories: ReferenceTrackingCategory[];
  items: ReferenceItem[];
}

export interface SetMappingResult extends MappingView {
  /** Records that had failed because of the mapping and are queued again. */
  requeued: number;
}

/* ---- Integration report actions and dashboard (issue 7) ---- */

export type SyncOption = 'resync' | 'exclude' | 'include';

export interface ApplySyncOptionInput {
  kind: ReportKind;
  option: SyncOption;
  /** The selected rows; or, with allMatching, every record the filter matches. */
  ids?: number[];
  /** Facility ids as users know them: tenant id, invoice number or invoice id, payment id (CLI). */
  externalIds?: string[];
  filter?: Omit<ReportFilter, 'cursor' | 'limit' | 'kind'>;
  allMatching?: boolean;
}

/** Pushed as 'report:sync-option' while a ReSync runs; also the result of applySyncOption. */
export interface SyncOptionProgress {
  requestId: string;
  kind: ReportKind;
  option: SyncOption;
  /** Records the option applied to. */
  total: number;
  synced: number;
  failed: number;
  /** Still queued (e.g. offline, or waiting for another record). */
  waiting: number;
  finished: boolean;
  offline: boolean;
  /** Plain summary, e.g. "3 payments queued for ReSync: 2 synced, 1 failed: <reason>". */
  message: string;
  failures: { label: string; explanation: string }[];
}

export interface ReportCsv {
  fileName: string;
  csv: string;
  rows: number;
}

export interface KindCounts {
  synced: number;
  nonSynced: number;
  waiting: number;
  failed: number;
  excluded: number;
}

export interface DashboardFailure {
  kind: ReportRow['kind'];
  id: number;
  label: string;
  explanation: string;
  fix: string;
  at: string | null;
}

export interface Dashboard {
  connection: XeroConnectionStatus;
  sync: { state: string; message: string; lastSyncAt: string | null };
  counts: Record<ReportKind, KindCounts>;
  recentFailures: DashboardFailure[];
}

/* ---- Sync engine (issue 6) ---- */

export type SyncEngineState = 'idle' | 'syncing' | 'paused' | 'offline' | 'not_connected' | 'reconnect_required';

export interface SyncEngineStatus {
  state: SyncEngineState;
  /** When the last run finished with nothing left to retry (UTC ISO), or null. */
  lastSyncAt: string | null;
  /** Changes queued or in flight, per kind. */
  waiting: Record<'tenant' | 'invoice' | 'payment', number>;
  /** Plain words, e.g. "Offline - 12 changes waiting". */
  message: string;
}

/** Sync progress per kind (kind null for run-level errors). */
export type SyncProgressEvent =
  | { type: 'start'; kind: 'tenant' | 'invoice' | 'payment'; total: number; label: string }
  | { type: 'progress'; kind: 'tenant' | 'invoice' | 'payment'; current: number; total: number; label: string }
  | { type: 'done'; kind: 'tenant' | 'invoice' | 'payment'; current: number; total: number; label: string }
  | { type: 'error'; kind: null; message: string; label: string };

/** Every method the renderer may call. Arguments must be plain JSON. */
export interface Api {
  getAppInfo(): Promise<AppInfo>;
  getXeroSettings(): Promise<XeroSettings>;
  /** Saves the Client ID and, when given, the Client Secret (to the keychain); clearClientSecret removes it. */
  saveXeroCredentials(input: { clientId: string; clientSecret?: string; clearClientSecret?: boolean }): Promise<XeroSettings>;
  setXeroScopeSet(scopeSet: XeroScopeSet): Promise<XeroSettings>;
  /** Opens Xero's sign-in in the system browser; resolves once Xero redirected back (or rejects in plain words). */
  connectXero(): Promise<XeroConnectionStatus>;
  cancelConnectXero(): Promise<XeroConnectionStatus>;
  chooseXeroOrganisation(tenantId: string): Promise<XeroConnectionStatus>;
  /** Confirms the switch to the organisation connected now: every record counts as not synced for it and is sent to it; the first organisation's links are kept. */
  switchXeroOrganisation(): Promise<XeroConnectionStatus>;
  disconnectXero(): Promise<XeroConnectionStatus>;
  listLocations(): Promise<LocationSummary[]>;
  listBuildings(locationId?: number): Promise<BuildingSummary[]>;
  /** Imports a CSV file or a folder of them; with no path, main asks the user to choose one. */
  importFacilityData(options: { path?: string }): Promise<ImportResult>;
  loadDemoData(options: { seed?: number }): Promise<ImportResult>;
  queryReport(filter: ReportFilter): Promise<ReportPage>;
  /** ReSync / Exclude from sync / Include in sync on selected report rows; a ReSync reports progress as 'report:sync-option'. */
  applySyncOption(input: ApplySyncOptionInput): Promise<SyncOptionProgress>;
  /** The whole report for a filter as CSV text. */
  exportReportCsv(filter: Omit<ReportFilter, 'cursor' | 'limit'>): Promise<ReportCsv>;
  getDashboard(): Promise<Dashboard>;
  /** The stored mapping, the facility values to map, and what is wrong with it (checked against the mirror). */
  getMapping(): Promise<MappingView>;
  /** Saves the whole mapping and queues again the records that failed because of it. */
  setMapping(mapping: Mapping): Promise<SetMappingResult>;
  /** The stored mapping with its gaps filled by matching names (not saved). */
  suggestMapping(): Promise<MappingView>;
  /** Pulls Xero's accounts, tax rates, tracking categories, items and organisation into the mirror. */
  refreshReferenceData(): Promise<ReferenceData>;
  /** The mirror as last pulled (works offline). */
  getReferenceData(): Promise<ReferenceData>;
  createTrackingOption(input: { categoryId: string; name: string }): Promise<ReferenceData>;
  createItem(input: { code: string; name: string; accountCode?: string | null; taxType?: string | null }): Promise<ReferenceData>;
  /** Starts a sync run now (or joins the one running); resolves with the status after it. */
  syncNow(): Promise<SyncEngineStatus>;
  pauseSync(): Promise<SyncEngineStatus>;
  resumeSync(): Promise<SyncEngineStatus>;
  getSyncStatus(): Promise<SyncEngineStatus>;
}

/** Discriminated progress (STYLE.md #7). */
export type ProgressEvent =
  | { type: 'start'; total: number; label: string }
  | { type: 'progress'; current: number; total: number; label: string }
  | { type: 'done'; current: number; total: number; label: string }
  | { type: 'error'; message: string; label: string };

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
  queryReport: true,
  applySyncOption: true,
  exportReportCsv: true,
  getDashboard: true,
  getMapping: true,
  setMapping: true,
  suggestMapping: true,
  refreshReferenceData: true,
  getReferenceData: true,
  createTrackingOption: true,
  createItem: true,
  syncNow: true,
  pauseSync: true,
  resumeSync: true,
  getSyncStatus: true,
} as const satisfies Record<ApiMethod, true>;

export const PUSH_EVENTS = {
  'app:notice': true,
  'xero:connection': true,
  'import:progress': true,
  'xero:reference-data': true,
  'report:sync-option': true,
  'sync:progress': true,
  'sync:status': true,
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
