import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

/**
 * The real `facility-sync` process, as a user's terminal or script runs it: exit codes, and no
 * stack trace ever reaches the terminal.
 */
const BIN = path.resolve('bin/facility-sync.js');
const STACK = /\n\s+at |TypeError|EPIPE|node:internal/;

function run(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dir, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs the CLI with its stdout piped into `head`, which closes the pipe early; returns the CLI's own exit code. */
function runIntoHead(dir: string, args: string[], head: string) {
  const cmd = `"${process.execPath}" "${BIN}" --data-dir "${dir}" ${args.join(' ')} | ${head}; echo "cli-exit=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
  return { code: Number(/cli-exit=(\d+)/.exec(r.stderr)?.[1]), out: r.stdout, err: r.stderr.replace(/cli-exit=\d+\n?/, '') };
}

describe('facility-sync as a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-process-'));
    // The demo's size (thousands of invoices) is far more than a pipe buffer holds.
    const loaded = run(dir, ['demo-data', '--seed', '2']);
    expect(loaded.code).toBe(0);
  }, 60_000);

  test('resync by ids and --all-non-synced queue, say so and exit 0 without a stack trace', () => {
    const byIds = run(dir, ['resync', 'invoices', 'LOC-1-100001', 'LOC-1-100002']);
    expect(byIds.err).not.toMatch(STACK);
    // Not connected in this folder: queued, and the sentence says when they go out.
    expect(byIds.out).toMatch(/^2 invoices queued; they go out once Facility Sync is connected to Xero \(Settings > /);
    expect(byIds.code).toBe(0);
    const all = run(dir, ['resync', 'invoices', '--all-non-synced']);
    expect(all.err).not.toMatch(STACK);
    expect(all.out).toMatch(/^[\d,]+ invoices queued; they go out once Facility Sync is connected to Xero/);
    expect(all.code).toBe(0);
  }, 30_000);

  test('a reader that closes the pipe early ends the command quietly with 0', () => {
    for (const [args, head] of [
      [['report', '--search-by', 'invoices', '--csv'], 'head -3'],
      [['report', '--search-by', 'invoices', '--json'], 'head -c 100'],
      [['report', '--search-by', 'payments'], 'head -1'],
    ] as const) {
      const r = runIntoHead(dir, [...args], head);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.length).toBeGreaterThan(0);
    }
  }, 30_000);

  test('the plain report starts with a header row', () => {
    const r = run(dir, ['report', '--search-by', 'invoices', '--status', 'non-synced']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(['id', 'date', 'record', 'amount', 'location', 'building', 'status', 'failure'].join('\t'));
    expect(lines[1]).toMatch(/^\d+\t\d{4}-\d{2}-\d{2}\t/);
  });

  test('wrong usage is always 2, with a plain message and no stack trace', () => {
    const cases: Array<[string[], RegExp]> = [
      [['resync', 'widgets', '1'], /Allowed choices are tenants, invoices, payments, prepayments, credit-notes, allocations, refunds/],
      [['resync', 'invoices'], /Give the ids to ReSync, or --all-non-synced/],
      [['report', '--search-by', 'invoices', '--from', '2025-13-01'], /--from "2025-13-01" is not a date/],
      [['report', '--search-by', 'invoices', '--from', '2026-02-30'], /--from "2026-02-30" is not a date/],
      [['report', '--search-by', 'invoices', '--to', '31/01/2026'], /--to "31\/01\/2026" is not a date/],
      [['report', '--search-by', 'invoices', '--from', '2026-03-01', '--to', '2026-02-01'], /--from 2026-03-01 is after --to 2026-02-01/],
      [['demo-data', '--seed', 'many'], /--seed "many" is not a whole number/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = run(dir, args);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err, args.join(' ')).not.toMatch(STACK);
      expect(r.code, args.join(' ')).toBe(2);
    }
  }, 60_000);

  test('a leap day is a date', () => {
    const r = run(dir, ['report', '--search-by', 'invoices', '--from', '2024-02-29', '--to', '2024-03-01']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('while not connected: map --suggest saves nothing and says why; sync exits 1 and says how to connect', () => {
    const map = run(dir, ['map', '--suggest']);
    expect(map.out).not.toMatch(/Mapping saved/);
    expect(map.err).toMatch(/Nothing was saved: suggestions need Xero's accounts.*Connect first \(facility-sync connect --client-id ID\)/);
    expect(map.err).not.toMatch(/Note \(/);
    expect(map.code).toBe(1);
    const sync = run(dir, ['sync']);
    expect(sync.out).toMatch(/Connect to Xero to start syncing/);
    expect(sync.code).toBe(1);
  }, 30_000);
});
