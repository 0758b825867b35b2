/**
 * A typed view of a failed Xero call. xero-node rejects with a JSON *string*
 * ({response:{statusCode, body, headers, request}, body}) for transport and HTTP errors, and with a
 * plain object for non-2xx answers it received itself; both become a XeroApiError here.
 * The request part (which carries the Bearer token) is dropped, never stored.
 */

/** Why a call failed, as far as retry and exactly-once decisions care. */
export type XeroFailureKind =
  /** No HTTP answer (timeout, reset, refused): the request may or may not have been applied. */
  | 'network'
  /** Xero answered 5xx other than "organisation offline": may or may not have been applied. */
  | 'server'
  /** 429: nothing was applied; wait for Retry-After. */
  | 'rate_limited'
  /** 503 organisation offline (data migration): nothing was applied; retry later. */
  | 'org_offline'
  /** 401: token expired or revoked. */
  | 'unauthorized'
  /** 403: no access to the organisation (disconnected, wrong tenant, missing scope). */
  | 'forbidden'
  | 'not_found'
  /** 400 and friends: the data was refused; retrying the same request cannot help. */
  | 'validation';

export class XeroApiError extends Error {
  readonly kind: XeroFailureKind;
  /** Seconds from Retry-After, when Xero sent one. */
  readonly retryAfter: number | undefined;
  readonly validationErrors: string[];

  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: unknown,
  ) {
    super(describe(status, body));
    this.name = 'XeroApiError';
    this.kind = classify(status, body);
    const ra = Number(headers['retry-after']);
    this.retryAfter = Number.isFinite(ra) && headers['retry-after'] !== undefined ? ra : undefined;
    this.validationErrors = collectValidationMessages(body);
  }

  /** Worth retrying later without any change to the data. */
  get transient(): boolean {
    return this.kind !== 'validation' && this.kind !== 'not_found' && this.kind !== 'forbidden';
  }

  /** The request may have been applied by Xero even though we saw no success. */
  get outcomeUnknown(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

function classify(status: number, body: unknown): XeroFailureKind {
  if (status === 0) return 'network';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  // 409: the same Idempotency-Key is still being processed: its outcome is not known yet.
  if (status === 409) return 'server';
  if (status === 503 && /offline/i.test(textOf(body))) return 'org_offline';
  if (status >= 500) return 'server';
  return 'validation';
}

function textOf(body: unknown): string {
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '';
  }
}

function describe(status: number, body: unknown): string {
  const messages = collectValidationMessages(body);
  if (messages.length) return `Xero ${status}: ${messages.join('; ')}`;
  const b = body as Record<string, unknown> | null;
  const detail = b && typeof b === 'object' ? (b.Detail ?? b.Message ?? b.Title) : body;
  return `Xero ${status || 'network error'}: ${typeof detail === 'string' ? detail : textOf(detail).slice(0, 200)}`;
}

/** Every ValidationErrors[].Message in a Xero error body (top level or per element). */
export function collectValidationMessages(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 4) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const errs = o.ValidationErrors ?? o.validationErrors;
    if (Array.isArray(errs)) {
      for (const e of errs) {
        const m = (e as Record<string, unknown>)?.Message ?? (e as Record<string, unknown>)?.message;
        if (typeof m === 'string') out.push(m);
      }
    }
    for (const key of ['Elements', 'elements', 'Contacts', 'Invoices', 'Payments', 'contacts', 'invoices', 'payments']) {
      if (key in o) visit(o[key], depth + 1);
    }
  };
  visit(body, 0);
  return out;
}

/** Header names lower-cased, values as strings (the first one when repeated). */
export function lowerCaseHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h || typeof h !== 'object') return out;
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? String(v[0]) : String(v);
  }
  return out;
}

/** Turns whatever xero-node rejected with into a XeroApiError (other errors pass through). */
export function toXeroApiError(rejection: unknown): unknown {
  if (rejection instanceof XeroApiError) return rejection;
  let parsed: unknown = rejection;
  if (typeof rejection === 'string') {
    try {
      parsed = JSON.parse(rejection);
    } catch {
      return new XeroApiError(0, {}, rejection);
    }
  }
  if (parsed && typeof parsed === 'object' && 'response' in parsed) {
    const response = (parsed as { response: Record<string, unknown> }).response ?? {};
    const status = Number(response.statusCode ?? response.status ?? 0) || 0;
    const body = response.body ?? response.data ?? (parsed as { body?: unknown }).body;
    return new XeroApiError(status, lowerCaseHeaders(response.headers), body);
  }
  return rejection;
}
