/**
 * Migration 001: the facility mirror and the sync-state tables.
 * Kept as a TypeScript string (not a .sql file) so tsx, vitest and the esbuild bundle all load it
 * without a loader. Never edit a released migration: add 002-... instead.
 */
export default /* sql */ `
CREATE TABLE locations (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  currency    TEXT NOT NULL CHECK (length(currency) = 3),
  time_zone   TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE buildings (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  name        TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX buildings_location ON buildings(location_id);

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  name        TEXT NOT NULL,
  unit_type   TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX units_building ON units(building_id);

CREATE TABLE charge_types (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('rent','merchandise','service','fee','insurance','deposit')),
  updated_at  TEXT NOT NULL
);

CREATE TABLE tenants (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  unit_id     INTEGER REFERENCES units(id),
  name        TEXT NOT NULL,
  email       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL
);

CREATE TABLE invoices (
  id             INTEGER PRIMARY KEY,
  external_id    TEXT NOT NULL UNIQUE,
  invoice_number TEXT NOT NULL,
  tenant_id      INTEGER NOT NULL REFERENCES tenants(id),
  unit_id        INTEGER REFERENCES units(id),
  issue_date     TEXT NOT NULL,
  due_date       TEXT NOT NULL,
  total_cents    INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT NOT NULL
);
CREATE INDEX invoices_tenant ON invoices(tenant_id);

CREATE TABLE invoice_lines (
  id                INTEGER PRIMARY KEY,
  external_id       TEXT NOT NULL UNIQUE,
  invoice_id        INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL,
  charge_type_id    INTEGER NOT NULL REFERENCES charge_types(id),
  description       TEXT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_amount_cents INTEGER NOT NULL CHECK (unit_amount_cents >= 0),
  amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
  updated_at        TEXT NOT NULL,
  UNIQUE (invoice_id, line_no)
);

CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  external_id  TEXT NOT NULL UNIQUE,
  invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
  paid_on      TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  method       TEXT NOT NULL CHECK (method IN ('credit_card','debit_card','online_banking','cash','cheque')),
  status       TEXT NOT NULL CHECK (status IN ('completed','reversed')),
  reference    TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL
);
CREATE INDEX payments_invoice ON payments(invoice_id);

-- One row per syncable record (tenant, invoice, payment): its sync status plus copies of the
-- report's filter columns, so the integration report is one indexed range scan per page.
CREATE TABLE sync_records (
  kind           TEXT NOT NULL CHECK (kind IN ('tenant','invoice','payment')),
  record_id      INTEGER NOT NULL,
  location_id    INTEGER NOT NULL REFERENCES locations(id),
  building_id    INTEGER REFERENCES buildings(id),
  record_date    TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending','synced','failed','excluded','waiting')),
  synced         INTEGER GENERATED ALWAYS AS (status = 'synced') VIRTUAL,
  content_hash   TEXT NOT NULL,
  synced_hash    TEXT,
  error_code        TEXT,
  error_explanation TEXT,
  error_fix         TEXT,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
-- status is last so the per-status counts are answered from the index alone.
CREATE INDEX sync_records_all      ON sync_records(kind, synced, record_date, record_id, status);
CREATE INDEX sync_records_location ON sync_records(kind, location_id, synced, record_date, record_id, status);
CREATE INDEX sync_records_building ON sync_records(kind, building_id, synced, record_date, record_id, status);

-- The queue of changes to send (docs/sync-engine.md "Data flow"): one row per record and change.
CREATE TABLE outbox (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('tenant','invoice','payment')),
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
  updated_at        TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_record ON outbox(kind, record_id);

-- Xero's ids for our records (ContactID, InvoiceID, PaymentID).
CREATE TABLE xero_links (
  kind       TEXT NOT NULL CHECK (kind IN ('tenant','invoice','payment')),
  record_id  INTEGER NOT NULL,
  xero_id    TEXT NOT NULL,
  linked_at  TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  trigger       TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed','cancelled')),
  sent          INTEGER NOT NULL DEFAULT 0,
  succeeded     INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0,
  error_message TEXT
);
`;
