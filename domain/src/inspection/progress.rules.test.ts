import { describe, expect, it } from 'vitest';
import { bureauDate } from '../shared/time';
import { DEFAULT_INSPECTION_FREQUENCY } from './inspection.settings';
import { DEFAULT_WORK_CALENDAR } from '../shared/workdays';
import {
  frequencyState,
  lastOverdueCheckDate,
  monthsBetween,
  progressShare,
  resultOverdue,
  resultPublishBy,
  statsRange,
  targetOverdue,
} from './progress.rules';
import { ZStatsQuerySchema } from './stats.schema';

describe('statsRange', () => {
  it.each([
    // quarter boundaries: the last day of Q1 and the first of Q2
    [{ period: 'quarter', at: '2026-03-31' }, '2026-01', '2026-03', '2026-Q1', '2026-01-01', '2026-03-31', '2026年第一季度'],
    [{ period: 'quarter', at: '2026-04-01' }, '2026-04', '2026-06', '2026-Q2', '2026-04-01', '2026-06-30', '2026年第二季度'],
    [{ period: 'quarter', at: '2026-09-30' }, '2026-07', '2026-09', '2026-Q3', '2026-07-01', '2026-09-30', '2026年第三季度'],
    [{ period: 'quarter', at: '2026-10-01' }, '2026-10', '2026-12', '2026-Q4', '2026-10-01', '2026-12-31', '2026年第四季度'],
    [{ period: 'month', at: '2024-02-10' }, '2024-02', '2024-02', '2024-02', '2024-02-01', '2024-02-29', '2024年2月'],
    [{ period: 'month', at: '2026-12-31' }, '2026-12', '2026-12', '2026-12', '2026-12-01', '2026-12-31', '2026年12月'],
    [{ period: 'year', at: '2026-01-01' }, '2026-01', '2026-12', '2026', '2026-01-01', '2026-12-31', '2026年'],
    [{ period: 'custom', from: '2025-11', to: '2026-02' }, '2025-11', '2026-02', null, '2025-11-01', '2026-02-28', '2025年11月至2026年2月'],
    [{ period: 'custom', from: '2026-02', to: '2025-11' }, '2025-11', '2026-02', null, '2025-11-01', '2026-02-28', '2025年11月至2026年2月'],
    [{ period: 'custom', from: '2026-05', to: '2026-05' }, '2026-05', '2026-05', '2026-05', '2026-05-01', '2026-05-31', '2026年5月'],
  ] as const)('%o → %s..%s (%s)', (p, fromMonth, toMonth, firmPeriod, fromDate, toDate, label) => {
    expect(statsRange(p)).toEqual({ fromMonth, toMonth, firmPeriod, fromDate, toDate, label });
  });

  it('takes the quarter in Asia/Shanghai: 2026-03-31 16:30 UTC is already 1 April in the bureau', () => {
    expect(statsRange({ period: 'quarter', at: bureauDate(new Date('2026-03-31T15:59:59Z')) }).firmPeriod).toBe('2026-Q1');
    expect(statsRange({ period: 'quarter', at: bureauDate(new Date('2026-03-31T16:00:00Z')) }).firmPeriod).toBe('2026-Q2');
  });
});

describe('monthsBetween', () => {
  it.each([
    ['2026-01', '2026-03', ['2026-01', '2026-02', '2026-03']],
    ['2025-12', '2026-01', ['2025-12', '2026-01']],
    ['2026-03', '2026-03', ['2026-03']],
    ['2026-04', '2026-03', []],
  ])('%s..%s', (from, to, months) => expect(monthsBetween(from, to)).toEqual(months));
});

describe('custom period query', () => {
  it.each([
    [{ period: 'custom', from: '2024-01', to: '2025-12' }, true],
    [{ period: 'custom', from: '2024-01', to: '2026-01' }, false],
    [{ period: 'custom', from: '2026-01' }, false],
    [{ period: 'custom', from: '2026-13', to: '2026-12' }, false],
    [{ period: 'quarter' }, true],
  ])('%o valid: %s', (q, ok) => expect(ZStatsQuerySchema.safeParse(q).success).toBe(ok));
});

describe('progressShare', () => {
  it.each([
    [0, 0, 0],
    [0, 10, 0],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [10, 10, 1],
  ])('%i of %i = %d', (done, planned, share) => expect(progressShare(done, planned)).toBe(share));
});

describe('targetOverdue (result published within 20 working days of the check)', () => {
  const periodEnd = '2026-06-30';
  it.each([
    [null, false, '2026-06-30', null],
    [null, false, '2026-07-01', { reason: 'period_ended', dueOn: '2026-06-30' }],
    // 5.1–5.5 off, 5.9 (Sat) worked: the 20th working day after 5.1 is 6.1, not 5.21
    ['2026-05-01', false, '2026-05-22', null],
    ['2026-05-01', false, '2026-06-01', null],
    ['2026-05-01', false, '2026-06-02', { reason: 'unpublished', dueOn: '2026-06-01' }],
    ['2026-05-01', true, '2026-12-31', null],
    ['2026-06-29', false, '2026-07-02', null],
  ] as const)('checked %s, published %s, on %s', (inspectedOn, published, today, expected) => {
    expect(targetOverdue({ periodEnd, inspectedOn, published }, today, 20, DEFAULT_WORK_CALENDAR)).toEqual(expected);
  });
});

describe('resultPublishBy: 20 working days from the day after the check (2026 calendar)', () => {
  it.each([
    // an ordinary Monday: four weeks later
    ['2026-03-02', 20, '2026-03-30'],
    // Friday: the weekend does not count
    ['2026-03-06', 1, '2026-03-09'],
    // before National Day: 9.20 (Sun) worked, 9.25–9.27 and 10.1–10.7 off, 10.10 (Sat) worked
    ['2026-09-18', 20, '2026-10-22'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 20, '2026-11-03'],
    // checked on a holiday: the count still starts the next day
    ['2026-10-03', 1, '2026-10-08'],
    ['2026-09-25', 20, '2026-10-29'],
    // 2.15–2.23 off, 2.14 and 2.28 (Sat) worked
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
  ] as const)('checked %s + %i working days → %s', (inspectedOn, days, due) => {
    expect(resultPublishBy(DEFAULT_WORK_CALENDAR, inspectedOn, days)).toBe(due);
  });

  it.each([
    ['2026-09-18', '2026-10-22', false],
    ['2026-09-18', '2026-10-23', true],
    ['2026-09-30', '2026-11-03', false],
    ['2026-09-30', '2026-11-04', true],
  ] as const)('checked %s, unpublished, on %s: overdue %s', (inspectedOn, today, overdue) => {
    expect(resultOverdue(DEFAULT_WORK_CALENDAR, inspectedOn, 20, false, today)).toBe(overdue);
    expect(resultOverdue(DEFAULT_WORK_CALENDAR, inspectedOn, 20, true, today)).toBe(false);
    // the list's SQL form (inspected_on <= lastOverdueCheckDate) gives the same answer
    expect(inspectedOn <= lastOverdueCheckDate(DEFAULT_WORK_CALENDAR, 20, today)).toBe(overdue);
  });
});

describe('frequencyState (defaults: red 4–12, orange 2–6, yellow 1–3, blue 0–2, none 0–1)', () => {
  it.each([
    [3, 'red', 'below'],
    [4, 'red', null],
    [12, 'red', null],
    [13, 'red', 'above'],
    [1, 'orange', 'below'],
    [2, 'orange', null],
    [0, 'yellow', 'below'],
    [3, 'yellow', null],
    [4, 'yellow', 'above'],
    [0, 'blue', null],
    [3, 'blue', 'above'],
    [1, 'none', null],
    [2, 'none', 'above'],
  ] as const)('%i checks, %s → %s', (checks, stratum, state) =>
    expect(frequencyState(checks, stratum, DEFAULT_INSPECTION_FREQUENCY)).toBe(state),
  );
});
