/**
 * Carries the contract over Electron IPC. Every handler checks its sender frame, zod-parses its
 * arguments (main/dispatch.ts) and returns an envelope (docs/conventions.md #2, #4).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_METHODS, EVENT_CHANNEL_PREFIX, IPC_CHANNEL_PREFIX, type ApiMethod, type Envelope } from '../contract';
import { dispatch } from './dispatch';
import type { Services } from './services';
import { isRendererUrl } from './window';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Only the top-level frame of our own page; never an iframe or a navigated-away page.
  if (frame.parent !== null) return false;
  return isRendererUrl(frame.url, rendererUrl);
}

export function registerIpcHandlers(services: Services, rendererUrl: string): () => void {
  const names = Object.keys(API_METHODS) as ApiMethod[];
  for (const name of names) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + name, async (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the app window.' } };
      }
      return dispatch(services.api, name, args);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(IPC_CHANNEL_PREFIX + name);
  };
}

/** Forwards push events to the window's renderer. */
export function forwardPushEvents(services: Services, getContents: () => WebContents | null): () => void {
  return services.events.onAny((event, payload) => {
    const contents = getContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL_PREFIX + event, payload);
  });
}
