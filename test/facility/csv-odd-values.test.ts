import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { clip } from '../../main/facility/csv-row-reader';
import { truncateGraphemes } from '../../main/text/graphemes';
import { tempDbPath } from '../helpers/temp-db';
import { copySample, writeCsv } from '../helpers/csv-test-folder';

/** Issue 18 finding 5: odd values are refused at import with the reason, or normalised. */
const at = '2025-02-01T00:00:00Z';
const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

async function sampleDb(): Promise<{ dir: string; db: Db }> {
  const dir = copySample();
  const db = openDatabase(tempDbPath());
  expect((await importFacilityCsv(db, dir)).rejected).toEqual([]);
  return { dir, db };
}

describe('odd values at import', () => {
  test('names: whitespace and line breaks are normalised; NUL, control characters and U+202E are refused', async () => {
    const { dir, db } = await sampleDb();
    const names = ['  Olivia \t  Smith  ', 'Mia\r\nChen', 'Nul\u0000Byte', 'Bell\u0007', 'Invoice\u202Egnp.exe', 'Esc\u001B[31m', 'Cafe\u0301 Ltd'];
    const result = await importFacilityCsv(db, writeCsv(dir, 'tenants.csv', [
      'tenant_id,location_id,name,updated_at',
      ...names.map((n, i) => `T-ODD-${i},LOC-SYD,${quote(n)},${at}`),
    ].join('\n')));
    // Line numbers are the file's own: the quoted line break makes Mia's row two lines long.
    expect(result.rejected).toEqual([
      { file: 'tenants.csv', line: 6, reason: 'name holds an invisible control character (U+0000); remove it' },
      { file: 'tenants.csv', line: 7, reason: 'name holds an invisible control character (U+0007); remove it' },
      { file: 'tenants.csv', line: 8, reason: 'name holds a hidden text-direction character (U+202E) that can disguise what it says; remove it' },
      { file: 'tenants.csv', line: 9, reason: 'name holds an invisible control character (U+001B); remove it' },
    ]);
    writeCsv(dir, 'tenants.csv', ['tenant_id,location_id,name,updated_at', ...[0, 1, 6].map((i) => `T-ODD-${i},LOC-SYD,${quote(names[i]!)},${at}`)].join('\n'));
    expect((await importFacilityCsv(db, `${dir}/tenants.csv`)).rejected).toEqual([]);
    const stored = db.prepare("SELECT name FROM tenants WHERE external_id LIKE 'T-ODD-%' ORDER BY external_id").pluck().all();
    expect(stored).toEqual(['Olivia Smith', 'Mia Chen', 'Caf\u00E9 Ltd']);
  });

  test('dates: 0000-01-01 and 9999-12-31 are refused, and so is a due date before the issue date', async () => {
    const { dir, db } = await sampleDb();
    const result = await importFacilityCsv(db, writeCsv(dir, 'invoices.csv', [
      'invoice_id,invoice_number,tenant_id,issue_date,due_date,updated_at',
      `INV-ODD-1,ODD-1,T-1001,0000-01-01,2025-01-12,${at}`,
      `INV-ODD-2,ODD-2,T-1001,2025-01-05,9999-12-31,${at}`,
      `INV-ODD-3,ODD-3,T-1001,2025-01-05,2025-01-04,${at}`,
      `INV-ODD-4,ODD-4,T-1001,2025-01-05,2025-01-05,0001-01-01T00:00:00Z`,
    ].join('\n')));
    expect(result.rejected).toEqual([
      { file: 'invoices.csv', line: 2, reason: 'issue_date 0000-01-01 is outside 1900-01-01 to 2099-12-31; give the real date' },
      { file: 'invoices.csv', line: 3, reason: 'due_date 9999-12-31 is outside 1900-01-01 to 2099-12-31; give the real date' },
      { file: 'invoices.csv', line: 4, reason: 'due_date 2025-01-04 is before issue_date 2025-01-05' },
      { file: 'invoices.csv', line: 5, reason: 'updated_at 0001-01-01T00:00:00Z is outside 1900-01-01 to 2099-12-31; give the real time' },
    ]);
  });

  test('an invoice whose lines add up to 1,999,999,999.98 is refused, though each line is within the limit', async () => {
    const { dir, db } = await sampleDb();
    const result = await importFacilityCsv(db, writeCsv(dir, 'invoice_lines.csv', [
      'line_id,invoice_id,line_no,charge_type_id,description,quantity,unit_amount,updated_at',
      `L-BIG-1,INV-5002,1,CT-RENT,Rent,1,999999999.99,${at}`,
      `L-OK-1,INV-5001,1,CT-RENT,Rent,1,10.00,${at}`,
      `L-BIG-2,INV-5002,2,CT-RENT,"Rent,\r\n  second   line",1,999999999.99,${at}`,
    ].join('\n')));
    expect(result.rejected).toEqual([
      { file: 'invoice_lines.csv', line: 2, reason: 'the lines of invoice "INV-5002" add up to 1,999,999,999.98, more than 999,999,999.99; split the invoice' },
    ]);
    expect(db.prepare("SELECT max(total_cents) FROM invoices").pluck().get()).toBeLessThan(100_000_000_000);
  });
});

describe('cutting text', () => {
  test('truncation and clipped messages never split an emoji or a combining mark', () => {
    const name = `${'x'.repeat(38)}👍🏽 and more`;
    expect(truncateGraphemes(name, 39)).toBe('x'.repeat(38));
    expect(truncateGraphemes(name, 42)).toBe(`${'x'.repeat(38)}👍🏽`);
    expect(truncateGraphemes('e\u0301e\u0301', 3)).toBe('e\u0301');
    expect(clip(name)).toBe(`${'x'.repeat(38)}…`);
    expect(/[\uD800-\uDFFF]/u.test(clip(`${'y'.repeat(39)}😀😀`))).toBe(false);
  });
});
