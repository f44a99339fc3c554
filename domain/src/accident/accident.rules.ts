/**
 * Accident rules (《生产安全事故报告和调查处理条例》 国务院令第493号; 应急管理部令第14号): the grade, the report clocks,
 * the follow-up window, the investigation deadlines and the duty roster's gaps. Pure: `now` is passed in.
 */
import { addDaysToDate, bureauDate, MINUTE_MS } from '../shared/time';
import {
  ACCIDENT_GRADES,
  REPORT_LEVEL_LABELS,
  REPORT_LEVELS,
  type TAccidentGrade,
  type TDutyPost,
  type TReportLevel,
} from './accident.data';

/** 10,000,000 yuan in fen. */
const WAN_YUAN_FEN = 1_000_000;

export interface TCasualties {
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  /** Direct economic loss in fen. */
  lossFen: number;
}

// 条例 art. 3: thresholds of each grade, "以上" including the bound and "以下" excluding it.
const GRADE_THRESHOLDS: { grade: TAccidentGrade; deaths: number; seriousInjuries: number; lossFen: number }[] = [
  { grade: 'especially_major', deaths: 30, seriousInjuries: 100, lossFen: 10_000 * WAN_YUAN_FEN },
  { grade: 'major', deaths: 10, seriousInjuries: 50, lossFen: 5_000 * WAN_YUAN_FEN },
  { grade: 'larger', deaths: 3, seriousInjuries: 10, lossFen: 1_000 * WAN_YUAN_FEN },
];

/** The grade of an accident: the highest any one criterion reaches (条例 art. 3: deaths, serious injuries, direct loss). */
export function accidentGrade(c: Pick<TCasualties, 'deaths' | 'seriousInjuries' | 'lossFen'>): TAccidentGrade {
  for (const t of GRADE_THRESHOLDS) {
    if (c.deaths >= t.deaths || c.seriousInjuries >= t.seriousInjuries || c.lossFen >= t.lossFen) return t.grade;
  }
  return 'general';
}

export const gradeRank = (g: TAccidentGrade): number => ACCIDENT_GRADES.indexOf(g);

/** 条例 art. 10: how far up the report must go: 一般 to the city, 较大 to the province, 重大 and 特别重大 to the ministry. */
export function targetLevel(grade: TAccidentGrade | null): TReportLevel {
  if (grade === null || grade === 'general') return 'city';
  if (grade === 'larger') return 'province';
  return 'ministry';
}

/** One level's record of the report: when it received it and when it passed it up (null while it has not). */
export interface TReportStep {
  level: TReportLevel;
  receivedAt: string | null;
  passedUpAt: string | null;
}

export type TReportClockState = 'on_time' | 'late' | 'pending' | 'overdue' | 'waiting';

export interface TStepClock {
  level: TReportLevel;
  /** The level the report goes to from here. */
  to: TReportLevel;
  receivedAt: string | null;
  passedUpAt: string | null;
  /** null while this level has not received the report. */
  dueAt: string | null;
  /** 60 for the unit (art. 9), 120 for each level above (art. 11). */
  limitMinutes: number;
  state: TReportClockState;
  /** Whole minutes past the deadline (迟报), rounded up; 0 when not late. */
  minutesLate: number;
}

/** 条例 art. 9: the unit within 1 hour of knowing; art. 11: each level within 2 hours of receiving. */
export const stepLimitMinutes = (level: TReportLevel): number => (level === 'unit' ? 60 : 120);

const minutesPast = (later: number, earlier: number): number => Math.max(0, Math.ceil((later - earlier) / MINUTE_MS));

/**
 * The clocks of the chain up to the level the grade must reach, computed against `now`: each level that must pass
 * the report up, its deadline and whether it did so in time (迟报 with minutes late). The unit's clock starts when
 * it knew of the accident (`knownAt`).
 */
export function reportClocks(input: { knownAt: string; steps: readonly TReportStep[]; target: TReportLevel; now: Date }): TStepClock[] {
  const byLevel = new Map(input.steps.map((s) => [s.level, s]));
  const last = REPORT_LEVELS.indexOf(input.target);
  const clocks: TStepClock[] = [];
  for (let i = 0; i < last; i++) {
    const level = REPORT_LEVELS[i]!;
    const step = byLevel.get(level);
    const receivedAt = level === 'unit' ? input.knownAt : (step?.receivedAt ?? null);
    const passedUpAt = step?.passedUpAt ?? null;
    const limitMinutes = stepLimitMinutes(level);
    const base = { level, to: REPORT_LEVELS[i + 1]!, receivedAt, passedUpAt, limitMinutes };
    if (receivedAt === null) {
      clocks.push({ ...base, dueAt: null, state: 'waiting', minutesLate: 0 });
      continue;
    }
    const due = Date.parse(receivedAt) + limitMinutes * MINUTE_MS;
    const dueAt = new Date(due).toISOString();
    if (passedUpAt !== null) {
      const at = Date.parse(passedUpAt);
      clocks.push({ ...base, dueAt, state: at > due ? 'late' : 'on_time', minutesLate: minutesPast(at, due) });
    } else {
      const now = input.now.getTime();
      clocks.push({ ...base, dueAt, state: now > due ? 'overdue' : 'pending', minutesLate: minutesPast(now, due) });
    }
  }
  return clocks;
}

/** The first level still holding the report (received, not passed up) and its deadline; null when the chain is done. */
export function pendingStep(clocks: readonly TStepClock[]): { level: TReportLevel; dueAt: string } | null {
  const c = clocks.find((k) => k.state === 'pending' || k.state === 'overdue');
  return c && c.dueAt ? { level: c.level, dueAt: c.dueAt } : null;
}

/**
 * What is wrong with a report chain, in Chinese naming the rule, or null: occurred after known, a level receiving
 * before the level below passed it up, a level passing up before it received, a time in the future.
 */
export function reportChainProblem(input: {
  occurredAt: string;
  knownAt: string;
  steps: readonly TReportStep[];
  now: Date;
}): string | null {
  const occurred = Date.parse(input.occurredAt);
  const known = Date.parse(input.knownAt);
  const now = input.now.getTime();
  if (occurred > known) return '事故发生时间不能晚于单位知悉时间';
  if (known > now) return '单位知悉时间不能晚于当前时间';
  let floor = known;
  let floorName = '单位知悉时间';
  for (const level of REPORT_LEVELS) {
    const step = input.steps.find((s) => s.level === level);
    if (!step) continue;
    const name = REPORT_LEVEL_LABELS[level];
    if (level !== 'unit' && step.receivedAt !== null) {
      const at = Date.parse(step.receivedAt);
      if (at > now) return `${name}接报时间不能晚于当前时间`;
      if (at < floor) return `报告链时间倒置：${name}接报时间不能早于${floorName}`;
      floor = at;
      floorName = `${name}接报时间`;
    }
    if (step.passedUpAt !== null) {
      if (level !== 'unit' && step.receivedAt === null) return `${name}尚未接报，不能填写上报时间`;
      const at = Date.parse(step.passedUpAt);
      if (at > now) return `${name}上报时间不能晚于当前时间`;
      if (at < floor) return `报告链时间倒置：${name}上报时间不能早于${floorName}`;
      floor = at;
      floorName = `${name}上报时间`;
    }
  }
  return null;
}

/** Casualty figures and loss must be whole numbers, none negative. */
export function casualtiesProblem(c: TCasualties): string | null {
  for (const [key, label] of [
    ['deaths', '死亡人数'],
    ['missing', '失踪人数'],
    ['seriousInjuries', '重伤人数'],
    ['minorInjuries', '轻伤人数'],
    ['lossFen', '直接经济损失'],
  ] as const) {
    const v = c[key];
    if (!Number.isInteger(v) || v < 0) return `${label}不能为负数（伤亡人数和损失须为非负整数）`;
  }
  return null;
}

/**
 * 条例 art. 13: casualty changes are reported within 30 days of the accident, 7 days for road-traffic and fire
 * accidents. The day of the accident is not counted (民法典 art. 201); the last day counts in full (Asia/Shanghai).
 */
export function followUpWindow(input: { occurredAt: string; roadOrFire: boolean; now: Date }): {
  lastDay: string;
  days: number;
  open: boolean;
} {
  const days = input.roadOrFire ? 7 : 30;
  const lastDay = addDaysToDate(bureauDate(new Date(input.occurredAt)), days);
  return { lastDay, days, open: bureauDate(input.now) <= lastDay };
}

/** Road-traffic and fire accidents have the 7-day follow-up window (条例 art. 13). */
export const isRoadOrFire = (accidentType: string | null, industry: string | null): boolean =>
  accidentType === 'fire' || industry === '道路运输';

export interface TInvestigationDates {
  /** The accident's calendar day (Asia/Shanghai). */
  accidentDate: string;
  extensionDays: number | null;
  reportSubmittedOn: string | null;
  repliedOn: string | null;
  grade: TAccidentGrade;
}

/** 条例 art. 29: the report within 60 days of the accident, extended once by at most 60 days. */
export function investigationReportDueOn(d: Pick<TInvestigationDates, 'accidentDate' | 'extensionDays'>): string {
  return addDaysToDate(d.accidentDate, 60 + (d.extensionDays ?? 0));
}

/** 条例 art. 32: the reply within 15 days of receiving the report; 30 for 特别重大 (15 + a 30-day extension cap). */
export function investigationReplyDueOn(d: Pick<TInvestigationDates, 'reportSubmittedOn' | 'grade'>): string | null {
  if (d.reportSubmittedOn === null) return null;
  return addDaysToDate(d.reportSubmittedOn, d.grade === 'especially_major' ? 30 : 15);
}

export type TInvestigationState = 'investigating' | 'report_overdue' | 'awaiting_reply' | 'reply_overdue' | 'replied';

/** Where the investigation stands on `today` (a bureau calendar date). */
export function investigationState(d: TInvestigationDates, today: string): TInvestigationState {
  if (d.repliedOn !== null) return 'replied';
  if (d.reportSubmittedOn === null) return today > investigationReportDueOn(d) ? 'report_overdue' : 'investigating';
  return today > investigationReplyDueOn(d)! ? 'reply_overdue' : 'awaiting_reply';
}

/** 条例 art. 29: one extension, of 1 to 60 days, before the report is submitted. */
export function extensionProblem(d: Pick<TInvestigationDates, 'extensionDays' | 'reportSubmittedOn'>, days: number): string | null {
  if (d.extensionDays !== null) return '调查报告期限只能延长一次（条例第二十九条）';
  if (d.reportSubmittedOn !== null) return '调查报告已提交，不能再延长期限';
  if (!Number.isInteger(days) || days < 1 || days > 60) return '调查报告期限延长不得超过 60 日（条例第二十九条）';
  return null;
}

/** The assignments of one roster day. */
export interface TRosterDay {
  date: string;
  people: { post: TDutyPost; name: string }[];
}

/** Why a roster day is short: no leader on duty, no duty officer; empty when complete. The duty chief is optional. */
export function rosterDayGaps(day: TRosterDay): string[] {
  const gaps: string[] = [];
  if (!day.people.some((p) => p.post === 'leader')) gaps.push('缺带班领导');
  if (!day.people.some((p) => p.post === 'officer')) gaps.push('缺值班员');
  return gaps;
}

/** The duty day runs from 08:30 to 08:30 the next morning (Asia/Shanghai): the one on duty at `now`. */
export const DUTY_HANDOVER_MINUTES = 8 * 60 + 30;
export const dutyDateAt = (now: Date): string => bureauDate(new Date(now.getTime() - DUTY_HANDOVER_MINUTES * MINUTE_MS));

/** Percentage change from `before` to `after`, one decimal; null when there was nothing before. */
export function percentChange(before: number, after: number): number | null {
  if (before === 0) return null;
  return Math.round(((after - before) / before) * 1000) / 10;
}

/** 双下降: both the count and the deaths went down. */
export const isDoubleDecline = (before: { count: number; deaths: number }, after: { count: number; deaths: number }): boolean =>
  after.count < before.count && after.deaths < before.deaths;

/** The period a bureau date falls in: `2025`, `2025-Q1`, `2025-03`. */
export function periodOf(date: string, period: 'year' | 'quarter' | 'month'): string {
  if (period === 'year') return date.slice(0, 4);
  if (period === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first and last calendar day of a period key (`2025`, `2025-Q1`, `2025-03`), and the same period a year before. */
export function periodRange(key: string): { from: string; to: string; previous: string } {
  const year = Number(key.slice(0, 4));
  const prev = `${year - 1}${key.slice(4)}`;
  const q = /^\d{4}-Q([1-4])$/.exec(key);
  const m = /^\d{4}-(\d{2})$/.exec(key);
  let fromMonth = 1;
  let months = 12;
  if (q) {
    fromMonth = (Number(q[1]) - 1) * 3 + 1;
    months = 3;
  } else if (m) {
    fromMonth = Number(m[1]);
    months = 1;
  }
  const from = `${year}-${String(fromMonth).padStart(2, '0')}-01`;
  const endMonth = fromMonth + months; // first month after
  const after = endMonth > 12 ? `${year + 1}-01-01` : `${year}-${String(endMonth).padStart(2, '0')}-01`;
  return { from, to: addDaysToDate(after, -1), previous: prev };
}
