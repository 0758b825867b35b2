import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterEach, describe, expect, test } from 'vitest';
import { createSecretStore, DEFAULT_KEYCHAIN_SERVICE } from '../../main/xero/secret-store';

/**
 * Against the REAL OS keychain (npm test starts a headless GNOME Keyring session). Without one
 * these tests fail: a keychain that silently does nothing would lose the user's sign-in.
 */
const service = `facility-sync-test-${randomUUID()}`;
afterEach(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

describe('secret store (real keychain)', () => {
  test('sets, gets and deletes each secret separately', async () => {
    const store = createSecretStore(service);
    expect(await store.get('client-secret')).toBeNull();
    await store.set('client-secret', 'cs-1');
    await store.set('refresh-token', 'rt-1');
    expect(await store.get('client-secret')).toBe('cs-1');
    expect(await store.get('refresh-token')).toBe('rt-1');
    // It really is in the OS keychain, under our service name.
    expect(await keytar.getPassword(service, 'refresh-token')).toBe('rt-1');
    await store.set('refresh-token', 'rt-2');
    expect(await store.get('refresh-token')).toBe('rt-2');
    await store.delete('refresh-token');
    expect(await store.get('refresh-token')).toBeNull();
    expect(await store.get('client-secret')).toBe('cs-1');
    await store.delete('refresh-token'); // deleting a missing secret is not an error
  });

  test('stores are isolated by service name', async () => {
    const a = createSecretStore(service);
    const b = createSecretStore(`${service}-other`);
    await a.set('client-secret', 'only-in-a');
    expect(await b.get('client-secret')).toBeNull();
    expect(DEFAULT_KEYCHAIN_SERVICE).toBe('Facility Sync for Xero');
  });

  test('an unreachable keychain becomes keychain_unavailable with the fix in plain words', async () => {
    // A child process whose D-Bus session points nowhere: keytar's real failure, not a mock.
    const script = `
      import { createSecretStore } from ${JSON.stringify(path.resolve('main/xero/secret-store.ts'))};
      createSecretStore('x').get('client-secret').then(
        () => console.log(JSON.stringify({ ok: true })),
        (e) => console.log(JSON.stringify({ code: e.code, message: e.message })),
      );`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { code?: string; message?: string };
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toMatch(/Unlock your keychain/);
  });
});
