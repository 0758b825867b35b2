/**
 * Idempotency-Key: Xero remembers a key for about 6 minutes per app and organisation. A replay
 * with the same request gets the first answer again; the same key on a different request is an error.
 */
import { createHash } from 'node:crypto';

export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry extends StoredResponse {
  hash: string;
  at: number;
}

export type IdempotencyCheck = { kind: 'fresh' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict' } | { kind: 'in-flight' };

export class IdempotencyStore {
  private entries = new Map<string, Entry>();
  private inFlight = new Map<string, string>();

  constructor(private readonly windowMs: () => number) {}

  static hash(method: string, path: string, body: string): string {
    return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
  }

  reset(): void {
    this.entries.clear();
    this.inFlight.clear();
  }

  check(scope: string, hash: string, now: number): IdempotencyCheck {
    for (const [k, e] of this.entries) {
      if (now - e.at <= this.windowMs()) break; // insertion order = age order
      this.entries.delete(k);
    }
    const e = this.entries.get(scope);
    if (e) return e.hash === hash ? { kind: 'replay', response: { status: e.status, body: e.body } } : { kind: 'conflict' };
    const running = this.inFlight.get(scope);
    if (running !== undefined) return running === hash ? { kind: 'in-flight' } : { kind: 'conflict' };
    this.inFlight.set(scope, hash);
    return { kind: 'fresh' };
  }

  /** Records the answer to a fresh request (or forgets it when the request never completed). */
  finish(scope: string, hash: string, now: number, response: StoredResponse | null): void {
    this.inFlight.delete(scope);
    if (response) this.entries.set(scope, { ...response, hash, at: now });
  }
}
