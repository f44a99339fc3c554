import { addDaysToDate, addMonthsToDate, daysBetween } from '../shared/time';
import { addWorkingDays, type TWorkCalendar } from '../shared/workdays';
import { CLOCK_LABELS, type TCaseClock, type TClockKind, type TOtherPenalty, type TPenaltyTarget } from './case.schema';
import type { TCaseProcedureSettings } from './case.settings';

/**
 * The statutory rules and clocks of a penalty case (行政处罚法 2021 unless said otherwise). Dates are the bureau's
 * (Asia/Shanghai, `YYYY-MM-DD`); the day a period starts from is not counted (art. 85), so "within N days after D"
 * ends on D + N. Periods of up to ten days count working days of the bureau's calendar (art. 85, `workingDaysAfter`),
 * longer ones calendar days.
 */

export const yuanText = (fen: number): string =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;

/** What the fine thresholds look at: the proposed (or decided) penalty of a case. */
export interface TPenaltyFacts {
  procedure: 'general' | 'simple';
  /** Each fine with the violation it punishes (code optional for threshold-only callers). */
  fines: {
    code?: string;
    target: TPenaltyTarget;
    fineFen: number;
    /** The statutory range of the line's tier (or grade, art. 114), when known. */
    minFen?: number | null;
    maxFen?: number | null;
    /** 行政处罚法 art. 32 ground of a fine below `minFen` (减轻处罚). */
    reductionGround?: string | null;
  }[];
  confiscationFen: number;
  otherPenalties: TOtherPenalty[];
  complex: boolean;
  majorPublicInterest: boolean;
}

export const personFineFen = (f: Pick<TPenaltyFacts, 'fines'>): number =>
  f.fines.filter((x) => x.target === 'person').reduce((s, x) => s + x.fineFen, 0);
export const unitFineFen = (f: Pick<TPenaltyFacts, 'fines'>): number =>
  f.fines.filter((x) => x.target === 'unit').reduce((s, x) => s + x.fineFen, 0);
export const totalFineFen = (f: Pick<TPenaltyFacts, 'fines'>): number => f.fines.reduce((s, x) => s + x.fineFen, 0);

/** Art. 63 (1): the penalties other than a fine that give the party a right to a hearing, whatever the amount. */
export const HEARING_PENALTIES: readonly TOtherPenalty[] = [
  'lower_qualification',
  'revoke_licence',
  'suspend_production',
  'close_down',
  'restrict_practice',
];

// art. 63: 较大数额罚款、没收较大数额违法所得/非法财物 (thresholds: settings), 降低资质等级、吊销许可证件, 责令停产停业、
// 责令关闭、限制从业
export function hearingEligible(f: TPenaltyFacts, s: TCaseProcedureSettings): boolean {
  if (f.otherPenalties.some((p) => HEARING_PENALTIES.includes(p))) return true;
  if (personFineFen(f) >= s.hearingPersonFineFen && personFineFen(f) > 0) return true;
  if (unitFineFen(f) >= s.hearingUnitFineFen && unitFineFen(f) > 0) return true;
  return f.confiscationFen > 0 && f.confiscationFen >= s.hearingConfiscationFen;
}

// art. 58: major public interest; major rights (hearing cases); complex; plus the bureau's additions (settings)
export function legalReviewReasons(f: TPenaltyFacts, s: TCaseProcedureSettings): string[] {
  if (f.procedure === 'simple') return [];
  const reasons: string[] = [];
  if (f.majorPublicInterest) reasons.push('涉及重大公共利益（第五十八条第一款第一项）');
  // art. 58 (2) names cases decided after a hearing; review happens before notice here, so every case that may go to a hearing is reviewed
  if (hearingEligible(f, s)) reasons.push('直接关系当事人重大权益、可以要求听证（第五十八条第一款第二项）');
  if (f.complex) reasons.push('案件情况疑难复杂（第五十八条第一款第三项）');
  // arts. 32, 58: a fine below the statutory minimum (减轻处罚) is reviewed with its recorded ground
  if (f.fines.some((x) => x.minFen != null && x.fineFen < x.minFen))
    reasons.push('减轻处罚，罚款低于法定最低额（第三十二条、第五十八条第一款第四项）');
  if (s.legalReviewAllGeneral) reasons.push('本局规定普通程序案件均须法制审核（第五十八条第一款第四项）');
  if (s.legalReviewFineFen > 0 && totalFineFen(f) >= s.legalReviewFineFen)
    reasons.push(`罚款达到 ${yuanText(s.legalReviewFineFen)}（本局规定，第五十八条第一款第四项）`);
  return reasons;
}

// art. 57 + Zhongshan bureau rule (seed §二(一)): individual fine ≥ 5,000 yuan, any confiscation (settings)
export function deliberationReasons(f: TPenaltyFacts, s: TCaseProcedureSettings): string[] {
  if (f.procedure === 'simple') return [];
  const reasons: string[] = [];
  if (f.complex) reasons.push('情节复杂或者重大违法行为（第五十七条第二款）');
  const person = personFineFen(f);
  if (person > 0 && person >= s.deliberationPersonFineFen)
    reasons.push(`对个人罚款 ${yuanText(person)}，达到 ${yuanText(s.deliberationPersonFineFen)}（本局集体讨论规定）`);
  const unit = unitFineFen(f);
  if (s.deliberationUnitFineFen > 0 && unit >= s.deliberationUnitFineFen)
    reasons.push(`对单位罚款 ${yuanText(unit)}，达到 ${yuanText(s.deliberationUnitFineFen)}（本局集体讨论规定）`);
  if (s.deliberationOnConfiscation && f.confiscationFen > 0) reasons.push('没收违法所得或者非法财物（本局集体讨论规定）');
  return reasons;
}

// art. 51: on the spot only a warning, or a fine ≤ 200 yuan on a person / ≤ 3,000 yuan on a unit
export function simpleProcedureProblem(
  v: { target: TPenaltyTarget; fineFen: number; warningOnly: boolean },
  s: TCaseProcedureSettings,
): string | null {
  if (v.warningOnly) return v.fineFen === 0 ? null : '只给予警告时罚款金额应为 0';
  const cap = v.target === 'person' ? s.simplePersonFineFen : s.simpleUnitFineFen;
  if (v.fineFen > cap) {
    return `当场处罚（简易程序）对${v.target === 'person' ? '公民' : '单位'}罚款不得超过 ${yuanText(cap)}（行政处罚法第五十一条），本次 ${yuanText(v.fineFen)}，请适用普通程序`;
  }
  return null;
}

// art. 36: 2 years (5 where life, health or financial safety is harmed), from the act or its end
export function limitationEndsOn(occurredOn: string, harmsLifeOrHealth: boolean, s: TCaseProcedureSettings): string {
  return addMonthsToDate(occurredOn, 12 * (harmsLifeOrHealth ? s.limitationYearsHarm : s.limitationYears));
}
// art. 36: discovered after the limitation → no penalty
export function limitationProblem(
  c: { occurredOn: string; discoveredOn: string; harmsLifeOrHealth: boolean },
  s: TCaseProcedureSettings,
): string | null {
  const end = limitationEndsOn(c.occurredOn, c.harmsLifeOrHealth, s);
  if (c.discoveredOn > end) {
    const years = c.harmsLifeOrHealth ? s.limitationYearsHarm : s.limitationYears;
    return `违法行为（${c.occurredOn} 发生或终了）至 ${c.discoveredOn} 才被发现，已超过 ${years} 年追责时效（行政处罚法第三十六条），不得立案处罚`;
  }
  return null;
}

// art. 60: decide within 90 days of filing, plus the recorded extensions
export const decisionDueOn = (filedOn: string, extensionDays: number[], s: TCaseProcedureSettings): string =>
  addDaysToDate(filedOn, s.decisionDays + extensionDays.reduce((a, b) => a + b, 0));
// art. 60: a decision after the due date needs an approved extension first
export function decisionDeadlineProblem(
  filedOn: string,
  extensionDays: number[],
  decidedOn: string,
  s: TCaseProcedureSettings,
): string | null {
  const due = decisionDueOn(filedOn, extensionDays, s);
  if (decidedOn > due)
    return `自立案之日（${filedOn}）起办案期限至 ${due} 届满，${decidedOn} 已超期（行政处罚法第六十条），须先经负责人批准延长办案期限`;
  return null;
}

/**
 * Art. 85: periods of the procedure of up to ten days (the 5-day hearing request, the 7-day hearing notice, the 7-day
 * service, the statement period) count working days of the bureau's calendar, from the day after the notice or
 * decision (送达次日起算); longer ones (the 90-day decision, the 15-day payment) count calendar days.
 */
const workingDaysAfter = (calendar: TWorkCalendar, from: string, days: number): string =>
  days > 0 ? addWorkingDays(calendar, from, days).date : from;

// art. 64 (1): the party asks for a hearing within 5 working days of the notice
export const hearingRequestDueOn = (notifiedOn: string, s: TCaseProcedureSettings, calendar: TWorkCalendar): string =>
  workingDaysAfter(calendar, notifiedOn, s.hearingRequestDays);
// art. 64 (1): a request after the 5 working days is refused
export function hearingRequestProblem(
  notifiedOn: string,
  requestedOn: string,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
): string | null {
  if (requestedOn < notifiedOn) return `申请听证日期 ${requestedOn} 早于告知日期 ${notifiedOn}`;
  const due = hearingRequestDueOn(notifiedOn, s, calendar);
  if (requestedOn > due)
    return `听证申请应在告知后 ${s.hearingRequestDays} 个工作日内提出（行政处罚法第六十四条第一项、第八十五条），告知日 ${notifiedOn}，期限至 ${due}，${requestedOn} 已超期`;
  return null;
}

// art. 64 (2): the party is told of the hearing's time and place 7 working days before it
export function hearingNoticeProblem(
  noticeOn: string,
  hearingOn: string,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
): string | null {
  const earliest = workingDaysAfter(calendar, noticeOn, s.hearingNoticeDays);
  if (hearingOn < earliest)
    return `应当在举行听证的 ${s.hearingNoticeDays} 个工作日前通知当事人（行政处罚法第六十四条第二项、第八十五条），${noticeOn} 通知的听证最早 ${earliest} 举行`;
  return null;
}

// arts. 44, 62: the rights period after the notice: the statement period, or the hearing request period where a hearing may be asked
export const rightsPeriodEndsOn = (notifiedOn: string, eligible: boolean, s: TCaseProcedureSettings, calendar: TWorkCalendar): string =>
  workingDaysAfter(calendar, notifiedOn, Math.max(s.statementDays, eligible ? s.hearingRequestDays : 0));

// arts. 44, 62: no decision without the notice, nor before the party could state, defend or ask for a hearing, unless waived
export function noticeProblem(
  c: {
    notifiedOn: string | null;
    rightsWaived: boolean;
    hearingEligible: boolean;
    hearingRequestedOn: string | null;
    hearingHeldOn: string | null;
  },
  decidedOn: string,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
): string | null {
  if (!c.notifiedOn)
    return '未告知当事人拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、听证权利，不得作出行政处罚决定（行政处罚法第四十四条、第六十二条）';
  if (c.hearingRequestedOn && !c.hearingHeldOn) return '当事人已申请听证，听证结束前不得作出决定（行政处罚法第六十五条）';
  if (c.rightsWaived || c.hearingHeldOn) return null;
  const end = rightsPeriodEndsOn(c.notifiedOn, c.hearingEligible, s, calendar);
  if (decidedOn <= end)
    return `当事人陈述、申辩${c.hearingEligible ? '、申请听证' : ''}的期限至 ${end} 届满，期满前（且当事人未明确放弃）不得作出决定（行政处罚法第四十四条、第六十二条）`;
  return null;
}

// art. 45: no heavier penalty because the party stated or defended; a heavier one than noticed needs a new notice (art. 44)
export function heavierPenaltyProblem(noticeFineFen: number, decidedFineFen: number, argued: boolean): string | null {
  if (decidedFineFen <= noticeFineFen) return null;
  if (argued)
    return `当事人已陈述申辩，决定罚款 ${yuanText(decidedFineFen)} 重于告知的 ${yuanText(noticeFineFen)}：不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条）`;
  return `决定罚款 ${yuanText(decidedFineFen)} 重于告知的 ${yuanText(noticeFineFen)}，须重新告知（行政处罚法第四十四条）`;
}

// art. 61: the decision is served within 7 working days when the party is not present
export const serviceDueOn = (decidedOn: string, s: TCaseProcedureSettings, calendar: TWorkCalendar): string =>
  workingDaysAfter(calendar, decidedOn, s.serviceDays);

// art. 67: the fine is paid within 15 days of receiving the decision
export const paymentDueOn = (servedOn: string, s: TCaseProcedureSettings): string => addDaysToDate(servedOn, s.paymentDays);

// art. 72 (1): 3 % of the fine a day after the due date, never more than the fine itself
export function surchargeFen(principalFen: number, dueOn: string, paidOn: string, s: TCaseProcedureSettings): number {
  const late = daysBetween(dueOn, paidOn);
  if (late <= 0 || principalFen <= 0) return 0;
  return Math.min(principalFen, Math.floor((principalFen * s.surchargePercentPerDay * late) / 100));
}

// 安全生产法 art. 112: fined, ordered to correct and still refusing: the original fine again each day from the day after the order
export function continuingFineFen(fineFen: number, orderedOn: string, refusedThrough: string): number {
  const days = daysBetween(orderedOn, refusedThrough);
  return days > 0 ? fineFen * days : 0;
}

/** The dates a case's clocks read; null where that step has not come. */
export interface TClockFacts {
  stage: string;
  filedOn: string | null;
  extensionDays: number[];
  decidedOn: string | null;
  notifiedOn: string | null;
  hearingEligible: boolean;
  hearingRequestedOn: string | null;
  servedOn: string | null;
  fineDecidedFen: number;
  finePaidFen: number;
  paidOffOn: string | null;
  occurredOn: string;
  harmsLifeOrHealth: boolean;
  discoveredOn: string;
  /** The schedule's next date when a deferral or instalments were approved (art. 66); else 15 days after service. */
  scheduledDueOn?: string | null;
  /** 行政强制法 art. 54: the 催告's last day; art. 53: the last day to apply to the court, and the day applied. */
  demandComplyBy?: string | null;
  enforcementClosesOn?: string | null;
  enforcementAppliedOn?: string | null;
}

const BASIS: Record<TClockKind, string> = {
  decision: '行政处罚法第六十条',
  hearing_request: '行政处罚法第六十四条第一项',
  hearing_notice: '行政处罚法第六十四条第二项',
  service: '行政处罚法第六十一条',
  payment: '行政处罚法第六十七条、第七十二条',
  limitation: '行政处罚法第三十六条',
  demand: '行政强制法第三十五条、第五十四条、第六十九条',
  enforcement: '行政强制法第五十三条',
};

function clock(kind: TClockKind, dueOn: string, doneOn: string | null, today: string, s: TCaseProcedureSettings): TCaseClock {
  const daysLeft = daysBetween(today, dueOn);
  const state = doneOn
    ? doneOn <= dueOn
      ? 'met'
      : 'missed'
    : daysLeft < 0
      ? 'overdue'
      : daysLeft <= s.dueSoonDays
        ? 'due_soon'
        : 'running';
  return { kind, label: CLOCK_LABELS[kind], dueOn, daysLeft, state, basis: BASIS[kind] };
}

/** The clocks of a case as of `today`, computed on read (nothing stores "overdue"). */
export function caseClocks(c: TClockFacts, today: string, s: TCaseProcedureSettings, calendar: TWorkCalendar): TCaseClock[] {
  const out: TCaseClock[] = [];
  const ended = c.stage === 'closed' || c.stage === 'withdrawn';
  if (c.stage === 'pending_filing') out.push(clock('limitation', limitationEndsOn(c.occurredOn, c.harmsLifeOrHealth, s), null, today, s));
  if (c.filedOn && (c.decidedOn || !ended))
    out.push(clock('decision', decisionDueOn(c.filedOn, c.extensionDays, s), c.decidedOn, today, s));
  if (c.notifiedOn && c.hearingEligible && !c.decidedOn)
    out.push(clock('hearing_request', hearingRequestDueOn(c.notifiedOn, s, calendar), c.hearingRequestedOn, today, s));
  if (c.decidedOn) out.push(clock('service', serviceDueOn(c.decidedOn, s, calendar), c.servedOn, today, s));
  if (c.servedOn && c.fineDecidedFen > 0) {
    const done = c.finePaidFen >= c.fineDecidedFen ? c.paidOffOn : ended ? (c.paidOffOn ?? today) : null;
    out.push(clock('payment', c.scheduledDueOn ?? paymentDueOn(c.servedOn, s), done, today, s));
    const paid = c.finePaidFen >= c.fineDecidedFen ? c.paidOffOn : null;
    if (c.demandComplyBy) out.push(clock('demand', c.demandComplyBy, paid, today, s));
    if (c.demandComplyBy && c.enforcementClosesOn && (c.enforcementAppliedOn || !paid))
      out.push(clock('enforcement', c.enforcementClosesOn, c.enforcementAppliedOn ?? null, today, s));
  }
  return out;
}
