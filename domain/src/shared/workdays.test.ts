import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_WORK_CALENDAR as CAL,
  isWorkingDay,
  latestStartEndingBy,
  missingCalendarYears,
  workingDaysBetween,
  ZWorkCalendarSchema,
} from './workdays';

describe('isWorkingDay (行政处罚法 art. 85; the State Council notices for 2025 and 2026)', () => {
  it.each([
    ['2026-01-02', false, 'New Year holiday on a Friday'],
    ['2026-01-04', true, 'Sunday worked (调休上班)'],
    ['2026-02-14', true, 'Saturday worked before the Spring Festival'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-02-23', false, 'last day of the Spring Festival'],
    ['2026-02-24', true, 'first weekday after it'],
    ['2026-02-28', true, 'Saturday worked after it'],
    ['2026-05-09', true, 'Saturday worked after Labour Day'],
    ['2026-06-19', false, 'Dragon Boat Festival'],
    ['2026-09-20', true, 'Sunday worked before National Day'],
    ['2026-10-07', false, 'last day of National Day'],
    ['2026-10-10', true, 'Saturday worked after National Day'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-09', true, 'an ordinary Monday'],
    ['2025-01-26', true, '2025: Sunday worked'],
    ['2025-10-08', false, '2025: National Day and Mid-Autumn, eighth day'],
    ['2025-10-11', true, '2025: Saturday worked'],
    ['2027-01-04', true, 'a year without a calendar: weekdays count'],
    ['2027-01-02', false, 'a year without a calendar: weekends do not'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(CAL, date)).toBe(expected);
  });
});

describe('addWorkingDays: the period starts the day after service (送达次日起算)', () => {
  it.each([
    ['2026-09-30', 5, '2026-10-13', 'over National Day, counting Saturday 10-10'],
    ['2026-02-13', 7, '2026-03-02', 'over the Spring Festival, counting both worked Saturdays'],
    ['2026-03-05', 3, '2026-03-10', 'over an ordinary weekend'],
    ['2026-03-06', 1, '2026-03-09', 'served on a Friday, one day: the Monday'],
    ['2026-03-09', 1, '2026-03-10', 'served on a Monday, one day: the Tuesday'],
    ['2025-09-26', 7, '2025-10-13', '2025: Sunday 09-28 and Saturday 10-11 worked'],
  ])('served %s + %i working days → %s (%s)', (from, days, expected) => {
    expect(addWorkingDays(CAL, from, days)).toEqual({ date: expected, uncoveredYears: [] });
  });

  it('reports a year the calendar lacks instead of skipping it silently', () => {
    expect(addWorkingDays(CAL, '2026-12-30', 5)).toEqual({ date: '2027-01-06', uncoveredYears: [2027] });
    expect(missingCalendarYears(CAL, 2025, 2027)).toEqual([2027]);
  });

  it('answers a question asked again of the same calendar alike, and a calendar given again (a new object) afresh', () => {
    const first = addWorkingDays(CAL, '2026-03-05', 3);
    expect(addWorkingDays(CAL, '2026-03-05', 3)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // the same year with 03-09 made a holiday: the kept answer of the old calendar must not be given
    const changed = { years: CAL.years.map((y) => (y.year === 2026 ? { ...y, holidays: [...y.holidays, '2026-03-09'] } : y)) };
    expect(addWorkingDays(changed, '2026-03-05', 3)).toEqual({ date: '2026-03-11', uncoveredYears: [] });
    expect(addWorkingDays(CAL, '2026-03-05', 3).date).toBe('2026-03-10');
  });

  it('refuses a period that is not a whole number of days', () => {
    expect(() => addWorkingDays(CAL, '2026-03-05', 0)).toThrow();
    expect(() => addWorkingDays(CAL, '2026-03-05', 1.5)).toThrow();
  });

  it('counts working days back: the inverse of addWorkingDays', () => {
    expect(workingDaysBetween(CAL, '2026-09-30', '2026-10-13')).toBe(5);
    expect(workingDaysBetween(CAL, '2026-09-30', '2026-10-12')).toBe(4);
    expect(workingDaysBetween(CAL, '2026-03-10', '2026-03-10')).toBe(0);
  });
});

describe('latestStartEndingBy: which start days are overdue by a date', () => {
  it.each([
    [7, '2026-03-10', '2026-03-01', 'decided Sunday 03-01: 7 working days end Tuesday 03-10'],
    [7, '2026-03-09', '2026-02-27', 'a day earlier: Friday 02-27 (its 7th working day is Monday 03-09)'],
    [5, '2026-10-13', '2026-10-07', 'served any day of National Day: all end Tuesday 10-13'],
    [5, '2026-10-12', '2026-09-29', 'the day before'],
  ])('%i working days ending by %s: started on or before %s (%s)', (days, by, expected) => {
    const start = latestStartEndingBy(CAL, days, by);
    expect(start).toBe(expected);
    expect(addWorkingDays(CAL, start, days).date <= by).toBe(true);
    const next = new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(addWorkingDays(CAL, next, days).date > by).toBe(true);
  });
});

describe('the calendar setting', () => {
  it('accepts the shipped calendar', () => {
    expect(ZWorkCalendarSchema.safeParse(CAL).success).toBe(true);
  });

  it('refuses a date outside its year, a day both off and worked, and a year twice, naming each', () => {
    const bad = ZWorkCalendarSchema.safeParse({
      years: [
        { year: 2027, holidays: ['2026-12-31', '2027-01-01'], workdays: ['2027-01-01'], source: '通知' },
        { year: 2027, holidays: [], workdays: [], source: '通知' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(['2026-12-31 不在 2027 年内', '2027-01-01 不能既放假又上班', '2027 年重复']);
  });
});
