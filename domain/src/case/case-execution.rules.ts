/**
 * The rules after a decision (执行), as pure functions over dates `YYYY-MM-DD` and fen: the payment schedule (行政处罚法
 * arts. 66, 67), 加处罚款 (art. 72 (1)), the written demand (催告, 行政强制法 arts. 35, 54, 69), the application to the
 * court (行政强制法 art. 53), 按日连续处罚 (安全生产法 art. 112) and the closure ground of 安全生产法 art. 113 (1).
 *
 * Counting: 行政强制法 art. 69 — "本法中十日以内期限的规定是指工作日，不含法定节假日" — so the 催告's ten days are working days
 * of the bureau's calendar, counted from the day after service; the month periods (six months to sue, three months to
 * apply) end on the corresponding day of the month (民法典 arts. 201–202), the first day not counted.
 */
import { addDaysToDate, addMonthsToDate, daysBetween } from '../shared/time';
import { addWorkingDays, type TWorkCalendar } from '../shared/workdays';
import { paymentDueOn, yuanText } from './case-clock.rules';
import type { TCaseProcedureSettings } from './case.settings';
import {
  PAYMENT_PLAN_KIND_LABELS,
  type TArrangePayment,
  type TClosureGround,
  type TDemandPayment,
  type TInstalment,
  type TPaymentPlan,
  type TRecordDailyFine,
} from './case-execution.schema';

const notFuture = (d: string, today: string, label: string): string | null => (d > today ? `${label} ${d} 晚于今天（${today}）` : null);

// ───────────────────────────── the schedule (arts. 66, 67, 72) ─────────────────────────────

/** What the payment rules read of a case. */
export interface TPaymentFacts {
  servedOn: string;
  fineDecidedFen: number;
  finePaidFen: number;
  plan: TPaymentPlan | null;
}

/**
 * The whole fine as dated parts: without a plan, all of it 15 days after service (art. 67); with an approved plan,
 * what was paid before the approval at the original date, then the plan's instalments (art. 66).
 */
export function paymentSchedule(c: Omit<TPaymentFacts, 'finePaidFen'>, s: TCaseProcedureSettings): TInstalment[] {
  const original = paymentDueOn(c.servedOn, s);
  if (!c.plan) return c.fineDecidedFen > 0 ? [{ dueOn: original, amountFen: c.fineDecidedFen }] : [];
  const planned = c.plan.instalments.reduce((a, i) => a + i.amountFen, 0);
  const before = c.fineDecidedFen - planned;
  return [...(before > 0 ? [{ dueOn: original, amountFen: before }] : []), ...c.plan.instalments];
}

/** The parts of the schedule a payment of `principalFen` after `paidBeforeFen` settles, earliest first. */
function allocate(schedule: TInstalment[], paidBeforeFen: number, principalFen: number): TInstalment[] {
  const out: TInstalment[] = [];
  let start = 0;
  const from = paidBeforeFen;
  const to = paidBeforeFen + principalFen;
  for (const i of schedule) {
    const end = start + i.amountFen;
    const part = Math.min(end, to) - Math.max(start, from);
    if (part > 0) out.push({ dueOn: i.dueOn, amountFen: part });
    start = end;
  }
  return out;
}

/** Each instalment with what is still owed on it after `paidFen` (paid in date order). */
export function instalmentsOwing(schedule: TInstalment[], paidFen: number): (TInstalment & { owingFen: number })[] {
  let left = paidFen;
  return schedule.map((i) => {
    const covered = Math.min(left, i.amountFen);
    left -= covered;
    return { ...i, owingFen: i.amountFen - covered };
  });
}

/** The date the unpaid part falls due: the first instalment not fully paid; null when all is paid. */
export const nextDueOn = (schedule: TInstalment[], paidFen: number): string | null =>
  instalmentsOwing(schedule, paidFen).find((i) => i.owingFen > 0)?.dueOn ?? null;

/** The fine overdue on `on`: the unpaid parts whose date has passed (an approved deferral not yet due is not overdue). */
export const overdueFen = (schedule: TInstalment[], paidFen: number, on: string): number =>
  instalmentsOwing(schedule, paidFen)
    .filter((i) => i.dueOn < on)
    .reduce((a, i) => a + i.owingFen, 0);

// art. 72 (1): 3 % a day on each part paid after its date, never more than that part (so never more than the fine)
export function scheduledSurchargeFen(
  schedule: TInstalment[],
  paidBeforeFen: number,
  principalFen: number,
  paidOn: string,
  s: TCaseProcedureSettings,
): number {
  return allocate(schedule, paidBeforeFen, principalFen).reduce((sum, part) => {
    const late = daysBetween(part.dueOn, paidOn);
    if (late <= 0) return sum;
    return sum + Math.min(part.amountFen, Math.floor((part.amountFen * s.surchargePercentPerDay * late) / 100));
  }, 0);
}

/** Art. 66 (2): null when the bureau may approve this deferral or instalment schedule, else why not. */
export function paymentPlanProblem(
  c: TPaymentFacts & { enforcementAppliedOn: string | null },
  a: TArrangePayment,
  today: string,
  s: TCaseProcedureSettings,
): string | null {
  if (c.plan) return `本案已于 ${c.plan.approvedOn} 批准${PAYMENT_PLAN_KIND_LABELS[c.plan.type]}，不能再次批准`;
  if (c.enforcementAppliedOn) return `本案已于 ${c.enforcementAppliedOn} 申请人民法院强制执行，不能再批准暂缓或分期缴纳`;
  const owing = c.fineDecidedFen - c.finePaidFen;
  if (owing <= 0) return '罚款已缴清';
  if (a.appliedOn < c.servedOn) return `申请日期 ${a.appliedOn} 早于决定书送达日期 ${c.servedOn}`;
  if (a.approvedOn < a.appliedOn)
    return `批准日期 ${a.approvedOn} 早于当事人申请日期 ${a.appliedOn}（行政处罚法第六十六条：经当事人申请和行政机关批准）`;
  const future = notFuture(a.approvedOn, today, '批准日期');
  if (future) return future;
  if (a.type === 'deferral' && a.instalments.length !== 1) return '暂缓缴纳只有一个缴纳期限，请填写一期';
  if (a.type === 'instalment' && a.instalments.length < 2) return '分期缴纳至少分两期';
  let prev = a.approvedOn;
  for (const [n, i] of a.instalments.entries()) {
    if (i.dueOn <= prev)
      return n === 0
        ? `第 1 期缴纳期限 ${i.dueOn} 应晚于批准日期 ${a.approvedOn}`
        : `第 ${n + 1} 期缴纳期限 ${i.dueOn} 应晚于第 ${n} 期 ${prev}`;
    prev = i.dueOn;
  }
  const latest = addMonthsToDate(a.approvedOn, s.paymentPlanMaxMonths);
  if (prev > latest) return `最后缴纳期限 ${prev} 超过批准之日起 ${s.paymentPlanMaxMonths} 个月（${latest}，本局规定）`;
  const sum = a.instalments.reduce((x, i) => x + i.amountFen, 0);
  if (sum !== owing) return `各期金额合计 ${yuanText(sum)}，应等于尚欠罚款 ${yuanText(owing)}`;
  return null;
}

// ───────────────────────────── 催告 and the court (行政强制法) ─────────────────────────────

// 行政强制法 arts. 54, 69: at least ten working days after the 催告书 is served (送达次日起算)
export const demandEarliestComplyBy = (servedOn: string, s: TCaseProcedureSettings, calendar: TWorkCalendar): string =>
  addWorkingDays(calendar, servedOn, s.demandComplyDays).date;

/** 行政强制法 art. 53 + 行政诉讼法 art. 46: the suit period ends six months after service; the application runs three months after. */
export function enforcementWindow(servedOn: string, s: TCaseProcedureSettings): { opensOn: string; closesOn: string } {
  const suitEnds = addMonthsToDate(servedOn, s.suitMonths);
  return { opensOn: addDaysToDate(suitEnds, 1), closesOn: addMonthsToDate(suitEnds, s.enforcementApplyMonths) };
}

/** 行政强制法 arts. 35, 54: null when a 催告书 may be served now, else why not. */
export function demandProblem(
  c: TPaymentFacts & { demandServedOn: string | null; enforcementAppliedOn: string | null },
  a: TDemandPayment,
  today: string,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
): string | null {
  if (c.fineDecidedFen - c.finePaidFen <= 0) return '罚款已缴清，无需催告';
  if (c.demandServedOn) return `本案已于 ${c.demandServedOn} 送达催告书`;
  const future = notFuture(a.servedOn, today, '催告书送达日期');
  if (future) return future;
  const schedule = paymentSchedule(c, s);
  if (overdueFen(schedule, c.finePaidFen, a.servedOn) <= 0) {
    const due = nextDueOn(schedule, c.finePaidFen);
    return `缴纳期限${c.plan ? `（经批准${PAYMENT_PLAN_KIND_LABELS[c.plan.type]}）` : ''}至 ${due} 尚未届满，当事人未逾期，不能催告（行政强制法第五十四条）`;
  }
  const earliest = demandEarliestComplyBy(a.servedOn, s, calendar);
  if (a.complyBy < earliest)
    return `催告书应给予当事人不少于 ${s.demandComplyDays} 日的履行期限（行政强制法第五十四条；第六十九条：十日以内期限指工作日），${a.servedOn} 送达的催告书履行期限最早至 ${earliest}`;
  return null;
}

/** 行政强制法 arts. 53, 54: null when the bureau may apply to the court now, else why not. */
export function enforcementProblem(
  c: TPaymentFacts & { demandServedOn: string | null; demandComplyBy: string | null; enforcementAppliedOn: string | null },
  appliedOn: string,
  today: string,
  s: TCaseProcedureSettings,
): string | null {
  if (c.fineDecidedFen - c.finePaidFen <= 0) return '罚款已缴清，无需申请强制执行';
  if (c.enforcementAppliedOn) return `本案已于 ${c.enforcementAppliedOn} 申请人民法院强制执行`;
  if (!c.demandServedOn || !c.demandComplyBy) return '申请人民法院强制执行前，应当催告当事人履行义务（行政强制法第五十四条）';
  const future = notFuture(appliedOn, today, '申请日期');
  if (future) return future;
  if (appliedOn <= c.demandComplyBy)
    return `催告书履行期限至 ${c.demandComplyBy}，期满当事人仍未履行的，方可申请强制执行（行政强制法第五十四条）`;
  const w = enforcementWindow(c.servedOn, s);
  if (appliedOn < w.opensOn)
    return `当事人申请行政复议、提起行政诉讼的期限尚未届满（决定书 ${c.servedOn} 送达，起诉期限 ${s.suitMonths} 个月），${w.opensOn} 起方可申请（行政强制法第五十三条）`;
  if (appliedOn > w.closesOn)
    return `申请强制执行应在起诉期限届满之日起 ${s.enforcementApplyMonths} 个月内提出，期限已于 ${w.closesOn} 届满（行政强制法第五十三条）`;
  return null;
}

// ───────────────────────────── 安全生产法 arts. 112, 113 ─────────────────────────────

export interface TDailyFine {
  fromOn: string;
  throughOn: string;
  days: number;
  totalFen: number;
  /** The 复查 that found the violation corrected, if one did. */
  correctedOn: string | null;
}

/**
 * 安全生产法 art. 112: after a fine and an order to correct, each day from the day after the order (责令改正之日的次日) to
 * the last 复查 that found it still uncorrected is fined at the original amount; a string says why it does not apply.
 */
export function dailyFine(perDayFen: number, a: Pick<TRecordDailyFine, 'orderedOn' | 'rechecks'>): TDailyFine | string {
  const rechecks = [...a.rechecks].sort((x, y) => x.on.localeCompare(y.on));
  if (new Set(rechecks.map((r) => r.on)).size !== rechecks.length) return '同一天只能记录一次复查';
  const early = rechecks.find((r) => r.on <= a.orderedOn);
  if (early) return `复查日期 ${early.on} 应晚于责令改正日期 ${a.orderedOn}`;
  const corrected = rechecks.findIndex((r) => r.corrected);
  if (corrected >= 0 && corrected < rechecks.length - 1) return `${rechecks[corrected]!.on} 复查已改正，之后不应再有复查记录`;
  const unmet = rechecks.filter((r) => !r.corrected);
  if (unmet.length === 0) return '复查未发现拒不改正，不适用按日连续处罚（安全生产法第一百一十二条）';
  const throughOn = unmet[unmet.length - 1]!.on;
  const days = daysBetween(a.orderedOn, throughOn);
  return {
    fromOn: addDaysToDate(a.orderedOn, 1),
    throughOn,
    days,
    totalFen: perDayFen * days,
    correctedOn: corrected >= 0 ? rechecks[corrected]!.on : null,
  };
}

/** Art. 112 on a case: fined (原处罚) on the unit for the violation, then ordered to correct; null when it may be recorded. */
export function dailyFineProblem(
  c: { decidedOn: string | null; unitFineFen: number; recorded: boolean },
  a: TRecordDailyFine,
  today: string,
): string | null {
  if (c.recorded) return '本案已记录按日连续处罚';
  if (!c.decidedOn || c.unitFineFen <= 0)
    return `违法行为 ${a.code} 未对单位作出罚款决定；按日连续处罚须以受到罚款处罚为前提（安全生产法第一百一十二条）`;
  if (a.orderedOn < c.decidedOn)
    return `责令改正日期 ${a.orderedOn} 早于罚款决定日期 ${c.decidedOn}（安全生产法第一百一十二条：受到罚款处罚后被责令改正）`;
  const late = a.rechecks.find((r) => r.on > today);
  if (late) return `复查日期 ${late.on} 晚于今天（${today}）`;
  const r = dailyFine(c.unitFineFen, a);
  return typeof r === 'string' ? r : null;
}

// 安全生产法 art. 113 (1): a major hazard and three penalties within 180 days, or four within a year
export function repeatPenaltiesProblem(penaltyDates: string[], on: string): string | null {
  const within = (days: number) => penaltyDates.filter((d) => d <= on && daysBetween(d, on) < days).length;
  const in180 = within(180);
  const inYear = penaltyDates.filter((d) => d <= on && d > addMonthsToDate(on, -12)).length;
  if (in180 >= 3 || inYear >= 4) return null;
  return `提请关闭的第一项情形须一百八十日内三次或者一年内四次受到行政处罚，该单位截至 ${on} 一百八十日内 ${in180} 次、一年内 ${inYear} 次（含本案，安全生产法第一百一十三条第一项）`;
}

/** Art. 113: a proposal to close names its ground; the repeat-penalty ground is counted from the firm's decisions. */
export function closureProblem(
  proposes: boolean,
  ground: TClosureGround | null | undefined,
  firmPenaltyDates: string[],
  on: string,
): string | null {
  if (!proposes) return ground ? '未提请关闭时不需要选择关闭情形' : null;
  if (!ground) return '提请地方人民政府予以关闭，须选择安全生产法第一百一十三条规定的情形';
  // this case's penalty counts with the firm's earlier ones
  return ground === 'repeat_penalties' ? repeatPenaltiesProblem([...firmPenaltyDates, on], on) : null;
}
