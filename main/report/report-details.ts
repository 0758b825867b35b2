import type { Statement } from 'better-sqlite3';
import type { PaymentMethod, PaymentType, ReportRow, SyncStatus } from '../../contract';
import type { Db } from '../db/open-database';
import { fixTargetOf } from '../sync/fix-target';
import { kindModule } from '../sync/kinds';

type Kind = ReportRow['kind'];

interface DetailRow {
  id: number;
  external_id: string;
  record_date: string;
  tenant_name: string;
  reference: string;
  amount_cents: number | null;
  payment_method: PaymentMethod | null;
  location: string;
  currency: string;
  building: string | null;
  status: SyncStatus;
  error_code: string | null;
  error_explanation: string | null;
  error_fix: string | null;
  last_attempt_at: string | null;
  xero_id: string | null;
  xero_invoice_id: string | null;
  /** Payments, prepayments and refunds (issue 14). */
  payment_type?: PaymentType | null;
  unapplied_cents?: number | null;
  /** Tenants: the facility's balance and Xero's as last read for the connected organisation. */
  facility_balance_cents?: number | null;
  xero_balance_cents?: number | null;
  xero_balance_read_at?: string | null;
}

const detailsSql = (kind: Kind) => `SELECT d.*, s.record_date, s.status, s.error_code, s.error_explanation, s.error_fix, s.last_attempt_at,
         l.name AS location, l.currency, b.name AS building, x.xero_id
  FROM (${kindModule(kind).report.detailsSql}) d
  LEFT JOIN xero_links x ON x.kind = @kind AND x.record_id = d.id
  JOIN sync_records s ON s.kind = @kind AND s.record_id = d.id
  JOIN locations l ON l.id = s.location_id
  LEFT JOIN buildings b ON b.id = s.building_id`;

// One statement per database and kind, prepared on first use: the report loads details for every page.
const statements = new WeakMap<Db, Map<Kind, Statement>>();
function detailsStatement(db: Db, kind: Kind): Statement {
  let byKind = statements.get(db);
  if (!byKind) statements.set(db, (byKind = new Map()));
  let stmt = byKind.get(kind);
  if (!stmt) byKind.set(kind, (stmt = db.prepare(detailsSql(kind))));
  return stmt;
}

/** Fetches what the report shows for one page of record ids, in the order given. */
export function loadReportDetails(db: Db, kind: Kind, ids: readonly number[]): ReportRow[] {
  if (ids.length === 0) return [];
  const rows = detailsStatement(db, kind).all({ kind, ids: JSON.stringify(ids) }) as DetailRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      kind, id: r.id, externalId: r.external_id, date: r.record_date, tenantName: r.tenant_name, reference: r.reference,
      amountCents: r.amount_cents, currency: r.currency, paymentMethod: r.payment_method, paymentType: r.payment_type ?? null,
      unappliedCents: r.unapplied_cents ?? null,
      balance: r.facility_balance_cents === undefined || r.facility_balance_cents === null
        ? null
        : { facilityCents: r.facility_balance_cents, xeroCents: r.xero_balance_cents ?? null, xeroReadAt: r.xero_balance_read_at ?? null },
      location: r.location, building: r.building, status: r.status,
      error: r.error_code ? { code: r.error_code, explanation: r.error_explanation ?? '', fix: r.error_fix ?? '', fixTarget: fixTargetOf(r.error_code) } : null,
      lastAttemptAt: r.last_attempt_at,
      inXero: r.xero_id !== null,
      // A record changed in Xero is still there to look at before choosing what to do.
      xeroUrl: r.status === 'synced' || r.status === 'changed_in_xero' ? xeroUrl(kind, r.xero_id, r.xero_invoice_id) : null,
    }];
  });
}

/** Deep links into Xero's web app, only for ids that look like Xero's. */
function xeroUrl(kind: Kind, xeroId: string | null, invoiceXeroId: string | null): string | null {
  const ok = (id: string | null) => (id && /^[0-9a-fA-F-]{8,64}$/.test(id) ? id : null);
  return kindModule(kind).report.webUrl(ok(xeroId), ok(invoiceXeroId));
}
