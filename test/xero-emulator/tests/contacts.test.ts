import { describe, expect, it } from 'vitest';
import { failure, useEmulatorApi } from '../../helpers/emulator-clients';

const xero = useEmulatorApi();

describe('contacts', () => {
  it('creates contacts with PUT and finds them by ContactNumber', async () => {
    const res = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1', emailAddress: 'ada@example.com' }] });
    const c = res.body.contacts?.[0];
    expect(c?.contactID).toMatch(/^[0-9a-f-]{36}$/);
    expect(c?.updatedDateUTC).toBeInstanceOf(Date);
    const found = await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-1"');
    expect(found.body.contacts?.map((x) => x.name)).toEqual(['Ada Lovelace']);
    const one = await xero.api.getContact(xero.tenant, c?.contactID ?? '');
    expect(one.body.contacts?.[0]?.emailAddress).toBe('ada@example.com');
  });

  it('rejects a duplicate active name with Xero\'s canonical message (one 400 for the batch)', async () => {
    const err = await failure(xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Grace Hopper', contactNumber: 'T-2' }, { name: 'Ada Lovelace' }] }));
    expect(err.response.statusCode).toBe(400);
    expect(err.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred' });
    expect(err.body.Elements[1].ValidationErrors[0].Message).toBe(
      'The contact name Ada Lovelace is already assigned to another contact. The contact name must be unique across all active contacts.',
    );
    // The whole batch was rolled back: Grace was not created.
    expect((await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-2"')).body.contacts).toHaveLength(0);
  });

  it('with summarizeErrors=false keeps good elements and marks each one OK or ERROR', async () => {
    const res = await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Grace Hopper', contactNumber: 'T-2' }, { name: 'Someone', contactNumber: 'T-1' }, { emailAddress: 'x@y.io' }] }, false);
    expect(res.response.status).toBe(200);
    const [ok, dupNumber, anonymous] = res.body.contacts ?? [];
    expect(ok?.statusAttributeString).toBe('OK');
    expect(dupNumber?.statusAttributeString).toBe('ERROR');
    expect(dupNumber?.validationErrors?.[0]?.message).toMatch(/contact number T-1 is already assigned/);
    expect(anonymous?.validationErrors?.[0]?.message).toBe(
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    );
    expect((await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-2"')).body.contacts).toHaveLength(1);
  });

  it('updates with POST (by id and by ContactNumber) and archives', async () => {
    const [grace] = (await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-2"')).body.contacts ?? [];
    await xero.api.updateContact(xero.tenant, grace?.contactID ?? '', { contacts: [{ emailAddress: 'grace@example.com' }] });
    const upd = await xero.api.updateOrCreateContacts(xero.tenant, { contacts: [{ contactNumber: 'T-2', firstName: 'Grace' }] });
    expect(upd.body.contacts?.[0]).toMatchObject({ contactID: grace?.contactID, firstName: 'Grace', emailAddress: 'grace@example.com' });
    await xero.api.updateContact(xero.tenant, grace?.contactID ?? '', { contacts: [{ contactStatus: 'ARCHIVED' as never }] });
    expect((await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-2"')).body.contacts).toHaveLength(0);
    const withArchived = await xero.api.getContacts(xero.tenant, undefined, 'ContactNumber=="T-2"', undefined, undefined, undefined, true);
    expect(withArchived.body.contacts?.[0]?.contactStatus).toBe('ARCHIVED');
    // An archived name is free again for a new active contact.
    await xero.api.createContacts(xero.tenant, { contacts: [{ name: 'Grace Hopper' }] });
  });

  it('pages 100 per page, honours IDs and If-Modified-Since', async () => {
    const before = new Date(Date.now() - 1000);
    xero.emu.admin.advanceClock(5_000);
    const cutoff = new Date(Date.now() + 4_000);
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `Tenant ${i}`, contactNumber: `P-${i}` }));
    await xero.api.createContacts(xero.tenant, { contacts: many });
    const p1 = await xero.api.getContacts(xero.tenant, undefined, undefined, undefined, undefined, 1);
    const p2 = await xero.api.getContacts(xero.tenant, undefined, undefined, undefined, undefined, 2);
    expect(p1.body.contacts).toHaveLength(100);
    expect(p2.body.pagination).toMatchObject({ page: 2, pageSize: 100, pageCount: 2 });
    expect(p1.body.pagination?.itemCount).toBe((p1.body.contacts?.length ?? 0) + (p2.body.contacts?.length ?? 0));
    const recent = await xero.api.getContacts(xero.tenant, cutoff);
    expect(recent.body.contacts).toHaveLength(150);
    expect((await xero.api.getContacts(xero.tenant, before)).body.contacts?.length).toBeGreaterThan(150);
    const ids = (p1.body.contacts ?? []).slice(0, 3).map((c) => c.contactID ?? '');
    expect((await xero.api.getContacts(xero.tenant, undefined, undefined, undefined, ids)).body.contacts).toHaveLength(3);
  });

  it('answers 404 for an unknown contact id', async () => {
    const err = await failure(xero.api.getContact(xero.tenant, '00000000-0000-4000-a000-000000000000'));
    expect(err.response.statusCode).toBe(404);
  });
});
