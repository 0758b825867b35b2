/** GET list handling shared by every collection: filters, If-Modified-Since, order, paging, envelope. */
import { randomUUID } from 'node:crypto';
import type { HandlerResult } from './batch';
import type { OrgRequest } from './org-request';
import { compileWhere } from './where-filter';
import { ISO_DATES, XERO_DATES, type DateStyle } from './wire';

const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

export interface ListSpec<T> {
  key: string;
  /** The record's wire shape: with ISO dates it is what `where` and `order` see, with Xero's dates the answer. */
  shape(rec: T, dates: DateStyle): object;
  updated(rec: T): number;
  /** Query params that list ids/values and the field each one matches, e.g. IDs -> InvoiceID. */
  lists?: Record<string, string>;
  paged?: boolean;
  /** Hide records unless includeArchived=true (contacts). */
  archived?(rec: T): boolean;
}

export function envelope(key: string, list: unknown[], now: number, extra: Record<string, unknown> = {}) {
  return { Id: randomUUID(), Status: 'OK', ProviderName: 'Xero emulator', DateTimeUTC: XERO_DATES.stamp(now), ...extra, [key]: list };
}

/** Multi-value params arrive as IDs=a,b (xero-node) or repeated / IDs[]=a. */
function multi(url: URL, name: string): string[] | null {
  const raw = [...url.searchParams.getAll(name), ...url.searchParams.getAll(`${name}[]`)];
  if (raw.length === 0) return null;
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
}

/** A GET list answer for `records`, filtered, ordered and paged as the request asks. */
export function list<T>(records: Iterable<T>, spec: ListSpec<T>, req: Pick<OrgRequest, 'url' | 'headers' | 'now'>): HandlerResult {
  const { url, headers, now } = req;
  let rows = [...records];
  const q = url.searchParams;
  // Filters and the sort read each record's ISO view, possibly many times: build it once per record.
  const views = new Map<T, Record<string, unknown>>();
  const view = (rec: T): Record<string, unknown> => {
    let v = views.get(rec);
    if (!v) views.set(rec, (v = spec.shape(rec, ISO_DATES) as Record<string, unknown>));
    return v;
  };
  const wire = (rec: T) => spec.shape(rec, XERO_DATES);
  if (spec.archived && q.get('includeArchived') !== 'true') rows = rows.filter((r) => !spec.archived?.(r));
  const since = modifiedSince(headers['if-modified-since']);
  if (since !== null) rows = rows.filter((r) => spec.updated(r) >= since);
  for (const [param, field] of Object.entries(spec.lists ?? {})) {
    const wanted = multi(url, param);
    if (wanted) rows = rows.filter((r) => wanted.includes(String(fieldOf(view(r), field) ?? '').toLowerCase()));
  }
  const where = q.get('where');
  if (where) {
    const test = compileWhere(where);
    rows = rows.filter((r) => test(view(r)));
  }
  const order = q.get('order');
  if (order) {
    const [field = '', dir = 'ASC'] = order.trim().split(/\s+/);
    const sign = dir.toUpperCase() === 'DESC' ? -1 : 1;
    rows.sort((a, b) => {
      const x = fieldOf(view(a), field) as string | number;
      const y = fieldOf(view(b), field) as string | number;
      return x === y ? 0 : x > y ? sign : -sign;
    });
  }
  const pageParam = q.get('page');
  if (!spec.paged || pageParam === null) return { status: 200, body: envelope(spec.key, rows.map(wire), now) };
  const page = Math.max(1, Number(pageParam) || 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.get('pageSize')) || PAGE_SIZE));
  const slice = rows.slice((page - 1) * pageSize, page * pageSize);
  const pagination = { page, pageSize, pageCount: Math.ceil(rows.length / pageSize), itemCount: rows.length };
  return { status: 200, body: envelope(spec.key, slice.map(wire), now, { pagination }) };
}

/**
 * If-Modified-Since as Xero reads it: a timestamp in UTC (xero_accounting.yaml: date-time, example
 * "2020-02-06T12:17:43.202-08:00"; xero-node sends toISOString()). One without an offset is UTC, not the
 * emulator's local time; an HTTP date ("Sun, 06 Dec 2026 10:00:00 GMT") is read too. Records updated at
 * or after it are returned (inclusive: whether Xero's bound is inclusive is unconfirmed, and a client
 * must survive seeing a record twice, never missing one). Unreadable: null, the header is ignored.
 */
export function modifiedSince(raw: string | string[] | undefined): number | null {
  const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!v) return null;
  const noOffset = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v);
  const t = Date.parse(noOffset ? `${v.length === 10 ? `${v}T00:00:00` : v}Z` : v);
  return Number.isNaN(t) ? null : t;
}

function fieldOf(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}
