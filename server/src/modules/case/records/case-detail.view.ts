/** Parts of the case detail read from stored rows: each violation with its proposal, the order and its 复查. */
import {
  demandEarliestComplyBy,
  enforcementWindow,
  instalmentsOwing,
  nextDueOn,
  overdueFen,
  paymentSchedule,
  scheduledSurchargeFen,
  type TCaseDetail,
  type TCaseExecution,
  type TCaseProcedureSettings,
  type TCaseViolation,
  type TWorkCalendar,
} from '@yingji/domain';
import type { TBandRow, TViolationRow } from '../catalogue/case-catalogue.repo';
import type * as repo from './case.repo';

type TPenaltyRow = Awaited<ReturnType<typeof repo.penaltiesOf>>[number];

/** The case's violations (chosen at filing, or proposed) with the catalogue's wording and each proposed fine. */
export function violationsView(
  violationCodes: string[],
  penalties: TPenaltyRow[],
  catalogue: (TViolationRow & { bands: TBandRow[] })[],
): TCaseViolation[] {
  const byCode = new Map(catalogue.map((v) => [v.code, v]));
  const codes = [...new Set([...violationCodes, ...penalties.map((p) => p.code)])];
  return codes.flatMap((code): TCaseViolation[] => {
    const v = byCode.get(code);
    const info = {
      code,
      title: v?.title ?? code,
      violatedProvision: v?.violatedProvision ?? '',
      penaltyProvision: v?.penaltyProvision ?? '',
    };
    const ps = penalties.filter((p) => p.code === code);
    if (ps.length === 0)
      return [
        {
          ...info,
          target: null,
          circumstance: null,
          proposedFineFen: null,
          decidedFineFen: null,
          outsideBandReason: null,
          band: null,
          tier: null,
          statutoryRange: null,
          reductionGround: null,
        },
      ];
    return ps.map((p) => ({
      ...info,
      target: p.target,
      circumstance: p.circumstance,
      proposedFineFen: p.proposedFineFen,
      decidedFineFen: p.decidedFineFen,
      outsideBandReason: p.outsideBandReason,
      band: p.bandMinFen === null || p.bandMaxFen === null ? null : { minFen: p.bandMinFen, maxFen: p.bandMaxFen },
      tier: p.tier,
      statutoryRange:
        p.statutoryMinFen === null || p.statutoryMaxFen === null ? null : { minFen: p.statutoryMinFen, maxFen: p.statutoryMaxFen },
      reductionGround: p.reductionGround as TCaseViolation['reductionGround'],
    }));
  });
}

/** The 责令限期整改指令书 and 复查 recorded with the proposal, when there is one. */
export function orderView(row: repo.TCaseRow): TCaseDetail['case']['order'] {
  if (!row.orderNo || !row.orderedOn || !row.orderDeadline) return null;
  return {
    orderNo: row.orderNo,
    orderedOn: row.orderedOn,
    deadline: row.orderDeadline,
    recheckedOn: row.recheckedOn,
    recheckUnmet: row.recheckUnmet ?? false,
    recheckNote: row.recheckNote,
  };
}

/** The schedule's next date, or null where the case has no fine served (the payment clock reads it). */
export function scheduledDueOn(
  row: Pick<repo.TCaseRow, 'servedOn' | 'fineDecidedFen' | 'finePaidFen' | 'paymentPlan'>,
  s: TCaseProcedureSettings,
): string | null {
  if (!row.servedOn || row.fineDecidedFen <= 0) return null;
  return nextDueOn(
    paymentSchedule({ servedOn: row.servedOn, fineDecidedFen: row.fineDecidedFen, plan: row.paymentPlan }, s),
    row.finePaidFen,
  );
}

/** After service: the schedule with what is owed on each part, 催告, the court's window and 按日连续处罚. */
export function executionView(
  row: repo.TCaseRow,
  s: TCaseProcedureSettings,
  calendar: TWorkCalendar,
  today: string,
): TCaseExecution | null {
  if (!row.servedOn || row.decisionOutcome !== 'penalty') return null;
  const schedule = paymentSchedule({ servedOn: row.servedOn, fineDecidedFen: row.fineDecidedFen, plan: row.paymentPlan }, s);
  const owingByPart = instalmentsOwing(schedule, row.finePaidFen);
  const overdue = overdueFen(schedule, row.finePaidFen, today);
  const plan = row.paymentPlan;
  return {
    plan: plan
      ? {
          type: plan.type,
          appliedOn: plan.appliedOn,
          approvedOn: plan.approvedOn,
          reason: plan.reason,
          // the plan's parts are the schedule's last ones (a part paid before approval comes first)
          instalments: owingByPart.slice(owingByPart.length - plan.instalments.length),
        }
      : null,
    dueOn: nextDueOn(schedule, row.finePaidFen),
    overdueFen: overdue,
    surchargeTodayFen: overdue > 0 ? scheduledSurchargeFen(schedule, row.finePaidFen, overdue, today, s) : 0,
    demand: row.demandServedOn && row.demandComplyBy ? { servedOn: row.demandServedOn, complyBy: row.demandComplyBy } : null,
    demandEarliestComplyBy: row.demandServedOn || overdue <= 0 ? null : demandEarliestComplyBy(today, s, calendar),
    enforcement: row.fineDecidedFen > 0 ? enforcementWindow(row.servedOn, s) : null,
    enforcementAppliedOn: row.enforcementAppliedOn,
    enforcementCourt: row.enforcementCourt,
    dailyFine: row.dailyFine,
    closureGround: row.closureGround,
    closureAlertedAt: row.closureAlertedAt,
  };
}
