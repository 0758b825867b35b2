/**
 * Migration 006: credit notes, refunds, allocations and voided invoices (issue 13).
 * - invoices gain a status (open | void); invoice lines may be negative (a discount line), the
 *   invoice's total stays >= 0 (checked at import).
 * - credit_notes / credit_note_lines mirror invoices / invoice_lines; a credit note may name the
 *   invoice it is applied to, which becomes an allocation (allocations.credit_note_id).
 * - refunds: money paid back out of a credit note. credit_note_id is nullable because a refund of
 *   a prepayment (the prepayments issue) will name a payment instead.
 * - allocations: credit applied to an invoice. Derived from credit notes today; a facility
 *   allocations.csv (prepayments issue) adds rows of its own.
 * - sync_records, outbox and xero_links no longer list the kinds in a CHECK: the kinds are the
 *   table in contract/record-kinds.ts, and every new kind would otherwise rebuild three tables.
 * SQLite cannot drop a CHECK in place: those tables and invoice_lines are rebuilt (same columns,
 * same rows, same indexes; the sync_counts triggers are recreated and the counts stay as they are).
 */
import { SYNC_COUNT_TRIGGERS } from './004-report-counts';

export default /* sql */ `
ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','void'));

CREATE TABLE invoice_lines_new (
  id                INTEGER PRIMARY KEY,
  external_id       TEXT NOT NULL UNIQUE,
  invoice_id        INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL,
  charge_type_id    INTEGER NOT NULL REFERENCES charge_types(id),
  description       TEXT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_amount_cents INTEGER NOT NULL,
  amount_cents      INTEGER NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (invoice_id, line_no)
);
INSERT INTO invoice_lines_new SELECT id, external_id, invoice_id, line_no, charge_type_id, description, quantity,
  unit_amount_cents, amount_cents, updated_at FROM invoice_lines;
DROP TABLE invoice_lines;
ALTER TABLE invoice_lines_new RENAME TO invoice_lines;

CREATE TABLE credit_notes (
  id                 INTEGER PRIMARY KEY,
  external_id        TEXT NOT NULL UNIQUE,
  credit_note_number TEXT NOT NULL,
  tenant_id          INTEGER NOT NULL REFERENCES tenants(id),
  invoice_id         INTEGER REFERENCES invoices(id),
  unit_id            INTEGER REFERENCES units(id),
  issue_date         TEXT NOT NULL,
  reason             TEXT NOT NULL CHECK (reason IN ('refund','discount','write_off','adjustment')),
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','void')),
  total_cents        INTEGER NOT NULL DEFAULT 0,
  updated_at         TEXT NOT NULL
);
CREATE INDEX credit_notes_tenant ON credit_notes(tenant_id);
CREATE INDEX credit_notes_invoice ON credit_notes(invoice_id);
CREATE INDEX credit_notes_number ON credit_notes(credit_note_number);

CREATE TABLE credit_note_lines (
  id                INTEGER PRIMARY KEY,
  external_id       TEXT NOT NULL UNIQUE,
  credit_note_id    INTEGER NOT NULL REFERENCES credit_notes(id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL,
  charge_type_id    INTEGER NOT NULL REFERENCES charge_types(id),
  description       TEXT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_amount_cents INTEGER NOT NULL,
  amount_cents      INTEGER NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (credit_note_id, line_no)
);

CREATE TABLE refunds (
  id             INTEGER PRIMARY KEY,
  external_id    TEXT NOT NULL UNIQUE,
  credit_note_id INTEGER REFERENCES credit_notes(id),
  paid_on        TEXT NOT NULL,
  amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
  method         TEXT NOT NULL CHECK (method IN ('credit_card','debit_card','online_banking','cash','cheque')),
  status         TEXT NOT NULL CHECK (status IN ('completed','reversed')),
  reference      TEXT NOT NULL DEFAULT '',
  updated_at     TEXT NOT NULL
);
CREATE INDEX refunds_credit_note ON refunds(credit_note_id);

CREATE TABLE allocations (
  id             INTEGER PRIMARY KEY,
  external_id    TEXT NOT NULL UNIQUE,
  credit_note_id INTEGER REFERENCES credit_notes(id),
  invoice_id     INTEGER NOT NULL REFERENCES invoices(id),
  amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
  allocated_on   TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('completed','reversed')),
  updated_at     TEXT NOT NULL
);
CREATE INDEX allocations_credit_note ON allocations(credit_note_id);
CREATE INDEX allocations_invoice ON allocations(invoice_id);

CREATE TABLE sync_records_new (
  kind              TEXT NOT NULL,
  record_id         INTEGER NOT NULL,
  location_id       INTEGER NOT NULL REFERENCES locations(id),
  building_id       INTEGER REFERENCES buildings(id),
  record_date       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('pending','synced','failed','excluded','waiting')),
  synced            INTEGER GENERATED ALWAYS AS (status = 'synced') VIRTUAL,
  content_hash      TEXT NOT NULL,
  synced_hash       TEXT,
  error_code        TEXT,
  error_explanation TEXT,
  error_fix         TEXT,
  updated_at        TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_attempt_at   TEXT,
  disambiguate      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
INSERT INTO sync_records_new (kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash,
  error_code, error_explanation, error_fix, updated_at, attempts, last_attempt_at, disambiguate)
  SELECT kind, record_id, location_id, building_id, record_date, status, content_hash, synced_hash,
    error_code, error_explanation, error_fix, updated_at, attempts, last_attempt_at, disambiguate FROM sync_records;
DROP TABLE sync_records;
ALTER TABLE sync_records_new RENAME TO sync_records;
CREATE INDEX sync_records_all      ON sync_records(kind, synced, record_date, record_id, status);
CREATE INDEX sync_records_location ON sync_records(kind, location_id, synced, record_date, record_id, status);
CREATE INDEX sync_records_building ON sync_records(kind, building_id, synced, record_date, record_id, status);
${SYNC_COUNT_TRIGGERS}

CREATE TABLE outbox_new (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,
  record_id         INTEGER NOT NULL,
  change            TEXT NOT NULL CHECK (change IN ('create','update','delete')),
  content_hash      TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending','in_flight','done','failed','superseded')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   TEXT,
  error_code        TEXT,
  error_explanation TEXT,
  error_fix         TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  batch_key         TEXT,
  last_attempt_at   TEXT
);
INSERT INTO outbox_new SELECT id, kind, record_id, change, content_hash, status, attempts, next_attempt_at, error_code,
  error_explanation, error_fix, created_at, updated_at, batch_key, last_attempt_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_record ON outbox(kind, record_id);

CREATE TABLE xero_links_new (
  kind       TEXT NOT NULL,
  record_id  INTEGER NOT NULL,
  xero_id    TEXT NOT NULL,
  linked_at  TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
INSERT INTO xero_links_new SELECT kind, record_id, xero_id, linked_at FROM xero_links;
DROP TABLE xero_links;
ALTER TABLE xero_links_new RENAME TO xero_links;
`;
