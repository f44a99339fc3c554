import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext, TModuleGenerator } from './generate';

/**
 * What the demo's plans rely on (预案依托的物资仓库、避难场所, issue 18 item 1): runs after the resources generator,
 * since the plans are made before the warehouses and shelters exist.
 * - the city's 三防 plan and its natural-disaster relief plan rely on the city's warehouses and the pre-positioned
 *   points (三乡, 坦洲, 神湾);
 * - the city's shelter plan (应急避难场所启用预案) relies on the twenty largest open shelters of the central city;
 * - each town's 三防 plan relies on the town's own warehouses and its five largest open shelters.
 */
export const planResourcesGenerator: TModuleGenerator = {
  module: 'plan-resources',
  async generate(ctx: TGenerateContext) {
    const { db } = ctx;
    await db.execute(sql`INSERT INTO emergency_plan_resources (plan_id, warehouse_id, created_at)
      SELECT p.id, w.id, ${ctx.now}::timestamptz
      FROM emergency_plans p JOIN resource_warehouses w ON w.kind IN ('city', 'prepositioned')
      WHERE p.level = 'city' AND (p.name LIKE '%防汛防旱防风应急预案' OR p.name LIKE '%自然灾害救助应急预案')
      ORDER BY p.id, w.id`);
    await db.execute(sql`INSERT INTO emergency_plan_resources (plan_id, shelter_id, created_at)
      SELECT p.id, s.id, ${ctx.now}::timestamptz
      FROM emergency_plans p
      CROSS JOIN LATERAL (SELECT id FROM shelters WHERE central_city AND status = 'open' ORDER BY area_m2 DESC, id LIMIT 20) s
      WHERE p.level = 'city' AND p.name LIKE '%应急避难场所启用预案'
      ORDER BY p.id, s.id`);
    await db.execute(sql`INSERT INTO emergency_plan_resources (plan_id, warehouse_id, created_at)
      SELECT p.id, w.id, ${ctx.now}::timestamptz
      FROM emergency_plans p JOIN resource_warehouses w ON w.division_code = p.division_code AND w.kind = 'town'
      WHERE p.level = 'town' AND p.name LIKE '%三防应急预案'
      ORDER BY p.id, w.id`);
    await db.execute(sql`INSERT INTO emergency_plan_resources (plan_id, shelter_id, created_at)
      SELECT p.id, s.id, ${ctx.now}::timestamptz
      FROM emergency_plans p
      CROSS JOIN LATERAL (
        SELECT id FROM shelters WHERE division_code = p.division_code AND status = 'open' ORDER BY area_m2 DESC, id LIMIT 5
      ) s
      WHERE p.level = 'town' AND p.name LIKE '%三防应急预案'
      ORDER BY p.id, s.id`);
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM emergency_plan_resources`);
    const counts = { emergency_plan_resources: row!.n };
    ctx.fingerprint.update(JSON.stringify(counts));
    return counts;
  },
};
