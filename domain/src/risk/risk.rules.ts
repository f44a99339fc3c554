import { addDaysToDate, addMonthsToDate, bureauDate, bureauDayStart } from '../shared/time';
import { RISK_COLOURS, RISK_COLOUR_LABELS, type TRiskColour, type TRiskEventKind, type TRiskReason } from './risk.schema';
import type { TRiskAssessmentSettings, TRiskDynamicSettings } from './risk.settings';

/** 0 for red (the top) … 3 for blue (the bottom). */
const rank = (c: TRiskColour): number => RISK_COLOURS.indexOf(c);

/** `c` raised `levels` levels, capped at red. */
export const raiseColour = (c: TRiskColour, levels = 1): TRiskColour => RISK_COLOURS[Math.max(0, rank(c) - levels)]!;
/** `c` lowered one level, never below `floor` (blue by default). */
export const lowerColour = (c: TRiskColour, floor: TRiskColour = 'blue'): TRiskColour => RISK_COLOURS[Math.min(rank(floor), rank(c) + 1)]!;
/** True when `a` is a higher risk than `b`. */
export const isHigher = (a: TRiskColour, b: TRiskColour): boolean => rank(a) < rank(b);

/**
 * The colour of an expert assessment. 危险化学品生产储存企业安全风险评估诊断分级指南 (2018): 红 < 60,
 * 橙 60–<75, 黄 75–<90, 蓝 ≥ 90 out of 100; a forced-red condition makes it red whatever the score.
 */
export function colourForScore(
  score: number,
  settings: Pick<TRiskAssessmentSettings, 'redBelow' | 'orangeBelow' | 'yellowBelow'>,
  forcedRed: readonly string[] = [],
): TRiskColour {
  if (forcedRed.length > 0) return 'red';
  if (score < settings.redBelow) return 'red';
  if (score < settings.orangeBelow) return 'orange';
  if (score < settings.yellowBelow) return 'yellow';
  return 'blue';
}

/**
 * The guide's score bands (60/75/90) are for hazardous-chemical firms only (指南 2018 is the 危险化学品 guide; DOMAIN.md §5):
 * any other firm is graded from the bureau's sector table, without a score. The problem, naming the field, or null.
 */
export function scoreGradeProblem(category: string, categoryLabel: string, field = '评估得分'): string | null {
  if (category.startsWith('hc_')) return null;
  return `“${field}”只适用于危险化学品企业（按 60/75/90 分档定级），该企业监管类别为“${categoryLabel}”，请按行业风险分级表人工定级，不填得分`;
}

/** An assessment is redone every `validityYears` years (指南 2018, DOMAIN.md §5): valid through the day before. */
export const gradeValidUntil = (assessedOn: string, validityYears: number): string =>
  addDaysToDate(addMonthsToDate(assessedOn, validityYears * 12), -1);

/** A risk event as the rules read it. */
export interface TRiskEventFact {
  kind: TRiskEventKind | string;
  category?: string | null;
  /** ISO instant. */
  occurredAt: string;
  ref: string | null;
}

export interface TDynamicInput {
  current: TRiskColour;
  /** The colour of the latest expert assessment (or initial grade): lowering stops there. */
  floor: TRiskColour;
  /** The day the latest assessment or initial grade was made: events before it were weighed by it. */
  assessedOn: string;
  /** The date the current colour has stood since (its last change, or the last rejected lowering). */
  heldSince: string;
  events: readonly TRiskEventFact[];
  /** `rule:ref` pairs already cited by a decided (approved or rejected) proposal: they do not raise again. */
  decidedRefs: ReadonlySet<string>;
  settings: TRiskDynamicSettings;
  now: Date;
}

export interface TDynamicProposal {
  direction: 'up' | 'down';
  from: TRiskColour;
  to: TRiskColour;
  reasons: TRiskReason[];
}

const RAISING_KINDS = new Set(['accident', 'major_hazard_opened', 'penalty', 'directive_refused']);

/**
 * The first instant of a window of `months` ending today (Asia/Shanghai): the window holds the calendar days
 * after the same date `months` ago, so on 2026-11-27 twelve months start at 2025-11-28 00:00 +08:00.
 */
export const windowStart = (now: Date, months: number): Date => bureauDayStart(addDaysToDate(addMonthsToDate(bureauDate(now), -months), 1));

const dayOf = (iso: string) => bureauDate(new Date(iso));
const datesText = (events: readonly TRiskEventFact[]) => [...new Set(events.map((e) => dayOf(e.occurredAt)))].sort().join('、');
const refsOf = (events: readonly TRiskEventFact[]) => events.map((e) => e.ref).filter((r): r is string => r !== null);

/** Major hazards reported and not yet closed (销号), matched by the hazard's ref. */
function openMajorHazards(events: readonly TRiskEventFact[]): TRiskEventFact[] {
  const closed = new Set(events.filter((e) => e.kind === 'major_hazard_closed').map((e) => e.ref));
  return events.filter((e) => e.kind === 'major_hazard_opened' && !closed.has(e.ref));
}
function openHazards(events: readonly TRiskEventFact[]): TRiskEventFact[] {
  const closed = new Set(events.filter((e) => e.kind === 'hazard_closed').map((e) => e.ref));
  return events.filter((e) => e.kind === 'hazard_found' && !closed.has(e.ref));
}

/**
 * Dynamic adjustment (seed §二(二)2(5), Zhongshan practice; DOMAIN.md §5): each trigger that holds raises the
 * grade one level, so an accident and a refused directive together raise two, capped at red. A trigger counts
 * only events inside the window, after the latest assessment, and not already cited by a decided proposal
 * (an accident raises a firm once, not at every evaluation). With no trigger, a clean period proposes one level
 * down, never below the latest assessment's colour: dynamic grading corrects an assessment between
 * assessments, a lower colour than the experts gave needs a new assessment. Returns null when nothing changes
 * (already red with triggers, or at the floor).
 */
export function evaluateDynamic(input: TDynamicInput): TDynamicProposal | null {
  const { settings, now } = input;
  const from = windowStart(now, settings.windowMonths).getTime();
  const assessed = bureauDayStart(input.assessedOn).getTime();
  const counted = input.events.filter((e) => {
    const t = Date.parse(e.occurredAt);
    return t >= from && t >= assessed && t <= now.getTime();
  });
  const fresh = (rule: string, events: readonly TRiskEventFact[]) =>
    events.some((e) => e.ref === null || !input.decidedRefs.has(`${rule}:${e.ref}`));
  const months = settings.windowMonths;
  const reasons: TRiskReason[] = [];

  // seed §二(二)2(5): 发生生产安全事故的，上调
  const accidents = counted.filter((e) => e.kind === 'accident');
  if (accidents.length > 0 && fresh('accident', accidents)) {
    reasons.push({
      rule: 'accident',
      text: `近${months}个月内发生生产安全事故${accidents.length}起（${datesText(accidents)}）`,
      refs: refsOf(accidents),
    });
  }
  // seed §二(二)2(5): 存在重大事故隐患的，上调 (an open one, whenever it was found after the assessment)
  const major = openMajorHazards(input.events).filter(
    (e) => Date.parse(e.occurredAt) >= assessed && Date.parse(e.occurredAt) <= now.getTime(),
  );
  if (major.length > 0 && fresh('major_hazard', major)) {
    reasons.push({
      rule: 'major_hazard',
      text: `存在未整改销号的重大事故隐患${major.length}项（${datesText(major)} 发现）`,
      refs: refsOf(major),
    });
  }
  // seed §二(二)2(5): 同类隐患反复出现的，上调
  const byCategory = new Map<string, TRiskEventFact[]>();
  for (const e of counted)
    if (e.kind === 'hazard_found' && e.category) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  const recurring = [...byCategory.entries()]
    .filter(([, list]) => list.length >= settings.recurrenceCount)
    .sort(([a], [b]) => a.localeCompare(b));
  if (
    recurring.length > 0 &&
    fresh(
      'recurrence',
      recurring.flatMap(([, l]) => l),
    )
  ) {
    const parts = recurring.map(([category, list]) => `“${category}”${list.length}次`);
    reasons.push({
      rule: 'recurrence',
      text: `近${months}个月内同类隐患反复出现：${parts.join('，')}（达到${settings.recurrenceCount}次即上调）`,
      refs: refsOf(recurring.flatMap(([, l]) => l)),
    });
  }
  // seed §二(二)2(5): 多次受到行政处罚的，上调
  const penalties = counted.filter((e) => e.kind === 'penalty');
  if (penalties.length >= settings.penaltyCount && fresh('penalty', penalties)) {
    reasons.push({
      rule: 'penalty',
      text: `近${months}个月内受到行政处罚${penalties.length}次（${datesText(penalties)}；达到${settings.penaltyCount}次即上调）`,
      refs: refsOf(penalties),
    });
  }
  // seed §二(二)2(5): 拒不执行监管指令的，上调
  const refused = counted.filter((e) => e.kind === 'directive_refused');
  if (refused.length > 0 && fresh('directive_refused', refused)) {
    reasons.push({
      rule: 'directive_refused',
      text: `近${months}个月内拒不执行监管指令${refused.length}次（${datesText(refused)}）`,
      refs: refsOf(refused),
    });
  }

  if (reasons.length > 0) {
    const to = raiseColour(input.current, reasons.length);
    return to === input.current ? null : { direction: 'up', from: input.current, to, reasons };
  }
  return cleanPeriodLowering(input);
}

/**
 * seed §二(二)2(5): 隐患整改到位、管理提升的，下调. A clean period of `cleanMonths`: no accident, major hazard,
 * penalty or refused directive in it, every hazard closed, and the colour has stood that long (one level per
 * clean period, and a rejected lowering waits a full period before it is proposed again).
 */
function cleanPeriodLowering(input: TDynamicInput): TDynamicProposal | null {
  const { settings, now } = input;
  const to = lowerColour(input.current, input.floor);
  if (to === input.current || !isHigher(input.current, input.floor)) return null;
  const start = windowStart(now, settings.cleanMonths);
  if (bureauDayStart(input.heldSince).getTime() >= start.getTime()) return null;
  const recent = input.events.filter((e) => RAISING_KINDS.has(e.kind) && Date.parse(e.occurredAt) >= start.getTime());
  if (recent.length > 0 || openMajorHazards(input.events).length > 0 || openHazards(input.events).length > 0) return null;
  return {
    direction: 'down',
    from: input.current,
    to,
    reasons: [
      {
        rule: 'clean_period',
        text: `近${settings.cleanMonths}个月内未发生事故、重大事故隐患、行政处罚或拒不执行监管指令，隐患均已整改闭环，${RISK_COLOUR_LABELS[input.current]}色等级已保持${settings.cleanMonths}个月以上（不低于专家评估的${RISK_COLOUR_LABELS[input.floor]}色）`,
      },
    ],
  };
}
