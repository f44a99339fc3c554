import { addDaysToDate, addMonthsToDate } from '../shared/time';
import { addWorkingDays, latestStartEndingBy, type TWorkCalendar } from '../shared/workdays';
import type { TInspectionFrequency, TPlanStratum } from './inspection.settings';

/** A statistics period: the month, quarter or year containing a date, or a run of whole months. */
export type TStatsPeriod = { period: 'month' | 'quarter' | 'year'; at: string } | { period: 'custom'; from: string; to: string };

export interface TStatsRange {
  /** First and last month (`YYYY-MM`), both included. */
  fromMonth: string;
  toMonth: string;
  /** The key of the distinct-firm rows for this period (`2026`, `2026-Q1`, `2026-03`), null for a custom run of months. */
  firmPeriod: string | null;
  /** First and last calendar day, both included. */
  fromDate: string;
  toDate: string;
  label: string;
}

/** Custom ranges are capped at two years: their distinct firms are a DISTINCT over month rows, not a kept count. */
export const MAX_CUSTOM_MONTHS = 24;

const monthEnd = (month: string): string => addDaysToDate(addMonthsToDate(`${month}-01`, 1), -1);

/** The months from `from` to `to` (`YYYY-MM`), both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_CUSTOM_MONTHS * 2; m = addMonthsToDate(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
}

/**
 * The months a statistics period covers. Dates are calendar dates in the bureau's calendar (Asia/Shanghai): the
 * caller passes `bureauDate(now)`, so 2026-03-31 23:30 in Shanghai (15:30 UTC) is still the first quarter.
 */
export function statsRange(p: TStatsPeriod): TStatsRange {
  if (p.period === 'custom') {
    const from = p.from <= p.to ? p.from : p.to;
    const to = p.from <= p.to ? p.to : p.from;
    return {
      fromMonth: from,
      toMonth: to,
      firmPeriod: from === to ? from : null,
      fromDate: `${from}-01`,
      toDate: monthEnd(to),
      label: from === to ? monthLabel(from) : `${monthLabel(from)}至${monthLabel(to)}`,
    };
  }
  const year = p.at.slice(0, 4);
  const month = Number(p.at.slice(5, 7));
  if (p.period === 'month') {
    const m = p.at.slice(0, 7);
    return { fromMonth: m, toMonth: m, firmPeriod: m, fromDate: `${m}-01`, toDate: monthEnd(m), label: monthLabel(m) };
  }
  if (p.period === 'quarter') {
    const q = Math.ceil(month / 3);
    const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
    const to = `${year}-${String(q * 3).padStart(2, '0')}`;
    return {
      fromMonth: from,
      toMonth: to,
      firmPeriod: `${year}-Q${q}`,
      fromDate: `${from}-01`,
      toDate: monthEnd(to),
      label: `${year}年第${'一二三四'[q - 1]}季度`,
    };
  }
  return {
    fromMonth: `${year}-01`,
    toMonth: `${year}-12`,
    firmPeriod: year,
    fromDate: `${year}-01-01`,
    toDate: `${year}-12-31`,
    label: `${year}年`,
  };
}

export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Done over planned, 0 when nothing is planned; rounded to a thousandth for display as a percentage. */
export const progressShare = (done: number, planned: number): number => (planned <= 0 ? 0 : Math.round((done / planned) * 1000) / 1000);

export type TOverdueReason = 'period_ended' | 'unpublished';

export interface TTargetState {
  /** The plan's last day. */
  periodEnd: string;
  /** The inspection's date when it is submitted, null when the target is not checked yet. */
  inspectedOn: string | null;
  published: boolean;
}

/**
 * The last day to publish a check's result (一公开): `resultDays` working days counted from the day after the check
 * (国办发〔2015〕58号 as corrected in DOMAIN.md §6: 20 working days; 行政处罚法 art. 85 style counting, 次日起算),
 * in the bureau's working-day calendar, so weekends and public holidays (e.g. National Day) do not count.
 */
export function resultPublishBy(calendar: TWorkCalendar, inspectedOn: string, resultDays: number): string {
  return addWorkingDays(calendar, inspectedOn, resultDays).date;
}

/** Whether a checked, unpublished result is overdue on `today` (its last day has passed). */
export const resultOverdue = (
  calendar: TWorkCalendar,
  inspectedOn: string,
  resultDays: number,
  published: boolean,
  today: string,
): boolean => !published && today > resultPublishBy(calendar, inspectedOn, resultDays);

/**
 * The latest check date whose result is overdue on `today`: a list asks "overdue" of a column of check dates with
 * `inspected_on <= this`, the same answer as `resultOverdue` row by row.
 */
export const lastOverdueCheckDate = (calendar: TWorkCalendar, resultDays: number, today: string): string =>
  latestStartEndingBy(calendar, resultDays, addDaysToDate(today, -1));

/**
 * Why a drawn target is overdue on `today`, or null. Not checked once the plan period has ended; checked but
 * its result not published within `resultDays` working days of the check (`resultPublishBy`).
 */
export function targetOverdue(
  t: TTargetState,
  today: string,
  resultDays: number,
  calendar: TWorkCalendar,
): { reason: TOverdueReason; dueOn: string } | null {
  if (t.inspectedOn === null) return today > t.periodEnd ? { reason: 'period_ended', dueOn: t.periodEnd } : null;
  const dueOn = resultPublishBy(calendar, t.inspectedOn, resultDays);
  return !t.published && today > dueOn ? { reason: 'unpublished', dueOn } : null;
}

export type TFrequencyState = 'below' | 'above' | null;

/**
 * A firm's checks this year against the bureau's frequency for its grade (inspectionFrequency; 国办发〔2024〕54号
 * caps checks): fewer than the minimum is below, more than the maximum is above.
 */
export function frequencyState(checks: number, stratum: TPlanStratum, frequency: TInspectionFrequency): TFrequencyState {
  const f = frequency[stratum];
  if (checks < f.min) return 'below';
  if (checks > f.max) return 'above';
  return null;
}
