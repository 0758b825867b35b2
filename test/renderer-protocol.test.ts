import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./helpers/fake-electron'));
const { protocol } = await import('./helpers/fake-electron');
const { CONTENT_SECURITY_POLICY } = await import('../main/csp');
const { RENDERER_URL, chooseRendererUrl, registerRendererScheme, rendererFileFor, serveRenderer } = await import('../main/renderer-protocol');
const { isRendererUrl } = await import('../main/window');

/** Issue 18 finding 8: the renderer comes from a privileged custom scheme, not file://. */
function builtRenderer(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(path.join(dir, 'assets/app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, '..', 'secret.txt'), 'outside');
  return dir;
}

describe('app://facility-sync', () => {
  test('is a standard, secure scheme and the window loads it, not file://', () => {
    registerRendererScheme();
    expect(protocol.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
    expect(RENDERER_URL).toBe('app://facility-sync/index.html');
    expect(chooseRendererUrl(true, {})).toBe(RENDERER_URL);
    expect(isRendererUrl('app://facility-sync/index.html#/settings', RENDERER_URL)).toBe(true);
    expect(isRendererUrl('app://evil/index.html', RENDERER_URL)).toBe(false);
    expect(isRendererUrl('file:///opt/app/dist/renderer/index.html', RENDERER_URL)).toBe(false);
  });

  test('FACILITY_SYNC_RENDERER_URL is honoured only when the app is not packaged', () => {
    const env = { FACILITY_SYNC_RENDERER_URL: 'http://127.0.0.1:5173/' };
    expect(chooseRendererUrl(false, env)).toBe('http://127.0.0.1:5173/');
    expect(chooseRendererUrl(true, env)).toBe(RENDERER_URL);
  });

  test('serves the built files with the CSP, and nothing outside them', async () => {
    const dir = builtRenderer();
    serveRenderer(dir);
    const handler = protocol.handlers.get('app')!;
    const get = (url: string) => handler(new Request(url));
    const index = await get('app://facility-sync/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await (await get('app://facility-sync/assets/app.js')).text()).toBe('console.log(1)');
    for (const bad of ['app://facility-sync/%2e%2e/secret.txt', 'app://facility-sync/..%2Fsecret.txt', 'app://other-host/index.html', 'app://facility-sync/%E0%A4%A', 'app://facility-sync/missing.js']) {
      expect([bad, (await get(bad)).status]).toEqual([bad, 404]);
    }
    expect(rendererFileFor(dir, 'app://facility-sync/')).toBe(path.join(dir, 'index.html'));
  });
});
