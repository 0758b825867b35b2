import type { ReportFilter, ReportKind, ReportRow, ReportStatusFilter, SyncStatus } from '../../../contract';

export const SEARCH_BY: Array<{ value: ReportKind; label: string }> = [
  { value: 'tenants', label: 'Tenants' },
  { value: 'invoices', label: 'Invoices' },
  { value: 'payments', label: 'Payments' },
];

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
};

export type FilterDraft = Omit<ReportFilter, 'cursor' | 'limit'>;

export const KIND_NOUN: Record<ReportKind, [singular: string, plural: string]> = {
  tenants: ['tenant', 'tenants'],
  invoices: ['invoice', 'invoices'],
  payments: ['payment', 'payments'],
};

export function recordLabel(row: ReportRow): string {
  if (row.kind === 'tenant') return row.tenantName;
  if (row.kind === 'invoice') return row.reference;
  return `${row.reference} · ${row.externalId}`;
}

export function formatMoney(cents: number | null): string {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function plural(n: number, [one, many]: [string, string]): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
