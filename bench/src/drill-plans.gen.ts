import { DEFAULT_DRILL_DUTIES, addDaysToDate, nextDrillDue, requiredInterval, type TEmergencyPlanKind } from '@yingji/domain';
import { emergencyPlans, enterprises } from '../../server/src/db/schema';
import type { TGenerateContext } from './generate';
import type { TRandom } from './prng';
import { CITY_PLANS, ENTERPRISE_PLAN_TARGET, HIGH_RISK_PREFIXES, TOWN_PLANS } from './drill-plans.data';

/** One run of the drill generator: its random stream, the day it runs and the stamp on every row. */
export interface TDrillRun {
  ctx: TGenerateContext;
  random: TRandom;
  today: string;
  year: number;
  stamp: string;
}

export type TPlanInsert = typeof emergencyPlans.$inferInsert;

/** The plans inserted: government plans first, then enterprise plans, with their ids and the chosen last drills. */
export interface TGeneratedPlans {
  govPlans: TPlanInsert[];
  firmPlans: TPlanInsert[];
  allPlans: TPlanInsert[];
  planIds: number[];
  /** The last drill's day by index in `allPlans`; a plan without one was never drilled. */
  lastDrill: Map<number, string>;
}

const duty = (p: Pick<TPlanInsert, 'level' | 'kind' | 'workSafety' | 'highRisk'>) =>
  requiredInterval(
    { level: p.level, kind: p.kind, workSafety: p.workSafety ?? false, highRisk: p.highRisk ?? false },
    DEFAULT_DRILL_DUTIES,
  );

/**
 * Each city's plan system and the enterprise plans over the generated firms, each with its drill duty and a last
 * drill (most on time, some overdue, some never drilled), inserted with their next due day.
 */
export async function generatePlans({ ctx, random, today, stamp }: TDrillRun): Promise<TGeneratedPlans> {
  // 1. Government plans: the city's, then three per town.
  const govPlans: TPlanInsert[] = [];
  for (const city of ctx.divisions.cities) {
    const cityName = city.name;
    for (const p of CITY_PLANS)
      govPlans.push({
        name: `${cityName}${p.name}`,
        level: p.level,
        kind: p.kind,
        ownerUnit: p.ownerUnit.replace(/^市/, `${cityName}`),
        divisionCode: city.code,
        issuedOn: `${random.int(2019, 2023)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        status: 'in_force',
        workSafety: p.workSafety,
        accidentTypes: p.accidentTypes ?? [],
        disasterTypes: p.disasterTypes ?? [],
        createdAt: stamp,
        updatedAt: stamp,
      });
  }
  for (const town of ctx.divisions.towns)
    for (const p of TOWN_PLANS)
      govPlans.push({
        name: `${town.name}${p.name}`,
        level: p.level,
        kind: p.kind,
        ownerUnit: `${town.name}${town.code.slice(6, 7) === '0' ? '办事处' : '人民政府'}`,
        divisionCode: town.code,
        issuedOn: `${random.int(2020, 2024)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        status: 'in_force',
        workSafety: p.workSafety,
        disasterTypes: p.disasterTypes ?? [],
        createdAt: stamp,
        updatedAt: stamp,
      });

  // 2. Enterprise plans: every firm's comprehensive plan, then on-site disposal plans of high-risk firms, to the target.
  const firms = await ctx.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      divisionCode: enterprises.divisionCode,
      category: enterprises.supervisionCategory,
    })
    .from(enterprises)
    .orderBy(enterprises.id)
    .limit(ENTERPRISE_PLAN_TARGET);
  const highRisk = (category: string) => HIGH_RISK_PREFIXES.some((p) => category.startsWith(p));
  const firmPlans: TPlanInsert[] = [];
  const firmPlan = (f: (typeof firms)[number], kind: TEmergencyPlanKind): TPlanInsert => ({
    name: kind === 'onsite' ? `${f.name}现场处置方案` : `${f.name}生产安全事故综合应急预案`,
    level: 'enterprise',
    kind,
    ownerUnit: f.name,
    enterpriseId: f.id,
    divisionCode: f.divisionCode,
    issuedOn: addDaysToDate(today, -random.int(200, 2000)),
    status: 'in_force',
    workSafety: true,
    highRisk: highRisk(f.category),
    createdAt: stamp,
    updatedAt: stamp,
  });
  for (const f of firms) firmPlans.push(firmPlan(f, 'overall'));
  for (const f of firms.filter((x) => highRisk(x.category)))
    if (firmPlans.length < ENTERPRISE_PLAN_TARGET) firmPlans.push(firmPlan(f, 'onsite'));
  for (let i = 0; firmPlans.length < ENTERPRISE_PLAN_TARGET && firms.length > 0; i++)
    firmPlans.push(firmPlan(firms[i % firms.length]!, 'onsite'));

  // 3. Each plan's last drill: most on time, some overdue, some never drilled; one drill row per drilled plan.
  const allPlans = [...govPlans, ...firmPlans];
  const lastDrill = new Map<number, string>();
  allPlans.forEach((p, i) => {
    const interval = duty(p);
    p.intervalMonths = interval?.months ?? null;
    p.dutyBasis = interval?.basis ?? null;
    if (!interval) return;
    const r = random.next();
    const months = interval.months;
    const back = r < 0.75 ? random.int(10, months * 30 - 10) : r < 0.9 ? random.int(months * 30 + 15, months * 30 + 300) : null;
    if (back === null) return;
    const day = addDaysToDate(today, -back);
    if (day > p.issuedOn) lastDrill.set(i, day);
  });
  // Zhongshan's seed drills take the place of the generic last drill of their plans (set below).
  const planIds: number[] = [];
  for (let i = 0; i < allPlans.length; i += ctx.batchSize) {
    const batch = allPlans.slice(i, i + ctx.batchSize).map((p, j) => {
      const last = lastDrill.get(i + j) ?? null;
      return {
        ...p,
        lastDrillOn: last,
        nextDueOn: nextDrillDue({ issuedOn: p.issuedOn, lastDrillOn: last, intervalMonths: p.intervalMonths ?? null }),
      };
    });
    const ids = await ctx.db.insert(emergencyPlans).values(batch).returning({ id: emergencyPlans.id });
    planIds.push(...ids.map((r) => r.id));
  }
  return { govPlans, firmPlans, allPlans, planIds, lastDrill };
}
