import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../../main/app-error';
import { openDatabase, type Db } from '../../main/db/open-database';
import { EMPTY_MAPPING } from '../../main/mapping/mapping';
import { checkMapping } from '../../main/mapping/mapping-check';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient } from '../../main/xero/api-client';
import { createItem, createTrackingOption } from '../../main/xero/reference-create';
import { refreshReferenceData, type ReferenceClient } from '../../main/xero/reference-mirror';
import { readReferenceData } from '../../main/xero/reference-store';
import { tempDbPath } from '../helpers/temp-db';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';

let emulator: XeroEmulator;
let client: ReferenceClient;
let db: Db;
let file: string;

async function clientFor(organisation?: string) {
  const session = await emulatorXeroSession(emulator, organisation);
  return createXeroApiClient(session, new OrgRateLimiter({ minuteMs: 600 }), { retries: 1, minRetryDelayMs: 10 });
}

beforeAll(async () => {
  emulator = await startXeroEmulator({ port: 0, minuteMs: 600 });
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  emulator.admin.reset();
  emulator.admin.setFaults({ offline: false, errorRate: 0 });
  client = await clientFor();
  file = tempDbPath('reference-mirror-');
  db = openDatabase(file);
  return () => db.close();
});

describe('refreshReferenceData', () => {
  test('pulls accounts, tax rates, tracking categories with options, items and the organisation into SQLite', async () => {
    const ref = await refreshReferenceData(db, client);
    expect(ref.organisation).toEqual({ tenantId: client.tenantId(), name: 'Demo Storage Co', baseCurrency: 'AUD' });
    expect(ref.accounts.find((a) => a.code === '090')).toMatchObject({ name: 'Business Bank Account', type: 'BANK', status: 'ACTIVE' });
    expect(ref.accounts.find((a) => a.code === '880')?.enablePayments).toBe(true);
    expect(ref.taxRates.find((t) => t.taxType === 'OUTPUT')).toMatchObject({ name: 'GST on Income', rate: 10, forRevenue: true });
    expect(ref.trackingCategories.map((c) => c.name).sort()).toEqual(['Location', 'Unit Type']);
    expect(ref.trackingCategories.find((c) => c.name === 'Location')?.options.map((o) => o.name)).toEqual(['Airport', 'Downtown', 'Harbourside']);
    expect(ref.items.map((i) => i.code)).toEqual(['INSURANCE', 'LATEFEE', 'LOCK', 'RENT']);
    expect(ref.items.find((i) => i.code === 'RENT')).toMatchObject({ accountCode: '200', taxType: 'OUTPUT' });
    expect(ref.fetchedAt).not.toBeNull();
  });

  test('is readable offline, from a reopened file, once pulled; a refresh while offline keeps the mirror', async () => {
    await refreshReferenceData(db, client);
    emulator.admin.setFaults({ offline: true });
    await expect(refreshReferenceData(db, client)).rejects.toThrow();
    db.close();
    db = openDatabase(file);
    const ref = readReferenceData(db);
    expect(ref.accounts.length).toBeGreaterThan(20);
    expect(ref.organisation?.name).toBe('Demo Storage Co');
  });

  test('asks only for what changed (If-Modified-Since) after the first pull; full refresh fetches everything', async () => {
    await refreshReferenceData(db, client);
    db.prepare("DELETE FROM xero_accounts WHERE code = '200'").run();
    // An item created in Xero by someone else shows up in the incremental refresh.
    await client.sdk((a, t) => a.createItems(t, { items: [{ code: 'BOX', name: 'Moving box' }] }));
    const incremental = await refreshReferenceData(db, client);
    expect(incremental.items.map((i) => i.code)).toContain('BOX');
    expect(incremental.accounts.some((a) => a.code === '200')).toBe(false);
    const full = await refreshReferenceData(db, client, { full: true });
    expect(full.accounts.some((a) => a.code === '200')).toBe(true);
  });

  test("another organisation's data replaces the mirror instead of mixing with it", async () => {
    await refreshReferenceData(db, client);
    await createTrackingOption(db, client, { categoryId: readReferenceData(db).trackingCategories[0]!.categoryId, name: 'Only In Demo' });
    const other = await refreshReferenceData(db, await clientFor('Harbour Storage Ltd'));
    expect(other.organisation?.name).toBe('Harbour Storage Ltd');
    expect(other.trackingCategories.flatMap((c) => c.options.map((o) => o.name))).not.toContain('Only In Demo');
    expect(new Set(other.accounts.map((a) => a.code)).size).toBe(other.accounts.length);
  });
});

describe('create in Xero', () => {
  test('a missing tracking option is created in Xero and appears in the mirror', async () => {
    await refreshReferenceData(db, client);
    const location = readReferenceData(db).trackingCategories.find((c) => c.name === 'Location')!;
    await createTrackingOption(db, client, { categoryId: location.categoryId, name: 'Sydney Central Storage' });
    expect(readReferenceData(db).trackingCategories.find((c) => c.name === 'Location')?.options.map((o) => o.name)).toContain('Sydney Central Storage');
    const err = await createTrackingOption(db, client, { categoryId: location.categoryId, name: 'Sydney Central Storage' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      'Xero did not create the tracking option "Sydney Central Storage": The tracking option Sydney Central Storage already exists in Location. Check the name in Xero (Settings > Tracking categories) and try again.',
    );
  });

  test('a missing item is created with its sales account and tax type; a bad account is explained', async () => {
    await refreshReferenceData(db, client);
    const item = await createItem(db, client, { code: 'DEPOSIT', name: 'Security deposit', accountCode: '260', taxType: 'BASEXCLUDED' });
    expect(item).toMatchObject({ code: 'DEPOSIT', accountCode: '260', taxType: 'BASEXCLUDED' });
    expect(readReferenceData(db).items.map((i) => i.code)).toContain('DEPOSIT');
    const err = await createItem(db, client, { code: 'BAD', name: 'Bad', accountCode: '999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain("Account code '999' is not a valid code.");
  });

  test("the mapping is checked against what Xero really has", async () => {
    await refreshReferenceData(db, client);
    const bank = readReferenceData(db).accounts.find((a) => a.code === '200')!;
    const issues = checkMapping(db, { ...EMPTY_MAPPING, paymentAccounts: { cash: bank.accountId } });
    expect(issues.find((i) => i.key === 'cash')?.message).toBe(
      'The account 200 Sales cannot take payments. Choose a bank account, or turn on "Enable payments to this account" for it in Xero.',
    );
  });
});
