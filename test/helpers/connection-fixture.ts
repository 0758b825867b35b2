import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { createServices, type Services } from '../../main/services';
import { keychainAccount, type SecretName } from '../../main/xero/secret-store';
import { startXeroEmulator } from '../xero-emulator/index';
import { driveConsent, type ConsentResult } from './consent';
import { freePort } from './free-port';

type Emulator = Awaited<ReturnType<typeof startXeroEmulator>>;

export interface ConnectionFixture {
  emulator: Emulator;
  services: Services;
  dataDir: string;
  port: number;
  keychainService: string;
  /** URLs handed to the "system browser". */
  opened: string[];
  /** What the "user" does in the browser; null: nothing (the browser shows an error, the user walks away). */
  consent: { organisation?: string; decision?: 'allow' | 'deny' } | null;
  lastConsent?: ConsentResult;
  /** This instance's keychain entry for a secret (scoped by data folder and the emulator's issuer URL). */
  keychainPassword(name: SecretName): Promise<string | null>;
  /** Another app instance (own data dir and keychain entries) against the same emulator. */
  another(): Promise<ConnectionFixture>;
  close(): Promise<void>;
}

export async function startConnectionFixture(
  options: {
    emulator?: Emulator; oauthTimeoutMs?: number; emulatorOptions?: Parameters<typeof startXeroEmulator>[0];
    /** A shorter rate-limit minute for the app's client (match emulatorOptions.minuteMs). */
    xeroMinuteMs?: number;
  } = {},
): Promise<ConnectionFixture> {
  const emulator = options.emulator ?? (await startXeroEmulator(options.emulatorOptions));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'facility-sync-xero-'));
  const keychainService = `facility-sync-test-${randomUUID()}`;
  const port = await freePort();
  const fixture: ConnectionFixture = {
    emulator,
    dataDir,
    port,
    keychainService,
    opened: [],
    consent: {},
    services: undefined as unknown as Services,
    keychainPassword: (name) => keytar.getPassword(keychainService, keychainAccount(name, { dataDir: realpathSync(dataDir), issuer: emulator.url })),
    another: () => startConnectionFixture({ ...options, emulator }),
    async close() {
      await fixture.services.close();
      for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
      rmSync(dataDir, { recursive: true, force: true });
      if (!options.emulator) await emulator.close();
    },
  };
  fixture.services = await createServices({
    dataDir,
    xeroBaseUrl: emulator.url,
    oauthPort: port,
    oauthTimeoutMs: options.oauthTimeoutMs ?? 10_000,
    keychainService,
    ...(options.xeroMinuteMs ? { xeroMinuteMs: options.xeroMinuteMs } : {}),
    openExternal: async (url) => {
      fixture.opened.push(url);
      if (fixture.consent) fixture.lastConsent = await driveConsent(url, fixture.consent);
    },
  });
  return fixture;
}

/**
 * A fixture with a fast emulator minute and a public PKCE app registered for its redirect URI, its
 * Client ID saved: ready for connectXero.
 */
export async function startFastConnectionFixture(clientId = 'desktop-app'): Promise<ConnectionFixture> {
  const f = await startConnectionFixture({ emulatorOptions: { minuteMs: 1000 }, xeroMinuteMs: 1000 });
  f.emulator.admin.registerApp({ clientId, redirectUris: [`http://localhost:${f.port}/callback`] });
  await f.services.api.saveXeroCredentials({ clientId });
  return f;
}
