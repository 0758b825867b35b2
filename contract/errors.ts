/** Errors as the contract carries them, and where a fix sends the user. */
import type { FixTarget } from './routes';

/** Every code an AppError may carry. Closed: a new code is added here first. */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'not_connected'
  | 'offline'
  | 'conflict'
  | 'xero_error'
  | 'keychain_unavailable'
  | 'cancelled'
  | 'internal'
  // A request to the main process that did not come from the app's own window.
  | 'forbidden'
  // Connecting to Xero (OAuth): what Xero or the user's browser answered.
  | 'access_denied'
  | 'invalid_client'
  | 'invalid_grant'
  | 'redirect_uri_mismatch'
  | 'no_organisation'
  | 'reconnect_required'
  | 'timeout'
  // The loopback port for Xero's redirect is taken by another program.
  | 'port_in_use'
  // The data file was written by a newer version of the app, or cannot be read.
  | 'db_too_new'
  | 'db_unreadable';

export interface AppErrorShape {
  code: ErrorCode;
  /** Plain words: what happened and what fixes it. Never a secret. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** A record's problem as the report and the dashboard show it. */
export interface RecordError {
  code: string;
  explanation: string;
  /** What to do, in plain words (names the screen and field). */
  fix: string;
  /** The screen the Fix link opens (contract/routes.ts), or null when the fix is in the facility system or in Xero. */
  fixTarget: FixTarget | null;
}
