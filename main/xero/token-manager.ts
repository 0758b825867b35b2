import { menuPath } from '../../contract';
import pRetry, { AbortError } from 'p-retry';
import { AppError } from '../app-error';
import type { SecretStore } from './secret-store';

/**
 * Keeps the access token in memory only and refreshes it shortly before it expires.
 *
 * Xero rotates the refresh token on every refresh and two refreshes of one token race (one loses
 * with invalid_grant), so: only one refresh runs at a time and concurrent callers share it; the
 * rotated refresh token is written to the keychain BEFORE the new access token is handed out
 * (if the keychain write fails, the old token stays valid at Xero for 30 minutes and is retried).
 */
export interface GrantedTokens {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
}

export interface TokenManagerOptions {
  secrets: SecretStore;
  /** Calls Xero's token endpoint with grant_type=refresh_token. */
  refresh(refreshToken: string): Promise<GrantedTokens>;
  /** True when the refresh failed because Xero no longer accepts the refresh token. */
  isInvalidGrant(err: unknown): boolean;
  /** True for failures worth another try with the same refresh token (network, 429, 5xx). */
  isTransient?(err: unknown): boolean;
  /** Tries after the first for a transient failure (default 3), starting this many ms apart (default 500, doubling). */
  retries?: number;
  minRetryDelayMs?: number;
  /** Turns other refresh failures (offline, 5xx) into a plain AppError. */
  explain(err: unknown): AppError;
  /** Called once when the refresh token is dead: the UI shows "Reconnect to Xero". */
  onReconnectRequired(): void;
  now?: () => number;
  /** Refresh this long before expiry (default 2 minutes, at most half the token's life). */
  earlyMs?: number;
}

export const NOT_CONNECTED_MESSAGE =
  `Facility Sync is not connected to Xero. Open ${menuPath('authenticate')} and click Connect to Xero.`;

export const RECONNECT_MESSAGE =
  `Xero no longer accepts this computer's sign-in (it expired or was disconnected in Xero). Open ${menuPath('authenticate')} and click Reconnect to Xero. Nothing else is lost.`;

export class TokenManager {
  private access: { token: string; refreshAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Stores a fresh grant (code exchange or refresh): refresh token to the keychain first. */
  async accept(tokens: GrantedTokens): Promise<string> {
    if (tokens.refresh_token) await this.options.secrets.set('refresh-token', tokens.refresh_token);
    const lifeMs = (tokens.expires_in ?? 1800) * 1000;
    const early = Math.min(this.options.earlyMs ?? 120_000, lifeMs / 2);
    this.access = { token: tokens.access_token, refreshAt: this.now() + lifeMs - early };
    return tokens.access_token;
  }

  async getAccessToken(): Promise<string> {
    if (this.access && this.now() < this.access.refreshAt) return this.access.token;
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** After a 401 from the API: the next caller refreshes even if the clock says the token is fine. */
  invalidate(): void {
    this.access = null;
  }

  /** Forget everything in memory (disconnect); an in-flight refresh result is discarded. */
  clear(): void {
    this.access = null;
    this.generation++;
  }

  private async refreshOnce(): Promise<string> {
    const generation = this.generation;
    const refreshToken = await this.options.secrets.get('refresh-token');
    if (!refreshToken) throw new AppError('not_connected', NOT_CONNECTED_MESSAGE);
    let tokens: GrantedTokens;
    try {
      tokens = await this.refreshWithRetries(refreshToken);
    } catch (err) {
      if (this.options.isInvalidGrant(err)) {
        this.access = null;
        this.options.onReconnectRequired();
        throw new AppError('reconnect_required', RECONNECT_MESSAGE, { cause: err });
      }
      throw this.options.explain(err);
    }
    if (generation !== this.generation) throw new AppError('not_connected', 'Facility Sync was disconnected from Xero while it renewed the sign-in. To sync again, click Connect to Xero on the Authenticate tab.');
    return this.accept(tokens);
  }

  /**
   * Xero accepts the same refresh token again for 30 minutes when an earlier try got no usable
   * answer, so a dropped connection or a 5xx is retried like any transient failure.
   */
  private refreshWithRetries(refreshToken: string): Promise<GrantedTokens> {
    const { isTransient = () => false } = this.options;
    return pRetry(
      async () => {
        try {
          return await this.options.refresh(refreshToken);
        } catch (err) {
          throw isTransient(err) ? err : new AbortError(err instanceof Error ? err : new Error(String(err)));
        }
      },
      { retries: this.options.retries ?? 3, minTimeout: this.options.minRetryDelayMs ?? 500, maxTimeout: 8000, randomize: true },
    ).catch((err: unknown) => {
      throw err instanceof AbortError ? err.originalError : err;
    });
  }
}
