/**
 * One module owns every write to the sync state (outbox, sync_records, xero_links):
 * main/sync/records/. Everything else reads, or calls it. The schema (migrations) is the
 * only other place those table names follow INSERT/UPDATE/DELETE.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(outbox|sync_records|xero_links)\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function writesIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(WRITE)].map((m) => `${path.relative(ROOT, file)}: ${m[0]}`);
}

describe('sync state writes', () => {
  const files = sources(path.join(ROOT, 'main'));

  test('come only from main/sync/records/ (and the migrations that create the tables)', () => {
    const outside = files
      .filter((f) => !f.includes(`${path.sep}sync${path.sep}records${path.sep}`) && !f.includes(`${path.sep}db${path.sep}migrations${path.sep}`))
      .flatMap(writesIn);
    expect(outside).toEqual([]);
    // The check sees the writes it is about: the records module has them.
    expect(files.filter((f) => f.includes(`${path.sep}sync${path.sep}records${path.sep}`)).flatMap(writesIn).length).toBeGreaterThan(5);
  });

  test('the statement that supersedes outbox rows is written once', () => {
    const supersedes = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/SET status = 'superseded'/g)].map(() => path.relative(ROOT, f)));
    expect(supersedes).toEqual(['main/sync/records/supersede.ts']);
  });
});
