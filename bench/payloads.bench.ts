/**
 * Mapping figures: building Xero payloads for a facility-year (500 tenants, ~6,000 invoices,
 * ~6,000 payments) from SQLite and the mapping, in µs per record, plus the time to check and to
 * suggest a mapping (what the Synchronize tab waits for). BENCH_SIZE=small uses 50 tenants.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../main/db/open-database';
import { generateDemoData } from '../main/facility/demo-data';
import { writeDemoData } from '../main/facility/demo-write';
import { EMPTY_MAPPING } from '../main/mapping/mapping';
import { checkMapping } from '../main/mapping/mapping-check';
import { suggestMapping } from '../main/mapping/mapping-suggest';
import { buildInvoicePayload } from '../main/sync/kinds/invoice';
import { buildPaymentPayload } from '../main/sync/kinds/payment';
import { buildContactPayload } from '../main/sync/kinds/tenant';
import { markFetched, replaceTaxRates, replaceTrackingCategories, upsertAccounts, upsertItems } from '../main/xero/reference-store';

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export default async function (size: 'small' | 'full'): Promise<void> {
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-payloads-')), 'facility-sync.sqlite'));
  writeDemoData(db, generateDemoData({ seed: 1, locations: 1, tenants: size === 'full' ? 500 : 50, months: 12 }));
  upsertAccounts(db, [
    { accountID: 'bank', code: '090', name: 'Business Bank Account', type: 'BANK', status: 'ACTIVE' },
    { accountID: 'sales', code: '200', name: 'Sales', type: 'REVENUE', status: 'ACTIVE', taxType: 'OUTPUT' },
    { accountID: 'other', code: '260', name: 'Other Revenue', type: 'REVENUE', status: 'ACTIVE', taxType: 'OUTPUT' },
  ]);
  replaceTaxRates(db, [{ taxType: 'OUTPUT', name: 'GST on Income', status: 'ACTIVE', effectiveRate: 10, canApplyToRevenue: true }]);
  replaceTrackingCategories(db, [{ trackingCategoryID: 'loc', name: 'Location', status: 'ACTIVE', options: [] }]);
  upsertItems(db, [{ itemID: 'rent', code: 'RENT', name: 'Storage unit rent', salesDetails: { accountCode: '200' } }]);
  markFetched(db, 'accounts', 'org', new Date().toISOString(), null);

  let t = performance.now();
  const mapping = { ...suggestMapping(db, EMPTY_MAPPING), tracking: [] };
  const suggestMs = performance.now() - t;
  t = performance.now();
  const issues = checkMapping(db, mapping);
  const checkMs = performance.now() - t;
  console.log(`suggest mapping: ${fmt(suggestMs, 1)} ms; check mapping: ${fmt(checkMs, 1)} ms (${issues.length} issues)`);

  const ids = (table: string) => db.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
  const measure = (label: string, list: number[], build: (id: number) => unknown) => {
    const start = performance.now();
    let bytes = 0;
    for (const id of list) bytes += JSON.stringify(build(id)).length;
    const ms = performance.now() - start;
    console.log(`${label}: ${fmt(list.length)} in ${fmt(ms)} ms = ${fmt((ms * 1000) / list.length, 1)} µs/record, ${fmt(bytes / list.length)} B JSON/record`);
  };
  measure('contacts', ids('tenants'), (id) => buildContactPayload(db, id));
  measure('invoices', ids('invoices'), (id) => buildInvoicePayload(db, id, mapping, 'contact'));
  measure('payments', ids('payments'), (id) => buildPaymentPayload(db, id, mapping, 'invoice'));

  // What the engine holds while it sends: the planned payloads of one chunk (2,000 rows), not
  // the whole backlog. Heap after a full GC, with the payloads still referenced.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const invoiceIds = ids('invoices');
    const heldMb = (list: number[]) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const held = list.map((id) => buildInvoicePayload(db, id, mapping, 'contact'));
      gc();
      const mb = (process.memoryUsage().heapUsed - before) / 1e6;
      return { mb, n: held.length };
    };
    const all = heldMb(invoiceIds);
    const chunk = heldMb(invoiceIds.slice(0, 2_000));
    console.log(
      `planned invoices held in memory: all ${fmt(all.n)} at once ${fmt(all.mb, 1)} MB (${fmt((all.mb * 1e6) / all.n)} B each, ` +
        `${fmt((all.mb * 100_000) / all.n)} MB per 100,000); one chunk of ${fmt(chunk.n)} ${fmt(chunk.mb, 1)} MB`,
    );
  } else console.log('planned invoices held in memory: run with node --expose-gc to measure');
  db.close();
}
