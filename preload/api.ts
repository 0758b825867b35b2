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

/** Every method the renderer may call. Arguments must be plain JSON. */
export interface Api {
  getAppInfo(): Promise<AppInfo>;
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
}

export type ApiMethod = keyof Api;
export type PushEventName = keyof PushEvents;

/** Runtime list of methods; `satisfies` makes the compiler reject a missing or extra name. */
export const API_METHODS = {
  getAppInfo: true,
} as const satisfies Record<ApiMethod, true>;

export const PUSH_EVENTS = {
  'app:notice': true,
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
