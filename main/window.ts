/**
 * Every Electron security guard in one place (docs/conventions.md #9; README "Architecture").
 * main/index.ts only wires these together.
 */
import { BrowserWindow, app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { WindowBounds, WindowStateStore } from './window-state';

export { CONTENT_SECURITY_POLICY };

export interface MainWindowOptions {
  preloadPath: string;
  /** The one URL the renderer lives at (file://.../index.html or the dev server). */
  rendererUrl: string;
  windowState: WindowStateStore;
}

/** Only https links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function openExternalSafely(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  // Reviewed: only https URLs reach the system browser (checked on the line above).
  void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

/** Is `url` the renderer's own page (same origin and path; hash and query ignored)? */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(rendererUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** Guards for every WebContents the app ever creates. Call once, before any window exists. */
export function installAppGuards(rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, rendererUrl));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

export function guardWebContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** One instance only: a second launch focuses the first window. Returns false if we must quit. */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  return true;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds: WindowBounds = options.windowState.load();
  // Reviewed: the preload exposes only the named contract methods (preload/index.ts).
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Facility Sync for Xero',
    // Written out literally (not built by a helper) so the static security scan can read it.
    webPreferences: {
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click opens new windows through a path that skips setWindowOpenHandler in old versions.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (!win.isDestroyed() && !win.isMinimized() && !win.isFullScreen()) options.windowState.save(win.getBounds());
  };
  win.on('resized', remember);
  win.on('moved', remember);
  win.on('close', remember);
  void win.loadURL(options.rendererUrl);
  return win;
}
