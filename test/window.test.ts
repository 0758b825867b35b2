import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./helpers/fake-electron'));

const electron = await import('./helpers/fake-electron');
const { app, session, shell } = electron;
type FakeWindow = InstanceType<typeof electron.BrowserWindow>;
const { CONTENT_SECURITY_POLICY, claimSingleInstance, createMainWindow, installAppGuards, isRendererUrl, isSafeExternalUrl } =
  await import('../main/window');
const { createWindowStateStore } = await import('../main/window-state');

const RENDERER = 'app://facility-sync/index.html';

function newWindow() {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
  const windowState = createWindowStateStore(cwd);
  const win = createMainWindow({ preloadPath: '/app/preload/index.cjs', rendererUrl: RENDERER, windowState }) as unknown as FakeWindow;
  return { win, windowState, cwd };
}

beforeEach(() => {
  shell.openExternal.mockClear();
  app.removeAllListeners();
});

describe('BrowserWindow web preferences', () => {
  test('isolate, sandbox and deny Node to the renderer', () => {
    const { win } = newWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload/index.cjs');
    expect(win.loadedUrl).toBe(RENDERER);
  });

  test('remembers the window size across launches', () => {
    const { win, cwd } = newWindow();
    win.bounds = { x: 40, y: 50, width: 1111, height: 777 };
    win.emit('resized');
    const again = createMainWindow({ preloadPath: 'p', rendererUrl: RENDERER, windowState: createWindowStateStore(cwd) }) as unknown as FakeWindow;
    expect(again.options).toMatchObject({ width: 1111, height: 777, x: 40, y: 50 });
  });

  test('ignores a corrupt or tiny remembered size', () => {
    const { windowState } = newWindow();
    windowState.save({ width: 5, height: 5 });
    expect(windowState.load()).toEqual({ width: 1280, height: 820 });
  });
});

describe('app-wide guards', () => {
  function guardedContents() {
    installAppGuards(RENDERER);
    const contents = new electron.FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    return contents;
  }

  test('denies navigation and redirects away from the renderer page', () => {
    const contents = guardedContents();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', `${RENDERER}#/settings`)).toBe(false);
  });

  test('denies webviews', () => {
    expect(guardedContents().fire('will-attach-webview', {}, {})).toBe(true);
  });

  test('denies new windows and sends only https links to the system browser', () => {
    const contents = guardedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://developer.xero.com/app/manage' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://developer.xero.com/app/manage']]);
  });

  test('denies every permission request and check', () => {
    guardedContents();
    const ses = session.defaultSession;
    const callback = vi.fn();
    ses.permissionRequestHandler?.({}, 'media', callback);
    ses.permissionRequestHandler?.({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(ses.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
  });

  test('adds the strict CSP to every response', () => {
    guardedContents();
    const callback = vi.fn();
    session.defaultSession.headersReceivedListener?.({ responseHeaders: { 'x-other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers['x-other']).toEqual(['1']);
  });
});

describe('single instance', () => {
  test('a second launch quits and focuses the first window', () => {
    app.singleInstanceLock = true;
    const { win } = newWindow();
    win.minimized = true;
    expect(claimSingleInstance(() => win as never)).toBe(true);
    app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  test('without the lock the caller must quit', () => {
    app.singleInstanceLock = false;
    expect(claimSingleInstance(() => null)).toBe(false);
    app.singleInstanceLock = true;
  });
});

describe('URL checks', () => {
  test('isSafeExternalUrl allows https only', () => {
    expect(isSafeExternalUrl('https://login.xero.com/')).toBe(true);
    for (const u of ['http://x.com', 'file:///etc', 'javascript:1', 'smb://host/share', 'not a url']) expect(isSafeExternalUrl(u)).toBe(false);
  });
  test('isRendererUrl matches the page, not look-alikes', () => {
    expect(isRendererUrl(`${RENDERER}?a=1#/x`, RENDERER)).toBe(true);
    expect(isRendererUrl('file:///opt/facility-sync/resources/app.asar/dist/renderer/other.html', RENDERER)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/index.html', RENDERER)).toBe(false);
  });
});
