import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { ReportFilter, ReportRow } from '../../contract';
import { openDatabase, type Db } from '../../main/db/open-database';
import { generateDemoData } from '../../main/facility/demo-data';
import { writeDemoData } from '../../main/facility/demo-write';
import { createIntegrationReport } from '../../main/report/integration-report';
import { tempDbPath } from '../helpers/temp-db';

let db: Db;
let query: ReturnType<typeof createIntegrationReport>;

beforeAll(() => {
  db = openDatabase(tempDbPath());
  writeDemoData(db, generateDemoData({ seed: 7, locations: 2, tenants: 120, months: 6 }));
  // Mark every third payment synced and a few failed, as a sync run would.
  db.exec(`UPDATE sync_records SET status = 'synced' WHERE kind = 'payment' AND record_id % 3 = 0;
           UPDATE sync_records SET status = 'failed', error_code = 'account_missing', error_explanation = 'No bank account is mapped for cash.',
             error_fix = 'Map cash in Synchronize > Paid to Account.' WHERE kind = 'payment' AND record_id % 10 = 1;`);
  query = createIntegrationReport(db);
});

/** Walks every page of a filter. */
function allPages(filter: ReportFilter): ReportRow[] {
  const rows: ReportRow[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = query({ ...filter, cursor });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('pagination never ended');
}

const sql = (text: string, ...params: unknown[]) => db.prepare(text).pluck().all(...params) as number[];

describe('integration report', () => {
  test('pages through every payment exactly once, newest first', () => {
    const rows = allPages({ kind: 'payments', status: 'all', limit: 37 });
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(sql('SELECT id FROM payments ORDER BY id'));
    const keys = rows.map((r) => `${r.date}|${String(r.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  test('filters by status, location, building and date range', () => {
    const location = sql('SELECT id FROM locations ORDER BY id')[1]!;
    const building = sql('SELECT id FROM buildings WHERE location_id = ? ORDER BY id', location)[0]!;
    const filter = { kind: 'payments', locationId: location, buildingId: building, from: '2025-03-01', to: '2025-04-30' } as const;
    const expectIds = (status: string) => sql(
      `SELECT s.record_id FROM sync_records s WHERE kind = 'payment' AND location_id = ? AND building_id = ? AND record_date BETWEEN '2025-03-01' AND '2025-04-30' AND ${status} ORDER BY 1`,
      location, building,
    );
    const ids = (status: ReportFilter['status']) => allPages({ ...filter, status, limit: 10 }).map((r) => r.id).sort((a, b) => a - b);
    expect(ids('synced')).toEqual(expectIds("status = 'synced'"));
    expect(ids('non-synced')).toEqual(expectIds("status <> 'synced'"));
    expect(ids('all')).toEqual(expectIds('1'));
    expect(ids('synced').length).toBeGreaterThan(0);
    expect(ids('non-synced').length).toBeGreaterThan(0);
  });

  test('counts per status on the first page, and rows say why a record failed', () => {
    const page = query({ kind: 'payments', status: 'non-synced', limit: 100 });
    const counts = page.counts!;
    expect(counts.total).toBe(sql('SELECT count(*) FROM payments')[0]);
    expect(counts.synced + counts.pending + counts.failed).toBe(counts.total);
    expect(counts.failed).toBeGreaterThan(0);
    const failed = page.rows.find((r) => r.status === 'failed')!;
    expect(failed.error).toEqual({ code: 'account_missing', explanation: expect.stringContaining('cash'), fix: expect.stringContaining('Paid to Account'), fixTarget: null });
    // The Fix link's screen comes with the row, from the error's code (an unknown code opens no screen).
    db.prepare("UPDATE sync_records SET error_code = 'mapping_payment_account' WHERE kind = 'payment' AND status = 'failed'").run();
    expect(query({ kind: 'payments', status: 'non-synced', limit: 100 }).rows.find((r) => r.status === 'failed')?.error?.fixTarget).toBe('synchronize');
    expect(failed).toMatchObject({ kind: 'payment', paymentMethod: expect.any(String), amountCents: expect.any(Number), location: expect.stringContaining('Storage') });
    expect(query({ kind: 'payments', status: 'all', cursor: page.nextCursor ?? undefined }).counts).toBeNull();
  });

  test('reports tenants and invoices too', () => {
    const tenants = allPages({ kind: 'tenants', status: 'all', limit: 50 });
    expect(tenants).toHaveLength(120);
    expect(tenants[0]).toMatchObject({ kind: 'tenant', status: 'pending', amountCents: null, tenantName: expect.any(String) });
    const invoice = query({ kind: 'invoices', status: 'non-synced', limit: 1 }).rows[0]!;
    expect(invoice).toMatchObject({ kind: 'invoice', reference: expect.stringMatching(/^LOC-\d+-\d+$/), amountCents: expect.any(Number) });
  });

  test('a synced row links into Xero (a payment to its invoice); others and odd ids get no link', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const link = db.prepare('INSERT OR REPLACE INTO xero_links (kind, record_id, xero_id, linked_at) VALUES (?, ?, ?, ?)');
    const [paymentId, invoiceId] = db.prepare(
      "SELECT p.id, p.invoice_id FROM payments p JOIN sync_records s ON s.kind = 'payment' AND s.record_id = p.id WHERE s.status = 'synced' LIMIT 1",
    ).raw().get() as [number, number];
    const invoiceGuid = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    link.run('invoice', invoiceId, invoiceGuid, at);
    link.run('payment', paymentId, 'aaaaaaaa-0000-0000-0000-000000000001', at);
    const rowOf = (kind: ReportFilter['kind'], id: number) => allPages({ kind, status: 'all', limit: 500 }).find((r) => r.id === id)!;
    expect(rowOf('payments', paymentId).xeroUrl).toBe(`https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${invoiceGuid}`);
    // The invoice is linked but still pending in the report: no link until it is synced.
    expect(rowOf('invoices', invoiceId).xeroUrl).toBeNull();
    db.prepare("UPDATE sync_records SET status = 'synced' WHERE kind = 'invoice' AND record_id = ?").run(invoiceId);
    expect(rowOf('invoices', invoiceId).xeroUrl).toBe(`https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${invoiceGuid}`);
    const tenantId = sql('SELECT id FROM tenants ORDER BY id LIMIT 1')[0]!;
    db.prepare("UPDATE sync_records SET status = 'synced' WHERE kind = 'tenant' AND record_id = ?").run(tenantId);
    link.run('tenant', tenantId, 'not a guid"><script>', at);
    expect(rowOf('tenants', tenantId).xeroUrl).toBeNull();
    link.run('tenant', tenantId, 'c0ffee00-1111-2222-3333-444455556666', at);
    expect(rowOf('tenants', tenantId).xeroUrl).toBe('https://go.xero.com/Contacts/View/c0ffee00-1111-2222-3333-444455556666');
  });

  test('refuses a forged cursor in plain words', () => {
    expect(() => query({ kind: 'payments', status: 'all', cursor: 'not-a-cursor' })).toThrow(/cursor is not valid/);
  });

  test('every page query walks an index, never the whole table', () => {
    // The statements the report itself prepares, for each shape of filter, read back from SQLite's plan.
    const prepare = vi.spyOn(db, 'prepare');
    const fresh = createIntegrationReport(db);
    const location = sql('SELECT id FROM locations ORDER BY id')[0]!;
    const building = sql('SELECT id FROM buildings ORDER BY id')[0]!;
    const filters: ReportFilter[] = [
      { kind: 'payments', status: 'all' },
      { kind: 'payments', status: 'non-synced', locationId: location, from: '2025-01-01' },
      { kind: 'invoices', status: 'synced', buildingId: building, to: '2025-06-30' },
    ];
    for (const f of filters) fresh({ ...f, limit: 5, cursor: fresh({ ...f, limit: 5 }).nextCursor ?? undefined });
    const pageSql = prepare.mock.calls.map(([text]) => text).filter((text) => /FROM sync_records INDEXED BY/.test(text));
    prepare.mockRestore();
    expect(pageSql.length).toBeGreaterThanOrEqual(filters.length * 2);
    const params = { kind: 'payment', location, building, from: '2025-01-01', to: '2025-06-30', cursorDate: '2025-06-01', cursorId: 1, limit: 6 };
    const plans: string[] = [];
    for (const text of pageSql) {
      const used = Object.fromEntries(Object.entries(params).filter(([k]) => text.includes(`@${k}`)));
      const detail = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(used) as { detail: string }[]).map((p) => p.detail).join(' | ');
      // Every filter column is an index constraint: the scan covers the matching rows only.
      const lead = text.includes('@building') ? 'building_id=? AND ' : text.includes('@location') ? 'location_id=? AND ' : '';
      const range = text.includes('@from') ? ' AND record_date>?' : text.includes('@to') ? ' AND record_date<?' : '';
      expect(detail, text).toMatch(/SEARCH sync_records USING (COVERING )?INDEX sync_records_\w+ \(/);
      expect(detail, text).toContain(`(kind=? AND ${lead}synced=?${range}`);
      expect(detail, text).not.toContain('TEMP B-TREE');
      plans.push(detail);
    }
    expect(plans.join(' | ')).toMatch(/USING (COVERING )?INDEX sync_records_location \(kind=\? AND location_id=\? AND synced=\? AND record_date>\?\)/);
  });
});
