import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { tempDbPath } from '../helpers/temp-db';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { writeCsv } from '../helpers/csv-test-folder';

const HEADER = 'payment_id,invoice_id,paid_on,amount,method,status,reference,updated_at';
const GOOD = ['P-X', 'INV-5004', '2025-02-06', '104.00', 'cash', 'completed', 'ref', '2025-02-06T10:00:00Z'];

/** Everything a facility export can get wrong, one field or one byte at a time. */
const badValue = fc.oneof(
  fc.constantFrom('-5.00', '1e9', '99999999999999999999.00', '12.345', 'abc', '', '"', 'a"b', '"open', '\u0000'),
  fc.constantFrom('INV-NOPE', 'bitcoin', '2025-13-01', 'tomorrow', 'P-9001'),
  fc.string({ minLength: 0, maxLength: 30 }),
  fc.string({ minLength: 70_000, maxLength: 70_001 }).map((s) => s.slice(0, 70_000)),
);
const badRow = fc
  .tuple(fc.integer({ min: 0, max: GOOD.length - 1 }), badValue, fc.boolean())
  .map(([i, v, quote]) => GOOD.map((g, j) => (j === i ? (quote ? `"${v.replaceAll('"', '""')}"` : v) : g)).join(','));
const goodRow = fc.integer({ min: 1, max: 1_000_000 }).map((n) => [`P-G${n}`, ...GOOD.slice(1)].join(','));
const header = fc.constantFrom(HEADER, HEADER.replace('amount,', ''), HEADER.replace('method', 'methd'), '', 'a,b,c');
const junkBytes = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((a) => Buffer.from(a));

function snapshot(db: Db) {
  return db.prepare(
    "SELECT (SELECT count(*) FROM payments) p, (SELECT count(*) FROM outbox) o, (SELECT count(*) FROM sync_records) s, (SELECT group_concat(external_id || amount_cents) FROM payments) v",
  ).get();
}

describe('CSV import over malformed input (property)', () => {
  const db = openDatabase(tempDbPath());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-prop-'));

  test('never throws, never half-writes: a file with any bad row leaves the database as it was', async () => {
    await importFacilityCsv(db, SAMPLE_CSV_DIR);
    await fc.assert(
      fc.asyncProperty(
        header, fc.array(goodRow, { maxLength: 5 }), fc.array(badRow, { minLength: 1, maxLength: 4 }), fc.option(junkBytes), fc.nat(),
        async (head, good, bad, junk, seed) => {
          const rows = [...good, ...bad].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
          let content: Buffer = Buffer.from([head, ...rows].join('\n'));
          if (junk) content = Buffer.concat([content.subarray(0, seed % (content.length + 1)), junk, content.subarray(seed % (content.length + 1))]);
          const before = snapshot(db);
          const result = await importFacilityCsv(db, writeCsv(dir, 'payments.csv', content));
          const file = result.files[0]!;
          if (file.imported) {
            // Only possible when the junk or the "bad" values happened to be valid: then every row counts.
            expect(result.rejected).toEqual([]);
          } else {
            expect(snapshot(db)).toEqual(before);
            expect(result.rejected.length).toBeGreaterThan(0);
            for (const r of result.rejected) {
              expect(r.file).toBe('payments.csv');
              expect(r.reason.length).toBeGreaterThan(5);
              expect(r.reason.length).toBeLessThan(1000);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('duplicate ids and unknown references are always rejected with the line of the row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 19 }), async (n, dupAt) => {
        const rows = Array.from({ length: n }, (_, i) => [`P-D${i}`, ...GOOD.slice(1)].join(','));
        const dup = dupAt % n;
        rows.push([`P-D${dup}`, ...GOOD.slice(1)].join(','));
        rows.push(['P-REF', 'INV-MISSING', ...GOOD.slice(2)].join(','));
        const before = snapshot(db);
        const result = await importFacilityCsv(db, writeCsv(dir, 'payments.csv', [HEADER, ...rows].join('\n')));
        expect(result.rejected).toEqual([
          { file: 'payments.csv', line: n + 2, reason: expect.stringContaining(`appears again (first on line ${dup + 2})`) },
          { file: 'payments.csv', line: n + 3, reason: expect.stringContaining('"INV-MISSING" is unknown') },
        ]);
        expect(snapshot(db)).toEqual(before);
      }),
      { numRuns: 30 },
    );
  });

  test('repeated ids and second keys anywhere in a long file (batches of staged rows) are each reported against the first line', async () => {
    const lines = openDatabase(tempDbPath());
    await importFacilityCsv(lines, SAMPLE_CSV_DIR);
    const stored = () => lines.prepare("SELECT group_concat(external_id || ':' || line_no) FROM invoice_lines").pluck().get();
    const head = 'line_id,invoice_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 150, size: 'max' }), async (rows) => {
        const before = stored();
        // The model: a row repeats an id (or a line_no of the invoice) when an earlier row staged it.
        const firstLineOfId = new Map<number, number>();
        const takenLineNos = new Set<number>();
        const expected: { file: string; line: number; reason: string }[] = [];
        rows.forEach(([id, no], i) => {
          const line = i + 2;
          const problems: string[] = [];
          const first = firstLineOfId.get(id);
          if (first !== undefined) problems.push(`line_id "LP-${id}" appears again (first on line ${first}); each id once per file`);
          else firstLineOfId.set(id, line);
          if (takenLineNos.has(no)) problems.push(`line_no ${no} appears twice for invoice "INV-5001"`);
          else takenLineNos.add(no);
          if (problems.length > 0) expected.push({ file: 'invoice_lines.csv', line, reason: problems.join('; ') });
        });
        const body = rows.map(([id, no]) => `LP-${id},INV-5001,${no},CT-RENT,Rent,1,1.00,2025-01-05T10:20:00Z`);
        const result = await importFacilityCsv(lines, writeCsv(dir, 'invoice_lines.csv', [head, ...body].join('\n')));
        expect(result.rejected.filter((r) => r.line > 0)).toEqual(expected);
        if (expected.length > 0) expect(stored()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
