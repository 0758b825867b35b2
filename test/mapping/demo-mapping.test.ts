/**
 * Issue 12, done when: on the demo organisation, Suggest mappings leaves no wrong tax, and a full
 * sync with the suggested mapping ends with nothing failed. Real services, real emulator, real
 * keychain; the demo data at a small size.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../main/db/open-database';
import { DEMO_CHARGE_TYPES, generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { LIABILITY_ACCOUNT_TYPES, REVENUE_ACCOUNT_TYPES } from '../../main/mapping/mapping-check';
import { startFastConnectionFixture, type ConnectionFixture } from '../helpers/connection-fixture';
import path from 'node:path';

let f: ConnectionFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('the demo mapping', () => {
  test('suggestions carry the right tax for every charge type, and a full sync ends with 0 failed', async () => {
    f = await startFastConnectionFixture();
    const { api } = f.services;
    f.consent = { organisation: 'Demo Storage Co' };
    expect((await api.connectXero()).state).toBe('connected');
    const db = openDatabase(path.join(f.dataDir, DB_FILE_NAME));
    try {
      writeDemoData(db, generateDemoData({ seed: 7, locations: 1, tenants: 12, months: 2 }));
    } finally {
      db.close();
    }
    const reference = await api.refreshReferenceData();
    const { mapping, suggestions } = await api.suggestMapping();
    const account = (code: string | null | undefined) => reference.accounts.find((a) => a.code === code);
    const rate = (taxType: string | null | undefined) => reference.taxRates.find((t) => t.taxType === taxType);

    for (const c of DEMO_CHARGE_TYPES) {
      const m = mapping.chargeTypes[c.external_id];
      const why = suggestions?.find((s) => s.key === c.external_id);
      expect(why?.reason, c.name).toBeTruthy();
      if (!m) {
        expect(why?.made, `${c.name} is left empty only with a reason`).toBe(false);
        continue;
      }
      const item = reference.items.find((i) => i.code === m.itemCode);
      const lineAccount = account(m.accountCode ?? item?.accountCode);
      const tax = rate(m.taxType ?? item?.taxType ?? lineAccount?.taxType);
      if (c.kind === 'deposit') {
        expect(LIABILITY_ACCOUNT_TYPES, `${c.name}: a liability account`).toContain(lineAccount?.type);
        expect(tax?.rate, `${c.name}: no tax on a deposit`).toBe(0);
      } else if (c.kind === 'insurance') {
        expect(item, `${c.name}: insurance only by its own item`).toBeDefined();
      } else {
        expect(REVENUE_ACCOUNT_TYPES, `${c.name}: an income account`).toContain(lineAccount?.type);
        expect(tax?.rate, `${c.name}: taxable income`).toBeGreaterThan(0);
      }
    }
    const saved = await api.setMapping({ ...mapping, tracking: [] });
    expect(saved.issues.filter((i) => i.severity === 'error' && i.section !== 'categories')).toEqual([]);
    await api.syncNow();
    const d = await api.getDashboard();
    for (const kind of ['tenants', 'invoices', 'payments'] as const) {
      expect(d.counts[kind].failed, kind).toBe(0);
      expect(d.counts[kind].nonSynced - d.counts[kind].excluded, kind).toBe(0);
    }
  });
});
