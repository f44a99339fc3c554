import { can, inScope, type TActor, type TPermission } from '../org/org.policy';
import { bureauDate } from '../shared/time';
import {
  CASE_ACTION_LABELS,
  CASE_STAGE_LABELS,
  PENALTY_TARGET_LABELS,
  type TCaseAction,
  type TCaseActionKind,
  type TCaseProcedure,
  type TCaseStage,
  type TPenaltyTarget,
} from './case.schema';
import {
  decisionDeadlineProblem,
  deliberationReasons,
  hearingEligible,
  hearingNoticeProblem,
  hearingRequestProblem,
  heavierPenaltyProblem,
  legalReviewReasons,
  limitationProblem,
  noticeProblem,
  simpleProcedureProblem,
  totalFineFen,
  yuanText,
  type TPenaltyFacts,
} from './case-clock.rules';
import type { TWorkCalendar } from '../shared/workdays';
import type { TCaseProcedureSettings } from './case.settings';
import { discretionProblem, type TViolationRule } from './case-discretion.rules';
import { proposalProblem } from './case-propose.rules';
import type { TAccidentGrade } from '../accident/accident.data';
import { CASE_ACTION_FROM, SIMPLE_ACTIONS } from './case-stage.rules';
import { executionStepProblem, type TExecutionState } from './case-execution-step.rules';
import { closureProblem } from './case-execution.rules';

/** What the procedure rules read of a case. */
export interface TCaseRuleState extends TExecutionState {
  procedure: TCaseProcedure;
  stage: TCaseStage;
  divisionCode: string;
  officerIds: number[];
  occurredOn: string;
  discoveredOn: string;
  harmsLifeOrHealth: boolean;
  filedOn: string | null;
  evidenceCount: number;
  /** The case's violations (chosen at filing) by code. */
  violationCodes: string[];
  /** The proposed penalty (after `propose`), null before. */
  penalty: TPenaltyFacts | null;
  legalReviewPassedAt: string | null;
  deliberatedAt: string | null;
  notifiedOn: string | null;
  noticeFineFen: number | null;
  rightsWaived: boolean;
  argued: boolean;
  hearingRequestedOn: string | null;
  hearingOn: string | null;
  hearingChairId: number | null;
  hearingHeldOn: string | null;
  extensionDays: number[];
  decidedOn: string | null;
  fineDecidedFen: number;
  finePaidFen: number;
  servedOn: string | null;
  /** The grade of the accident the case came from (accident module), null otherwise: art. 114 takes it, not a typed one. */
  sourceAccidentGrade: TAccidentGrade | null;
}

export interface TCaseRuleSettings {
  procedure: TCaseProcedureSettings;
  /** The bureau's working-day calendar: the procedure's periods of up to ten days count working days (art. 85). */
  calendar: TWorkCalendar;
  /** The catalogue, for discretion checks of `propose` and `decide_on_spot`. */
  violations: TViolationRule[];
}

/** Who may take each action (org.policy.ts); `case.handle` actions are further limited to the case's own officers (承办人). */
export const CASE_ACTION_PERMISSIONS: Record<TCaseActionKind, TPermission> = {
  approve_filing: 'case.approve',
  start_investigation: 'case.handle',
  propose: 'case.handle',
  request_legal_review: 'case.handle',
  legal_review: 'case.legal_review',
  request_deliberation: 'case.handle',
  deliberate: 'case.deliberate',
  notify: 'case.handle',
  record_statement: 'case.handle',
  waive_rights: 'case.handle',
  request_hearing: 'case.handle',
  schedule_hearing: 'case.handle',
  conclude_hearing: 'case.handle',
  decide: 'case.approve',
  decide_on_spot: 'case.handle',
  serve: 'case.handle',
  record_payment: 'case.handle',
  extend: 'case.approve',
  close: 'case.approve',
  withdraw: 'case.approve',
  // art. 66: the bureau approves; 行政强制法 art. 53: the bureau applies; art. 112: a penalty decision
  arrange_payment: 'case.approve',
  demand_payment: 'case.handle',
  apply_enforcement: 'case.approve',
  record_daily_fine: 'case.approve',
};

const legalReviewMissing = (c: TCaseRuleState, s: TCaseProcedureSettings): string | null => {
  if (!c.penalty || c.legalReviewPassedAt) return null;
  const reasons = legalReviewReasons(c.penalty, s);
  return reasons.length > 0
    ? `本案须经法制审核（${reasons.join('；')}），未经法制审核或者审核未通过的，不得作出决定（行政处罚法第五十八条）`
    : null;
};
const deliberationMissing = (c: TCaseRuleState, s: TCaseProcedureSettings): string | null => {
  if (!c.penalty || c.deliberatedAt) return null;
  const reasons = deliberationReasons(c.penalty, s);
  return reasons.length > 0 ? `本案应当由行政机关负责人集体讨论决定（${reasons.join('；')}；行政处罚法第五十七条第二款）` : null;
};
/** Arts. 58 (1)(2), 65: after a hearing the case is reviewed, and deliberated where it must be, again on the hearing record. */
export function afterHearingMissing(c: TCaseRuleState, s: TCaseProcedureSettings): string | null {
  if (!c.hearingHeldOn) return null;
  if (!c.legalReviewPassedAt)
    return `听证已于 ${c.hearingHeldOn} 结束，须根据听证笔录再次进行法制审核，审核通过后才能作出决定（行政处罚法第五十八条第一款第二项、第六十五条）`;
  const reasons = c.penalty && !c.deliberatedAt ? deliberationReasons(c.penalty, s) : [];
  return reasons.length > 0
    ? `听证结束后，须根据听证笔录再次由行政机关负责人集体讨论（${reasons.join('；')}；行政处罚法第五十七条第二款、第六十五条）`
    : null;
}
const notFuture = (d: string, today: string, label: string): string | null => (d > today ? `${label} ${d} 晚于今天（${today}）` : null);

/** Who the actor is to this case: allowed to act at all (permission, scope, officer of the case for handling). */
function actorProblem(c: TCaseRuleState, kind: TCaseActionKind, actor: TActor): string | null {
  const permission = CASE_ACTION_PERMISSIONS[kind];
  if (!can(actor.role, permission)) return `没有“${CASE_ACTION_LABELS[kind]}”的权限`;
  if (!inScope(actor.divisionCode, c.divisionCode)) return '该案件不在您的管辖范围内';
  if (permission === 'case.handle' && !c.officerIds.includes(actor.id)) return `只有本案承办人可以${CASE_ACTION_LABELS[kind]}`;
  return null;
}

function stageProblem(c: TCaseRuleState, kind: TCaseActionKind): string | null {
  if (c.procedure === 'simple' && !SIMPLE_ACTIONS.includes(kind)) return `简易程序案件不能${CASE_ACTION_LABELS[kind]}`;
  if (c.procedure === 'general' && kind === 'decide_on_spot') return '普通程序案件不能当场处罚（行政处罚法第五十一条）';
  if (!CASE_ACTION_FROM[kind].includes(c.stage)) return `案件处于“${CASE_STAGE_LABELS[c.stage]}”阶段，不能${CASE_ACTION_LABELS[kind]}`;
  return null;
}

/** The actions the actor may try now, ignoring the payload (the UI shows these buttons; the server checks again). */
export function availableCaseActions(c: TCaseRuleState, actor: TActor): TCaseActionKind[] {
  return (Object.keys(CASE_ACTION_PERMISSIONS) as TCaseActionKind[]).filter((k) => !actorProblem(c, k, actor) && !stageProblem(c, k));
}

/**
 * The procedure of a penalty case as a state machine: null when `action` may be taken now by `actor`, else a Chinese
 * message naming the rule and its article. The substantive rules of a decision (法制审核, 集体讨论, 告知) are checked
 * before its stage, so an early attempt is told which rule it breaks.
 */
export function caseTransitionProblem(
  c: TCaseRuleState,
  action: TCaseAction,
  actor: TActor,
  now: Date,
  settings: TCaseRuleSettings,
): string | null {
  const s = settings.procedure;
  const today = bureauDate(now);
  const who = actorProblem(c, action.kind, actor);
  if (who) return who;
  // 不予处罚 (art. 33, facts not established …) ends a case without the steps that protect a party from a penalty
  if (action.kind === 'decide' && c.procedure === 'general' && action.outcome === 'penalty') {
    const early = afterHearingMissing(c, s) ?? legalReviewMissing(c, s) ?? deliberationMissing(c, s);
    if (early) return early;
    if (!['decided', 'served', 'executing', 'paid', 'closed', 'withdrawn'].includes(c.stage)) {
      const notice = noticeProblem(
        {
          notifiedOn: c.notifiedOn,
          rightsWaived: c.rightsWaived,
          hearingEligible: !!c.penalty && hearingEligible(c.penalty, s),
          hearingRequestedOn: c.hearingRequestedOn,
          hearingHeldOn: c.hearingHeldOn,
        },
        action.decidedOn,
        s,
        settings.calendar,
      );
      if (notice) return notice;
    }
  }
  const stage = stageProblem(c, action.kind);
  if (stage) return stage;

  switch (action.kind) {
    case 'approve_filing':
      // art. 54: filing is approved by the body's head; the approver is not one of the case officers (four eyes, DESIGN.md)
      if (c.officerIds.includes(actor.id)) return '立案审批人不能是本案承办人（行政处罚法第五十四条，审批与承办分离）';
      if (c.officerIds.length < s.minOfficers) return `承办人不得少于 ${s.minOfficers} 人（行政处罚法第四十二条）`;
      return limitationProblem(c, s);
    case 'start_investigation':
      return c.officerIds.length < s.minOfficers ? `调查取证时执法人员不得少于 ${s.minOfficers} 人（行政处罚法第四十二条）` : null;
    case 'propose':
      return (
        proposalProblem(c, action, settings.violations, today) ??
        closureProblem(action.otherPenalties.includes('propose_closure'), action.closureGround, c.firmPenaltyDates, today)
      );
    case 'arrange_payment':
    case 'demand_payment':
    case 'apply_enforcement':
    case 'record_daily_fine':
      return executionStepProblem(c, action, today, s, settings.calendar);
    case 'request_legal_review':
      return null;
    case 'legal_review':
      // art. 58 + 回避 (art. 43): the reviewer did not investigate the case (DESIGN.md separation of duties)
      if (c.officerIds.includes(actor.id)) return '法制审核人员不能是本案调查人员（行政处罚法第四十三条回避、第五十八条法制审核）';
      return c.legalReviewPassedAt ? '本案已通过法制审核' : null;
    case 'request_deliberation': {
      const review = legalReviewMissing(c, s);
      if (review) return `须先通过法制审核再提请集体讨论：${review}`;
      return c.deliberatedAt ? '本案已经集体讨论' : null;
    }
    case 'deliberate':
      if (c.deliberatedAt) return '本案已经集体讨论';
      return notFuture(action.heldOn, today, '讨论日期');
    case 'notify': {
      // art. 44: the notice states the proposed penalty, so there must be one
      if (!c.penalty) return '尚未提出处罚意见，不能告知拟作出的行政处罚（行政处罚法第四十四条）';
      // after a hearing the decision rests on its record (art. 65); only a changed proposal is notified again (art. 44)
      if (c.hearingHeldOn && c.noticeFineFen === totalFineFen(c.penalty))
        return '听证已经举行，处罚意见未变，不再告知：请根据听证笔录再次法制审核、集体讨论后作出决定（行政处罚法第六十五条）';
      const missing = legalReviewMissing(c, s) ?? deliberationMissing(c, s);
      if (missing) return `告知前须完成：${missing}`;
      if (c.filedOn && action.notifiedOn < c.filedOn) return `告知日期 ${action.notifiedOn} 早于立案日期 ${c.filedOn}`;
      return notFuture(action.notifiedOn, today, '告知日期');
    }
    case 'record_statement':
      if (c.notifiedOn && action.receivedOn < c.notifiedOn) return `收到日期 ${action.receivedOn} 早于告知日期 ${c.notifiedOn}`;
      return notFuture(action.receivedOn, today, '收到日期');
    case 'waive_rights':
      if (c.notifiedOn && action.waivedOn < c.notifiedOn) return `放弃日期 ${action.waivedOn} 早于告知日期 ${c.notifiedOn}`;
      return notFuture(action.waivedOn, today, '放弃日期');
    case 'request_hearing':
      // art. 63: only the listed penalties give a right to a hearing
      if (!c.penalty || !hearingEligible(c.penalty, s)) return '本案拟作出的处罚不属于当事人可以要求听证的情形（行政处罚法第六十三条）';
      if (c.rightsWaived) return '当事人已明确放弃听证权利';
      return (
        notFuture(action.requestedOn, today, '申请听证日期') ??
        hearingRequestProblem(c.notifiedOn!, action.requestedOn, s, settings.calendar)
      );
    case 'schedule_hearing':
      if (!c.hearingRequestedOn) return '当事人未申请听证';
      if (c.hearingHeldOn) return '听证已经举行';
      // art. 64 (4): the hearing is chaired by someone who did not investigate the case
      if (c.officerIds.includes(action.chairId))
        return '听证由行政机关指定的非本案调查人员主持，本案承办人不能主持听证（行政处罚法第六十四条第四项、第四十三条回避）';
      return hearingNoticeProblem(today, action.hearingOn, s, settings.calendar);
    case 'conclude_hearing':
      if (!c.hearingOn) return '尚未安排听证';
      if (c.hearingHeldOn) return '听证已经结束';
      if (action.heldOn < c.hearingOn) return `听证举行日期 ${action.heldOn} 早于通知的听证日期 ${c.hearingOn}`;
      return notFuture(action.heldOn, today, '听证举行日期');
    case 'decide': {
      const future = notFuture(action.decidedOn, today, '决定日期');
      if (future) return future;
      if (c.filedOn) {
        const late = decisionDeadlineProblem(c.filedOn, c.extensionDays, action.decidedOn, s);
        if (late) return late;
        if (action.decidedOn < c.filedOn) return `决定日期 ${action.decidedOn} 早于立案日期 ${c.filedOn}`;
      }
      // art. 33 / art. 57 (1)(3): a decision not to penalise names its ground
      if (action.outcome === 'no_penalty') {
        if (!action.noPenaltyGround)
          return '不予行政处罚须记录依据：违法行为轻微并及时改正、初次违法且危害后果轻微并及时改正、没有主观过错（行政处罚法第三十三条）或者违法事实不能成立（第五十七条第一款第三项）';
        if (s.legalReviewNoPenalty && c.procedure === 'general' && !c.legalReviewPassedAt)
          return '不予行政处罚决定须先经法制审核（行政处罚法第三十三条、第五十八条，本局规定），请先提交法制审核';
        return null;
      }
      if (c.notifiedOn && action.decidedOn < c.notifiedOn) return `决定日期 ${action.decidedOn} 早于告知日期 ${c.notifiedOn}`;
      const fines = action.fines
        ? action.fines.reduce((a, f) => a + f.fineFen, 0)
        : (c.penalty?.fines.reduce((a, f) => a + f.fineFen, 0) ?? 0);
      if (action.fines && c.penalty) {
        for (const f of action.fines) {
          const proposed = c.penalty.fines.find((p) => p.code === f.code && p.target === f.target);
          if (!proposed) return `决定的违法行为 ${f.code}（${PENALTY_TARGET_LABELS[f.target]}）不在告知的处罚意见中`;
          if (proposed.maxFen != null && f.fineFen > proposed.maxFen)
            return `决定的罚款 ${yuanText(f.fineFen)} 超出法定最高额 ${yuanText(proposed.maxFen)}（${f.code}，行政处罚法第四条）`;
          // art. 32: below the statutory minimum only on the ground recorded with the proposal (and reviewed)
          if (proposed.minFen != null && f.fineFen < proposed.minFen && !proposed.reductionGround)
            return `决定的罚款 ${yuanText(f.fineFen)} 低于法定最低额 ${yuanText(proposed.minFen)}（${f.code}），属减轻处罚，须在处罚意见中记录《行政处罚法》第三十二条规定的减轻情形并经法制审核`;
        }
      }
      return heavierPenaltyProblem(c.noticeFineFen ?? 0, fines, c.argued);
    }
    case 'decide_on_spot': {
      const future = notFuture(action.decidedOn, today, '决定日期');
      if (future) return future;
      const limit = limitationProblem(c, s);
      if (limit) return limit;
      if (!c.violationCodes.includes(action.violation.code)) return `违法行为 ${action.violation.code} 不是本案的违法行为`;
      const simple = simpleProcedureProblem(
        { target: action.violation.target, fineFen: action.violation.fineFen, warningOnly: action.warningOnly },
        s,
      );
      if (simple) return simple;
      const rule = settings.violations.find((v) => v.code === action.violation.code);
      if (!rule) return `违法行为目录中没有 ${action.violation.code}`;
      return action.warningOnly
        ? null
        : discretionProblem(
            rule,
            action.violation.circumstance,
            action.violation.fineFen,
            action.violation.outsideBandReason,
            action.violation.target,
          );
    }
    case 'serve':
      if (c.decidedOn && action.servedOn < c.decidedOn) return `送达日期 ${action.servedOn} 早于决定日期 ${c.decidedOn}`;
      return notFuture(action.servedOn, today, '送达日期');
    case 'record_payment': {
      const owing = c.fineDecidedFen - c.finePaidFen;
      if (owing <= 0) return '罚款已缴清';
      if (action.principalFen > owing) return `缴纳金额 ${yuanText(action.principalFen)} 超过尚欠罚款 ${yuanText(owing)}`;
      if (c.servedOn && action.paidOn < c.servedOn) return `缴款日期 ${action.paidOn} 早于送达日期 ${c.servedOn}`;
      return notFuture(action.paidOn, today, '缴款日期');
    }
    case 'extend':
      if (c.procedure !== 'general' || !c.filedOn) return '只有已立案的普通程序案件可以延长办案期限（行政处罚法第六十条）';
      return null;
    case 'close':
      if (c.finePaidFen < c.fineDecidedFen)
        return `罚款尚欠 ${yuanText(c.fineDecidedFen - c.finePaidFen)} 未缴清，不能结案（行政处罚法第六十七条、第七十二条：逾期可加处罚款或申请强制执行）`;
      return notFuture(action.closedOn, today, '结案日期');
    case 'withdraw':
      return null;
    default:
      return null;
  }
}

/** The facts of a proposal for the threshold rules, keeping each fine's violation code. */
export function penaltyFacts(
  procedure: TCaseProcedure,
  p: {
    violations: {
      code: string;
      target: TPenaltyTarget;
      fineFen: number;
      minFen?: number | null;
      maxFen?: number | null;
      reductionGround?: string | null;
    }[];
    confiscationFen: number;
    otherPenalties: TPenaltyFacts['otherPenalties'];
    complex: boolean;
    majorPublicInterest: boolean;
  },
): TPenaltyFacts {
  return {
    procedure,
    fines: p.violations.map((v) => ({
      code: v.code,
      target: v.target,
      fineFen: v.fineFen,
      minFen: v.minFen ?? null,
      maxFen: v.maxFen ?? null,
      reductionGround: v.reductionGround ?? null,
    })),
    confiscationFen: p.confiscationFen,
    otherPenalties: p.otherPenalties,
    complex: p.complex,
    majorPublicInterest: p.majorPublicInterest,
  };
}
