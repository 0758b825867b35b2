import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database';
import { createFacilityRepository } from '../../main/facility/repository';
import type { InvoiceRow, PaymentRow, TenantRow } from '../../main/facility/types';
import { runSync } from '../../main/sync/engine';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient, type XeroApiClient } from '../../main/xero/api-client';
import { tempDbPath } from '../helpers/temp-db';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, openDemoDb, setDemoMapping, statusCounts } from '../helpers/sync-setup';

let emu: XeroEmulator;
let db: Db;
let client: XeroApiClient;

beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
  db = openDemoDb(tempDbPath('sync-changes-'));
  setDemoMapping(db, emu.admin);
  client = createXeroApiClient(await connectedEmulatorSession(emu.url), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }), {
    retries: 1, minRetryDelayMs: 5, timeoutMs: 5000,
  });
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const sync = () => runSync({ db, client, backoffBaseMs: 1 });
const org = () => emu.admin.state().organisations[0]!;
type WireContact = { ContactID: string; Name: string; ContactNumber?: string };

describe('changes and clashes', () => {
  it('sends a tenant whose name another Xero contact has as "Name (T-id)"', async () => {
    const t = db.prepare('SELECT id, external_id, name FROM tenants ORDER BY id LIMIT 1').get() as { id: number; external_id: string; name: string };
    await client.saveContacts([{ name: t.name, contactNumber: 'SOMEONE-ELSE' }], 'pre-existing');
    await sync();
    const contact = (org().contacts as WireContact[]).find((c) => c.ContactNumber === t.external_id);
    expect(contact?.Name).toBe(`${t.name} (${t.external_id})`);
    expect(statusCounts(db).failed ?? 0).toBe(0);
    expect(compareBooks(db, emu.admin).missing).toEqual([]);
  });

  it('updates the same Xero contact when a tenant is edited, and deletes the Xero payment when a payment is reversed', async () => {
    await sync();
    const repo = createFacilityRepository(db);
    const tenant = db.prepare('SELECT * FROM tenants ORDER BY id LIMIT 1').get() as TenantRow & { id: number };
    const contactId = db.prepare("SELECT xero_id FROM xero_links WHERE kind = 'tenant' AND record_id = ?").pluck().get(tenant.id);
    const { id: _tid, ...tenantRow } = tenant;
    repo.upsertTenant({ ...tenantRow, name: 'Renamed Tenant', updated_at: '2030-01-01T00:00:00.000Z' });
    const payment = db.prepare(
      "SELECT p.* FROM payments p JOIN xero_links l ON l.kind = 'payment' AND l.record_id = p.id WHERE p.status = 'completed' ORDER BY p.id LIMIT 1",
    ).get() as PaymentRow & { id: number };
    const paymentXeroId = db.prepare("SELECT xero_id FROM xero_links WHERE kind = 'payment' AND record_id = ?").pluck().get(payment.id);
    const { id: _pid, ...paymentRow } = payment;
    repo.upsertPayment({ ...paymentRow, status: 'reversed', updated_at: '2030-01-01T00:00:00.000Z' });
    const contactsBefore = org().contacts.length;
    await sync();
    const contact = (org().contacts as WireContact[]).find((c) => c.ContactID === contactId);
    expect(contact?.Name).toBe('Renamed Tenant');
    expect(org().contacts.length).toBe(contactsBefore);
    const xeroPayment = (org().payments as Array<{ PaymentID: string; Status: string }>).find((p) => p.PaymentID === paymentXeroId);
    expect(xeroPayment?.Status).toBe('DELETED');
    expect(statusCounts(db).failed ?? 0).toBe(0);
  });

  it('flags an edited invoice that Xero no longer lets change (paid) with the reason', async () => {
    await sync();
    const paid = (org().invoices as Array<{ InvoiceID: string; Status: string }>).find((i) => i.Status === 'PAID');
    expect(paid).toBeDefined();
    const invoiceId = db.prepare("SELECT record_id FROM xero_links WHERE kind = 'invoice' AND xero_id = ?").pluck().get(paid?.InvoiceID) as number;
    const inv = db.prepare('SELECT external_id, invoice_number, tenant_id, unit_id, issue_date, due_date, status, updated_at FROM invoices WHERE id = ?').get(invoiceId) as InvoiceRow;
    createFacilityRepository(db).upsertInvoice({ ...inv, due_date: '2031-01-31', updated_at: '2030-01-01T00:00:00.000Z' });
    await sync();
    const rec = db.prepare("SELECT status, error_code, error_explanation, error_fix FROM sync_records WHERE kind = 'invoice' AND record_id = ?").get(invoiceId) as Record<string, string>;
    expect(rec).toMatchObject({ status: 'failed', error_code: 'invoice_locked' });
    expect(rec.error_fix).toBeTruthy();
  });
});
