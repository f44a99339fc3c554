import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import {
  divisions,
  draws,
  drawTargets,
  enterprises,
  inspectionFirmPeriods,
  inspectionPlans,
  inspections,
  riskGrades,
} from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

export type TPlanRow = typeof inspectionPlans.$inferSelect;

export async function findPlan(db: Db, id: number): Promise<TPlanRow | undefined> {
  const [row] = await db.select().from(inspectionPlans).where(eq(inspectionPlans.id, id));
  return row;
}

/** Plans a user sees: those issued within their scope, and those issued above it that reach into it (the city's for a town). */
export async function listPlans(db: Db, scope: string): Promise<TPlanRow[]> {
  return db
    .select()
    .from(inspectionPlans)
    .where(or(inScopeSql(inspectionPlans.divisionCode, scope), sql`${scope} LIKE ${inspectionPlans.divisionCode} || '%'`))
    .orderBy(desc(inspectionPlans.year), desc(inspectionPlans.id))
    .limit(200);
}

const t = drawTargets;

/** The plan's current draws' targets in scope, with the firm, its town and the submitted inspection (by either link). */
const targetsFrom = (planId: number, scope: string) => sql`
  FROM ${t}
  JOIN ${draws} ON ${draws.id} = ${t.drawId} AND ${draws.planId} = ${planId} AND ${draws.status} <> 'superseded'
  JOIN ${enterprises} ON ${enterprises.id} = ${t.enterpriseId}
  LEFT JOIN ${divisions} ON ${divisions.code} = ${t.divisionCode}
  LEFT JOIN LATERAL (
    SELECT x.id, x.inspected_on, x.published_at FROM ${inspections} x
    WHERE (x.id = ${t.inspectionId} OR x.draw_target_id = ${t.id}) AND x.status = 'submitted'
    ORDER BY x.id LIMIT 1
  ) i ON true
  WHERE ${inScopeSql(t.divisionCode, scope)}`;

export interface TProgressRow {
  grouping: 'town' | 'grade' | 'total';
  key: string | null;
  planned: number;
  done: number;
}

export async function progressCounts(db: Db, planId: number, scope: string): Promise<TProgressRow[]> {
  return queryRows<TProgressRow>(
    db,
    sql`SELECT CASE WHEN grouping(${t.divisionCode}) = 0 THEN 'town' WHEN grouping(${t.stratum}) = 0 THEN 'grade' ELSE 'total' END AS "grouping",
          coalesce(${t.divisionCode}, ${t.stratum}) AS "key", count(*)::int AS "planned", count(i.id)::int AS "done"
        ${targetsFrom(planId, scope)}
        GROUP BY GROUPING SETS ((${t.divisionCode}), (${t.stratum}), ())`,
  );
}

export interface TOverdueRow {
  targetId: number;
  enterpriseId: number;
  enterpriseName: string;
  divisionCode: string;
  divisionName: string | null;
  stratum: string;
  inspectionId: number | null;
  inspectedOn: string | null;
  published: boolean;
  total: number;
}

/**
 * Targets that may be overdue on `today`: not checked after the period's end, or checked and unpublished with the
 * check on or before `lastOverdueCheck` (`lastOverdueCheckDate`: the working-day deadline has passed; the same test
 * as `targetOverdue`, which the service applies to each row for reason and date).
 */
export async function overdueTargets(
  db: Db,
  o: { planId: number; scope: string; periodEnd: string; today: string; lastOverdueCheck: string; limit: number },
): Promise<TOverdueRow[]> {
  return queryRows<TOverdueRow>(
    db,
    sql`SELECT ${t.id} AS "targetId", ${t.enterpriseId} AS "enterpriseId", ${enterprises.name} AS "enterpriseName", ${t.divisionCode} AS "divisionCode",
          ${divisions.name} AS "divisionName", ${t.stratum} AS "stratum", i.id AS "inspectionId", i.inspected_on::text AS "inspectedOn",
          i.published_at IS NOT NULL AS "published", count(*) OVER ()::int AS "total"
        ${targetsFrom(o.planId, o.scope)}
          AND ((i.id IS NULL AND ${o.today}::date > ${o.periodEnd}::date)
            OR (i.id IS NOT NULL AND i.published_at IS NULL AND i.inspected_on <= ${o.lastOverdueCheck}::date))
        ORDER BY coalesce(i.inspected_on, ${o.periodEnd}::date), ${t.id}
        LIMIT ${o.limit}`,
  );
}

export interface TFrequencyRow {
  enterpriseId: number;
  name: string;
  divisionCode: string;
  divisionName: string | null;
  stratum: string;
  checks: number;
  total: number;
}

export interface TPoolFilter {
  planDivision: string;
  scope: string;
  categories: string[];
  tags: string[];
  towns: string[];
  colours: string[];
}

/**
 * Firms of the plan's pool (在管, in the plan's and the user's division, matching its categories, tags, towns
 * and grades; an empty list does not restrict) whose submitted checks in `year` are below `min` or above `max`
 * of their grade. Checks per firm come from inspection_firm_periods (the year's row), one index probe a firm.
 */
export async function frequencyPage(
  db: Db,
  pool: TPoolFilter,
  o: { year: number; which: 'below' | 'above'; bounds: Record<string, { min: number; max: number }>; limit: number; offset: number },
): Promise<TFrequencyRow[]> {
  const e = enterprises;
  const where: (SQL | undefined)[] = [
    eq(e.supervisionStatus, '在管'),
    inScopeSql(e.divisionCode, pool.planDivision, e.cityCode),
    inScopeSql(e.divisionCode, pool.scope, e.cityCode),
  ];
  const list = (xs: string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  if (pool.categories.length > 0) where.push(sql`${e.supervisionCategory} IN (${list(pool.categories)})`);
  if (pool.tags.length > 0) where.push(sql`${e.tags} && ARRAY[${list(pool.tags)}]::text[]`);
  if (pool.towns.length > 0) where.push(sql`${e.divisionCode} IN (${list(pool.towns)})`);
  const stratum = sql`coalesce(${riskGrades.colour}, 'none')`;
  if (pool.colours.length > 0) where.push(sql`${stratum} IN (${list(pool.colours)})`);
  const bound = (k: 'min' | 'max') =>
    sql`CASE c.stratum ${sql.join(
      Object.entries(o.bounds).map(([s, b]) => sql`WHEN ${s} THEN ${b[k]}::int`),
      sql` `,
    )} END`;
  const test = o.which === 'below' ? sql`c.checks < ${bound('min')}` : sql`c.checks > ${bound('max')}`;
  return queryRows<TFrequencyRow>(
    db,
    sql`SELECT c.*, count(*) OVER ()::int AS "total" FROM (
          SELECT ${e.id} AS "enterpriseId", ${e.name} AS "name", ${e.divisionCode} AS "divisionCode", ${divisions.name} AS "divisionName", ${stratum} AS stratum,
            coalesce((SELECT sum(p.n) FROM ${inspectionFirmPeriods} p WHERE p.period = ${String(o.year)} AND p.kind = 'all' AND p.enterprise_id = ${e.id}), 0)::int AS checks
          FROM ${e}
          LEFT JOIN ${riskGrades} ON ${riskGrades.enterpriseId} = ${e.id}
          LEFT JOIN ${divisions} ON ${divisions.code} = ${e.divisionCode}
          WHERE ${and(...where)}
        ) c
        WHERE ${test}
        ORDER BY c."divisionCode", c."enterpriseId"
        LIMIT ${o.limit} OFFSET ${o.offset}`,
  );
}
