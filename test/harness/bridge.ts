/**
 * Browser-side bridge for test/harness: provides the same `window.facilitySync` object the
 * preload provides in Electron, carrying the contract over HTTP (+ server-sent events).
 * Bundled by the harness server at start; loaded before the renderer's own script.
 */
import { API_METHODS, PUSH_EVENTS, type ApiMethod, type PushEventName, type PushEvents, type RendererApi } from '../../contract';

const TOKEN_KEY = 'facility-sync-harness-token';
const fromUrl = new URLSearchParams(window.location.search).get('token');
if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';

async function invoke(method: ApiMethod, args: unknown[]): Promise<unknown> {
  // IPC keeps a trailing `undefined` argument; JSON would turn it into null: drop it instead.
  while (args.length > 0 && args[args.length - 1] === undefined) args = args.slice(0, -1);
  try {
    const res = await fetch(`/__harness/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-harness-token': token },
      body: JSON.stringify(args),
    });
    return await res.json();
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The app service is not reachable. Restart the demo.' } };
  }
}

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSource | null = null;

function ensureEventSource(): void {
  if (source) return;
  source = new EventSource(`/__harness/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (msg) => {
    const { event, payload } = JSON.parse(msg.data) as { event: string; payload: unknown };
    for (const l of listeners.get(event) ?? []) l(payload);
  };
}

const methods = Object.fromEntries(
  (Object.keys(API_METHODS) as ApiMethod[]).map((name) => [name, (...args: unknown[]) => invoke(name, args)]),
);

function on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
  if (!(event in PUSH_EVENTS)) throw new Error(`Unknown event ${String(event)}`);
  ensureEventSource();
  const set = listeners.get(event) ?? new Set<Listener>();
  set.add(listener as Listener);
  listeners.set(event, set);
  return () => {
    set.delete(listener as Listener);
  };
}

window.facilitySync = Object.freeze({ ...methods, on }) as RendererApi;
