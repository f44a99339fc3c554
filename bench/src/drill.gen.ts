import { sql } from 'drizzle-orm';
import { bureauDate } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { drills } from '../../server/src/db/schema';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createTrainingService } from '../../server/src/modules/drill/training.service';
import type { TGenerateContext, TModuleGenerator } from './generate';
import { drillHistory } from './drill-history.gen';
import { ZHONGSHAN } from './drill-plans.data';
import { generatePlans, type TDrillRun } from './drill-plans.gen';
import { zhongshanDrills, type TSeedDrill } from './drill-seed-drills.gen';
import { insertReviewTasks } from './drill-tasks.gen';
import { insertTraining } from './drill-training.gen';

export { ENTERPRISE_PLAN_TARGET } from './drill-plans.data';
export { splitTotal } from './drill-training.gen';

/**
 * drill (issue 18): each city's plan system (city special, overall and department plans, three plans per town) and
 * 40,000 enterprise plans over the generated firms (drill-plans.*), five years of drills with the plans' last drill
 * kept as the service keeps it (drill-history.gen.ts), Zhongshan's seed drills and the year's drill plan with joint
 * army–civil subjects (drill-seed-drills.gen.ts), review tasks in every state (drill-tasks.gen.ts), and training
 * sessions whose rows sum to the seed's figures (drill-training.gen.ts). The parts draw from one random stream in
 * this order, so the same seed gives the same rows.
 */
export const drillGenerator: TModuleGenerator = {
  module: 'drill',
  async generate(ctx) {
    const today = bureauDate(new Date(ctx.now));
    const run: TDrillRun = { ctx, random: ctx.random.fork('drill'), today, year: Number(today.slice(0, 4)), stamp: ctx.now };
    const plans = await generatePlans(run);
    const drillRows = drillHistory(run, plans);

    const seeded = ctx.divisions.cities.some((c) => c.code === ZHONGSHAN);
    const planOf = (name: string) =>
      plans.planIds[plans.govPlans.findIndex((p) => p.divisionCode === ZHONGSHAN && p.name === `中山市${name}`)]!;
    const seedDrills: TSeedDrill[] = seeded ? zhongshanDrills(run, planOf) : [];
    const allDrills = [...drillRows, ...seedDrills.map(({ key: _k, ...d }) => d)];
    const drillIds: number[] = [];
    for (let i = 0; i < allDrills.length; i += ctx.batchSize) {
      const ids = await ctx.db
        .insert(drills)
        .values(allDrills.slice(i, i + ctx.batchSize))
        .returning({ id: drills.id });
      drillIds.push(...ids.map((r) => r.id));
    }
    // the plans' stored last drill, as each drill's transaction keeps it: the latest held drill of the plan
    await ctx.db.execute(sql`
    UPDATE emergency_plans p SET last_drill_on = d.held_on, last_drill_id = d.id,
      next_due_on = CASE WHEN p.interval_months IS NULL THEN NULL ELSE (d.held_on + make_interval(months => p.interval_months))::date END
    FROM (SELECT DISTINCT ON (plan_id) plan_id, id, held_on FROM drills WHERE status = 'done' ORDER BY plan_id, held_on DESC, id DESC) d
    WHERE d.plan_id = p.id AND (p.last_drill_id IS DISTINCT FROM d.id)`);

    const idOf = (key: string) => drillIds[drillRows.length + seedDrills.findIndex((d) => d.key === key)]!;
    const tasks = seeded ? await insertReviewTasks(run, idOf) : 0;
    const sessions = seeded ? await insertTraining(run) : 0;
    ctx.fingerprint.update(`drill:${plans.allPlans.length}:${allDrills.length}:${tasks}:${sessions}`);
    return {
      emergency_plans: plans.allPlans.length,
      enterprise_plans: plans.firmPlans.length,
      drills: allDrills.length,
      drill_tasks: tasks,
      training_sessions: sessions,
    };
  },
};

/** What the demo prints: the seed's training figures as the totals compute them from the generated rows. */
export async function drillDemoLines(db: TGenerateContext['db']): Promise<string[]> {
  const [bureau] = await queryRows<{ id: number; username: string; display_name: string }>(
    db,
    sql`SELECT id, username, display_name FROM users WHERE role = 'bureau_officer' AND division_code = ${ZHONGSHAN} ORDER BY id LIMIT 1`,
  );
  if (!bureau) return [];
  const ctx = {
    actor: {
      id: bureau.id,
      username: bureau.username,
      displayName: bureau.display_name,
      role: 'bureau_officer' as const,
      divisionCode: ZHONGSHAN,
    },
    clientAddress: null,
  };
  const training = createTrainingService({ db, clock: () => new Date(), audit: createAuditService({ clock: () => new Date() }) });
  const two = await training.totals(ctx, { by: 'kind', from: '2024-01-01', to: '2025-12-31' });
  const row = (k: string) => two.rows.find((r) => r.key === k);
  const [overdue] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM emergency_plans WHERE next_due_on < ${bureauDate(new Date())} AND division_code LIKE '4420%'`,
  );
  return [
    '[demo] 预案、演练与培训（由记录求和，培训记录页可查）：',
    `[demo]   2024–2025 年执法人员培训 ${row('officer')?.officers ?? 0} 人次；主要负责人专题培训 ${row('principal')?.sessions ?? 0} 次、${row('principal')?.principals ?? 0} 人次；镇街三防工作人员 ${row('sanfang')?.sanfangStaff ?? 0} 人`,
    `[demo]   逾期未演练的应急预案 ${overdue?.n ?? 0} 项（应急预案页、演练履职页）`,
  ];
}
