import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createServices, type Services } from '../main/services';

/** Real services on real temp folders; the modes are read back from the file system. */
const mode = (p: string) => statSync(p).mode & 0o777;
let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe.skipIf(process.platform === 'win32')('the data folder is private to this user', () => {
  test('a new data folder is 700 and the database, its WAL files and the settings are 600', async () => {
    const previous = process.umask(0o022); // the usual umask, which gave 755 and 644 before
    try {
      const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'private-')), 'Facility Sync for Xero');
      services = await createServices({ dataDir, syncAutoStart: false });
      await services.api.importFacilityData({ path: path.resolve('test/fixtures/csv-sample') });
      services.settings.set('test.touch', true);
      expect(mode(dataDir)).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['facility-sync.sqlite', 'facility-sync.sqlite-wal', 'settings.json']));
      for (const f of files) expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      process.umask(previous);
    }
  });

  test('an existing folder written with 755/644 is fixed at start, inner folders too', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'private-old-'));
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'settings.json'), '{}', { mode: 0o644 });
    mkdirSync(path.join(dataDir, 'logs'), { mode: 0o755 });
    writeFileSync(path.join(dataDir, 'logs', 'sync.log'), 'x', { mode: 0o664 });
    chmodSync(path.join(dataDir, 'settings.json'), 0o644);
    chmodSync(path.join(dataDir, 'logs'), 0o755);
    chmodSync(path.join(dataDir, 'logs', 'sync.log'), 0o664);
    services = await createServices({ dataDir, syncAutoStart: false });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'settings.json'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'logs', 'sync.log'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'facility-sync.sqlite'))).toBe(0o600);
  });
});
