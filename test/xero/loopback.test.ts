import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_CALLBACK_URL_LENGTH, startLoopbackListener, type LoopbackListener } from '../../main/xero/loopback';
import { freePort } from '../helpers/free-port';
import { appErrorOf } from '../helpers/app-error-of';

interface Reply {
  status: number;
  body: string;
}

/** Raw HTTP so the test controls the method, path and Host header exactly. */
function send(port: number, path: string, options: { method?: string; host?: string; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `localhost:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let listener: LoopbackListener | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
});

async function start(timeoutMs?: number) {
  const port = await freePort();
  listener = await startLoopbackListener({ port, expectedState: 'state-123', timeoutMs });
  return { port, listener };
}

describe('loopback listener', () => {
  test('uses the exact redirect URI Xero is configured with and completes once with the code', async () => {
    const { port, listener } = await start();
    expect(listener.redirectUri).toBe(`http://localhost:${port}/callback`);
    const ok = await send(port, '/callback?code=abc&state=state-123');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('You can close this window and return to Facility Sync');
    const url = await listener.callback;
    expect(url.searchParams.get('code')).toBe('abc');
  });

  test('accepts the 127.0.0.1 host form too', async () => {
    const { port, listener } = await start();
    expect((await send(port, '/callback?code=x&state=state-123', { host: `127.0.0.1:${port}` })).status).toBe(200);
    await expect(listener.callback).resolves.toBeInstanceOf(URL);
  });

  test('refuses a second completion and keeps the first code', async () => {
    const { port, listener } = await start();
    expect((await send(port, '/callback?code=first&state=state-123')).status).toBe(200);
    const second = await send(port, '/callback?code=second&state=state-123');
    expect(second.status).toBe(410);
    expect((await listener.callback).searchParams.get('code')).toBe('first');
  });

  test.each([
    ['POST', '/callback?code=abc&state=state-123', undefined, 405],
    ['PUT', '/callback?code=abc&state=state-123', undefined, 405],
    ['GET', '/other?code=abc&state=state-123', undefined, 404],
    ['GET', '/callback/../x?code=abc&state=state-123', undefined, 404],
    ['GET', '/callback?code=abc&state=wrong', undefined, 400],
    ['GET', '/callback?code=abc', undefined, 400],
    ['GET', '/callback?code=abc&state=state-123', 'evil.example:80', 400],
    ['GET', '/callback?code=abc&state=state-123', 'localhost', 400],
    ['GET', '/callback?state=state-123', undefined, 400],
  ])('rejects %s %s (host %s) with %i and keeps waiting for the real callback', async (method, path, host, status) => {
    const { port, listener } = await start();
    const hostile = await send(port, path, { method, host });
    expect(hostile.status).toBe(status);
    // The hostile request did not complete (nor cancel) the sign-in: the genuine one still does.
    expect((await send(port, '/callback?code=real&state=state-123')).status).toBe(200);
    expect((await listener.callback).searchParams.get('code')).toBe('real');
  });

  test('rejects a wrong Host that only differs by port (DNS rebinding from another local origin)', async () => {
    const { port } = await start();
    expect((await send(port, '/callback?code=a&state=state-123', { host: `localhost:${port + 1}` })).status).toBe(400);
  });

  test('rejects oversized input without completing', async () => {
    const { port, listener } = await start();
    const long = `/callback?code=${'a'.repeat(MAX_CALLBACK_URL_LENGTH)}&state=state-123`;
    expect((await send(port, long)).status).toBe(414);
    // Beyond Node's header limit the connection is dropped outright.
    const huge = `/callback?code=${'a'.repeat(40_000)}&state=state-123`;
    const dropped = await send(port, huge).then(
      (r) => r.status,
      () => 'dropped',
    );
    expect([431, 'dropped']).toContain(dropped);
    expect((await send(port, '/callback?code=ok&state=state-123')).status).toBe(200);
    expect((await listener.callback).searchParams.get('code')).toBe('ok');
  });

  test('binds to 127.0.0.1 only', async () => {
    const { listener, port } = await start();
    expect(listener.redirectUri).toContain(String(port));
    // Connecting through another local address than 127.0.0.1 must fail.
    const viaOther = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.2', port, path: '/callback' }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    expect(viaOther).toBe('ECONNREFUSED');
  });

  test('turns access_denied into a plain message that says how to fix it', async () => {
    const { port, listener } = await start();
    const res = await send(port, '/callback?error=access_denied&state=state-123');
    expect(res.status).toBe(400);
    const err = await appErrorOf(listener.callback);
    expect(err.code).toBe('access_denied');
    expect(err.message).toMatch(/Allow access/);
    // The browser shows it as a styled page like the success page, escaped, with the next step.
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body).toContain('<style>');
    expect(res.body).toContain('<h1>Not connected</h1>');
    expect(res.body).toContain('Click Connect to Xero again and choose Allow access.');
    expect(res.body).toContain('You can close this window and return to Facility Sync.');
  });

  test("an error description from Xero is shown escaped on the page", async () => {
    const { port, listener } = await start();
    const res = await send(port, `/callback?error=server_error&error_description=${encodeURIComponent('<script>alert(1)</script>')}&state=state-123`);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>');
    await appErrorOf(listener.callback);
  });

  test('an error with the wrong state is ignored (cannot cancel the sign-in)', async () => {
    const { port, listener } = await start();
    expect((await send(port, '/callback?error=access_denied&state=nope')).status).toBe(400);
    expect((await send(port, '/callback?code=c&state=state-123')).status).toBe(200);
    await expect(listener.callback).resolves.toBeInstanceOf(URL);
  });

  test('times out with a message that points at the Client ID and the redirect URI', async () => {
    const { port, listener } = await start(150);
    const err = await appErrorOf(listener.callback);
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('Client ID');
    expect(err.message).toContain(`http://localhost:${port}/callback`);
    expect((await send(port, '/callback?code=late&state=state-123')).status).toBe(410);
  });

  test('reports a port that is already in use in plain words', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    const err = await appErrorOf(startLoopbackListener({ port, expectedState: 's' }));
    expect(err.code).toBe('port_in_use');
    expect(err.message).toContain(String(port));
  });

  test('close() cancels a pending sign-in and frees the port', async () => {
    const { port, listener } = await start();
    await listener.close();
    const cancelled = await appErrorOf(listener.callback);
    expect(cancelled.code).toBe('cancelled');
    expect(cancelled.message).toContain('Click Connect to Xero to start again');
    const again = await startLoopbackListener({ port, expectedState: 's' });
    await again.close();
  });
});
