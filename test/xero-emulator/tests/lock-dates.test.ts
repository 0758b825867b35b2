/**
 * Lock dates over real HTTP through xero-node: the admin route and method, GET Organisation in
 * Xero's date format, and Xero's refusal of every write dated on or before a lock date (invoices,
 * credit notes, payments, refunds, allocations, voids and deletions), while drafts still save.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice } from 'xero-node';
import { apiFor, failure, useEmulatorApi } from '../../helpers/emulator-clients';
import { startXeroEmulator } from '../index';

const xero = useEmulatorApi({ limits: { perMinute: 1000 } });
const PERIOD = 'The document date cannot be before the period lock date, currently set at 31-Mar-2026';
const YEAR_END = 'The document date cannot be before the end of year lock date, currently set at 31-Dec-2025';

const line = { description: 'Rent', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'EXEMPTOUTPUT' };
const invoice = (date: string, over: Partial<Invoice> = {}): Invoice => ({
  type: Invoice.TypeEnum.ACCREC, contact: { contactNumber: 'L-1' }, date, dueDate: date, status: Invoice.StatusEnum.AUTHORISED, lineItems: [line], ...over,
});
const creditNote = (date: string): CreditNote => ({
  type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { contactNumber: 'L-1' }, date, status: CreditNote.StatusEnum.AUTHORISED, lineItems: [{ ...line, unitAmount: 10 }],
});
const messages = (els: Array<{ validationErrors?: Array<{ message?: string }> }> = []) => els.map((e) => e.validationErrors?.map((v) => v.message) ?? []);

async function setLocks(body: Record<string, unknown>) {
  const res = await fetch(`${xero.emu.url}/__emulator/organisations/${xero.tenant}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let openInvoice = '';
let openCredit = '';
let openPayment = '';
let openAllocation = '';
beforeAll(async () => {
  await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Lock Tenant', contactNumber: 'L-1' }] });
  // Written before any lock: a document, payment and allocation dated 2026-03-15.
  openInvoice = (await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-03-15', { lineItems: [{ ...line, unitAmount: 300 }] })] })).body.invoices?.[0]?.invoiceID ?? '';
  openCredit = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote('2026-03-15')] })).body.creditNotes?.[0]?.creditNoteID ?? '';
  openPayment = (await xero.api.createPayments(xero.tenant, { payments: [{ invoice: { invoiceID: openInvoice }, account: { code: '090' }, amount: 20, date: '2026-03-15' }] })).body.payments?.[0]?.paymentID ?? '';
  openAllocation = (await xero.api.createCreditNoteAllocation(xero.tenant, openCredit, { allocations: [{ invoice: { invoiceID: openInvoice }, amount: 5, date: '2026-03-15' }] })).body.allocations?.[0]?.allocationID ?? '';
});

describe('setting lock dates', () => {
  it('GET Organisation shows no lock date until one is set, then both in Xero\'s date format', async () => {
    const before = (await xero.api.getOrganisations(xero.tenant)).body.organisations?.[0];
    expect(before?.periodLockDate).toBeUndefined();
    expect(before?.endOfYearLockDate).toBeUndefined();
    const set = await setLocks({ PeriodLockDate: '2026-03-31', EndOfYearLockDate: '2025-12-31' });
    expect(set).toEqual({ status: 200, body: { tenantId: xero.tenant, PeriodLockDate: '2026-03-31', EndOfYearLockDate: '2025-12-31' } });
    const raw = (await (await fetch(`${xero.emu.url}/api.xro/2.0/Organisation`, {
      headers: { authorization: `Bearer ${(await apiFor(xero.emu)).tokens.access_token}`, 'xero-tenant-id': xero.tenant, accept: 'application/json' },
    })).json()) as { Organisations: Array<Record<string, unknown>> };
    expect(raw.Organisations[0]).toMatchObject({ PeriodLockDate: `/Date(${Date.UTC(2026, 2, 31)}+0000)/`, EndOfYearLockDate: `/Date(${Date.UTC(2025, 11, 31)}+0000)/` });
  });

  it('refuses a date that is not YYYY-MM-DD and an unknown organisation, changing nothing', async () => {
    expect((await setLocks({ PeriodLockDate: '2026-02-30', EndOfYearLockDate: null })).status).toBe(400);
    expect((await setLocks({ PeriodLockDate: '31/03/2026' })).body.error).toMatch(/PeriodLockDate must be a date YYYY-MM-DD/);
    const res = await fetch(`${xero.emu.url}/__emulator/organisations/no-such-tenant`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(xero.emu.admin.setLockDates(xero.tenant, {})).toEqual({ tenantId: xero.tenant, PeriodLockDate: '2026-03-31', EndOfYearLockDate: '2025-12-31' });
  });
});

describe('writes in a locked period (period lock 31 Mar 2026, end of year 31 Dec 2025)', () => {
  it('refuses an approved invoice dated on or before the lock date with Xero\'s message, one per lock that covers it', async () => {
    const res = await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-03-31'), invoice('2025-12-31'), invoice('2026-04-01')] }, false);
    expect(messages(res.body.invoices)).toEqual([[PERIOD], [PERIOD, YEAR_END], []]);
    // The default (summarizeErrors=true) refuses the whole batch with a 400.
    const f = await failure(xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-03-01')] }));
    expect(f.response.statusCode).toBe(400);
    expect(f.body.Elements[0].ValidationErrors[0].Message).toBe(PERIOD);
  });

  it('still saves a draft dated in the locked period, and refuses approving it there', async () => {
    const draft = await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-03-20', { status: Invoice.StatusEnum.DRAFT })] }, false);
    expect(messages(draft.body.invoices)).toEqual([[]]);
    const id = draft.body.invoices?.[0]?.invoiceID ?? '';
    const approve = await xero.api.updateInvoice(xero.tenant, id, { invoices: [{ status: Invoice.StatusEnum.AUTHORISED }] }, undefined, undefined, undefined).catch((e: unknown) => e);
    expect(JSON.stringify(approve)).toContain(PERIOD);
  });

  it('refuses voiding an approved invoice dated in the locked period', async () => {
    const f = await failure(xero.api.updateInvoice(xero.tenant, openInvoice, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }));
    expect(JSON.stringify(f.body)).toContain(PERIOD);
  });

  it('refuses credit notes, payments, refunds and allocations dated in the locked period, and accepts them after it', async () => {
    const cns = await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote('2026-02-01'), creditNote('2026-04-01')] }, false);
    expect(messages(cns.body.creditNotes)).toEqual([[PERIOD], []]);
    const open = await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-04-02')] });
    const inv = open.body.invoices?.[0]?.invoiceID ?? '';
    const cn = cns.body.creditNotes?.[1]?.creditNoteID ?? '';
    const pays = await xero.api.createPayments(xero.tenant, { payments: [
      { invoice: { invoiceID: inv }, account: { code: '090' }, amount: 10, date: '2026-03-31', reference: 'FS-PAY:L1' },
      { creditNote: { creditNoteID: cn }, account: { code: '090' }, amount: 1, date: '2026-01-10', reference: 'FS-REF:L1' },
      { invoice: { invoiceID: inv }, account: { code: '090' }, amount: 10, date: '2026-04-02', reference: 'FS-PAY:L2' },
    ] }, false);
    expect(messages(pays.body.payments)).toEqual([[PERIOD], [PERIOD], []]);
    const alloc = await xero.api.createCreditNoteAllocation(xero.tenant, cn, { allocations: [{ invoice: { invoiceID: inv }, amount: 1, date: '2026-03-30' }] }, false);
    expect(messages(alloc.body.allocations as never)).toEqual([[PERIOD]]);
    const ok = await xero.api.createCreditNoteAllocation(xero.tenant, cn, { allocations: [{ invoice: { invoiceID: inv }, amount: 1, date: '2026-04-03' }] }, false);
    expect(messages(ok.body.allocations as never)).toEqual([[]]);
  });

  it('refuses deleting a payment or an allocation dated in the locked period', async () => {
    const f = await failure(xero.api.deletePayment(xero.tenant, openPayment, { status: 'DELETED' }));
    expect(f.response.statusCode).toBe(400);
    expect(f.body.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toEqual([PERIOD]);
    const g = await failure(xero.api.deleteCreditNoteAllocations(xero.tenant, openCredit, openAllocation));
    expect(g.body.Elements[0].ValidationErrors[0].Message).toBe(PERIOD);
  });

  it('writes again once the lock date moves earlier or is removed', async () => {
    xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: '2026-02-28' });
    const res = await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2026-03-01'), invoice('2026-02-28')] }, false);
    expect(messages(res.body.invoices)).toEqual([[], ['The document date cannot be before the period lock date, currently set at 28-Feb-2026']]);
    expect(xero.emu.admin.setLockDates(xero.tenant, { PeriodLockDate: null, EndOfYearLockDate: null })).toMatchObject({ PeriodLockDate: null, EndOfYearLockDate: null });
    const org = (await xero.api.getOrganisations(xero.tenant)).body.organisations?.[0];
    expect(org?.periodLockDate).toBeUndefined();
    expect(messages((await xero.api.createInvoices(xero.tenant, { invoices: [invoice('2020-01-01')] }, false)).body.invoices)).toEqual([[]]);
  });
});

describe('--state-file', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  it('keeps lock dates across restarts', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'xero-emu-lock-')), 'state.json');
    const a = await startXeroEmulator({ stateFile });
    a.admin.setLockDates('Demo Storage Co', { EndOfYearLockDate: '2025-06-30' });
    await a.close();
    const b = await startXeroEmulator({ stateFile });
    closers.push(() => b.close());
    const { api, tenantId } = await apiFor(b);
    // xero-node reads Xero's /Date(ms+0000)/ into a Date.
    expect(new Date((await api.getOrganisations(tenantId)).body.organisations?.[0]?.endOfYearLockDate as string).toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });
});
