import { describe, expect, test } from 'vitest';
import { isEmulatorUrl, resolveXeroEndpoints } from '../../main/xero/endpoints';

describe('Xero endpoints', () => {
  test('real Xero by default, everything under the emulator base URL otherwise', () => {
    expect(resolveXeroEndpoints().authorizeUrl).toBe('https://login.xero.com/identity/connect/authorize');
    expect(resolveXeroEndpoints('http://127.0.0.1:5000/').tokenUrl).toBe('http://127.0.0.1:5000/connect/token');
  });

  test('only the configured emulator origin passes the extra opener check', () => {
    const base = 'http://127.0.0.1:5000';
    expect(isEmulatorUrl('http://127.0.0.1:5000/identity/connect/authorize?x=1', base)).toBe(true);
    expect(isEmulatorUrl('http://127.0.0.1:5000/identity/connect/authorize', undefined)).toBe(false);
    expect(isEmulatorUrl('http://127.0.0.1:5001/identity/connect/authorize', base)).toBe(false);
    expect(isEmulatorUrl('http://localhost:5000/', base)).toBe(false);
    expect(isEmulatorUrl('http://user:pw@127.0.0.1:5000/', base)).toBe(false);
    expect(isEmulatorUrl('file:///etc/passwd', base)).toBe(false);
    expect(isEmulatorUrl('not a url', base)).toBe(false);
  });
});
