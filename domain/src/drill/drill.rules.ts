/**
 * Drill duties and the checks on drills, reviews and training: pure functions, `today` passed in as the bureau's
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

export const TRAINING_KINDS = ['officer', 'principal', 'sanfang', 'public'] as const;
export type TTrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TTrainingKind, string> = {
  officer: '执法人员业务培训',
  principal: '主要负责人和安全管理人员培训',
  sanfang: '三防工作人员培训',
  public: '公众宣传培训',
};

/** Who attends: the counts a session records, one column each. */
export const AUDIENCES = ['officers', 'principals', 'safetyManagers', 'sanfangStaff', 'publicPeople'] as const;
export type TAudience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<TAudience, string> = {
  officers: '执法人员',
  principals: '主要负责人',
  safetyManagers: '安全管理人员',
  sanfangStaff: '三防工作人员',
  publicPeople: '群众及一线员工',
};

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

export type TAudienceCounts = Record<TAudience, number>;

/** Participants of a session: the sum of its audience counts. */
export const participantsOf = (c: TAudienceCounts): number => AUDIENCES.reduce((s, a) => s + c[a], 0);

/** Passed the assessment cannot exceed those who attended. */
export function trainingCountsProblem(c: TAudienceCounts & { passed: number | null }): string | null {
  const total = participantsOf(c);
  if (total === 0) return '培训人数合计不能为 0，请至少填写一类参训人员的人数';
  if (c.passed !== null && c.passed > total) return `考核合格人数（${c.passed}）不能多于参训人数合计（${total}）`;
  return null;
}

/** Totals of training rows, summed per audience: the figure a report cites (“近两年累计培训 1300 人次”). */
export function trainingTotals(rows: readonly (TAudienceCounts & { passed: number | null })[]): TAudienceCounts & {
  sessions: number;
  participants: number;
  passed: number;
} {
  const out = { sessions: rows.length, participants: 0, passed: 0 } as TAudienceCounts & {
    sessions: number;
    participants: number;
    passed: number;
  };
  for (const a of AUDIENCES) out[a] = 0;
  for (const r of rows) {
    for (const a of AUDIENCES) out[a] += r[a];
    out.participants += participantsOf(r);
    out.passed += r.passed ?? 0;
  }
  return out;
}

/** The fields of an attendance list and the headers that name them without asking. */
export const ATTENDANCE_FIELDS = ['name', 'unit', 'category', 'passed'] as const;
export type TAttendanceField = (typeof ATTENDANCE_FIELDS)[number];
export const ATTENDANCE_FIELD_LABELS: Record<TAttendanceField, string> = {
  name: '姓名',
  unit: '单位',
  category: '人员类别',
  passed: '考核结果',
};
const HEADER_ALIASES: Record<TAttendanceField, string[]> = {
  name: ['姓名', '名字', '学员姓名', '参训人员'],
  unit: ['单位', '工作单位', '所在单位', '企业名称', '单位名称'],
  category: ['类别', '人员类别', '身份', '人员类型'],
  passed: ['考核', '考核结果', '是否合格', '考试结果', '成绩'],
};

/**
 * Which column holds each field: the user's mapping first, then known headers. `name` is required; a sheet whose
 * name column cannot be found gets the headers it has back, for the user to map.
 */
export function attendanceColumns(
  headers: readonly string[],
  mapping: Partial<Record<TAttendanceField, string>> = {},
): { columns: Partial<Record<TAttendanceField, number>>; missing: TAttendanceField[]; problem: string | null } {
  const columns: Partial<Record<TAttendanceField, number>> = {};
  const clean = headers.map((h) => h.trim());
  for (const f of ATTENDANCE_FIELDS) {
    const mapped = mapping[f];
    if (mapped !== undefined && mapped !== '') {
      const i = clean.indexOf(mapped.trim());
      if (i < 0) return { columns, missing: [f], problem: `对应“${ATTENDANCE_FIELD_LABELS[f]}”的列“${mapped}”在表头中不存在` };
      columns[f] = i;
      continue;
    }
    const i = clean.findIndex((h) => HEADER_ALIASES[f].includes(h));
    if (i >= 0) columns[f] = i;
  }
  const missing = columns.name === undefined ? (['name'] as TAttendanceField[]) : [];
  const problem = missing.length
    ? `签到表中没有找到“姓名”列（找到的列：${clean.filter(Boolean).join('、') || '无'}），请指定各列对应的内容`
    : null;
  return { columns, missing, problem };
}

/** 合格 / 是 / 通过 / a score of 60 or more reads as passed; 不合格 / 否 / below 60 as failed; blank as unknown. */
export function passedOf(value: string): boolean | null {
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) >= 60;
  if (/不合格|不通过|未通过|否|×/.test(v)) return false;
  if (/合格|通过|是|√/.test(v)) return true;
  return null;
}

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
