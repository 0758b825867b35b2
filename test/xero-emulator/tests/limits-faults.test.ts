import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startXeroEmulator, type XeroEmulator, type XeroEmulatorOptions } from '../index';
import { accounting, apiFor, failure } from '../../helpers/emulator-clients';

let emu: XeroEmulator | undefined;
const start = async (o: XeroEmulatorOptions = {}) => (emu = await startXeroEmulator(o));
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('rate limits', () => {
  it('allows 60 calls per minute per organisation, then 429 with Retry-After; the window rolls over', async () => {
    // Xero's real minute on the emulator clock: however slow the machine, the 100 calls fit in it.
    const e = await start({ minuteMs: 60_000 });
    const { api, tenantId } = await apiFor(e);
    const first = await api.getOrganisations(tenantId);
    expect(first.response.headers['x-minlimit-remaining']).toBe('59');
    expect(first.response.headers['x-daylimit-remaining']).toBe('4999');
    expect(first.response.headers['x-appminlimit-remaining']).toBe('9999');
    const statuses: number[] = [];
    for (let i = 0; i < 99; i++) {
      statuses.push(await api.getTaxRates(tenantId).then(() => 200, (err: string) => JSON.parse(err).response.statusCode as number));
    }
    const ok = statuses.filter((s) => s === 200).length;
    const limitedCount = statuses.filter((s) => s === 429).length;
    console.log(`rate-limited run (100 sequential calls within one minute): ${ok + 1} x 200, ${limitedCount} x 429`);
    expect(ok + 1).toBe(60);
    expect(limitedCount).toBe(40);
    const limited = await failure(api.getTaxRates(tenantId));
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers['x-rate-limit-problem']).toBe('minute');
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    e.admin.advanceClock(60_050);
    await expect(api.getTaxRates(tenantId)).resolves.toBeTruthy();
  });

  it('refuses a 6th concurrent call and enforces the daily quota', async () => {
    const e = await start({ limits: { perDay: 8 } });
    const { api, tenantId } = await apiFor(e);
    e.admin.setFaults({ latencyMs: 400 }); // long enough that all seven overlap on a busy machine
    const results = await Promise.allSettled(Array.from({ length: 7 }, () => api.getItems(tenantId)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => JSON.parse((r as PromiseRejectedResult).reason as string));
    expect(refused).toHaveLength(2);
    expect(refused[0].response.headers['x-rate-limit-problem']).toBe('concurrent');
    e.admin.setFaults({ latencyMs: 0 });
    await api.getItems(tenantId);
    await api.getItems(tenantId);
    await api.getItems(tenantId);
    const day = await failure(api.getItems(tenantId));
    expect(day.response.headers['x-rate-limit-problem']).toBe('day');
    expect(day.response.headers['x-daylimit-remaining']).toBe('0');
  });
});

describe('idempotency and body limit', () => {
  it('replays the first answer for the same key and refuses the key on a different request', async () => {
    const e = await start();
    const { api, tenantId } = await apiFor(e);
    const first = await api.createContacts(tenantId, { contacts: [{ name: 'Once' }] }, true, 'key-1');
    const replay = await api.createContacts(tenantId, { contacts: [{ name: 'Once' }] }, true, 'key-1');
    expect(replay.body.contacts?.[0]?.contactID).toBe(first.body.contacts?.[0]?.contactID);
    expect(replay.response.headers['idempotent-replayed']).toBe('true');
    expect((await api.getContacts(tenantId, undefined, 'Name=="Once"')).body.contacts).toHaveLength(1);
    const other = await failure(api.createContacts(tenantId, { contacts: [{ name: 'Twice' }] }, true, 'key-1'));
    expect(other.response.statusCode).toBe(400);
    expect(other.body.Detail).toMatch(/Idempotency Key key-1 is used with a different request/);
    e.admin.advanceClock(6 * 60_000 + 1000);
    const fresh = await failure(api.createContacts(tenantId, { contacts: [{ name: 'Once' }] }, true, 'key-1'));
    expect(fresh.body.Elements[0].ValidationErrors[0].Message).toMatch(/already assigned/); // the window passed: it ran again
    const log = e.admin.requests().filter((r) => r.idempotencyKey === 'key-1');
    expect(log.map((r) => [r.status, r.elements, r.tenant])).toEqual([[200, 1, tenantId], [200, 1, tenantId], [400, 1, tenantId], [400, 1, tenantId]]);
  });

  it('rejects bodies over 3.5 MB with 413', async () => {
    const e = await start();
    const { api, tenantId } = await apiFor(e);
    const big = Array.from({ length: 40 }, (_, i) => ({ name: `Big ${i}`, contactNumber: 'x'.repeat(10) + i, accountNumber: 'y'.repeat(100_000) }));
    const err = await failure(api.createContacts(tenantId, { contacts: big }));
    expect(err.response.statusCode).toBe(413);
  });
});

describe('auth and tenant errors', () => {
  it('gives 403 AuthenticationUnsuccessful for a missing or unknown tenant, 401 for a bad token', async () => {
    const e = await start();
    const { api } = await apiFor(e);
    for (const tenant of ['', '11111111-1111-4111-a111-111111111111']) {
      const err = await failure(api.getOrganisations(tenant));
      expect(err.response.statusCode).toBe(403);
      expect(err.body).toMatchObject({ Title: 'Forbidden', Detail: 'AuthenticationUnsuccessful' });
    }
    const bad = await failure(accounting(e, 'not-a-token').getOrganisations(e.admin.tenantId()));
    expect(bad.response.statusCode).toBe(401);
  });

  it('expireAllTokens makes every token give TokenExpired', async () => {
    const e = await start();
    const { api, tenantId } = await apiFor(e);
    await fetch(`${e.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ expireAllTokens: true }) });
    const err = await failure(api.getOrganisations(tenantId));
    expect(err.body.Detail).toMatch(/^TokenExpired/);
  });
});

describe('faults', () => {
  it('errorRate 1 gives 500, orgOffline gives 503, offline and timeouts drop the connection', async () => {
    const e = await start();
    const { api, tenantId } = await apiFor(e);
    e.admin.setFaults({ errorRate: 1 });
    expect((await failure(api.getItems(tenantId))).response.statusCode).toBe(500);
    e.admin.setFaults({ errorRate: 0, orgOffline: [tenantId] });
    const offline = await failure(api.getItems(tenantId));
    expect(offline.response.statusCode).toBe(503);
    expect(offline.body.Detail).toMatch(/Organisation is offline/);
    e.admin.setFaults({ orgOffline: false, offline: true });
    expect((await failure(api.getItems(tenantId))).response.statusCode).toBe(0);
    e.admin.setFaults({ offline: false, timeoutRate: 1, timeoutMs: 100 });
    const t0 = Date.now();
    const hung = await failure(api.getItems(tenantId));
    expect(hung.response.statusCode).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    await new Promise((r) => setTimeout(r, 50)); // the server logs a dropped request when its socket closes
    const reqs = e.admin.requests();
    expect(reqs.slice(-4).map((r) => r.status)).toEqual([500, 503, 0, 0]);
  });

  it('admin HTTP routes: faults, clock, requests, reset', async () => {
    const e = await start();
    const { api, tenantId } = await apiFor(e);
    await api.createContacts(tenantId, { contacts: [{ name: 'Temp' }] });
    const faults = await (await fetch(`${e.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 5 }) })).json();
    expect(faults).toMatchObject({ latencyMs: 5, errorRate: 0 });
    const clock = (await (await fetch(`${e.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 3_600_000 }) })).json()) as { now: string };
    expect(Date.parse(clock.now) - Date.now()).toBeGreaterThan(3_590_000);
    const reqs = (await (await fetch(`${e.url}/__emulator/requests`)).json()) as Array<{ method: string; path: string }>;
    expect(reqs.at(-1)).toMatchObject({ method: 'PUT', path: '/api.xro/2.0/Contacts' });
    expect((await fetch(`${e.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
    const state = e.admin.state();
    expect(state.organisations[0]?.contacts).toHaveLength(0);
    expect(state.connections).toHaveLength(0);
    expect(state.faults.latencyMs).toBe(0);
    expect((await fetch(`${e.url}/api.xro/2.0/__emulator/state`)).status).toBe(401);
  });

  it('--state-file keeps books and connections across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xero-emu-'));
    try {
      const stateFile = join(dir, 'state.json');
      const a = await startXeroEmulator({ stateFile });
      const { api, tenantId, tokens } = await apiFor(a);
      await api.createContacts(tenantId, { contacts: [{ name: 'Kept', contactNumber: 'K-1' }] });
      await a.close();
      const b = await start({ stateFile });
      const again = accounting(b, tokens.access_token);
      expect((await again.getContacts(tenantId, undefined, 'ContactNumber=="K-1"')).body.contacts?.[0]?.name).toBe('Kept');
    } finally {
      await emu?.close();
      emu = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
