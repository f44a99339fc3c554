import { describe, expect, it } from 'vitest';
import { reportPeriodRange, yearEarlier, yearOnYear } from './report.rules';

describe('report periods in the bureau calendar', () => {
  it.each([
    [
      { kind: 'month', year: 2025, part: 2 },
      { from: '2025-02-01', to: '2025-02-28' },
    ],
    [
      { kind: 'month', year: 2024, part: 2 },
      { from: '2024-02-01', to: '2024-02-29' },
    ],
    [
      { kind: 'quarter', year: 2025, part: 1 },
      { from: '2025-01-01', to: '2025-03-31' },
    ],
    [
      { kind: 'quarter', year: 2025, part: 3 },
      { from: '2025-07-01', to: '2025-09-30' },
    ],
    [
      { kind: 'quarter', year: 2025, part: 4 },
      { from: '2025-10-01', to: '2025-12-31' },
    ],
    [
      { kind: 'half', year: 2025, part: 2 },
      { from: '2025-07-01', to: '2025-12-31' },
    ],
    [
      { kind: 'year', year: 2025 },
      { from: '2025-01-01', to: '2025-12-31' },
    ],
    [
      { kind: 'custom', from: '2025-09-12', to: '2025-09-12' },
      { from: '2025-09-12', to: '2025-09-12' },
    ],
  ] as const)('%o → %o', (input, expected) => {
    expect(reportPeriodRange(input)).toEqual(expected);
  });

  it.each([
    [{ kind: 'custom', from: '2025-09-12', to: '2025-09-11' }, '报告期结束日期不能早于开始日期'],
    [{ kind: 'custom', from: '2025-09-12' }, '自定义报告期须填写开始和结束日期'],
    [{ kind: 'quarter', year: 2025, part: 5 }, '季度应为 1–4'],
    [{ kind: 'month', year: 2025, part: 0 }, '月份应为 1–12'],
    [{ kind: 'year' }, '请选择报告年份'],
  ] as const)('refuses %o: %s', (input, message) => {
    expect(reportPeriodRange(input)).toBe(message);
  });

  it('compares with the same dates a year earlier', () => {
    expect(yearEarlier({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(yearOnYear(12, 10)).toBe(20);
    expect(yearOnYear(9, 12)).toBe(-25);
    expect(yearOnYear(3, 0)).toBeNull();
  });
});
