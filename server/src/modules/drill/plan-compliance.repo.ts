/** The SQL of the drill compliance view: plans counted per town, kind, level or owner unit, and the towns' names. */
import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { divisions, emergencyPlans } from '../../db/schema';
import { planViewer, type TPlanRow, type TViewer } from './plan.repo';

/**
 * The compliance view: one pass over the plans (not their drills), counting duties, overdue, due within 30 days and
 * never drilled per group. Repealed plans owe nothing and are left out.
 */
export async function compliance(
  db: Db,
  viewer: TViewer,
  by: 'town' | 'kind' | 'level' | 'owner',
  level: string | undefined,
  today: string,
  in30: string,
) {
  const key = {
    town: emergencyPlans.divisionCode,
    kind: emergencyPlans.kind,
    level: emergencyPlans.level,
    owner: emergencyPlans.ownerUnit,
  }[by];
  const conds: SQL[] = [planViewer(viewer), ne(emergencyPlans.status, 'repealed')];
  if (level) conds.push(eq(emergencyPlans.level, level as TPlanRow['level']));
  // by owner unit: the government's plan system (a firm's plans are listed by firm in the ledger)
  else if (by === 'owner' && 'scope' in viewer) conds.push(ne(emergencyPlans.level, 'enterprise'));
  const overdue = sql<number>`count(*) FILTER (WHERE ${emergencyPlans.nextDueOn} < ${today})::int`;
  return db
    .select({
      key: sql<string>`${key}`,
      plans: sql<number>`count(*)::int`,
      withDuty: sql<number>`count(${emergencyPlans.nextDueOn})::int`,
      overdue,
      dueIn30Days: sql<number>`count(*) FILTER (WHERE ${emergencyPlans.nextDueOn} >= ${today} AND ${emergencyPlans.nextDueOn} <= ${in30})::int`,
      neverDrilled: sql<number>`count(*) FILTER (WHERE ${emergencyPlans.lastDrillOn} IS NULL AND ${emergencyPlans.nextDueOn} IS NOT NULL)::int`,
    })
    .from(emergencyPlans)
    .where(and(...conds))
    .groupBy(key)
    .orderBy(desc(overdue), asc(key))
    .limit(300);
}

export const divisionNames = async (db: Db, codes: string[]): Promise<Map<string, string>> => {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(
      sql`${divisions.code} IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  return new Map(rows.map((r) => [r.code, r.name]));
};
