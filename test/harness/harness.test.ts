import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { startHarness, type Harness } from './harness';

/** The browser harness as a hostile page or client would meet it (needs the built renderer). */
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ syncAutoStart: false });
});
afterAll(() => harness?.close());

/** Raw HTTP, so the Host header and the path go out exactly as written. */
function get(path: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(harness.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

test('a request for another host name (DNS rebinding) is refused', async () => {
  const evil = await get('/', 'evil.example');
  expect(evil.status).toBe(421);
  expect(evil.body).not.toContain('<script');
  const evilApi = await get(`/__harness/events?token=${harness.token}`, `evil.example:${new URL(harness.origin).port}`);
  expect(evilApi.status).toBe(421);
  expect((await get('/', `localhost:${new URL(harness.origin).port}`)).status).toBe(200);
});

test('the app shell carries the CSP and refuses to be framed', async () => {
  const shell = await get('/');
  expect(shell.status).toBe(200);
  expect(shell.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(shell.headers['x-frame-options']).toBe('DENY');
  expect(shell.headers['x-content-type-options']).toBe('nosniff');
});

test('a malformed address is a 400, not a 500 with the error text', async () => {
  for (const path of ['/%E0%A4%A', '/assets/%E0%A4%A.js', '/__harness/api/%E0%A4%A']) {
    const res = await get(path);
    expect([path, res.status]).toEqual([path, 400]);
    expect(res.body).not.toMatch(/URIError|URI malformed/);
  }
});

/** A raw upload to the import's file picker endpoint (uploads.ts). */
function upload(query: string, headers: Record<string, string>, body = 'x'): Promise<{ status: number; body: string }> {
  const { port } = new URL(harness.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/__harness/upload?${query}`, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject).end(body);
  });
}

test('the file picker upload needs the token and our host, keeps names to one file, and is bounded like the import', async () => {
  const port = new URL(harness.origin).port;
  const ok = { 'x-harness-token': harness.token };
  expect((await upload('choice=abcdefgh12&name=tenants.csv', {})).status).toBe(403);
  expect((await upload('choice=abcdefgh12&name=tenants.csv', { ...ok, host: `evil.example:${port}` })).status).toBe(421);
  for (const name of ['../tenants.csv', '..', 'a/b.csv', 'a\\b.csv', '']) {
    const res = await upload(`choice=abcdefgh12&name=${encodeURIComponent(name)}`, ok);
    expect([name, res.status]).toEqual([name, 400]);
  }
  expect((await upload('choice=..%2F..&name=tenants.csv', ok)).status).toBe(400);
  // Declared larger than 256 MB: refused before a byte is stored, in plain words.
  const big = await upload('choice=abcdefgh12&name=tenants.csv', { ...ok, 'content-length': String(256 * 1024 * 1024 + 1) }, '');
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body).error.message).toBe('tenants.csv is larger than 256 MB. Split the export into smaller files and choose them again.');
  const good = await upload('choice=abcdefgh12&name=tenants.csv', ok, 'tenant_id\n');
  expect([good.status, JSON.parse(good.body)]).toEqual([200, { ok: true, value: { file: 'tenants.csv' } }]);
});
