import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { AppError } from '../app-error';

/**
 * The one-shot OAuth redirect listener (docs/conventions.md #8): bound to 127.0.0.1 only, one path, one
 * completion, a deadline. Anything else that reaches it (another local program, a web page doing
 * DNS rebinding, a replayed redirect) is refused without disturbing the sign-in in progress.
 */
export const DEFAULT_OAUTH_PORT = 47321;
export const DEFAULT_OAUTH_TIMEOUT_MS = 5 * 60_000;
/** A real redirect carries a short code and state; anything longer is not from Xero. */
export const MAX_CALLBACK_URL_LENGTH = 4096;
const CALLBACK_PATH = '/callback';
export const CANCELLED_MESSAGE = 'The Xero sign-in was cancelled, so Facility Sync is not connected. Click Connect to Xero to start again.';

export interface LoopbackOptions {
  port: number;
  /** The `state` sent in the authorize URL; only a callback carrying it completes the sign-in. */
  expectedState: string;
  timeoutMs?: number;
}

export interface LoopbackListener {
  redirectUri: string;
  /** Resolves with the full callback URL (code + state) or rejects with a plain AppError. */
  callback: Promise<URL>;
  /** Stops listening; a pending `callback` rejects as cancelled. Safe to call twice. */
  close(): Promise<void>;
}

/** Xero matches redirect URIs exactly and allows http only for "localhost" (docs/xero-facts.md). */
export function redirectUriFor(port: number): string {
  return `http://localhost:${port}${CALLBACK_PATH}`;
}

export function timeoutMessage(port: number): string {
  return (
    'Xero did not send the sign-in back to Facility Sync within 5 minutes. If Xero showed an error page, ' +
    `check that the Client ID is exactly the one on your Xero app's Configuration page and that the app's redirect URI is exactly ${redirectUriFor(port)}, ` +
    'then click Connect to Xero again.'
  );
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/**
 * The page the system browser shows at the end of a sign-in: the same look whether it worked or
 * not (a cancelled or refused sign-in used to be plain text), the outcome in the heading and what
 * to do next below it.
 */
export function signInPage(outcome: { ok: boolean; heading: string; message: string }): string {
  const accent = outcome.ok ? '#0f7b3f' : '#b54708';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Facility Sync for Xero</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f2f4f7;color:#1f2a37;margin:0}
main{max-width:32rem;margin:4rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:2rem;text-align:center;border-top:4px solid ${accent}}
h1{font-size:1.4rem;margin:0 0 .75rem;color:${accent}}p{line-height:1.5;margin:.5rem 0}.next{color:#667085}</style></head>
<body><main><h1>${escapeHtml(outcome.heading)}</h1><p>${escapeHtml(outcome.message)}</p>
<p class="next">You can close this window and return to Facility Sync.</p></main></body></html>`;
}

const SUCCESS_PAGE = signInPage({ ok: true, heading: 'Connected', message: 'Facility Sync is now connected to Xero.' });

function reply(res: ServerResponse, status: number, body: string, html = false): void {
  res.writeHead(status, {
    'content-type': `${html ? 'text/html' : 'text/plain'}; charset=utf-8`,
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    connection: 'close',
    ...(status === 405 ? { allow: 'GET' } : {}),
  });
  res.end(body);
}

/** Plain words for an error Xero sent back to the redirect URI. */
export function callbackError(error: string, description: string | null, port: number): AppError {
  if (error === 'access_denied') {
    return new AppError('access_denied', 'Access was not allowed in Xero, so Facility Sync is not connected. Click Connect to Xero again and choose Allow access.');
  }
  if (error === 'invalid_request' && /redirect/i.test(description ?? '')) {
    return new AppError('redirect_uri_mismatch', `Xero refused the redirect URI. In the Xero developer portal, set your app's redirect URI to exactly ${redirectUriFor(port)} and try again.`);
  }
  if (error === 'unauthorized_client' || error === 'invalid_client') {
    return new AppError('invalid_client', 'Xero does not recognise this Client ID. Copy the Client ID again from your app\'s Configuration page in the Xero developer portal, save it, and try again.');
  }
  const detail = description ? ` (${description.slice(0, 200)})` : '';
  return new AppError('xero_error', `Xero did not finish the sign-in: ${error.slice(0, 60)}${detail}. Click Connect to Xero to try again.`);
}

export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const { port, expectedState } = options;
  const allowedHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`]);
  let settled = false;
  let resolveCallback!: (url: URL) => void;
  let rejectCallback!: (err: Error) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  // The owner may never await (e.g. it failed before); avoid an unhandled rejection.
  callback.catch(() => undefined);
  const settle = (outcome: URL | Error) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (outcome instanceof URL) resolveCallback(outcome);
    else rejectCallback(outcome);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? '';
    if (rawUrl.length > MAX_CALLBACK_URL_LENGTH) return reply(res, 414, 'This request is too long to be a Xero sign-in.');
    if (req.method !== 'GET') return reply(res, 405, 'Only GET is accepted here.');
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) return reply(res, 400, 'Wrong host.');
    let url: URL;
    try {
      url = new URL(rawUrl, `http://localhost:${port}`);
    } catch {
      return reply(res, 400, 'Malformed request.');
    }
    if (url.pathname !== CALLBACK_PATH) return reply(res, 404, 'Not found.');
    if (settled) return reply(res, 410, 'This sign-in has already finished. Return to Facility Sync.');
    if (url.searchParams.get('state') !== expectedState) {
      return reply(res, 400, 'This sign-in is not the one Facility Sync is waiting for. Return to Facility Sync and click Connect to Xero again.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      const appError = callbackError(error, url.searchParams.get('error_description'), port);
      settle(appError);
      const heading = appError.code === 'access_denied' ? 'Not connected' : 'Xero did not finish the sign-in';
      return reply(res, 400, signInPage({ ok: false, heading, message: appError.message }), true);
    }
    if (!url.searchParams.get('code')) return reply(res, 400, 'The sign-in reply has no authorization code.');
    settle(url);
    return reply(res, 200, SUCCESS_PAGE, true);
  };

  const server = createServer({ maxHeaderSize: 16 * 1024 }, handle);
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'port_in_use',
            `Another program is using port ${port}, which Facility Sync needs to receive the Xero sign-in. Close that program (or another Facility Sync window) and try again.`,
          ),
        );
      } else reject(new AppError('internal', `Facility Sync could not listen for the Xero sign-in on port ${port}: ${err.message}.`));
    });
    // Only the loopback interface: nothing on the network can reach the listener.
    server.listen(port, '127.0.0.1', () => resolve());
  });

  const timer = setTimeout(
    () => settle(new AppError('timeout', timeoutMessage(port))),
    options.timeoutMs ?? DEFAULT_OAUTH_TIMEOUT_MS,
  );
  let closing: Promise<void> | null = null;
  return {
    redirectUri: redirectUriFor(port),
    callback,
    close() {
      settle(new AppError('cancelled', CANCELLED_MESSAGE));
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
