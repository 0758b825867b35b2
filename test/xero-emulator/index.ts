/**
 * A local Xero (identity + accounting) on 127.0.0.1 for tests, benchmarks and the demo.
 * See README.md in this folder for routes, defaults and knobs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAccounting, API_PREFIX, type AccountingRuntime } from './accounting';
import { EmulatorAdmin } from './admin';
import { handleConnections } from './connections';
import type { EmulatorContext } from './context';
import { problem, readBody, sendJson } from './http-util';
import { IdempotencyStore } from './idempotency';
import { discovery, handleAuthorize, handleRevocation, handleToken } from './identity';
import { RateLimiter } from './rate-limits';
import { DEFAULT_LIMITS, EmulatorState } from './state';
import { TokenIssuer } from './tokens';
import { XeroHttpError, type DateErrors, type Limits, type OrgSeed, type RegisteredApp, type RequestLogEntry } from './types';

export type { EmulatorAdmin } from './admin';
export type { DateErrors, Faults, FaultsInput, Limits, OrgSeed, RegisteredApp, RequestLogEntry } from './types';

export interface XeroEmulatorOptions {
  port?: number;
  host?: string;
  /** Length of Xero's rate-limit "minute" in ms (a "day" is 1440 of them). */
  minuteMs?: number;
  limits?: Partial<Limits>;
  accessTokenTtlMs?: number;
  autoConsent?: boolean;
  autoConsentOrganisation?: string;
  stateFile?: string;
  apps?: RegisteredApp[];
  organisations?: OrgSeed[];
  idempotencyWindowMs?: number;
  refreshGraceMs?: number;
  /** 'request' (default): a bad date refuses the whole request; 'element': only its element. */
  dateErrors?: DateErrors;
}

export interface XeroEmulator {
  url: string;
  close(): Promise<void>;
  admin: EmulatorAdmin;
}

const MAX_LOG = 20_000;

export async function startXeroEmulator(options: XeroEmulatorOptions = {}): Promise<XeroEmulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new EmulatorState({ organisations: options.organisations, apps: options.apps }, options.stateFile);
  let saveTimer: NodeJS.Timeout | undefined;
  const ctx: EmulatorContext = {
    state,
    tokens: await TokenIssuer.create(),
    url: '',
    accessTokenTtlMs: options.accessTokenTtlMs ?? 1_800_000,
    autoConsent: options.autoConsent ?? false,
    autoConsentOrganisation: options.autoConsentOrganisation,
    minuteMs: options.minuteMs ?? 60_000,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    idempotencyWindowMs: options.idempotencyWindowMs ?? 6 * 60_000,
    refreshGraceMs: options.refreshGraceMs ?? 30 * 60_000,
    dateErrors: options.dateErrors ?? 'request',
    persist: () => {
      if (!options.stateFile || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        state.save();
      }, 100);
    },
  };
  const limiter = new RateLimiter(() => ctx.limits, ctx.minuteMs, () => state.now());
  const idempotency = new IdempotencyStore(() => ctx.idempotencyWindowMs);
  const admin = new EmulatorAdmin(ctx, limiter, idempotency);
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const runtime: AccountingRuntime = {
    limiter,
    idempotency,
    async applyFaults(req, res) {
      const f = state.faults;
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (f.timeoutRate > 0 && Math.random() < f.timeoutRate) {
        await sleep(f.timeoutMs);
        req.socket.destroy();
        return false;
      }
      const forced = f.failNext > 0;
      if (forced) f.failNext -= 1;
      if (forced || (f.errorRate > 0 && Math.random() < f.errorRate)) {
        sendJson(res, 500, problem(500, 'An error occurred', 'An error occurred in Xero. Check the API Status page for current service status.'));
        return false;
      }
      return true;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
    const url = new URL(req.url ?? '/', ctx.url);
    const path = url.pathname;
    const body = await readBody(req);
    if (path.startsWith('/__emulator/')) return admin.handle(req, res, url, body.text);
    if (state.faults.offline) {
      req.socket.destroy();
      return;
    }
    if (path.startsWith(API_PREFIX)) return handleAccounting(ctx, runtime, req, res, url, body, entry);
    if (!(await runtime.applyFaults(req, res))) return;
    if (path === '/.well-known/openid-configuration') return sendJson(res, 200, discovery(ctx));
    if (path === '/.well-known/openid-configuration/jwks') return sendJson(res, 200, ctx.tokens.jwks());
    if (path === '/identity/connect/authorize' && (req.method === 'GET' || req.method === 'POST')) return handleAuthorize(ctx, req, res, url, body.text);
    if (path === '/connect/token' && req.method === 'POST') return handleToken(ctx, req, res, body.text);
    if (path === '/connect/revocation' && req.method === 'POST') return handleRevocation(ctx, req, res, body.text);
    if (path === '/connections' || path.startsWith('/connections/')) return handleConnections(ctx, req, res, url);
    sendJson(res, 404, problem(404, 'Not Found', `No route ${req.method} ${path}`));
  }

  const server = createServer((req, res) => {
    const entry: RequestLogEntry = {
      at: new Date(state.now()).toISOString(),
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      tenant: null,
      idempotencyKey: null,
      status: 0,
      elements: null,
    };
    const admin_ = entry.path.startsWith('/__emulator/');
    res.on('close', () => {
      if (admin_) return;
      entry.status = res.writableFinished ? res.statusCode : 0;
      admin.log.push(entry);
      if (admin.log.length > MAX_LOG) admin.log.splice(0, admin.log.length - MAX_LOG);
    });
    handle(req, res, entry).catch((err: unknown) => {
      if (err instanceof XeroHttpError) return sendJson(res, err.status, err.body, err.headers);
      console.error('xero-emulator: unexpected error', err);
      sendJson(res, 500, problem(500, 'An error occurred', String(err)));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.url = `http://${host}:${port}`;

  return {
    url: ctx.url,
    admin,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (saveTimer) clearTimeout(saveTimer);
      if (options.stateFile) state.save();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
