import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { API_METHODS, EVENT_CHANNEL_PREFIX, IPC_CHANNEL_PREFIX } from '../contract';

vi.mock('electron', () => import('./helpers/fake-electron'));

const { ipcMain, FakeWebContents } = await import('./helpers/fake-electron');
const { registerIpcHandlers, forwardPushEvents } = await import('../main/ipc');
const { createServices } = await import('../main/services');

const RENDERER = 'file:///app/dist/renderer/index.html';
let services: Awaited<ReturnType<typeof createServices>>;
let unregister: () => void;

beforeAll(async () => {
  services = await createServices({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'ipc-')) });
  unregister = registerIpcHandlers(services, RENDERER);
});
afterAll(async () => {
  unregister();
  await services.close();
});

function invoke(method: string, frame: { url: string; parent: unknown } | null, ...args: unknown[]) {
  const handler = ipcMain.handlers.get(IPC_CHANNEL_PREFIX + method);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({ senderFrame: frame }, ...args) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

describe('IPC handlers', () => {
  test('registers exactly one handler per contract method', () => {
    const channels = [...ipcMain.handlers.keys()].sort();
    expect(channels).toEqual(Object.keys(API_METHODS).map((m) => IPC_CHANNEL_PREFIX + m).sort());
  });

  test('answers the app window with an ok envelope', async () => {
    const res = await invoke('getAppInfo', { url: `${RENDERER}#/settings`, parent: null });
    expect(res.ok).toBe(true);
    expect(res.value).toMatchObject({ name: 'Facility Sync for Xero', dataDir: services.config.dataDir, xero: { mode: 'xero' } });
  });

  test('refuses other pages, subframes and missing frames', async () => {
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/evil.html', parent: null },
      { url: RENDERER, parent: { url: RENDERER } },
      null,
    ]) {
      const res = await invoke('getAppInfo', frame);
      expect(res).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('app window') } });
    }
  });

  test('validates arguments with the contract schema', async () => {
    const res = await invoke('getAppInfo', { url: RENDERER, parent: null }, { unexpected: true });
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('bad_request');
  });

  test('forwards push events to the window', () => {
    const contents = new FakeWebContents();
    const stop = forwardPushEvents(services, () => contents as never);
    services.events.emit('app:notice', { level: 'info', message: 'hello' });
    stop();
    services.events.emit('app:notice', { level: 'info', message: 'after stop' });
    expect(contents.sent).toEqual([{ channel: `${EVENT_CHANNEL_PREFIX}app:notice`, payload: { level: 'info', message: 'hello' } }]);
  });
});
