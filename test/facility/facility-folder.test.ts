import { chmodSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FacilityFolderStatus } from '../../contract';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services } from '../../main/services';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';

/** The "Facility data folder" setting through the contract, as the app and the harness run it. */
const opened: Services[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

async function start(dataDir: string, chooseFacilityFolder?: () => Promise<string | null>): Promise<Services> {
  const services = await createServices({
    dataDir, ...(chooseFacilityFolder ? { chooseFacilityFolder } : {}), keychainService: `facility-sync-test-${process.pid}`, syncAutoStart: false, watchFacilityFolder: true, facilityFolderStableMs: 200,
  });
  opened.push(services);
  return services;
}
const call = (s: Services, method: string, ...args: unknown[]) => dispatch(s.api, method, args);

test('the folder is checked when chosen: it exists, is a folder, can be written to', async () => {
  const services = await start(mkdtempSync(path.join(os.tmpdir(), 'folder-setting-')));
  const base = mkdtempSync(path.join(os.tmpdir(), 'folder-check-'));
  const file = path.join(base, 'a.csv');
  writeFileSync(file, 'x');
  const locked = path.join(base, 'locked');
  cpSync(SAMPLE_CSV_DIR, locked, { recursive: true });
  chmodSync(locked, 0o500);
  const refusals = {
    [path.join(base, 'missing')]: `The folder ${path.join(base, 'missing')} does not exist. Create it or choose another folder.`,
    [file]: `${file} is a file, not a folder. Choose the folder the exports are saved to.`,
    'exports': 'exports is not a full folder path. Choose the folder again.',
  };
  // Root can write anywhere: the write check is only seen as another user.
  if (process.getuid?.() !== 0) refusals[locked] = `Facility Sync cannot write to ${locked} (imported files are moved into it). Choose a folder you can change, or ask for write access.`;
  for (const [folder, message] of Object.entries(refusals)) {
    expect(await call(services, 'setFacilityFolder', { folder })).toEqual({ ok: false, error: { code: 'bad_request', message } });
  }
  expect(await call(services, 'getFacilityFolder')).toEqual({ ok: true, value: { folder: null, watching: false, problem: null, last: null, canChoose: false } });
  expect(await call(services, 'chooseFacilityFolder')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  chmodSync(locked, 0o700);
});

test('a saved folder is watched from the start until shutdown; the last import is kept for the dashboard', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folder-setting-'));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'facility-folder-'));
  let services = await start(dataDir);
  const saved = await call(services, 'setFacilityFolder', { folder });
  expect(saved).toMatchObject({ ok: true, value: { folder, watching: true, problem: null, last: null } });
  await services.close();
  opened.splice(0);

  // Started again: the saved folder is watched without being chosen again.
  services = await start(dataDir);
  for (const f of ['locations.csv', 'buildings.csv']) cpSync(path.join(SAMPLE_CSV_DIR, f), path.join(folder, f));
  const status = async () => ((await call(services, 'getFacilityFolder')) as { value: FacilityFolderStatus }).value;
  await expect.poll(async () => (await status()).last?.file, { timeout: 15_000 }).toBe('buildings.csv');
  expect((await status()).last).toMatchObject({ imported: true, summary: '3 rows: 3 new, 0 updated, 0 unchanged.' });
  expect(readdirSync(path.join(folder, 'imported')).sort()).toEqual(['buildings.csv', 'buildings.csv.result.txt', 'locations.csv', 'locations.csv.result.txt']);

  // Cleared: nothing is watched any more.
  expect(await call(services, 'setFacilityFolder', { folder: null })).toMatchObject({ ok: true, value: { folder: null, watching: false } });
});

test('in Electron the folder dialog chooses the folder, checked as a typed one; cancelling changes nothing', async () => {
  let answer: string | null = null;
  const services = await start(mkdtempSync(path.join(os.tmpdir(), 'folder-setting-')), async () => answer);
  expect(await call(services, 'getFacilityFolder')).toMatchObject({ ok: true, value: { canChoose: true } });
  expect(await call(services, 'chooseFacilityFolder')).toEqual({
    ok: false, error: { code: 'cancelled', message: 'No folder was chosen; the facility data folder is unchanged.' },
  });
  answer = path.join(os.tmpdir(), 'no-such-folder-here');
  expect(await call(services, 'chooseFacilityFolder')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  answer = mkdtempSync(path.join(os.tmpdir(), 'facility-folder-'));
  expect(await call(services, 'chooseFacilityFolder')).toMatchObject({ ok: true, value: { folder: answer, watching: true } });
});
