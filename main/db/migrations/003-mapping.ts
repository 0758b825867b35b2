/**
 * Migration 003: the Xero reference-data mirror (accounts, tax rates, tracking categories and
 * options, items, organisation) and the user's mapping from facility values to Xero codes.
 * Reference rows keep the fields the mapping checks need as columns plus the raw JSON from Xero,
 * so the Synchronize tab and the checks work offline. One organisation at a time: connecting to
 * another organisation replaces the mirror (xero_reference_meta.tenant_id says whose it is).
 */
export default /* sql */ `
CREATE TABLE xero_reference_meta (
  entity        TEXT PRIMARY KEY CHECK (entity IN ('accounts','tax_rates','tracking_categories','items','organisation')),
  tenant_id     TEXT NOT NULL,
  fetched_at    TEXT NOT NULL,
  -- Latest UpdatedDateUTC seen, sent back as If-Modified-Since on the next refresh.
  modified_since TEXT
) WITHOUT ROWID;

CREATE TABLE xero_accounts (
  account_id      TEXT PRIMARY KEY,
  code            TEXT,
  name            TEXT NOT NULL,
  type            TEXT NOT NULL,
  status          TEXT NOT NULL,
  tax_type        TEXT,
  enable_payments INTEGER NOT NULL DEFAULT 0,
  raw             TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX xero_accounts_code ON xero_accounts(code);

CREATE TABLE xero_tax_rates (
  tax_type    TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL,
  rate        REAL NOT NULL DEFAULT 0,
  for_revenue INTEGER NOT NULL DEFAULT 0,
  raw         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE xero_tracking_categories (
  category_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE xero_tracking_options (
  option_id   TEXT PRIMARY KEY,
  category_id TEXT NOT NULL REFERENCES xero_tracking_categories(category_id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX xero_tracking_options_category ON xero_tracking_options(category_id);

CREATE TABLE xero_items (
  item_id      TEXT PRIMARY KEY,
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  is_sold      INTEGER NOT NULL DEFAULT 1,
  account_code TEXT,
  tax_type     TEXT,
  raw          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX xero_items_code ON xero_items(code);

CREATE TABLE xero_organisation (
  singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
  tenant_id     TEXT NOT NULL,
  name          TEXT NOT NULL,
  base_currency TEXT NOT NULL,
  country_code  TEXT,
  raw           TEXT NOT NULL
);

-- "Map categories": up to two facility dimensions, each to one Xero tracking category.
CREATE TABLE mapping_tracking (
  source        TEXT PRIMARY KEY CHECK (source IN ('location','building','unit_type')),
  slot          INTEGER NOT NULL UNIQUE CHECK (slot IN (1, 2)),
  category_id   TEXT,
  category_name TEXT NOT NULL
) WITHOUT ROWID;

-- Facility value (location/building external id, or unit type text) -> tracking option name.
CREATE TABLE mapping_tracking_options (
  source         TEXT NOT NULL REFERENCES mapping_tracking(source) ON DELETE CASCADE,
  facility_value TEXT NOT NULL,
  option_name    TEXT NOT NULL,
  PRIMARY KEY (source, facility_value)
) WITHOUT ROWID;

-- "Products/Services": charge type (by external id, stable across imports) -> item and/or account + tax.
CREATE TABLE mapping_charge_types (
  charge_type_external_id TEXT PRIMARY KEY,
  item_code    TEXT,
  account_code TEXT,
  tax_type     TEXT
) WITHOUT ROWID;

-- "Paid to Account": payment method -> Xero bank account.
CREATE TABLE mapping_payment_accounts (
  method     TEXT PRIMARY KEY CHECK (method IN ('credit_card','debit_card','online_banking','cash','cheque')),
  account_id TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE mapping_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;
