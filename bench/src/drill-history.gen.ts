import { addMonthsToDate, type TDrillForm } from '@yingji/domain';
import type { drills } from '../../server/src/db/schema';
import type { TDrillRun, TGeneratedPlans } from './drill-plans.gen';

export type TDrillInsert = typeof drills.$inferInsert;

/**
 * The generic drills: one for each drilled plan on its last drill day, then the earlier drills of government plans
 * over five years at their interval (the plan's last drill stays the latest).
 */
export function drillHistory(
  { random, year, stamp }: TDrillRun,
  { govPlans, allPlans, planIds, lastDrill }: TGeneratedPlans,
): TDrillInsert[] {
  const forms: TDrillForm[] = ['live', 'tabletop', 'combined'];
  const drillRows: TDrillInsert[] = [];
  for (const [i, day] of lastDrill) {
    const p = allPlans[i]!;
    drillRows.push({
      title: `${p.name.replace(/应急预案$|应急救援预案$|现场处置方案$|生产安全事故综合应急预案$/, '')}${day.slice(0, 4)}年应急演练`,
      planId: planIds[i]!,
      enterpriseId: p.enterpriseId ?? null,
      divisionCode: p.divisionCode,
      status: 'done',
      plannedOn: day,
      heldOn: day,
      form: p.level === 'enterprise' ? random.pick(['live', 'tabletop'] as const) : random.pick(forms),
      notice: random.chance(0.08) ? 'single_blind' : 'announced',
      organiser: p.ownerUnit,
      participantCount: random.int(8, 120),
      selfRun: random.chance(0.85),
      costFen: p.level === 'enterprise' ? random.int(0, 300) * 10_000 : random.int(20, 400) * 10_000,
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  // earlier drills of government plans over five years
  govPlans.forEach((p, i) => {
    const last = lastDrill.get(i);
    if (!last || !p.intervalMonths) return;
    for (
      let d = addMonthsToDate(last, -p.intervalMonths);
      d > p.issuedOn && d >= `${year - 5}-01-01`;
      d = addMonthsToDate(d, -p.intervalMonths)
    )
      drillRows.push({
        title: `${p.name.replace(/应急预案$|应急救援预案$/, '')}${d.slice(0, 4)}年应急演练`,
        planId: planIds[i]!,
        divisionCode: p.divisionCode,
        status: 'done',
        plannedOn: d,
        heldOn: d,
        form: random.pick(forms),
        notice: 'announced',
        organiser: p.ownerUnit,
        participantCount: random.int(30, 300),
        selfRun: random.chance(0.7),
        costFen: random.int(20, 400) * 10_000,
        createdAt: stamp,
        updatedAt: stamp,
      });
  });

  return drillRows;
}
