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
export const addDaysToDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A calendar date plus `months`, clamped to the month's last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Whole days from calendar date `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/**
 * Splits a calendar range into the whole months inside it (`YYYY-MM`, null = unbounded) and the day ranges at its
 * edges, so a total can come from monthly counts plus a count of the edge days. A range inside one month is all edge.
 */
export function monthSpan(
  from?: string,
  to?: string,
): { months: { from: string | null; to: string | null } | null; edges: [string, string][] } {
  const month = (d: string) => d.slice(0, 7);
  const firstDay = (d: string) => `${month(d)}-01`;
  const lastDay = (d: string) => addDaysToDate(addMonthsToDate(firstDay(d), 1), -1);
  if (from && to && from > to) return { months: null, edges: [] };
  const fullFrom = from ? (from === firstDay(from) ? month(from) : month(addMonthsToDate(firstDay(from), 1))) : null;
  const fullTo = to ? (to === lastDay(to) ? month(to) : month(addMonthsToDate(firstDay(to), -1))) : null;
  if (fullFrom !== null && fullTo !== null && fullFrom > fullTo) return { months: null, edges: [[from!, to!]] };
  const edges: [string, string][] = [];
  if (from && from !== firstDay(from)) edges.push([from, lastDay(from)]);
  if (to && to !== lastDay(to)) edges.push([firstDay(to), to]);
  return { months: { from: fullFrom, to: fullTo }, edges };
}
