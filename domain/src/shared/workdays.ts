/**
 * Working days (工作日). 行政处罚法 art. 85: periods of the procedure written as 日 of up to ten days count working
 * days — weekends and the State Council's annual public holidays are skipped, its adjusted working days (调休上班)
 * count. The calendar is a setting the bureau updates each year from the State Council's notice; a year without
 * one falls back to weekends only and is reported, never silently.
 */
import { z } from 'zod';
import { addDaysToDate } from './time';

const ZDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const ZWorkCalendarYearSchema = z
  .object({
    year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
    /** Public holidays (放假), including the weekdays taken off. */
    holidays: z.array(ZDateSchema),
    /** Adjusted working days (调休上班), weekend days worked. */
    workdays: z.array(ZDateSchema),
    /** The notice it comes from (国办发明电〔2025〕7号 …). */
    source: z.string().min(1, '请填写依据的国务院办公厅通知'),
  })
  .superRefine((y, ctx) => {
    for (const [key, list] of [
      ['holidays', y.holidays],
      ['workdays', y.workdays],
    ] as const)
      list.forEach((d, i) => {
        if (!d.startsWith(`${y.year}-`)) ctx.addIssue({ code: 'custom', path: [key, i], message: `${d} 不在 ${y.year} 年内` });
      });
    const both = y.holidays.filter((d) => y.workdays.includes(d));
    if (both.length) ctx.addIssue({ code: 'custom', path: ['workdays'], message: `${both.join('、')} 不能既放假又上班` });
  });
export type TWorkCalendarYear = z.infer<typeof ZWorkCalendarYearSchema>;

export const ZWorkCalendarSchema = z.object({ years: z.array(ZWorkCalendarYearSchema) }).superRefine((c, ctx) => {
  const seen = new Set<number>();
  c.years.forEach((y, i) => {
    if (seen.has(y.year)) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `${y.year} 年重复` });
    seen.add(y.year);
  });
});
export type TWorkCalendar = z.infer<typeof ZWorkCalendarSchema>;

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDaysToDate(d, 1)) out.push(d);
  return out;
};

/** Shipped from the State Council's notices; the bureau adds each new year on the settings page. */
export const DEFAULT_WORK_CALENDAR: TWorkCalendar = {
  years: [
    {
      year: 2025,
      // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）
      holidays: [
        '2025-01-01',
        ...range('2025-01-28', '2025-02-04'),
        ...range('2025-04-04', '2025-04-06'),
        ...range('2025-05-01', '2025-05-05'),
        ...range('2025-05-31', '2025-06-02'),
        ...range('2025-10-01', '2025-10-08'),
      ],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
      source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    },
    {
      year: 2026,
      // 国务院办公厅关于2026年部分节假日安排的通知
      holidays: [
        ...range('2026-01-01', '2026-01-03'),
        ...range('2026-02-15', '2026-02-23'),
        ...range('2026-04-04', '2026-04-06'),
        ...range('2026-05-01', '2026-05-05'),
        ...range('2026-06-19', '2026-06-21'),
        ...range('2026-09-25', '2026-09-27'),
        ...range('2026-10-01', '2026-10-07'),
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
      source: '国务院办公厅关于2026年部分节假日安排的通知',
    },
  ],
};

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether the calendar has the date's year. */
export const calendarCovers = (calendar: TWorkCalendar, date: string): boolean =>
  calendar.years.some((y) => y.year === Number(date.slice(0, 4)));

/** A working day: an adjusted working day, or a weekday that is not a public holiday. */
export function isWorkingDay(calendar: TWorkCalendar, date: string): boolean {
  const year = calendar.years.find((y) => y.year === Number(date.slice(0, 4)));
  if (year?.workdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

export interface TWorkingDeadline {
  /** The last day of the period (a working day). */
  date: string;
  /** Years the period crossed for which the calendar has no entry (weekends only were skipped there). */
  uncoveredYears: number[];
}

/**
 * The last day of a period of `days` working days that starts the day after `from` (送达次日起算): the `days`-th
 * working day after `from`.
 */
export function addWorkingDays(calendar: TWorkCalendar, from: string, days: number): TWorkingDeadline {
  if (!Number.isInteger(days) || days < 1) throw new Error(`working days must be a whole number ≥ 1, got ${days}`);
  // A list of cases asks the same few (start, period) pairs of one calendar object over and over (every clock of every
  // row, and the filters' latest starts): each answer is kept with the calendar, and goes with it when it is replaced.
  let known = deadlines.get(calendar);
  if (!known) deadlines.set(calendar, (known = new Map()));
  const key = `${from}+${days}`;
  const kept = known.get(key);
  if (kept) return kept;
  if (known.size >= DEADLINES_KEPT) known.clear();
  const deadline = countWorkingDays(calendar, from, days);
  known.set(key, deadline);
  return deadline;
}

const deadlines = new WeakMap<TWorkCalendar, Map<string, TWorkingDeadline>>();
const DEADLINES_KEPT = 20_000;

function countWorkingDays(calendar: TWorkCalendar, from: string, days: number): TWorkingDeadline {
  const uncovered = new Set<number>();
  let d = from;
  for (let counted = 0; counted < days;) {
    d = addDaysToDate(d, 1);
    if (!calendarCovers(calendar, d)) uncovered.add(Number(d.slice(0, 4)));
    if (isWorkingDay(calendar, d)) counted++;
  }
  // frozen: one answer is shared by every caller that asks the same
  return Object.freeze({ date: d, uncoveredYears: Object.freeze([...uncovered].sort()) as number[] });
}

/** Working days from the day after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: TWorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addDaysToDate(from, 1); d <= to; d = addDaysToDate(d, 1)) if (isWorkingDay(calendar, d)) n++;
  return n;
}

/** Years from `fromYear` to `toYear` the calendar lacks: the settings page warns about each. */
export const missingCalendarYears = (calendar: TWorkCalendar, fromYear: number, toYear: number): number[] => {
  const out: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!calendar.years.some((c) => c.year === y)) out.push(y);
  return out;
};

/**
 * The latest start day whose period of `days` working days ends on or before `date` (deadlines only move forward
 * with the start, so every earlier start ends by then too). Lets a list ask "overdue" or "due within a week" of a
 * column of start days with a plain date comparison.
 */
export function latestStartEndingBy(calendar: TWorkCalendar, days: number, date: string): string {
  let start = date;
  while (addWorkingDays(calendar, start, days).date > date) start = addDaysToDate(start, -1);
  return start;
}
