/**
 * Migration 010: each tenant's balance as last read from Xero (issue 14), per organisation, so the
 * report shows the facility's and Xero's balance side by side offline too (main/report/tenant-balances.ts).
 */
export default /* sql */ `
CREATE TABLE xero_balances (
  organisation_id TEXT NOT NULL,
  tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
  balance_cents   INTEGER NOT NULL,
  read_at         TEXT NOT NULL,
  PRIMARY KEY (organisation_id, tenant_id)
) WITHOUT ROWID;
`;
