/**
 * Match before create across a crash: the sync process is killed with SIGKILL while its lookup of the
 * contacts entered by hand is on its way (before anything is linked or created); the next run looks them
 * up again and creates no duplicate.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { tempDbPath } from '../helpers/temp-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator';
import { compareBooks, openDemoDb, setDemoMapping } from '../helpers/sync-setup';

const ROOT = path.resolve(__dirname, '../..');
let emu: XeroEmulator;
let db: Db;
afterEach(async () => {
  db?.close();
  await emu?.close();
});

function startChild(dbFile: string) {
  const child = spawn('npx', ['tsx', 'test/helpers/sync-child.ts', dbFile, emu.url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ signal: string | null; out: string }>((resolve) => child.on('exit', (_code, signal) => resolve({ signal, out })));
  return { child, exited };
}

it('a sync killed between the lookup and the link or create leaves no duplicate after the restart', async () => {
  emu = await startXeroEmulator({ port: 0, minuteMs: 1000, limits: { perMinute: 1000 } });
  const dbFile = tempDbPath('sync-match-crash-');
  const setup = openDemoDb(dbFile);
  setDemoMapping(setup, emu.admin);
  setup.close();
  db = openDatabase(dbFile);
  const tenants = db.prepare('SELECT id, name FROM tenants ORDER BY id LIMIT 5').all() as Array<{ id: number; name: string }>;
  const byHand = emu.admin.enterByHand('Demo Storage Co', { Contacts: tenants.map((t) => ({ Name: t.name })) }).Contacts as Array<{ ContactID: string }>;
  // Every request takes 400 ms at Xero: the kill lands while the contacts' lookup is on its way.
  emu.admin.setFaults({ latencyMs: 400 });
  const first = startChild(dbFile);
  const deadline = Date.now() + 30_000;
  while (!emu.admin.requests().some((e) => e.path.endsWith('/Organisation')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 200));
  process.kill(-(first.child.pid as number), 'SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  await new Promise((r) => setTimeout(r, 600));
  // Killed before anything was linked or created.
  expect(db.prepare("SELECT COUNT(*) FROM xero_links WHERE kind = 'tenant'").pluck().get()).toBe(0);
  expect(emu.admin.state().organisations[0]?.contacts).toHaveLength(tenants.length);

  emu.admin.setFaults({ latencyMs: 0 });
  const second = startChild(dbFile);
  expect((await second.exited).out).toContain('settled');
  const books = compareBooks(db, emu.admin);
  expect(books.duplicates).toEqual([]);
  const all = db.prepare('SELECT COUNT(*) FROM tenants').pluck().get() as number;
  expect(emu.admin.state().organisations[0]?.contacts).toHaveLength(all);
  tenants.forEach((t, i) => expect(db.prepare("SELECT xero_id FROM xero_links WHERE kind = 'tenant' AND record_id = ?").pluck().get(t.id)).toBe(byHand[i]!.ContactID));
}, 90_000);
