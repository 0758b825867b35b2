/**
 * A reconciliation difference opens the integration report filtered to its record: the filter travels
 * in the route's last part as a query string (#/reports/integration/kind=invoices&status=all&from=...),
 * which the Reports page reads back (ReportsPage.tsx).
 */
import type { ReconciliationLink, ReportKind, ReportStatusFilter } from '../../../contract';
import type { FilterDraft } from '../integration/report-types';

export function linkRoute(link: ReconciliationLink): string[] {
  const q = new URLSearchParams({ kind: link.filter.kind, status: link.filter.status, from: link.filter.from, to: link.filter.to });
  if (link.filter.locationId !== undefined) q.set('locationId', String(link.filter.locationId));
  return [...link.route, q.toString()];
}

/** The filter in a route part made by linkRoute, or null when there is none. */
export function filterFromRoute(part: string | undefined): FilterDraft | null {
  if (!part || !part.includes('=')) return null;
  const q = new URLSearchParams(part);
  const kind = q.get('kind') as ReportKind | null;
  if (!kind) return null;
  const locationId = Number(q.get('locationId'));
  return {
    kind,
    status: (q.get('status') ?? 'all') as ReportStatusFilter,
    ...(q.get('from') ? { from: q.get('from') ?? undefined } : {}),
    ...(q.get('to') ? { to: q.get('to') ?? undefined } : {}),
    ...(locationId > 0 ? { locationId } : {}),
  };
}
