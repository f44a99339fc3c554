/** A plan's row as the API shows it, with its drill duty, and the duty columns stored on the plan. */
import {
  drillDuty,
  nextDrillDue,
  requiredInterval,
  type TDrillDutyRule,
  type TEmergencyPlanItem,
  type TEmergencyPlanKind,
} from '@yingji/domain';
import type * as repo from './plan.repo';

export const toPlanItem = (
  r: { p: repo.TPlanRow; townName: string | null; enterpriseName: string | null },
  today: string,
): TEmergencyPlanItem => {
  const d = drillDuty(
    { issuedOn: r.p.issuedOn, lastDrillOn: r.p.lastDrillOn, intervalMonths: r.p.intervalMonths, status: r.p.status },
    today,
  );
  return {
    id: r.p.id,
    name: r.p.name,
    level: r.p.level,
    kind: r.p.kind,
    ownerUnit: r.p.ownerUnit,
    divisionCode: r.p.divisionCode,
    townName: r.townName,
    enterpriseId: r.p.enterpriseId,
    enterpriseName: r.enterpriseName,
    issuedOn: r.p.issuedOn,
    revisedOn: r.p.revisedOn,
    status: r.p.status,
    duty: {
      intervalMonths: r.p.intervalMonths,
      basis: r.p.dutyBasis,
      lastDrillOn: r.p.lastDrillOn,
      // The stored day is what lists filter on; it equals the rule's (checked in the tests).
      nextDueOn: r.p.status === 'repealed' ? null : r.p.nextDueOn,
      overdue: d.overdue,
      daysLeft: d.daysLeft,
    },
  };
};

/** The stored duty columns of a plan from its facts, the setting and its last drill. */
export function dutyColumns(
  p: { level: repo.TPlanRow['level']; kind: TEmergencyPlanKind; workSafety: boolean; highRisk: boolean; issuedOn: string; status: string },
  lastDrillOn: string | null,
  rules: readonly TDrillDutyRule[],
) {
  const interval = requiredInterval(p, rules);
  const nextDueOn =
    p.status === 'repealed' ? null : nextDrillDue({ issuedOn: p.issuedOn, lastDrillOn, intervalMonths: interval?.months ?? null });
  return { intervalMonths: interval?.months ?? null, dutyBasis: interval?.basis ?? null, nextDueOn };
}
