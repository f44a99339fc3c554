/** The bureau's time zone: every calendar figure is taken in it. */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const addMinutes = (t: Date, minutes: number): Date => new Date(t.getTime() + minutes * MINUTE_MS);
export const addDays = (t: Date, days: number): Date => new Date(t.getTime() + days * DAY_MS);

/** China has kept UTC+8 without daylight saving since 1991, so the bureau's calendar is a fixed offset. */
const BUREAU_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** The calendar date (`YYYY-MM-DD`) in Asia/Shanghai at instant `t`. */
export const bureauDate = (t: Date): string => new Date(t.getTime() + BUREAU_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a bureau calendar date begins (00:00 Asia/Shanghai). */
export const bureauDayStart = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** A calendar date plus `days` (negative to go back). */
export const addDaysToDate = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A calendar date plus `months`, clamped to the month's last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Whole days from calendar date `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
