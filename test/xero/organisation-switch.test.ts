/**
 * The organisation is part of the sync state (issue 12): connecting to another organisation than
 * the one the records were sent to asks first, sends nothing until the user says yes, and then
 * sends everything to the new one; switching back sends nothing twice.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Api, XeroConnectionStatus } from '../../contract';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { startFastConnectionFixture, type ConnectionFixture } from '../helpers/connection-fixture';

let f: ConnectionFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function connectTo(fx: ConnectionFixture, name: string): Promise<XeroConnectionStatus> {
  fx.consent = { organisation: name };
  let status = await fx.services.api.connectXero();
  if (status.organisation?.name !== name) {
    const org = status.organisations?.find((o) => o.name === name);
    if (!org) throw new Error(`${name} is not among ${JSON.stringify(status)}`);
    status = await fx.services.api.chooseXeroOrganisation(org.tenantId);
  }
  return status;
}

/** Loads Xero's lists, takes the suggested mapping (no tracking: the sample sites have no options in Xero), and syncs. */
async function mapAndSync(api: Api): Promise<void> {
  await api.refreshReferenceData();
  const suggested = (await api.suggestMapping()).mapping;
  await api.setMapping({ ...suggested, tracking: [] });
  await api.syncNow();
}

const nonSynced = async (api: Api) => {
  const d = await api.getDashboard();
  // Every kind; left out is not waiting (reversed payments, the sample's duplicate invoice voided before it was sent).
  return Object.values(d.counts).reduce((sum, c) => sum + c.nonSynced - c.excluded, 0);
};

describe('switching organisation', () => {
  test('asks first, sends nothing meanwhile, then sends everything to the new organisation; switching back sends nothing twice', async () => {
    f = await startFastConnectionFixture();
    const { api } = f.services;
    expect((await connectTo(f, 'Demo Storage Co')).organisationSwitch).toBeUndefined();
    await api.importFacilityData({ path: SAMPLE_CSV_DIR });
    await mapAndSync(api);
    expect(await nonSynced(api)).toBe(0);
    // What an organisation holds now (the emulator's state is a snapshot).
    const books = (name: string) => {
      const orgs = f!.emulator.admin.state().organisations as unknown as Array<{ name: string; contacts: unknown[]; invoices: unknown[]; payments: unknown[] }>;
      const o = orgs.find((x) => x.name === name)!;
      return { contacts: o.contacts.length, invoices: o.invoices.length, payments: o.payments.length };
    };
    const sentToDemo = books('Demo Storage Co');
    expect(sentToDemo.contacts).toBeGreaterThan(0);

    // Reconnecting to the same organisation changes nothing.
    expect((await connectTo(f, 'Demo Storage Co')).organisationSwitch).toBeUndefined();
    expect(await nonSynced(api)).toBe(0);

    // Another organisation: the question, and nothing is sent.
    const status = await connectTo(f, 'Harbour Storage Ltd');
    expect(status.organisationSwitch).toMatchObject({ syncedTo: 'Demo Storage Co', connectedTo: 'Harbour Storage Ltd', records: expect.any(Number) });
    expect(status.organisationSwitch?.message).toMatch(/^Your records were sent to Demo Storage Co\. Harbour Storage Ltd has none of them: switch and send everything/);
    const sync = await api.syncNow();
    expect(sync.state).toBe('not_connected');
    expect(sync.message).toMatch(/Connected to Harbour Storage Ltd, but your records were sent to Demo Storage Co/);
    expect(books('Harbour Storage Ltd')).toEqual({ contacts: 0, invoices: 0, payments: 0 });
    expect(await nonSynced(api)).toBe(0);

    // Yes: everything is not synced for Harbour, and goes there.
    const switched = await api.switchXeroOrganisation();
    expect(switched.organisationSwitch).toBeUndefined();
    expect(await nonSynced(api)).toBe(status.organisationSwitch?.records);
    await mapAndSync(api);
    expect(await nonSynced(api)).toBe(0);
    expect(books('Harbour Storage Ltd')).toEqual(sentToDemo);

    // Back to Demo Storage Co: it holds every record as it is, so nothing is sent again.
    expect((await connectTo(f, 'Demo Storage Co')).organisationSwitch?.syncedTo).toBe('Harbour Storage Ltd');
    await api.switchXeroOrganisation();
    expect(await nonSynced(api)).toBe(0);
    await mapAndSync(api);
    expect(books('Demo Storage Co')).toEqual(sentToDemo);
  });
});
