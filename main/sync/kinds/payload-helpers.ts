/**
 * Shared by the kinds' payload builders. They only read SQLite; nothing here talks to Xero.
 * Money is integer cents everywhere else: it becomes decimals here, at the Xero boundary.
 */
import type { PaymentMethod } from '../../../contract';
import type { Db } from '../../db/open-database';
import { FIX_PATHS, PAYMENT_METHOD_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';

export type PayloadResult<T> = { ok: true; payload: T } | { ok: false; code: string; explanation: string; fix: string };

/** Integer cents -> the decimal Xero expects (exact for 2 decimal places). */
export function centsToDecimal(cents: number): number {
  return Math.round(cents) / 100;
}

/**
 * The builders run once per record on the sync path: each SQL text is prepared once per
 * connection (better-sqlite3 does not cache statements itself), not once per record.
 */
type Statement = ReturnType<Db['prepare']>;
const statements = new WeakMap<Db, Map<string, Statement>>();
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export function missing(kind: string, id: number): { ok: false; code: string; explanation: string; fix: string } {
  return {
    ok: false, code: 'record_missing',
    explanation: `The ${kind} (#${id}) is no longer in the facility data.`,
    fix: 'Import the facility data again; if the record was removed on purpose, nothing needs doing.',
  };
}

/**
 * The Xero bank account money of `method` goes to or comes from (Settings: Paid to Account), or why
 * the record (`what`: "payment P-1", "refund R-1") cannot be sent yet: the mapping check's problem
 * with that method, or no account chosen for it.
 */
export function paymentAccountOf(
  mapping: Mapping, method: PaymentMethod, what: string, problems?: MappingProblems,
): PayloadResult<string> {
  const problem = problems?.paymentMethod(method);
  if (problem) return { ok: false, ...problem };
  const accountId = mapping.paymentAccounts[method];
  if (accountId) return { ok: true, payload: accountId };
  const label = PAYMENT_METHOD_LABELS[method];
  return {
    ok: false, code: 'mapping_payment_account',
    explanation: `${label} payments are not mapped to a Xero bank account, so ${what} cannot be recorded.`,
    fix: `${FIX_PATHS.payments}: choose an account for ${label}`,
  };
}
