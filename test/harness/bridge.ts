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

/**
 * The import dialog of the browser demo: where Electron's main process shows its native dialog
 * (an import with no path), the browser's own file picker asks, and the chosen files are uploaded
 * to the harness (uploads.ts), which hands them to the import as the dialog's answer.
 */
function chooseFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.hidden = true;
    input.setAttribute('aria-label', 'Facility export files');
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}

async function uploadFiles(files: File[]): Promise<{ ok: false; error: { code: string; message: string } } | null> {
  const choice = crypto.randomUUID().replaceAll('-', '');
  for (const file of files) {
    try {
      const res = await fetch(`/__harness/upload?choice=${choice}&name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-harness-token': token },
        body: file,
      });
      const answer = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
      if (!answer.ok) return { ok: false, error: answer.error ?? { code: 'internal', message: `${file.name} could not be uploaded. Choose it again.` } };
    } catch {
      return { ok: false, error: { code: 'internal', message: `${file.name} could not be sent to the app service. Restart the demo and choose it again.` } };
    }
  }
  return null;
}

/** Set by the harness when it bundles this file: false when a test answers for the dialog itself. */
declare const HARNESS_FILE_PICKER: boolean;

async function importFacilityData(...args: unknown[]): Promise<unknown> {
  const options = (args[0] ?? {}) as { path?: string };
  if (options.path || !HARNESS_FILE_PICKER) return invoke('importFacilityData', args);
  const files = await chooseFiles();
  if (files.length === 0) return { ok: false, error: { code: 'cancelled', message: 'Import cancelled: no file or folder was chosen.' } };
  const failed = await uploadFiles(files);
  return failed ?? invoke('importFacilityData', args);
}

const methods = Object.fromEntries(
  (Object.keys(API_METHODS) as ApiMethod[]).map((name) => [name, (...args: unknown[]) => invoke(name, args)]),
);
methods.importFacilityData = importFacilityData;
// Print / Save as PDF: Electron prints the window with printToPDF after a save dialog (main/pdf-dialog.ts);
// in a browser the browser's own print dialog does it (Save as PDF is one of its destinations).
methods.printReconciliationPdf = () => {
  window.print();
  return Promise.resolve({ ok: true, value: { path: null } });
};

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

/**
 * Background notifications in the browser demo (issue 17): what Electron's main process shows as a
 * system notification, the Web Notifications API shows here. Main sends 'sync:notice' only when the
 * user left notifications on, at most once per run.
 */
on('sync:notice', (n) => {
  if (typeof Notification === 'undefined') return;
  const show = () => new Notification(n.title, { body: n.body, tag: `facility-sync-${n.reason}` });
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
});
