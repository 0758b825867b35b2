/**
 * Xero's per-organisation limits: concurrent calls, a rolling minute, a daily quota, plus the
 * app-wide minute. The "minute" is configurable (minuteMs) so tests run Xero's real numbers fast;
 * a "day" is 1440 such minutes. Counted on the emulator clock.
 */
import type { Limits } from './types';

interface Counter {
  minute: number[];
  dayWindow: number;
  dayCount: number;
  inFlight: number;
}

export type Acquired =
  | { ok: true; headers: Record<string, string>; release(): void }
  | { ok: false; headers: Record<string, string>; problem: 'minute' | 'day' | 'concurrent' | 'appminute' };

export class RateLimiter {
  private orgs = new Map<string, Counter>();
  private apps = new Map<string, number[]>();

  constructor(
    private readonly limits: () => Limits,
    private readonly minuteMs: number,
    private readonly now: () => number,
  ) {}

  reset(): void {
    this.orgs.clear();
    this.apps.clear();
  }

  private counter(tenant: string, now: number): Counter {
    let c = this.orgs.get(tenant);
    if (!c) this.orgs.set(tenant, (c = { minute: [], dayWindow: 0, dayCount: 0, inFlight: 0 }));
    const dayWindow = Math.floor(now / (this.minuteMs * 1440));
    if (c.dayWindow !== dayWindow) Object.assign(c, { dayWindow, dayCount: 0 });
    prune(c.minute, now - this.minuteMs);
    return c;
  }

  acquire(tenant: string, clientId: string): Acquired {
    const now = this.now();
    const lim = this.limits();
    const c = this.counter(tenant, now);
    let app = this.apps.get(clientId);
    if (!app) this.apps.set(clientId, (app = []));
    prune(app, now - this.minuteMs);
    const headers = (extra = 0) => ({
      'x-minlimit-remaining': String(Math.max(0, lim.perMinute - c.minute.length - extra)),
      'x-daylimit-remaining': String(Math.max(0, lim.perDay - c.dayCount - extra)),
      'x-appminlimit-remaining': String(Math.max(0, lim.appPerMinute - (app?.length ?? 0) - extra)),
    });
    const refuse = (problem: 'minute' | 'day' | 'concurrent' | 'appminute', waitMs: number): Acquired => ({
      ok: false,
      problem,
      headers: {
        ...headers(),
        'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
        'x-rate-limit-problem': problem,
        'x-emulator-retry-after-ms': String(Math.max(1, Math.ceil(waitMs))),
      },
    });
    if (c.dayCount >= lim.perDay) return refuse('day', (c.dayWindow + 1) * this.minuteMs * 1440 - now);
    if (c.minute.length >= lim.perMinute) return refuse('minute', (c.minute[0] ?? now) + this.minuteMs - now);
    if (app.length >= lim.appPerMinute) return refuse('appminute', (app[0] ?? now) + this.minuteMs - now);
    if (c.inFlight >= lim.concurrent) return refuse('concurrent', 1000);
    c.minute.push(now);
    app.push(now);
    c.dayCount++;
    c.inFlight++;
    let released = false;
    return {
      ok: true,
      headers: headers(),
      release: () => {
        if (!released) c.inFlight--;
        released = true;
      },
    };
  }
}

function prune(stamps: number[], before: number): void {
  let i = 0;
  while (i < stamps.length && (stamps[i] ?? 0) <= before) i++;
  if (i) stamps.splice(0, i);
}
