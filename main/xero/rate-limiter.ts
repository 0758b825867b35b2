/**
 * Per-organisation rate limiter for Xero (docs/xero-facts.md "Limits"): at most `concurrent` calls in
 * flight, paced so that no window of `minuteMs` ever holds more than `perMinute` starts, and a
 * daily budget. It listens to Xero: X-MinLimit-Remaining / X-DayLimit-Remaining adjust the budget
 * (other apps may share the organisation's limits) and a 429's Retry-After pauses every caller.
 * Bottleneck does the queueing, concurrency and pacing.
 */
import Bottleneck from 'bottleneck';

export interface XeroLimits {
  concurrent: number;
  perMinute: number;
  perDay: number;
  /** Length of Xero's minute window; shortened for tests and benchmarks against the emulator. */
  minuteMs: number;
}

export const XERO_LIMITS: XeroLimits = { concurrent: 5, perMinute: 60, perDay: 5000, minuteMs: 60_000 };

export interface LimitHeaders {
  minuteRemaining?: number;
  dayRemaining?: number;
  /** Seconds, from Retry-After on a 429. */
  retryAfterSeconds?: number;
  problem?: string;
}

export interface LimiterStats {
  calls: number;
  rateLimited: number;
  pausedMs: number;
}

/** Reads the limit headers from a (lower-cased) header map, as xero-node hands them over. */
export function readLimitHeaders(headers: Record<string, unknown> | undefined): LimitHeaders {
  const num = (v: unknown) => {
    const n = Number(Array.isArray(v) ? v[0] : v);
    return Number.isFinite(n) ? n : undefined;
  };
  if (!headers) return {};
  return {
    minuteRemaining: num(headers['x-minlimit-remaining']),
    dayRemaining: num(headers['x-daylimit-remaining']),
    retryAfterSeconds: num(headers['retry-after']),
    problem: typeof headers['x-rate-limit-problem'] === 'string' ? headers['x-rate-limit-problem'] : undefined,
  };
}

export class OrgRateLimiter {
  readonly limits: XeroLimits;
  readonly stats: LimiterStats = { calls: 0, rateLimited: 0, pausedMs: 0 };
  private readonly bottleneck: Bottleneck;
  private blockedUntil = 0;
  private dayRemaining: number;

  constructor(limits: Partial<XeroLimits> = {}) {
    this.limits = { ...XERO_LIMITS, ...limits };
    this.dayRemaining = this.limits.perDay;
    this.bottleneck = new Bottleneck({
      maxConcurrent: this.limits.concurrent,
      // Even pacing: perMinute starts per minuteMs at most, in any window, wherever Xero's starts.
      minTime: Math.ceil(this.limits.minuteMs / this.limits.perMinute),
    });
  }

  /** Runs `call` when the limits allow; `call` must report the response headers it saw. */
  async schedule<T>(call: () => Promise<T>): Promise<T> {
    return this.bottleneck.schedule(async () => {
      await this.waitWhileBlocked();
      // Spent, and Xero's Retry-After has not passed yet: fail fast rather than hold a slot for hours.
      // Once it has passed (or was never given) the call goes, and Xero's answer says what is left.
      if (this.dayRemaining <= 0 && Date.now() < this.blockedUntil) {
        throw new DailyLimitError(this.blockedUntil);
      }
      this.stats.calls++;
      this.dayRemaining--;
      return call();
    });
  }

  /** Feeds back what Xero said about the limits after a response (or a 429). */
  observe(status: number, headers: LimitHeaders): void {
    const now = Date.now();
    if (headers.dayRemaining !== undefined) this.dayRemaining = headers.dayRemaining;
    if (status === 429) {
      this.stats.rateLimited++;
      const waitMs = headers.retryAfterSeconds !== undefined ? headers.retryAfterSeconds * 1000 : this.limits.minuteMs;
      if (headers.problem === 'day') {
        this.dayRemaining = 0;
        this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
      } else {
        this.pauseUntil(now + waitMs);
      }
      return;
    }
    // Another client of this organisation used the minute up: wait for the window to turn.
    if (headers.minuteRemaining === 0) this.pauseUntil(now + Math.ceil(this.limits.minuteMs / this.limits.perMinute) * 2);
  }

  async stop(): Promise<void> {
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private pauseUntil(until: number): void {
    if (until > this.blockedUntil) this.blockedUntil = until;
  }

  private async waitWhileBlocked(): Promise<void> {
    for (;;) {
      const wait = this.blockedUntil - Date.now();
      if (wait <= 0 || this.dayRemaining <= 0) return;
      this.stats.pausedMs += wait;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export class DailyLimitError extends Error {
  constructor(readonly until: number) {
    super('Xero’s daily limit of API calls for this organisation is used up. Sync continues by itself when the limit resets.');
    this.name = 'DailyLimitError';
  }
}
