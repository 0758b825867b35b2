/** The integration report, its sync options and the dashboard (issues 4 and 7). */
import type { XeroConnectionStatus } from './connection';
import type { DisplayFormat } from './display-format';
import type { RecordError } from './errors';
import type { PaymentMethod } from './facility';
import type { RecordKind, RecordKindPlural } from './record-kinds';
import type { FixTarget } from './routes';

/** The report's and the CLI's name of a record kind (contract/record-kinds.ts). */
export type ReportKind = RecordKindPlural;
export type ReportStatusFilter = 'synced' | 'non-synced' | 'all';
/**
 * before_start_date: dated before the sync start date, not sent (not a failure); needs_review: found in
 * Xero before the first send, with differences to settle; changed_in_xero: edited, voided or deleted in Xero after it was sent.
 */
export type SyncStatus = 'pending' | 'synced' | 'failed' | 'excluded' | 'waiting' | 'before_start_date' | 'needs_review' | 'changed_in_xero';

export interface ReportFilter {
  kind: ReportKind;
  status: ReportStatusFilter;
  locationId?: number;
  buildingId?: number;
  /** Inclusive 'YYYY-MM-DD' bounds on the record's date (tenant: last update, invoice: issue date, payment: paid on). */
  from?: string;
  to?: string;
  /** From the previous page's nextCursor; omit for the first page. */
  cursor?: string;
  /** Rows per page, 1-500 (default 50). */
  limit?: number;
}

export interface ReportRow {
  kind: RecordKind;
  id: number;
  externalId: string;
  date: string;
  tenantName: string;
  /** Invoice number for invoices and payments, credit note number for credit notes and refunds, "CN -> invoice" for allocations, email for tenants. */
  reference: string;
  amountCents: number | null;
  /** The currency of the amount: the location's (what the record is in, in Xero). */
  currency: string;
  paymentMethod: PaymentMethod | null;
  /** Payments, prepayments and refunds: which kind of money it is (issue 14); null for documents and tenants. */
  paymentType: PaymentType | null;
  /** A prepayment's credit not yet applied to invoices or paid back, as the facility has it; null for other kinds. */
  unappliedCents: number | null;
  /** Tenants: the balance in the facility and in Xero side by side; null for other kinds. */
  balance: TenantBalance | null;
  location: string;
  building: string | null;
  status: SyncStatus;
  error: RecordError | null;
  /** When the last send to Xero was tried (UTC ISO), null if never. */
  lastAttemptAt: string | null;
  /** Xero holds this record (it was sent, or matched): excluding it leaves it there. */
  inXero: boolean;
  /** "Open in Xero" link for synced records. */
  xeroUrl: string | null;
}

export type PaymentType = 'payment' | 'prepayment' | 'refund';

/**
 * What a tenant owes (positive) or has in credit (negative): invoices' amount due less the unapplied
 * credit of credit notes and prepayments. The Xero side is as last read (null: never read).
 */
export interface TenantBalance {
  facilityCents: number;
  xeroCents: number | null;
  /** When Xero's balance was read (UTC ISO). */
  xeroReadAt: string | null;
}

export type ReportCounts = Record<SyncStatus, number> & { total: number };

export interface ReportPage {
  rows: ReportRow[];
  /** Pass back as filter.cursor for the next page; null on the last page. */
  nextCursor: string | null;
  /** Counts per status for the filter (ignoring status and cursor); computed on the first page only, null on later pages. */
  counts: ReportCounts | null;
  /** How to show dates, timestamps and amounts (contract/display-format.ts). */
  format: DisplayFormat;
}

/**
 * use_ours / keep_xero: a record found in Xero before its first send with other amounts (needs_review, issue 15).
 * send_ours / accept_xero / ignore: a record changed in Xero after it was sent (changed_in_xero, issue 16):
 * put the facility's version back in Xero (refused when Xero cannot take it back, e.g. a voided invoice),
 * accept Xero's version, or leave it as it is; the last two mark it reviewed.
 */
export type SyncOption = 'resync' | 'exclude' | 'include' | 'use_ours' | 'keep_xero' | 'send_ours' | 'accept_xero' | 'ignore';
export const SYNC_OPTIONS = ['resync', 'exclude', 'include', 'use_ours', 'keep_xero', 'send_ours', 'accept_xero', 'ignore'] as const satisfies readonly SyncOption[];

export interface ApplySyncOptionInput {
  kind: ReportKind;
  option: SyncOption;
  /** The selected rows; or, with allMatching, every record the filter matches. */
  ids?: number[];
  /** Facility ids as users know them: tenant id, invoice number or invoice id, payment id (CLI). */
  externalIds?: string[];
  filter?: Omit<ReportFilter, 'cursor' | 'limit' | 'kind'>;
  allMatching?: boolean;
}

/** Pushed as 'report:sync-option' while a ReSync runs; also the result of applySyncOption. */
export interface SyncOptionProgress {
  requestId: string;
  kind: ReportKind;
  option: SyncOption;
  /** Records the option applied to. */
  total: number;
  synced: number;
  failed: number;
  /** Still queued (e.g. offline, or waiting for another record). */
  waiting: number;
  finished: boolean;
  offline: boolean;
  /** Plain summary, e.g. "3 payments queued for ReSync: 2 synced, 1 failed: <reason>". */
  message: string;
  failures: { label: string; explanation: string }[];
}

export interface ReportCsv {
  fileName: string;
  csv: string;
  rows: number;
}

export interface KindCounts {
  synced: number;
  /** Every status but synced, including the three below and excluded. */
  nonSynced: number;
  waiting: number;
  failed: number;
  excluded: number;
  beforeStartDate: number;
  needsReview: number;
  changedInXero: number;
}

export interface DashboardFailure {
  kind: ReportRow['kind'];
  id: number;
  label: string;
  explanation: string;
  fix: string;
  fixTarget: FixTarget | null;
  at: string | null;
}

export interface Dashboard {
  connection: XeroConnectionStatus;
  sync: { state: string; message: string; lastSyncAt: string | null };
  counts: Record<ReportKind, KindCounts>;
  recentFailures: DashboardFailure[];
  /** How to show dates, timestamps and amounts (contract/display-format.ts). */
  format: DisplayFormat;
}

/** One month of the dashboard's chart (issue 16): sums of the records dated in it, in integer cents. */
export interface MonthAmounts {
  /** 'YYYY-MM'. */
  month: string;
  syncedCents: number;
  /** Queued or waiting (for a connection, the mapping, another record). */
  waitingCents: number;
  failedCents: number;
}

/**
 * Amounts synced, waiting and failed per month by document date, for the last 12 months (the
 * current one last, in the facility's time zone), per kind of record that carries an amount.
 */
export interface MonthlyAmounts {
  /** The 12 months, oldest first ('YYYY-MM'). */
  months: string[];
  /** The organisation's currency (ISO 4217), else the facility's when all locations share one; null if unknown. */
  currency: string | null;
  kinds: { kind: ReportKind; label: string; months: MonthAmounts[] }[];
}

export interface ReportApi {
  queryReport(filter: ReportFilter): Promise<ReportPage>;
  /** ReSync / Exclude from sync / Include in sync on selected report rows; a ReSync reports progress as 'report:sync-option'. */
  applySyncOption(input: ApplySyncOptionInput): Promise<SyncOptionProgress>;
  /** The whole report for a filter as CSV text. */
  exportReportCsv(filter: Omit<ReportFilter, 'cursor' | 'limit'>): Promise<ReportCsv>;
  getDashboard(): Promise<Dashboard>;
  /** The dashboard's chart: amounts per month and status from the local mirror (works offline). */
  getMonthlyAmounts(): Promise<MonthlyAmounts>;
  /** Reads every tenant's balance in Xero now and compares it with the facility's (issue 14); kept for the report's Tenants. */
  compareBalances(): Promise<BalanceCheck>;
}

/** The result of compareBalances: tenants in Xero whose balance there differs from the facility's. */
export interface BalanceCheck {
  readAt: string;
  /** Tenants linked to a Xero contact whose balance was compared. */
  compared: number;
  differ: Array<{ tenantId: string; name: string; facilityCents: number; xeroCents: number }>;
  /** Requests made to Xero. */
  requests: number;
  /** What was found, in words, with what to do when balances differ. */
  message: string;
}
