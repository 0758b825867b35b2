import { RECORD_KINDS, formatCount, type DisplayFormat, type ReportFilter, type ReportKind, type ReportRow, type ReportStatusFilter, type SyncStatus } from '../../../contract';

export const SEARCH_BY: Array<{ value: ReportKind; label: string }> = RECORD_KINDS.map((k) => ({ value: k.plural, label: k.label }));

export const STATUS_FILTER: Array<{ value: ReportStatusFilter; label: string }> = [
  { value: 'synced', label: 'Synced' },
  { value: 'non-synced', label: 'Non-synced' },
  { value: 'all', label: 'All' },
];

export const STATUS_BADGE: Record<SyncStatus, { label: string; color: string }> = {
  synced: { label: 'Synced', color: 'teal' },
  pending: { label: 'Pending', color: 'blue' },
  waiting: { label: 'Waiting', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  excluded: { label: 'Excluded', color: 'gray' },
  before_start_date: { label: 'Before start date', color: 'gray' },
  needs_review: { label: 'Needs review', color: 'orange' },
  changed_in_xero: { label: 'Changed in Xero', color: 'grape' },
};

export type FilterDraft = Omit<ReportFilter, 'cursor' | 'limit'>;

export const KIND_NOUN = Object.fromEntries(RECORD_KINDS.map((k) => [k.plural, [k.noun, k.nouns]])) as Record<ReportKind, [singular: string, plural: string]>;

export function recordLabel(row: ReportRow): string {
  if (row.kind === 'tenant') return row.tenantName;
  if (row.kind === 'invoice') return row.reference;
  return `${row.reference} · ${row.externalId}`;
}

export function plural(n: number, [one, many]: [string, string], format: Pick<DisplayFormat, 'locale'>): string {
  return `${formatCount(n, format)} ${n === 1 ? one : many}`;
}
