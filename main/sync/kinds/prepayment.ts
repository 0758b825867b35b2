/**
 * PLACEHOLDER on branch issue-14-data only, so the facility side of issue 14 compiles without the
 * sending side: RECORD_KINDS has the row for `prepayment`, and index.ts needs a module for every
 * kind. The real module (a prepayment -> a Xero overpayment) is the lead's, on branch
 * issue-14-kinds (commit 1fe49d2): on merge, take that file whole and drop this one.
 * Until then a prepayment waits with the reason, and is never sent.
 */
import type { KindModule } from './kind-module';

const NOT_YET = {
  code: 'prepayment_not_sent',
  explanation: 'This version of Facility Sync keeps prepayments in the facility data but does not send them to Xero yet.',
  fix: 'Update Facility Sync; the prepayment is then sent with the next sync.',
};

export const prepaymentKind: KindModule = {
  kind: 'prepayment',
  planner: () => () => ({ type: 'wait', error: NOT_YET }),
  send: () => Promise.resolve([]),
  xeroIdOf: () => undefined,
  naturalKey: () => null,
  findByNaturalKey: () => Promise.resolve(new Map()),
  report: {
    detailsSql: `SELECT p.id, p.external_id, t.name AS tenant_name, p.reference AS reference, p.amount_cents, p.method AS payment_method,
                   NULL AS xero_invoice_id
            FROM prepayments p JOIN tenants t ON t.id = p.tenant_id
            WHERE p.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'reversed' THEN 0 ELSE amount_cents END AS amount_cents FROM prepayments`,
    webUrl: () => null,
  },
  externalIdSql: 'SELECT id FROM prepayments WHERE external_id = @v',
};
