import { afterEach, describe, expect, it } from 'vitest';
import { explainError } from '../../main/sync/explain-error';
import { DailyLimitError, OrgRateLimiter } from '../../main/xero/rate-limiter';
import { createXeroApiClient } from '../../main/xero/api-client';
import { connectedEmulatorSession } from '../helpers/emulator-session';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';

let emu: XeroEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('OrgRateLimiter against the emulator', () => {
  it('stops at Xero’s daily limit, fails fast until its Retry-After, then calls again', async () => {
    // A 1 ms "minute" makes the emulator's day 1.44 s, so the day turns within the test.
    emu = await startXeroEmulator({ port: 0, minuteMs: 1, limits: { perDay: 3 } });
    const limiter = new OrgRateLimiter({ minuteMs: 1, perMinute: 1000 });
    const client = createXeroApiClient(await connectedEmulatorSession(emu.url), limiter, { retries: 1, minRetryDelayMs: 1 });
    for (let i = 0; i < 3; i++) await client.getOrganisation();

    const spent = (await client.getOrganisation().catch((e: unknown) => e)) as DailyLimitError;
    expect(spent).toBeInstanceOf(DailyLimitError);
    expect(limiter.stats.rateLimited).toBe(1);
    expect(spent.until).toBeGreaterThan(Date.now());
    expect(explainError(spent, 'invoice')).toMatchObject({ code: 'daily_limit', transient: true });
    expect(explainError(spent, 'invoice').fix).toMatch(/by itself/);

    const seen = emu.admin.requests().length;
    await expect(client.getOrganisation()).rejects.toBeInstanceOf(DailyLimitError);
    expect(emu.admin.requests().length).toBe(seen);

    await new Promise((r) => setTimeout(r, spent.until - Date.now() + 20));
    await expect(client.getOrganisation()).resolves.toMatchObject({ name: expect.any(String) });
    await limiter.stop();
  });
});
