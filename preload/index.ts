// Sandboxed preload: bundled to one CommonJS file. Exposes the named contract methods only,
// never ipcRenderer itself (docs/conventions.md #3).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  EVENT_CHANNEL_PREFIX,
  IPC_CHANNEL_PREFIX,
  PUSH_EVENTS,
  type ApiMethod,
  type PushEventName,
  type PushEvents,
  type RendererApi,
} from '../contract';

function buildApi(): RendererApi {
  const methods = Object.fromEntries(
    (Object.keys(API_METHODS) as ApiMethod[]).map((name) => [
      name,
      (...args: unknown[]) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + name, ...args),
    ]),
  );
  const on = <E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void) => {
    if (!(event in PUSH_EVENTS)) throw new Error(`Unknown event ${String(event)}`);
    const channel = EVENT_CHANNEL_PREFIX + event;
    const wrapped = (_e: IpcRendererEvent, payload: PushEvents[E]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
  return { ...methods, on } as RendererApi;
}

contextBridge.exposeInMainWorld('facilitySync', buildApi());
