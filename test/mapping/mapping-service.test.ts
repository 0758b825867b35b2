import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import { argSchemas } from '../../contract/schemas';
import { createServices, type Services } from '../../main/services';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';

/**
 * The Synchronize contract methods through the composition root, against the emulator, together
 * with the real sync engine: records that fail for want of a mapping sync once it is saved.
 */
let emulator: XeroEmulator;
let services: Services;
let dataDir: string;
const notices: string[] = [];
const refreshed: string[] = [];

beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 600 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mapping-service-'));
  services = await createServices({
    dataDir, xeroBaseUrl: emulator.url, xeroSession: await emulatorXeroSession(emulator), xeroMinuteMs: 600, syncAutoStart: false,
  });
  services.events.on('app:notice', (n) => notices.push(n.message));
  services.events.on('xero:reference-data', (e) => refreshed.push(e.fetchedAt));
});

afterAll(async () => {
  await services?.close();
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const counts = async (kind: 'invoices' | 'payments') => (await services.api.queryReport({ kind, status: 'all' })).counts!;

describe('mapping service', () => {
  test('before anything is loaded, the mapping says what to do, and the mirror is empty but readable', async () => {
    const view = await services.api.getMapping();
    expect(view.mapping.tracking).toEqual([]);
    expect(view.issues[0]?.message).toContain('Refresh from Xero');
    expect((await services.api.getReferenceData()).accounts).toEqual([]);
  });

  test('connecting loads the mirror in the background and tells the tab', async () => {
    const loaded = new Promise<string>((resolve) => services.events.on('xero:reference-data', (e) => resolve(e.fetchedAt)));
    services.events.emit('xero:connection', { state: 'connected', organisation: { tenantId: emulator.admin.tenantId(), name: 'Demo Storage Co' } });
    expect(await loaded).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await services.api.getReferenceData()).organisation?.name).toBe('Demo Storage Co');
  });

  test('unmapped records fail with the fix; saving the suggested mapping queues them again and they sync', async () => {
    await services.api.importFacilityData({ path: SAMPLE_CSV_DIR });
    await services.api.syncNow();
    const nonSynced = (await services.api.queryReport({ kind: 'invoices', status: 'non-synced' })).rows;
    // The sample's voided duplicate (INV-5006) never reached Xero, so it is left out rather than sent.
    expect(nonSynced.filter((r) => r.status === 'excluded').map((r) => r.error?.code)).toEqual(['voided_before_sync']);
    const failed = nonSynced.filter((r) => r.status !== 'excluded');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.error?.code === 'mapping_charge_type')).toBe(true);
    expect(failed[0]?.error?.fix).toContain('Synchronize > Products/Services: map');
    // The sample's credit notes wait for the same mapping.
    const creditNotes = (await services.api.queryReport({ kind: 'credit-notes', status: 'non-synced' })).rows;
    expect(creditNotes.length).toBe(3);
    // ... and the sample's prepayment waits for its payment method's bank account.
    const prepayments = (await services.api.queryReport({ kind: 'prepayments', status: 'non-synced' })).rows;
    expect(prepayments.map((r) => r.error?.code)).toEqual(['mapping_payment_account']);

    await services.api.refreshReferenceData();
    expect(refreshed).toHaveLength(2);
    const suggested = (await services.api.suggestMapping()).mapping;
    // Location options for the facility's sites do not exist in Xero: map by unit type only here.
    const mapping: Mapping = { ...suggested, tracking: [] };
    const saved = await services.api.setMapping(mapping);
    expect(saved.requeued).toBe(failed.length + creditNotes.length + prepayments.length);
    expect(saved.issues.filter((i) => i.severity === 'error')).toEqual([]);

    await services.api.syncNow();
    const invoices = await counts('invoices');
    expect(invoices.synced + invoices.excluded).toBe(invoices.total);
    const payments = await counts('payments');
    expect(payments.synced + payments.excluded).toBe(payments.total);
    const org = emulator.admin.state() as unknown as { organisations: Array<{ invoices: Array<{ LineItems: Array<{ ItemCode?: string }> }> }> };
    expect(JSON.stringify(org)).toContain('"ItemCode":"RENT"');
  });

  test('Create in Xero adds a tracking option and an item, readable afterwards from the mirror', async () => {
    const ref = await services.api.getReferenceData();
    const location = ref.trackingCategories.find((c) => c.name === 'Location')!;
    const afterOption = await services.api.createTrackingOption({ categoryId: location.categoryId, name: 'Melbourne North Storage' });
    expect(afterOption.trackingCategories.find((c) => c.name === 'Location')?.options.map((o) => o.name)).toContain('Melbourne North Storage');
    const afterItem = await services.api.createItem({ code: 'SECURITYDEPOSIT', name: 'Security Deposit', accountCode: '260', taxType: 'BASEXCLUDED' });
    expect(afterItem.items.find((i) => i.code === 'SECURITYDEPOSIT')).toMatchObject({ accountCode: '260', taxType: 'BASEXCLUDED' });
  });

  test('offline: refresh explains itself in plain words and the tab keeps working from the mirror', async () => {
    emulator.admin.setFaults({ offline: true });
    try {
      const err = await services.api.refreshReferenceData().catch((e: Error) => e);
      expect(err).toMatchObject({ code: 'offline' });
      expect((err as Error).message).toBe(
        'Facility Sync could not load the accounts, tax rates, categories and items from Xero: Xero could not be reached. The Synchronize tab keeps showing the last copy; try Refresh from Xero again when you are online.',
      );
      expect((await services.api.getReferenceData()).accounts.length).toBeGreaterThan(0);
      expect((await services.api.getMapping()).mapping.chargeTypes['CT-RENT']?.itemCode).toBe('RENT');
    } finally {
      emulator.admin.setFaults({ offline: false });
    }
  });

  test('setMapping arguments are validated at the boundary', () => {
    const good: Mapping = { tracking: [], chargeTypes: { 'CT-RENT': { itemCode: 'RENT', accountCode: null, taxType: null } }, paymentAccounts: { cash: 'x' }, lineAmountTypes: 'Inclusive' };
    expect(argSchemas.setMapping.safeParse([good]).success).toBe(true);
    expect(argSchemas.setMapping.safeParse([{ ...good, lineAmountTypes: 'Gross' }]).success).toBe(false);
    expect(argSchemas.setMapping.safeParse([{ ...good, paymentAccounts: { bitcoin: 'x' } }]).success).toBe(false);
    expect(argSchemas.setMapping.safeParse([{ ...good, chargeTypes: { 'CT-RENT': { itemCode: 'X'.repeat(31), accountCode: null, taxType: null } } }]).success).toBe(false);
  });
});
