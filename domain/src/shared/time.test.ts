import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate, bureauDate, bureauDayStart, daysBetween, monthSpan } from './time';

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

describe('monthSpan: whole months and edge days of a range', () => {
  it.each<[string | undefined, string | undefined, ReturnType<typeof monthSpan>]>([
    [undefined, undefined, { months: { from: null, to: null }, edges: [] }],
    ['2026-01-01', '2026-03-31', { months: { from: '2026-01', to: '2026-03' }, edges: [] }],
    ['2026-01-15', '2026-03-31', { months: { from: '2026-02', to: '2026-03' }, edges: [['2026-01-15', '2026-01-31']] }],
    ['2026-01-01', '2026-03-30', { months: { from: '2026-01', to: '2026-02' }, edges: [['2026-03-01', '2026-03-30']] }],
    ['2026-01-15', '2026-02-10', { months: null, edges: [['2026-01-15', '2026-02-10']] }],
    ['2026-02-03', '2026-02-20', { months: null, edges: [['2026-02-03', '2026-02-20']] }],
    ['2024-02-01', '2024-02-29', { months: { from: '2024-02', to: '2024-02' }, edges: [] }],
    [undefined, '2026-05-10', { months: { from: null, to: '2026-04' }, edges: [['2026-05-01', '2026-05-10']] }],
    ['2026-12-31', undefined, { months: { from: '2027-01', to: null }, edges: [['2026-12-31', '2026-12-31']] }],
    ['2026-03-01', '2026-02-01', { months: null, edges: [] }],
  ])('%s … %s', (from, to, expected) => expect(monthSpan(from, to)).toEqual(expected));
});
