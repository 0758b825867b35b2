import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/app-error';
import { monthName, monthRange, monthsUpTo } from '../../main/report/reconciliation/month';

describe('reconciliation months', () => {
  it('gives each month its first and last day, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ month: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2025-02').to).toBe('2025-02-28');
    expect(monthRange('2025-12').to).toBe('2025-12-31');
    expect(monthName('2025-06')).toBe('June 2025');
  });

  it('refuses what is not a month, in words', () => {
    for (const bad of ['2025-13', '2025-6', '25-06', '2025-06-01']) {
      expect(() => monthRange(bad)).toThrow(AppError);
    }
    expect(() => monthRange('2025-13')).toThrow('"2025-13" is not a month. Give it as year and month, like 2025-06.');
  });

  it('lists the 12 months up to a month across a year end, oldest first', () => {
    const months = monthsUpTo('2026-03', 12);
    expect(months).toHaveLength(12);
    expect([months[0], months[9], months[11]]).toEqual(['2025-04', '2026-01', '2026-03']);
  });
});
