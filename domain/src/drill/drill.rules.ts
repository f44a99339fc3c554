/**
 * Drill duties and the checks on drills and reviews: pure functions, `today` passed in as the bureau's
 * calendar date. The duty of a plan is the shortest interval among the setting rows that apply to it
 * (DOMAIN.md §8: where two rules apply the shorter wins).
 */
import { addMonthsToDate, daysBetween } from '../shared/time';
import { inScope } from '../org/org.policy';

export const EMERGENCY_PLAN_LEVELS = ['city', 'department', 'town', 'enterprise'] as const;
export type TEmergencyPlanLevel = (typeof EMERGENCY_PLAN_LEVELS)[number];
export const EMERGENCY_PLAN_LEVEL_LABELS: Record<TEmergencyPlanLevel, string> = {
  city: '市级',
  department: '部门',
  town: '镇街',
  enterprise: '企业',
};

/** 总体 / 专项 / 部门 / 现场处置 / 重点单位 (an enterprise's 综合应急预案 is its `overall` plan). */
export const EMERGENCY_PLAN_KINDS = ['overall', 'special', 'department', 'onsite', 'key_unit'] as const;
export type TEmergencyPlanKind = (typeof EMERGENCY_PLAN_KINDS)[number];
export const EMERGENCY_PLAN_KIND_LABELS: Record<TEmergencyPlanKind, string> = {
  overall: '总体（综合）预案',
  special: '专项预案',
  department: '部门预案',
  onsite: '现场处置方案',
  key_unit: '重点单位预案',
};

export const EMERGENCY_PLAN_STATUSES = ['in_force', 'revising', 'repealed'] as const;
export type TEmergencyPlanStatus = (typeof EMERGENCY_PLAN_STATUSES)[number];
export const EMERGENCY_PLAN_STATUS_LABELS: Record<TEmergencyPlanStatus, string> = {
  in_force: '有效',
  revising: '修订中',
  repealed: '已废止',
};

export const DRILL_FORMS = ['live', 'tabletop', 'combined'] as const;
export type TDrillForm = (typeof DRILL_FORMS)[number];
export const DRILL_FORM_LABELS: Record<TDrillForm, string> = { live: '实战演练', tabletop: '桌面推演', combined: '综合演练' };

export const DRILL_NOTICES = ['announced', 'single_blind', 'double_blind'] as const;
export type TDrillNotice = (typeof DRILL_NOTICES)[number];
export const DRILL_NOTICE_LABELS: Record<TDrillNotice, string> = { announced: '预先通知', single_blind: '单盲', double_blind: '双盲' };

export const DRILL_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type TDrillStatus = (typeof DRILL_STATUSES)[number];
export const DRILL_STATUS_LABELS: Record<TDrillStatus, string> = { planned: '计划', done: '已实施', cancelled: '已取消' };

export const TASK_STATES = ['open', 'done', 'signed_off'] as const;
export type TTaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TTaskState, string> = { open: '整改中', done: '待验收', signed_off: '已销号' };

/** One row of the drill-duty setting: which plans it covers (absent = any) and the longest allowed interval. */
export interface TDrillDutyRule {
  levels?: TEmergencyPlanLevel[];
  kinds?: TEmergencyPlanKind[];
  /** Only work-safety accident plans (生产安全事故应急预案). */
  workSafetyOnly?: boolean;
  /** Only high-risk and crowded-venue units (高危行业、人员密集场所经营单位). */
  highRiskOnly?: boolean;
  months: number;
  basis: string;
}

export const DEFAULT_DRILL_DUTIES: TDrillDutyRule[] = [
  {
    levels: ['enterprise'],
    kinds: ['overall', 'special', 'key_unit'],
    months: 12,
    basis: '应急管理部令第2号第三十三条：综合或专项预案每年至少一次',
  },
  { levels: ['enterprise'], kinds: ['onsite'], months: 6, basis: '应急管理部令第2号第三十三条：现场处置方案每半年至少一次' },
  { levels: ['enterprise'], highRiskOnly: true, months: 6, basis: '生产安全事故应急条例第八条：高危及人员密集场所经营单位每半年至少一次' },
  {
    levels: ['city', 'department', 'town'],
    workSafetyOnly: true,
    months: 24,
    basis: '生产安全事故应急条例第八条：政府及部门的生产安全事故应急预案至少每两年一次',
  },
  {
    levels: ['city', 'department', 'town'],
    kinds: ['overall', 'special', 'department', 'key_unit'],
    months: 36,
    basis: '国办发〔2013〕101号：专项预案、部门预案至少每三年一次',
  },
];

export interface TEmergencyPlanDutyFacts {
  level: TEmergencyPlanLevel;
  kind: TEmergencyPlanKind;
  workSafety: boolean;
  highRisk: boolean;
}

/** The plan's required drill interval: the shortest among the rules that apply, null when none applies. */
export function requiredInterval(
  plan: TEmergencyPlanDutyFacts,
  rules: readonly TDrillDutyRule[],
): { months: number; basis: string } | null {
  let best: { months: number; basis: string } | null = null;
  for (const r of rules) {
    if (r.levels && !r.levels.includes(plan.level)) continue;
    if (r.kinds && !r.kinds.includes(plan.kind)) continue;
    if (r.workSafetyOnly && !plan.workSafety) continue;
    if (r.highRiskOnly && !plan.highRisk) continue;
    if (!best || r.months < best.months) best = { months: r.months, basis: r.basis };
  }
  return best;
}

/**
 * The last day by which the next drill is due: the interval counted from the last drill, or from the plan's
 * issue when it was never drilled; the drill on that day is still on time.
 */
export function nextDrillDue(plan: { issuedOn: string; lastDrillOn: string | null; intervalMonths: number | null }): string | null {
  if (plan.intervalMonths === null) return null;
  return addMonthsToDate(plan.lastDrillOn ?? plan.issuedOn, plan.intervalMonths);
}

export interface TDrillDuty {
  nextDueOn: string | null;
  overdue: boolean;
  /** Days until the due day (negative once overdue); null without a duty. */
  daysLeft: number | null;
}

/** Next due, overdue and days left for a plan on `today` (a repealed plan owes no drill). */
export function drillDuty(
  plan: { issuedOn: string; lastDrillOn: string | null; intervalMonths: number | null; status: TEmergencyPlanStatus },
  today: string,
): TDrillDuty {
  const nextDueOn = plan.status === 'repealed' ? null : nextDrillDue(plan);
  if (nextDueOn === null) return { nextDueOn: null, overdue: false, daysLeft: null };
  const daysLeft = daysBetween(today, nextDueOn);
  return { nextDueOn, overdue: daysLeft < 0, daysLeft };
}

/** A drill of a plan cannot come before the plan was issued. */
export function drillDateProblem(heldOn: string, plan: { issuedOn: string; name: string }): string | null {
  if (heldOn < plan.issuedOn) return `演练日期（${heldOn}）早于预案《${plan.name}》的发布日期（${plan.issuedOn}），请核对`;
  return null;
}

export interface TPhaseTimes {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/** Each phase ends after it starts, planned and actual; the message names the phase and its position. */
export function phasesProblem(phases: readonly TPhaseTimes[]): { index: number; message: string } | null {
  for (const [i, p] of phases.entries()) {
    const at = `第 ${i + 1} 个环节“${p.name}”`;
    if (p.plannedStart && p.plannedEnd && Date.parse(p.plannedEnd) < Date.parse(p.plannedStart))
      return { index: i, message: `${at}的计划结束时间早于计划开始时间` };
    if (p.actualStart && p.actualEnd && Date.parse(p.actualEnd) < Date.parse(p.actualStart))
      return { index: i, message: `${at}的实际结束时间早于实际开始时间` };
  }
  return null;
}

/** Minutes a phase ran over its plan (actual length minus planned length); null unless both are known. */
export function phaseOverrunMinutes(p: TPhaseTimes): number | null {
  if (!p.plannedStart || !p.plannedEnd || !p.actualStart || !p.actualEnd) return null;
  const planned = Date.parse(p.plannedEnd) - Date.parse(p.plannedStart);
  const actual = Date.parse(p.actualEnd) - Date.parse(p.actualStart);
  return Math.round((actual - planned) / 60_000);
}

/** A follow-up task moves open → done (with evidence) → signed off by someone other than its owner; done may be sent back. */
export function taskChangeProblem(
  task: { state: TTaskState; ownerId: number },
  change: { action: 'complete' | 'sign_off' | 'reject'; actorId: number; evidence?: string | null },
): string | null {
  if (change.action === 'complete') {
    if (task.state !== 'open') return task.state === 'done' ? '该整改任务已提交完成，等待验收' : '该整改任务已销号';
    if (!change.evidence || change.evidence.trim().length < 2) return '请填写整改完成情况（完成证明）';
    return null;
  }
  if (task.state !== 'done') return task.state === 'open' ? '该整改任务尚未提交完成，不能验收' : '该整改任务已销号';
  if (change.actorId === task.ownerId) return '整改任务不能由责任人本人验收销号，请由其他人员验收';
  return null;
}

/** A task past its deadline and not yet done. */
export const isTaskOverdue = (task: { state: TTaskState; deadline: string }, today: string): boolean =>
  task.state === 'open' && task.deadline < today;

/** What a plan may rely on (预案依托资源): the resources module's warehouses and shelters. */
export const PLAN_RESOURCE_KINDS = ['warehouse', 'shelter'] as const;
export type TPlanResourceKind = (typeof PLAN_RESOURCE_KINDS)[number];
export const PLAN_RESOURCE_KIND_LABELS: Record<TPlanResourceKind, string> = { warehouse: '物资仓库', shelter: '避难场所' };

/**
 * Why a warehouse or shelter may not be newly linked to a plan, or null. The resources module lists them to officers
 * in their division scope only (enterprise users do not read them), so a link is made by an officer who sees the
 * resource: a town officer cannot tie his plan to another town's shelter. Links already on the plan may be kept or
 * removed by whoever may edit the plan.
 */
export function planResourceProblem(
  actor: { role: string; divisionCode: string },
  kind: TPlanResourceKind,
  resource: { divisionCode: string; name: string } | undefined,
): string | null {
  const label = PLAN_RESOURCE_KIND_LABELS[kind];
  if (actor.role === 'enterprise_user') return `企业用户不能关联${label}，请在"依托资源"中填写名称`;
  if (!resource) return `所选${label}不存在`;
  if (!inScope(actor.divisionCode, resource.divisionCode)) return `${label}"${resource.name}"不在您的管辖范围内，不能关联`;
  return null;
}
