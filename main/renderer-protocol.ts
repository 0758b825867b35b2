/**
 * The renderer is served from app://facility-sync/ instead of file:// (Electron security
 * checklist #18): a file:// page may read any file:// URL, and a custom privileged scheme gives the
 * page a real origin that the CSP, navigation guards and sender checks can pin down.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'facility-sync';
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Where the window loads the renderer from: the app:// scheme, or in development only (never in a
 * packaged app, where anyone who can set an environment variable could point it elsewhere) the
 * FACILITY_SYNC_RENDERER_URL override, e.g. the Vite dev server.
 */
export function chooseRendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.FACILITY_SYNC_RENDERER_URL;
  return !isPackaged && override ? override : RENDERER_URL;
}

/** Must run before the app is ready: a standard, secure scheme (its own origin, like https). */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The file in `dir` a request URL names, or null (another host, a malformed path, or outside `dir`). */
export function rendererFileFor(dir: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return null;
  const root = path.resolve(dir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Serves the built renderer from `dir` on app://facility-sync/, with the CSP on every answer. */
export function serveRenderer(dir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFileFor(dir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
