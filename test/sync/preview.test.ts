/**
 * The sync preview (issue 15, Done when) against the emulator over real HTTP, with a real SQLite file.
 * The emulator organisation already holds part of the demo history entered by hand (contacts by name,
 * invoices under the same numbers, one with a different total), the accountant locked the first half of
 * May and the sync starts on 1 May. The preview writes nothing to Xero (the request log has only GETs) and
 * changes nothing locally; the real run then does exactly what it listed, record by record; it creates no
 * duplicate, links the pre-filled records, flags the different one, and sends nothing dated before the
 * start date or in the locked period. The demo data covers April to June 2025 (a fixed endMonth).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewAction, SyncPreview } from '../../contract';
import { DB_FILE_NAME, openDatabase, type Db } from '../../main/db/open-database';
import { dispatch } from '../../main/dispatch';
import { writeDemoData } from '../../main/facility/demo-write';
import { generateDemoData } from '../../main/facility/demo-data';
import { saveMapping } from '../../main/mapping/mapping';
import { createServices } from '../../main/services';
import { MAPPING_ERROR_CODES } from '../../main/mapping/mapping';
import { runSync } from '../../main/sync/engine';
import { displayMoney } from '../../main/sync/kinds/existing-documents';
import { previewSync, readOnlyClient } from '../../main/sync/preview';
import { writeStartDate } from '../../main/sync/start-date';
import { type XeroApiClient } from '../../main/xero/api-client';
import { refreshReferenceData } from '../../main/xero/reference-mirror';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { compareBooks, demoMapping, openDemoDb, setDemoMapping } from '../helpers/sync-setup';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { fastEmulatorClient } from '../helpers/quiet-sync';

const ORG = 'Demo Storage Co';
const START = '2025-05-01';
const LOCK = '2025-05-15';

let emu: XeroEmulator;
let db: Db;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-preview-'), { months: 3, tenants: 16 });
  setDemoMapping(db, emu.admin);
  emu.admin.setLockDates(ORG, { PeriodLockDate: LOCK });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const client = (): Promise<XeroApiClient> => fastEmulatorClient(emu.url);

interface Inv { id: number; invoice_number: string; tenant_id: number; issue_date: string; due_date: string; total_cents: number }

/** The first `n` tenants entered by hand (name only), with their open invoices dated after the lock date; `extraCents` on one invoice's first line. */
function enterHistoryByHand(n: number, extraCents: Record<string, number>) {
  const tenants = db.prepare('SELECT id, name FROM tenants ORDER BY id LIMIT ?').all(n) as Array<{ id: number; name: string }>;
  const contacts = emu.admin.enterByHand(ORG, { Contacts: tenants.map((t) => ({ Name: t.name })) }).Contacts as Array<{ ContactID: string }>;
  const contactOf = new Map(tenants.map((t, i) => [t.id, (contacts[i] as { ContactID: string }).ContactID]));
  const invoices = db.prepare(
    `SELECT id, invoice_number, tenant_id, issue_date, due_date, total_cents FROM invoices WHERE status = 'open' AND issue_date > ?
       AND tenant_id IN (SELECT value FROM json_each(?)) AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = invoices.id) ORDER BY id`,
  ).all(LOCK, JSON.stringify(tenants.map((t) => t.id))) as Inv[];
  const lines = db.prepare(
    `SELECT l.description, l.quantity, l.unit_amount_cents, ct.kind FROM invoice_lines l JOIN charge_types ct ON ct.id = l.charge_type_id
     WHERE l.invoice_id = ? ORDER BY l.line_no`,
  );
  const entered = emu.admin.enterByHand(ORG, {
    Invoices: invoices.map((inv) => ({
      Type: 'ACCREC', Status: 'AUTHORISED', InvoiceNumber: inv.invoice_number, Contact: { ContactID: contactOf.get(inv.tenant_id) },
      Date: inv.issue_date, DueDate: inv.due_date, LineAmountTypes: 'Inclusive',
      LineItems: (lines.all(inv.id) as Array<{ description: string; quantity: number; unit_amount_cents: number; kind: string }>).map((l, i) => ({
        Description: l.description, Quantity: l.quantity,
        UnitAmount: (l.unit_amount_cents + (i === 0 ? (extraCents[inv.invoice_number] ?? 0) / l.quantity : 0)) / 100,
        AccountCode: l.kind === 'deposit' ? '855' : '200', TaxType: l.kind === 'deposit' ? 'BASEXCLUDED' : 'OUTPUT',
      })),
    })),
  }).Invoices as Array<{ InvoiceID: string }>;
  return { tenants, contacts, invoices, entered };
}

/** The local sync state, whole: the preview must leave it exactly as it was. */
function localState(): unknown {
  return ['outbox', 'sync_records', 'xero_links', 'xero_matches', 'sync_state', 'sync_runs']
    .map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all());
}

/** What the run did with a record, read from the sync state it left (the same words as the preview's actions). */
function actionTaken(kind: string, recordId: number, byHand: Set<string>): PreviewAction {
  const r = db.prepare(
    `SELECT s.status, s.error_code, l.xero_id FROM sync_records s LEFT JOIN xero_links l ON l.kind = s.kind AND l.record_id = s.record_id
     WHERE s.kind = ? AND s.record_id = ?`,
  ).get(kind, recordId) as { status: string; error_code: string | null; xero_id: string | null };
  if (r.status === 'synced') return r.xero_id && byHand.has(r.xero_id) ? 'link' : 'create';
  if (r.status === 'before_start_date' || r.error_code === 'document_before_start_date') return 'held_start_date';
  if (r.error_code === 'period_locked') return 'held_lock_date';
  if ((MAPPING_ERROR_CODES as readonly string[]).includes(r.error_code ?? '')) return 'held_mapping';
  const byStatus: Record<string, PreviewAction> = { needs_review: 'needs_review', waiting: 'waiting', excluded: 'exclude', failed: 'fail' };
  return byStatus[r.status] ?? (r.status as PreviewAction);
}

/** The summary the issue's note shows: per kind, the actions that occur, and the totals. */
function summaryOf(p: SyncPreview) {
  return {
    organisation: p.organisation?.name, startDate: p.startDate, lockDate: p.lockDate, requests: p.requests,
    kinds: Object.fromEntries(p.kinds.map((k) => [k.kind, Object.fromEntries(Object.entries(k.counts).filter(([, n]) => n > 0))])),
    totals: Object.fromEntries(Object.entries(p.totals).map(([k, list]) => [k, list.map((t) => `${t.kind} ${t.key}: ${displayMoney(t.amountCents)} (${t.lines})`)])),
    records: p.records.length,
  };
}

describe('sync preview (dry run)', () => {
  it('lists exactly what the real run then does, writes nothing to Xero and changes nothing here', async () => {
    const c = await client();
    writeStartDate(db, c.tenantId() as string, { date: START, confirmed: true });
    const first = enterHistoryByHand(4, {});
    const differs = first.invoices[0]!;
    // Entered again, this time one of them with 5.00 more than the facility's.
    emu.admin.reset();
    emu.admin.setLockDates(ORG, { PeriodLockDate: LOCK });
    setDemoMapping(db, emu.admin);
    const { tenants, contacts, invoices, entered } = enterHistoryByHand(4, { [differs.invoice_number]: 500 });
    expect(invoices.length).toBeGreaterThan(2);
    const byHand = new Set([...contacts.map((x) => x.ContactID), ...entered.map((x) => x.InvoiceID)]);

    // Xero's lists as the Synchronize tab loads them: the totals name accounts and tax rates.
    await refreshReferenceData(db, c, { now: () => new Date('2025-07-01T00:00:00Z') });
    const before = localState();
    const logBefore = emu.admin.requests().length;
    const preview = await previewSync({ db, client: c });
    const duringPreview = emu.admin.requests().slice(logBefore);
    // Reads only: the organisation (lock date) and the look-ups by natural key.
    expect(duringPreview.length).toBeGreaterThan(0);
    expect(duringPreview.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(localState()).toEqual(before);
    console.log(`dry-run summary: ${JSON.stringify(summaryOf(preview), null, 2)}`);

    expect(preview.startDate).toBe(START);
    expect(preview.lockDate).toBe(LOCK);
    const action = (kind: string, id: number) => preview.records.find((r) => r.kind === kind && r.recordId === id);
    tenants.forEach((t, i) => expect(action('tenant', t.id)).toMatchObject({ action: 'link', xeroId: contacts[i]!.ContactID }));
    expect(action('invoice', differs.id)).toMatchObject({
      action: 'needs_review', reason: expect.stringContaining(`In Xero with a different total: ${displayMoney(differs.total_cents + 500)} there`) as unknown,
    });
    invoices.slice(1).forEach((inv, i) => expect(action('invoice', inv.id)).toMatchObject({ action: 'link', xeroId: entered[i + 1]!.InvoiceID }));
    const counted = (a: PreviewAction) => preview.kinds.reduce((n, k) => n + k.counts[a], 0);
    for (const a of ['create', 'link', 'needs_review', 'held_start_date', 'held_lock_date'] as const) expect(counted(a), a).toBeGreaterThan(0);
    expect(preview.totals.accounts.length).toBeGreaterThan(0);
    expect(preview.totals.taxRates.length).toBeGreaterThan(0);

    // The real run: exactly what the preview listed, record by record.
    const run = await runSync({ db, client: c, backoffBaseMs: 1 });
    expect(run.problem).toBeUndefined();
    const all = db.prepare('SELECT kind, record_id FROM sync_records ORDER BY kind, record_id').all() as Array<{ kind: string; record_id: number }>;
    expect(preview.records.map((r) => `${r.kind}:${r.recordId}`).sort()).toEqual(all.map((r) => `${r.kind}:${r.record_id}`).sort());
    const differences = preview.records.filter((r) => actionTaken(r.kind, r.recordId, byHand) !== r.action)
      .map((r) => `${r.kind} ${r.ref}: preview ${r.action}, run ${actionTaken(r.kind, r.recordId, byHand)}`);
    expect(differences).toEqual([]);
    // What would be created is what Xero received: the sample invoices as sent.
    const org = emu.admin.state().organisations[0]!;
    const xeroInvoices = org.invoices as Array<{ InvoiceNumber: string; Date: string; LineItems: Array<{ UnitAmount: number; AccountCode: string }> }>;
    const invoiceSamples = preview.kinds.find((k) => k.kind === 'invoice')!.samples;
    expect(invoiceSamples.length).toBeGreaterThan(0);
    for (const s of invoiceSamples) {
      const sent = s.payload as { invoiceNumber: string; lineItems: Array<{ unitAmount: number; accountCode: string }> };
      const there = xeroInvoices.filter((i) => i.InvoiceNumber === sent.invoiceNumber);
      expect(there).toHaveLength(1);
      expect(there[0]!.LineItems.map((l) => [l.UnitAmount, l.AccountCode])).toEqual(sent.lineItems.map((l) => [l.unitAmount, l.accountCode]));
    }

    // No duplicate; the pre-filled ones linked; the different one flagged; nothing before the start date or in the locked period.
    expect(compareBooks(db, emu.admin).duplicates).toEqual([]);
    expect(org.contacts).toHaveLength(db.prepare("SELECT COUNT(*) FROM sync_records WHERE kind = 'tenant' AND status = 'synced'").pluck().get() as number);
    expect(actionTaken('invoice', differs.id, byHand)).toBe('needs_review');
    const sentDates = [
      ...xeroInvoices.filter((i) => !entered.some((e) => (e as { InvoiceNumber?: string }).InvoiceNumber === i.InvoiceNumber)).map((i) => i.Date),
      ...(org.payments as Array<{ Date: string }>).map((p) => p.Date),
    ].map((d) => String(d).slice(0, 10));
    expect(sentDates.length).toBeGreaterThan(0);
    expect(sentDates.filter((d) => d < START || d <= LOCK)).toEqual([]);
  }, 120_000);

  it('gives the preview a client that refuses every write', async () => {
    const c = readOnlyClient(await client());
    await expect(c.createContacts([{ name: 'X' }], 'k')).rejects.toThrow(/never writes to Xero/);
    await expect(c.deletePayment('p', 'k')).rejects.toThrow(/never writes to Xero/);
    expect(await c.getOrganisation()).toMatchObject({ name: ORG });
    expect(emu.admin.requests().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('through the contract: waits for a run under way, then shows what is left (nothing in flight, nothing written)', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sync-preview-services-'));
    const services = await createServices({
      dataDir, keychainService: `facility-sync-test-${process.pid}`, xeroSession: await connectedEmulatorSession(emu.url),
      xeroMinuteMs: 200, syncAutoStart: false,
    });
    const file = openDatabase(path.join(dataDir, DB_FILE_NAME));
    try {
      writeDemoData(file, generateDemoData({ seed: 7, locations: 1, tenants: 12, months: 2 }));
      saveMapping(file, demoMapping(emu.admin));
      const running = services.api.syncNow();
      const preview = await dispatch(services.api, 'previewSync', []);
      if (!preview.ok) throw new Error(preview.error.message);
      // The run had finished before the preview copied the data: everything it sent is no longer in the preview.
      expect((await running).state).toBe('idle');
      expect((preview.value as SyncPreview).records.filter((r) => r.action === 'in_flight' || r.action === 'create')).toEqual([]);
      const after = emu.admin.requests().length;
      expect((await dispatch(services.api, 'previewSync', [])).ok).toBe(true);
      expect(emu.admin.requests().slice(after).filter((e) => e.method !== 'GET')).toEqual([]);
      // Arguments are checked like every method's.
      expect(await dispatch(services.api, 'previewSync', [{ all: true }])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    } finally {
      await services.close();
      file.close();
    }
  }, 120_000);
});
