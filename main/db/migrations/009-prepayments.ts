/**
 * Migration 009: money received before it is owed (issue 14).
 * - prepayments: a payments.csv row without an invoice_id (rent paid ahead, a refundable deposit
 *   taken as credit): the tenant's unapplied credit. In Xero an overpayment (docs/prepayments.md
 *   says why not a Xero prepayment). Its facility id (payment_id) is unique across payments and
 *   prepayments: a row never moves from one table to the other (the import refuses it).
 * - allocations gain prepayment_id: allocations.csv applies a prepayment (or a credit note) to an
 *   invoice; an allocation names exactly one source (credit_note_id or prepayment_id).
 * - refunds gain prepayment_id: an unused prepayment paid back (refunds.csv payment_id).
 */
export default /* sql */ `
CREATE TABLE prepayments (
  id           INTEGER PRIMARY KEY,
  external_id  TEXT NOT NULL UNIQUE,
  tenant_id    INTEGER NOT NULL REFERENCES tenants(id),
  paid_on      TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  method       TEXT NOT NULL CHECK (method IN ('credit_card','debit_card','online_banking','cash','cheque')),
  status       TEXT NOT NULL CHECK (status IN ('completed','reversed')),
  reference    TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL
);
CREATE INDEX prepayments_tenant ON prepayments(tenant_id);

ALTER TABLE allocations ADD COLUMN prepayment_id INTEGER REFERENCES prepayments(id);
CREATE INDEX allocations_prepayment ON allocations(prepayment_id);

ALTER TABLE refunds ADD COLUMN prepayment_id INTEGER REFERENCES prepayments(id);
CREATE INDEX refunds_prepayment ON refunds(prepayment_id);
`;
