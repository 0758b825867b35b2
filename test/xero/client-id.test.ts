import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterEach, describe, expect, test } from 'vitest';
import { createServices, type Services } from '../../main/services';
import { clientIdProblem } from '../../main/xero/client-id';
import { appErrorOf } from '../helpers/app-error-of';

const XERO_STYLE_ID = '0A1B2C3D4E5F60718293A4B5C6D7E8F9';

describe('the form of a Client ID (issue 17: told at Save, not after five minutes)', () => {
  test.each([
    [XERO_STYLE_ID, null],
    [XERO_STYLE_ID.toLowerCase(), null],
    ['demo-desktop-app', /not a Xero Client ID: .*32 characters.*16 characters and others/],
    [XERO_STYLE_ID.slice(0, 31), /31 characters\)/],
    ['X'.repeat(32), /32 characters and others/],
    ['hN3kYqZ4vT_8sLpW-9rXcB2mF6gJ1dQe0aUoI7yKtR5wEnVz', /looks like the Client Secret/],
    [`${XERO_STYLE_ID.slice(0, 16)} ${XERO_STYLE_ID.slice(16)}`, /space or line break/],
  ])('against Xero: %s', (id, expected) => {
    const problem = clientIdProblem(id, 'xero');
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  test('against the emulator any id without spaces goes (its apps have names)', () => {
    expect(clientIdProblem('demo-desktop-app', 'emulator')).toBeNull();
    expect(clientIdProblem('demo desktop', 'emulator')).toMatch(/space/);
  });
});

describe('Save refuses a malformed Client ID for real Xero and keeps the saved one', () => {
  let services: Services | undefined;
  let dataDir = '';
  const keychainService = `facility-sync-test-${randomUUID()}`;
  afterEach(async () => {
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account);
  });

  test('no request is needed: the answer comes at once', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'facility-sync-clientid-'));
    // No base URL: the real Xero endpoints (nothing here reaches the network).
    services = await createServices({ dataDir, keychainService });
    await services.api.saveXeroCredentials({ clientId: XERO_STYLE_ID });
    const err = await appErrorOf(services.api.saveXeroCredentials({ clientId: 'my-xero-app' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/^This is not a Xero Client ID/);
    expect((await services.api.getXeroSettings()).clientId).toBe(XERO_STYLE_ID);
  });
});
