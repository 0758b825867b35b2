import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startConnectionFixture, type ConnectionFixture } from '../helpers/connection-fixture';

let f: ConnectionFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full) : e.isFile() ? [full] : [];
  });
}

test('no file in the data dir (SQLite, settings JSON, logs) holds the client secret or any token', async () => {
  f = await startConnectionFixture();
  const secret = 'client-secret-that-must-stay-in-the-keychain';
  f.emulator.admin.registerApp({ clientId: 'web-app', clientSecret: secret, redirectUris: [`http://localhost:${f.port}/callback`] });
  const api = f.services.api;
  await api.saveXeroCredentials({ clientId: 'web-app', clientSecret: secret });
  await api.connectXero();

  const secrets = [secret];
  const session = f.services.xeroConnection;
  secrets.push(await session.getAccessToken(), (await f.keychainPassword('refresh-token'))!);
  // A refresh rotates the refresh token: the new pair must not reach the disk either.
  session.invalidateAccessToken!();
  secrets.push(await session.getAccessToken(), (await f.keychainPassword('refresh-token'))!);
  expect(new Set(secrets).size).toBe(5);
  await api.getXeroSettings();
  await f.services.close(); // flush SQLite / settings to disk

  const files = allFiles(f.dataDir);
  // The scan really covers the settings file and the database.
  expect(files.some((p) => p.endsWith('.json'))).toBe(true);
  expect(files.some((p) => /\.(sqlite|db)3?$/.test(p))).toBe(true);
  const leaks: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const s of secrets) {
      if (bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'))) leaks.push(`${path.relative(f.dataDir, file)} holds ${s.slice(0, 6)}...`);
    }
  }
  expect(leaks).toEqual([]);
  // The non-secret part is on disk: the organisation is remembered.
  expect(files.map((p) => readFileSync(p, 'utf8')).join('\n')).toContain('Demo Storage Co');
});
