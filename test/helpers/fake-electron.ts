/**
 * A stand-in for the `electron` module (its binary cannot be installed on build machines).
 * It records what our code asks of Electron so tests can assert every guard. This fakes only
 * Electron itself, never our own code. Use: vi.mock('electron', () => import('../helpers/fake-electron')).
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; payload: unknown }> = [];
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  /** What printToPDF was asked for; it answers with a small PDF's bytes, as Chromium would. */
  printed: Array<Record<string, unknown>> = [];
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7\n% fake page\n%%EOF\n'));
  }
  /** Emits like Electron does and reports whether a listener called preventDefault(). */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  bounds: { x: number; y: number; width: number; height: number };
  minimized = false;
  focused = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.bounds = { x: 10, y: 20, width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  getBounds() {
    return { ...this.bounds };
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return this.minimized;
  }
  isFullScreen() {
    return false;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  show() {}
}

class FakeApp extends EventEmitter {
  singleInstanceLock = true;
  requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock);
  getPath = vi.fn(() => os.tmpdir());
  getVersion = vi.fn(() => '0.0.0-test');
  getAppPath = vi.fn(() => process.cwd());
  disableHardwareAcceleration = vi.fn();
  quit = vi.fn();
  exit = vi.fn((_code?: number) => {});
  whenReady = vi.fn(() => new Promise<void>(() => {}));
  isPackaged = false;
}

export const app = new FakeApp();

export const shell = { openExternal: vi.fn(async (_url: string) => {}) };

/** Electron's dialogs: tests set what the user answers (`showSaveDialog.mockResolvedValueOnce`). */
export const dialog = {
  showSaveDialog: vi.fn(async (_parent: unknown, _options: Record<string, unknown>) => ({ canceled: true, filePath: undefined as string | undefined })),
};

class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  headersReceivedListener: Handler | null = null;
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheckHandler = h;
  }
  webRequest = {
    onHeadersReceived: (h: Handler) => {
      this.headersReceivedListener = h;
    },
  };
}

export const session = { defaultSession: new FakeSession() };

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, h: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, h);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new FakeIpcMain();

class FakeProtocol {
  privileged: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, h: (request: Request) => Promise<Response> | Response) {
    this.handlers.set(scheme, h);
  }
}

export const protocol = new FakeProtocol();

/** Electron's system notification: records what was shown; `supported` stands for the platform's answer. */
export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

const electron = { app, shell, session, ipcMain, BrowserWindow, protocol, Notification };
export default electron;
