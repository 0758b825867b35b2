import { describe, expect, it } from 'vitest';
import { failure, useEmulatorApi } from '../../helpers/emulator-clients';

const xero = useEmulatorApi();

describe('organisation and settings', () => {
  it('returns the default AU organisation in Xero wire format', async () => {
    const res = await xero.api.getOrganisations(xero.tenant);
    const org = res.body.organisations?.[0];
    expect(org?.name).toBe('Demo Storage Co');
    expect(org?.baseCurrency).toBe('AUD');
    expect(org?.organisationID).toBe(xero.tenant);
    const raw = res.response.data as { Organisations: Array<{ CreatedDateUTC: string }> };
    expect(raw.Organisations[0]?.CreatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
  });

  it('seeds a realistic chart of accounts and filters it with where', async () => {
    const all = (await xero.api.getAccounts(xero.tenant)).body.accounts ?? [];
    const codes = all.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['090', '091', '200', '260', '610', '800', '820']));
    const banks = (await xero.api.getAccounts(xero.tenant, undefined, 'Type=="BANK"')).body.accounts ?? [];
    expect(banks.map((a) => a.code)).toEqual(['090', '091']);
    const revenue = (await xero.api.getAccounts(xero.tenant, undefined, 'Type=="REVENUE" AND Code=="260"')).body.accounts ?? [];
    expect(revenue.map((a) => a.name)).toEqual(['Other Revenue']);
  });

  it('reads where with AND binding tighter than OR, parentheses, NOT and string functions', async () => {
    const codes = async (where: string) => ((await xero.api.getAccounts(xero.tenant, undefined, where)).body.accounts ?? []).map((a) => a.code);
    expect(await codes('Type=="BANK" OR Type=="REVENUE" AND Code=="260"')).toEqual(['090', '091', '260']);
    expect(await codes('(Type=="BANK" || Type=="REVENUE") && Code=="260"')).toEqual(['260']);
    expect(await codes('Type=="REVENUE" AND NOT Code=="200" AND !(Code=="270")')).toEqual(['260']);
    expect(await codes('Name.StartsWith("Business") OR Code=="200" OR Code=="610"')).toEqual(['090', '091', '200', '610']);
  });

  it('lists tax rates usable on revenue', async () => {
    const rates = (await xero.api.getTaxRates(xero.tenant)).body.taxRates ?? [];
    expect(rates.find((r) => r.taxType === 'OUTPUT')).toMatchObject({ effectiveRate: 10, canApplyToRevenue: true });
    const exempt = (await xero.api.getTaxRates(xero.tenant, 'TaxType=="EXEMPTOUTPUT"')).body.taxRates ?? [];
    expect(exempt).toHaveLength(1);
  });

  it('rejects a where clause it cannot parse with 400', async () => {
    const err = await failure(xero.api.getAccounts(xero.tenant, undefined, 'Type=="BANK'));
    expect(err.response.statusCode).toBe(400);
    expect(err.body.Type).toBe('QueryParseException');
  });
});

describe('tracking categories', () => {
  it('lists the two active categories with their options', async () => {
    const cats = (await xero.api.getTrackingCategories(xero.tenant)).body.trackingCategories ?? [];
    expect(cats.map((c) => c.name)).toEqual(['Location', 'Unit Type']);
    expect(cats[0]?.options?.map((o) => o.name)).toEqual(['Downtown', 'Harbourside', 'Airport']);
  });

  it('allows at most 2 active categories, and options can be added', async () => {
    const err = await failure(xero.api.createTrackingCategory(xero.tenant, { name: 'Building' }));
    expect(err.response.statusCode).toBe(400);
    expect(err.body.Elements[0].ValidationErrors[0].Message).toBe('You can only have 2 active tracking categories.');
    const cats = (await xero.api.getTrackingCategories(xero.tenant)).body.trackingCategories ?? [];
    const location = cats[0]?.trackingCategoryID ?? '';
    const added = await xero.api.createTrackingOptions(xero.tenant, location, { name: 'Seaport' });
    expect(added.body.options?.[0]?.name).toBe('Seaport');
    await xero.api.updateTrackingCategory(xero.tenant, cats[1]?.trackingCategoryID ?? '', { name: 'Unit Type', status: 'ARCHIVED' as never });
    const created = await xero.api.createTrackingCategory(xero.tenant, { name: 'Building' });
    expect(created.body.trackingCategories?.[0]?.status).toBe('ACTIVE');
  });
});

describe('items', () => {
  it('lists seeded items and creates new ones; duplicates fail', async () => {
    const items = (await xero.api.getItems(xero.tenant, undefined, 'Code=="RENT"')).body.items ?? [];
    expect(items[0]?.salesDetails).toMatchObject({ unitPrice: 120, accountCode: '200', taxType: 'OUTPUT' });
    const created = await xero.api.createItems(xero.tenant, { items: [{ code: 'BOX', name: 'Moving box', salesDetails: { unitPrice: 4.5, accountCode: '200' } }] });
    expect(created.body.items?.[0]?.itemID).toBeTruthy();
    const err = await failure(xero.api.createItems(xero.tenant, { items: [{ code: 'BOX', name: 'Box again' }] }));
    expect(err.body.Elements[0].ValidationErrors[0].Message).toBe("Item code 'BOX' already exists.");
    const updated = await xero.api.updateOrCreateItems(xero.tenant, { items: [{ code: 'BOX', name: 'Moving box (large)' }] });
    expect(updated.body.items?.[0]?.name).toBe('Moving box (large)');
  });
});
