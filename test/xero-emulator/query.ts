/** GET list handling shared by every collection: filters, If-Modified-Since, order, paging, envelope. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { compileWhere } from './where-filter';
import { XERO_DATES } from './wire';

export const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

export interface ListSpec<T> {
  key: string;
  /** Plain (ISO-dated) shape `where` and `order` see. */
  view(rec: T): Record<string, unknown>;
  wire(rec: T): unknown;
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

export function list<T>(records: Iterable<T>, spec: ListSpec<T>, url: URL, headers: IncomingHttpHeaders, now: number) {
  let rows = [...records];
  const q = url.searchParams;
  if (spec.archived && q.get('includeArchived') !== 'true') rows = rows.filter((r) => !spec.archived?.(r));
  const since = headers['if-modified-since'];
  if (since) {
    const t = Date.parse(since);
    if (!Number.isNaN(t)) rows = rows.filter((r) => spec.updated(r) > t);
  }
  for (const [param, field] of Object.entries(spec.lists ?? {})) {
    const wanted = multi(url, param);
    if (wanted) rows = rows.filter((r) => wanted.includes(String(fieldOf(spec.view(r), field) ?? '').toLowerCase()));
  }
  const where = q.get('where');
  if (where) {
    const test = compileWhere(where);
    rows = rows.filter((r) => test(spec.view(r)));
  }
  const order = q.get('order');
  if (order) {
    const [field = '', dir = 'ASC'] = order.trim().split(/\s+/);
    const sign = dir.toUpperCase() === 'DESC' ? -1 : 1;
    rows.sort((a, b) => {
      const x = fieldOf(spec.view(a), field) as string | number;
      const y = fieldOf(spec.view(b), field) as string | number;
      return x === y ? 0 : x > y ? sign : -sign;
    });
  }
  const pageParam = q.get('page');
  if (!spec.paged || pageParam === null) return envelope(spec.key, rows.map(spec.wire), now);
  const page = Math.max(1, Number(pageParam) || 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.get('pageSize')) || PAGE_SIZE));
  const slice = rows.slice((page - 1) * pageSize, page * pageSize);
  return envelope(spec.key, slice.map(spec.wire), now, {
    pagination: { page, pageSize, pageCount: Math.ceil(rows.length / pageSize), itemCount: rows.length },
  });
}

function fieldOf(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}
