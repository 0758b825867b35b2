/**
 * The third shell: builds the real services (main/services.ts) on a data dir, serves the built
 * renderer on 127.0.0.1 and carries the contract over HTTP behind a random per-run token, so the
 * unchanged renderer runs in real Chromium against the real services.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services, type ServicesConfig } from '../../main/services';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { decodePath, serveStatic } from './static-files';
import { createImportUploads } from './uploads';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const rendererDir = path.join(root, 'dist/renderer');
const MAX_BODY = 1_000_000;

export interface HarnessOptions extends Partial<ServicesConfig> {
  port?: number;
}

export interface Harness {
  /** Open this in a browser: it carries the per-run token. */
  url: string;
  origin: string;
  token: string;
  services: Services;
  /** URLs the services asked the "system browser" to open (OAuth authorize URLs). */
  openedUrls: string[];
  close(): Promise<void>;
}

/** `filePicker`: the import asks with the browser's file picker (false when the test answers for the dialog). */
async function bundleBridge(filePicker: boolean): Promise<string> {
  const out = await build({
    define: { HARNESS_FILE_PICKER: String(filePicker) },
    entryPoints: [path.join(root, 'test/harness/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * DNS rebinding: a page on evil.example that re-points its name at 127.0.0.1 reaches this server
 * with `Host: evil.example`. Only our own origin's host names are served.
 */
function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Sent with every answer: the renderer's CSP (as in Electron), no framing, no MIME sniffing. */
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build:renderer` first.');
  }
  const token = randomBytes(24).toString('hex');
  const openedUrls: string[] = [];
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'facility-sync-harness-'));
  // The browser's file picker stands in for Electron's import dialog (uploads.ts).
  const uploads = createImportUploads();
  const services = await createServices({
    ...options,
    dataDir,
    chooseImportPath: options.chooseImportPath ?? uploads.take,
    watchFacilityFolder: options.watchFacilityFolder ?? true,
    openExternal: options.openExternal ?? (async (u) => void openedUrls.push(u)),
  });
  const bridgeJs = await bundleBridge(!options.chooseImportPath);
  const indexHtml = readFileSync(path.join(rendererDir, 'index.html'), 'utf8').replace(
    '<script type="module"',
    '<script src="./harness-bridge.js"></script>\n    <script type="module"',
  );
  const sseClients = new Set<ServerResponse>();
  const stopForwarding = services.events.onAny((event, payload) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of sseClients) client.write(data);
  });

  let port = 0;
  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('This server answers only to 127.0.0.1 and localhost.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodePath(url.pathname);
    if (pathname === null) return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: 'The address is not valid.' } });
    try {
      if (url.pathname.startsWith('/__harness/api/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST.' } });
        if (!tokenMatches(req.headers['x-harness-token'] as string | undefined, token)) {
          return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'Wrong or missing harness token.' } });
        }
        const method = pathname.slice('/__harness/api/'.length);
        let args: unknown;
        try {
          args = JSON.parse((await readBody(req)) || '[]');
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: 'The request body is not JSON.' } });
        }
        return sendJson(res, 200, await dispatch(services.api, method, args));
      }
      if (url.pathname === '/__harness/upload') {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST.' } });
        if (!tokenMatches(req.headers['x-harness-token'] as string | undefined, token)) {
          return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'Wrong or missing harness token.' } });
        }
        const answer = await uploads.receive(req, url.searchParams.get('choice') ?? '', url.searchParams.get('name') ?? '');
        if (answer.status !== 200) res.setHeader('connection', 'close');
        return sendJson(res, answer.status, answer.body);
      }
      if (url.pathname === '/__harness/events') {
        if (!tokenMatches(url.searchParams.get('token'), token)) return sendJson(res, 403, { error: 'forbidden' });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (url.pathname === '/__harness/opened-urls') {
        if (!tokenMatches(req.headers['x-harness-token'] as string | undefined, token)) return sendJson(res, 403, { error: 'forbidden' });
        return sendJson(res, 200, openedUrls);
      }
      if (url.pathname === '/harness-bridge.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(bridgeJs);
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(indexHtml);
      }
      return serveStatic(rendererDir, pathname, res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.end();
    }
  });
  // Only the loopback interface: the harness carries real services.
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services,
    openedUrls,
    async close() {
      stopForwarding();
      for (const c of sseClients) c.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      uploads.close();
    },
  };
}
