import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate, bureauDate, bureauDayStart, daysBetween } from './time';

describe('bureau calendar (Asia/Shanghai)', () => {
  it.each([
    ['2026-11-26T15:59:59.999Z', '2026-11-26'],
    ['2026-11-26T16:00:00.000Z', '2026-11-27'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (instant, date) => expect(bureauDate(new Date(instant))).toBe(date));

  it('a day starts at 16:00 UTC the day before', () => expect(bureauDayStart('2026-11-27').toISOString()).toBe('2026-11-26T16:00:00.000Z'));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-11-27', -12, '2025-11-27'],
    ['2026-11-27', 36, '2029-11-27'],
  ])('%s + %i months = %s', (d, m, r) => expect(addMonthsToDate(d, m)).toBe(r));

  it('adds days across years and counts them back', () => {
    expect(addDaysToDate('2026-12-25', 10)).toBe('2027-01-04');
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
    expect(daysBetween('2027-01-04', '2026-12-25')).toBe(-10);
  });
});
