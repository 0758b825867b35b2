import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient } from '../../main/xero/api-client';
import { XeroApiError } from '../../main/xero/xero-api-error';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator;
beforeEach(async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 200, limits: { perMinute: 1000 } });
});
afterEach(async () => {
  await emu.close();
});

async function client(retries = 2) {
  const session = await connectedEmulatorSession(emu.url);
  const limiter = new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 });
  return { session, limiter, client: createXeroApiClient(session, limiter, { retries, minRetryDelayMs: 5, maxRetryDelayMs: 10, timeoutMs: 300 }) };
}

describe('Xero API client against the emulator', () => {
  it('creates contacts with an Idempotency-Key and summarizeErrors=false: one result per element, errors per element', async () => {
    const { client: c } = await client();
    const res = await c.saveContacts([{ name: 'Jane Smith', contactNumber: 'T-1' }, { name: '', contactNumber: 'T-2' }], 'key-1');
    expect(res.body.contacts?.[0]?.contactID).toBeTruthy();
    expect(res.body.contacts?.[1]?.statusAttributeString).toBe('ERROR');
    const log = emu.admin.requests().find((r) => r.method === 'POST' && r.path.endsWith('/Contacts'));
    expect(log?.idempotencyKey).toBe('key-1');
    // Same key, same request: Xero replays the first answer instead of creating again.
    await c.saveContacts([{ name: 'Jane Smith', contactNumber: 'T-1' }, { name: '', contactNumber: 'T-2' }], 'key-1');
    expect(emu.admin.state().organisations[0]?.contacts.filter((x) => (x as { ContactNumber?: string }).ContactNumber === 'T-1')).toHaveLength(1);
  });

  it('turns xero-node string rejections into typed errors (not transient for a refused request)', async () => {
    const { client: c } = await client();
    const err = await c.findContacts('Name == ').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroApiError);
    expect((err as XeroApiError).status).toBe(400);
    expect((err as XeroApiError).transient).toBe(false);
  });

  it('retries 500s and refreshes the token once after a 401', async () => {
    const { client: c, session } = await client(6);
    emu.admin.setFaults({ expireAllTokens: true });
    expect((await c.getOrganisation())?.name).toBeTruthy();
    expect(session.tokensIssued).toBe(2);
    // Deterministic 500s: the client's 6 retries outlast 5 failures; the 6th attempt answers.
    const before = emu.admin.requests().length;
    emu.admin.setFaults({ failNext: 5 });
    expect((await c.getOrganisation())?.name).toBeTruthy();
    expect(emu.admin.requests().slice(before).map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200]);
    // More failures than retries: the 500 reaches the caller as a typed, transient error.
    emu.admin.setFaults({ failNext: 7 });
    const err = (await c.getOrganisation().catch((e: unknown) => e)) as XeroApiError;
    expect(err).toBeInstanceOf(XeroApiError);
    expect(err.status).toBe(500);
    expect(err.transient).toBe(true);
    expect(emu.admin.state().faults.failNext).toBe(0);
  });

  it('reports a dropped connection as a network failure whose outcome is unknown', async () => {
    const { client: c } = await client(0);
    emu.admin.setFaults({ offline: true });
    const err = (await c.getOrganisation().catch((e: unknown) => e)) as XeroApiError;
    expect(err).toBeInstanceOf(XeroApiError);
    expect(err.kind).toBe('network');
    expect(err.outcomeUnknown).toBe(true);
  });

  it('feeds 429 Retry-After to the limiter and gets through after waiting', async () => {
    await emu.close();
    emu = await startXeroEmulator({ port: 0, minuteMs: 500, limits: { perMinute: 3 } });
    const { client: c, limiter } = await client();
    // Eight at once against 3 per window: some certainly get 429, however slow the machine.
    const orgs = await Promise.all(Array.from({ length: 8 }, () => c.getOrganisation()));
    expect(orgs.every((o) => o?.name)).toBe(true);
    expect(limiter.stats.rateLimited).toBeGreaterThan(0);
    expect(emu.admin.requests().filter((r) => r.status === 429).length).toBe(limiter.stats.rateLimited);
  });
});
