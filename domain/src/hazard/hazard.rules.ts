import { can, inScope, type TPermission } from '../org/org.policy';
import type { TRole } from '../org/org.schema';
import { addDaysToDate, bureauDate } from '../shared/time';
import { bodyAbbreviation } from '../case/case-document.rules';
import type { TCaseDocumentSettings } from '../case/case.settings';
import type { THazardSettings } from './hazard.settings';
import {
  HAZARD_ACTION_LABELS,
  HAZARD_STATE_LABELS,
  type THazardAction,
  type THazardActionInput,
  type THazardCreate,
  type THazardLevel,
  type THazardPlan,
  type THazardState,
} from './hazard.schema';

/** What the rules need to know of a hazard. */
export interface THazardForRules {
  state: THazardState;
  level: THazardLevel;
  deadline: string;
  enterpriseId: number;
  divisionCode: string;
  plan: THazardPlan | null;
  /** Who submitted the evidence now awaiting re-check. */
  submittedBy: number | null;
  pendingExtension: { requestedBy: number } | null;
}

/** Who acts: an enterprise user carries the one firm they speak for. */
export interface THazardActor {
  id: number;
  role: TRole;
  divisionCode: string;
  enterpriseId: number | null;
}

/** A refusal: the Chinese message, and the input field at fault when there is one. */
export interface THazardProblem {
  message: string;
  field?: string;
}

interface TTransition {
  from: readonly THazardState[];
  /** null: the state does not change (a plan, an extension). */
  to: THazardState | null;
  permission: TPermission;
}

/** The closed loop (DOMAIN.md §4; 原总局令第16号): found → ordered → rectifying → submitted → closed | rectifying. */
export const HAZARD_TRANSITIONS: Record<THazardAction, TTransition> = {
  order: { from: ['found'], to: 'ordered', permission: 'hazard.manage' },
  start: { from: ['ordered'], to: 'rectifying', permission: 'hazard.rectify' },
  plan: { from: ['found', 'ordered', 'rectifying'], to: null, permission: 'hazard.rectify' },
  submit: { from: ['rectifying'], to: 'submitted', permission: 'hazard.rectify' },
  recheck_pass: { from: ['submitted'], to: 'closed', permission: 'hazard.manage' },
  recheck_fail: { from: ['submitted'], to: 'rectifying', permission: 'hazard.manage' },
  request_extension: { from: ['ordered', 'rectifying'], to: null, permission: 'hazard.rectify' },
  approve_extension: { from: ['ordered', 'rectifying'], to: null, permission: 'hazard.manage' },
  reject_extension: { from: ['ordered', 'rectifying'], to: null, permission: 'hazard.manage' },
};

/** The state after an action (unchanged for plans and extensions). */
export const hazardNextState = (state: THazardState, action: THazardAction): THazardState => HAZARD_TRANSITIONS[action].to ?? state;

/** Open hazards past their deadline: overdue from 00:00 Asia/Shanghai the day after the deadline. Submitted ones wait on the bureau, not the firm. */
export function isHazardOverdue(h: { state: THazardState; deadline: string }, now: Date): boolean {
  return (h.state === 'found' || h.state === 'ordered' || h.state === 'rectifying') && bureauDate(now) > h.deadline;
}

const PLAN_ITEMS: [keyof THazardPlan, string][] = [
  ['measures', '整改措施'],
  ['fundsFen', '整改资金'],
  ['deadline', '整改时限'],
  ['responsiblePerson', '整改责任人'],
  ['contingency', '应急预案（防范措施）'],
];

/** 五到位 (DOMAIN.md §4, 原总局令第16号 art. 15): a major hazard's plan names measures, funds, deadline, responsible person, contingency. */
export function hazardPlanProblem(plan: THazardPlan | null | undefined): THazardProblem | null {
  const missing = PLAN_ITEMS.filter(([k]) => {
    const v = plan?.[k];
    return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  }).map(([, label]) => label);
  if (missing.length === 0) return null;
  return { message: `重大隐患的整改方案须"五到位"（措施、资金、时限、责任人、应急预案），尚缺：${missing.join('、')}`, field: 'plan' };
}

/** Whether the actor may touch this hazard at all: the firm's own user, or an officer whose scope holds it. */
export function hazardAccessProblem(h: Pick<THazardForRules, 'enterpriseId' | 'divisionCode'>, actor: THazardActor): THazardProblem | null {
  if (actor.role === 'enterprise_user') {
    return actor.enterpriseId === h.enterpriseId ? null : { message: '企业用户只能查看和处理本企业的隐患' };
  }
  return inScope(actor.divisionCode, h.divisionCode) ? null : { message: '该隐患不在您的管辖范围内' };
}

/** What an action needs regardless of what is typed: permission, access, state, a pending extension, separation of duties. */
export function hazardActionAllowed(h: THazardForRules, action: THazardAction, actor: THazardActor): THazardProblem | null {
  const t = HAZARD_TRANSITIONS[action];
  const label = HAZARD_ACTION_LABELS[action];
  if (!can(actor.role, t.permission)) return { message: `您没有"${label}"的权限` };
  const access = hazardAccessProblem(h, actor);
  if (access) return access;
  if (!t.from.includes(h.state)) return { message: `隐患当前为"${HAZARD_STATE_LABELS[h.state]}"，不能${label}` };
  if (action === 'request_extension' && h.pendingExtension) return { message: '已有一份延期申请等待审批，不能重复申请' };
  if ((action === 'approve_extension' || action === 'reject_extension') && !h.pendingExtension) return { message: '没有待审批的延期申请' };
  // Separation of duties (DESIGN.md security model): the approver is not the applicant, the sign-off not the submitter.
  if ((action === 'approve_extension' || action === 'reject_extension') && h.pendingExtension?.requestedBy === actor.id) {
    return { message: '延期申请须由申请人以外的人员审批' };
  }
  if (action === 'recheck_pass' && h.submittedBy === actor.id) return { message: '复查销号须由整改材料提交人以外的人员进行' };
  return null;
}

function deadlineProblem(deadline: string | undefined, today: string, settings: THazardSettings, after?: string): THazardProblem | null {
  if (!deadline) return { message: '请填写整改期限', field: 'deadline' };
  if (deadline < today) return { message: `整改期限不能早于今天（${today}）`, field: 'deadline' };
  if (after !== undefined && deadline <= after) return { message: `延期后的期限须晚于原期限（${after}）`, field: 'deadline' };
  const latest = addDaysToDate(today, settings.maxDeadlineDays);
  if (deadline > latest) return { message: `整改期限最长 ${settings.maxDeadlineDays} 天（至 ${latest}）`, field: 'deadline' };
  return null;
}

/** Every rule of one transition, with what the user typed; null when it may go ahead. */
export function hazardActionProblem(
  h: THazardForRules,
  input: Omit<THazardActionInput, 'version'>,
  actor: THazardActor,
  now: Date,
  settings: THazardSettings,
): THazardProblem | null {
  const allowed = hazardActionAllowed(h, input.action, actor);
  if (allowed) return allowed;
  const today = bureauDate(now);
  const note = input.note?.trim() ?? '';
  switch (input.action) {
    case 'order':
      return deadlineProblem(input.deadline, today, settings);
    case 'start':
      return h.level === 'major' ? hazardPlanProblem(input.plan ?? h.plan) : null;
    case 'plan':
      return input.plan ? null : { message: '请填写整改方案', field: 'plan' };
    case 'submit': {
      if ((input.photos?.length ?? 0) + (input.documents?.length ?? 0) === 0) {
        return { message: '提交整改时须上传整改后的照片或证明材料', field: 'photos' };
      }
      if (!note) return { message: '请填写整改情况说明', field: 'note' };
      return h.level === 'major' ? hazardPlanProblem(h.plan) : null;
    }
    case 'recheck_pass':
      return note ? null : { message: '请填写复查意见', field: 'note' };
    case 'recheck_fail':
      if (!note) return { message: '请填写复查不通过的原因', field: 'note' };
      return deadlineProblem(input.deadline, today, settings);
    case 'request_extension':
      if (!note) return { message: '请填写延期理由', field: 'note' };
      return deadlineProblem(input.deadline, today, settings, h.deadline);
    case 'approve_extension':
      return null;
    case 'reject_extension':
      return note ? null : { message: '驳回延期申请须说明理由', field: 'note' };
  }
}

/** The actions this actor may take now: the page shows these buttons, the server checks again. */
export const availableHazardActions = (h: THazardForRules, actor: THazardActor): THazardAction[] =>
  (Object.keys(HAZARD_TRANSITIONS) as THazardAction[]).filter((a) => hazardActionAllowed(h, a, actor) === null);

/** Recording a hazard: an enterprise user reports its own firm's, as a self-check; dates must make sense today. */
export function hazardCreateProblem(
  input: THazardCreate,
  actor: THazardActor,
  now: Date,
  settings: THazardSettings,
): THazardProblem | null {
  if (!can(actor.role, 'hazard.report')) return { message: '您没有登记隐患的权限' };
  const today = bureauDate(now);
  if (actor.role === 'enterprise_user') {
    if (actor.enterpriseId !== input.enterpriseId) return { message: '企业用户只能上报本企业的隐患', field: 'enterpriseId' };
    if (input.source !== 'self_check') return { message: '企业用户上报的隐患来源应为"企业自查"', field: 'source' };
  }
  if (input.foundOn > today) return { message: '发现日期不能晚于今天', field: 'foundOn' };
  return deadlineProblem(input.deadline, today, settings);
}

/** A listed supervision of a hazard: only a major hazard still open (安全生产法 art. 41: 重大事故隐患 督办). */
export function supervisionCreateProblem(
  target: 'hazard' | 'town',
  hazard: { level: THazardLevel; state: THazardState } | null,
  deadline: string,
  now: Date,
): THazardProblem | null {
  if (target === 'hazard') {
    if (!hazard) return { message: '隐患不存在', field: 'hazardId' };
    if (hazard.level !== 'major') return { message: '挂牌督办的对象应为重大隐患', field: 'hazardId' };
    if (hazard.state === 'closed') return { message: '该隐患已销号，无需挂牌督办', field: 'hazardId' };
  }
  if (deadline < bureauDate(now)) return { message: '督办期限不能早于今天', field: 'deadline' };
  return null;
}

/** Supervision is lifted (摘牌) only after the hazard is closed (issue 5 §4). */
export function supervisionLiftProblem(
  s: { status: 'active' | 'lifted'; target: 'hazard' | 'town' },
  hazardState: THazardState | null,
): THazardProblem | null {
  if (s.status === 'lifted') return { message: '该督办已摘牌' };
  if (s.target === 'hazard' && hazardState !== 'closed') return { message: '督办的重大隐患尚未销号，不能摘牌' };
  return null;
}

/** The day a resumption request's on-site review is due (DOMAIN.md §4 [open]: within 10 days, a setting). */
export const resumptionReviewDueOn = (requestedOn: string, settings: Pick<THazardSettings, 'resumptionReviewDays'>): string =>
  addDaysToDate(requestedOn, settings.resumptionReviewDays);

/** A request is late when the review has not happened by the end of its due day. */
export const isResumptionReviewOverdue = (dueOn: string, reviewedOn: string | null, now: Date): boolean =>
  reviewedOn === null ? bureauDate(now) > dueOn : reviewedOn > dueOn;

/**
 * The 责令限期整改指令书 number's prefix: the issuing body's 机关代字 from the enforcement documents' setting (the same
 * as its case documents: 中应急, 坦洲应急 …) + 责改. Numbers run per prefix and year, so two bodies can never share a number.
 */
export const hazardOrderPrefix = (
  docs: TCaseDocumentSettings,
  divisionCode: string,
  divisionName: string | null,
  qualifier: string | null = null,
): string => `${bodyAbbreviation(docs, divisionCode, divisionName, qualifier)}责改`;
