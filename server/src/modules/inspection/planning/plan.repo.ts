import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TPlanListQuery, TPlanPoolFilter, TPlanStratum } from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import { divisions, enterprises, inspectionPlans, riskGrades, users } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

export type TPlanRow = typeof inspectionPlans.$inferSelect;

const creator = alias(users, 'creator');
const approver = alias(users, 'approver');

const columns = {
  plan: inspectionPlans,
  divisionName: divisions.name,
  createdByName: creator.displayName,
  approvedByName: approver.displayName,
};
export type TPlanView = TPlanRow & { divisionName: string | null; createdByName: string | null; approvedByName: string | null };

const selectViews = (db: Db) =>
  db
    .select(columns)
    .from(inspectionPlans)
    .leftJoin(divisions, eq(divisions.code, inspectionPlans.divisionCode))
    .leftJoin(creator, eq(creator.id, inspectionPlans.createdBy))
    .leftJoin(approver, eq(approver.id, inspectionPlans.approvedBy));

const flatten = (r: {
  plan: TPlanRow;
  divisionName: string | null;
  createdByName: string | null;
  approvedByName: string | null;
}): TPlanView => ({
  ...r.plan,
  divisionName: r.divisionName,
  createdByName: r.createdByName,
  approvedByName: r.approvedByName,
});

export async function listPlans(db: Db, query: TPlanListQuery, scope: string): Promise<{ items: TPlanView[]; total: number }> {
  const where = and(
    inScopeSql(inspectionPlans.divisionCode, scope),
    query.year ? eq(inspectionPlans.year, query.year) : undefined,
    query.status ? eq(inspectionPlans.status, query.status) : undefined,
  );
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(inspectionPlans).where(where);
  const rows = await selectViews(db)
    .where(where)
    .orderBy(desc(inspectionPlans.year), desc(inspectionPlans.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(flatten), total: n };
}

export async function findPlan(db: Db, id: number): Promise<TPlanView | undefined> {
  const [row] = await selectViews(db).where(eq(inspectionPlans.id, id));
  return row ? flatten(row) : undefined;
}

export async function insertPlan(db: Db, values: typeof inspectionPlans.$inferInsert): Promise<number> {
  const [row] = await db.insert(inspectionPlans).values(values).returning({ id: inspectionPlans.id });
  return row!.id;
}

export async function updatePlan(db: Db, id: number, values: Partial<typeof inspectionPlans.$inferInsert>): Promise<void> {
  await db.update(inspectionPlans).set(values).where(eq(inspectionPlans.id, id));
}

/**
 * The candidate pool of a body's plan: firms in the body's scope under supervision (在管, not 注销/吊销), filtered
 * by the plan's categories, special tags (any of them), towns and grades ('none' = no risk_grades row).
 */
export function poolWhere(body: string, pool: TPlanPoolFilter): SQL {
  const parts: SQL[] = [
    inScopeSql(enterprises.divisionCode, body, enterprises.cityCode),
    sql`${enterprises.supervisionStatus} = '在管'`,
    sql`${enterprises.registrationStatus} NOT IN ('注销', '吊销')`,
  ];
  const list = (values: string[]) =>
    sql`ARRAY[${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )}]::text[]`;
  if (pool.categories.length > 0) parts.push(sql`${enterprises.supervisionCategory} = ANY(${list(pool.categories)})`);
  if (pool.tags.length > 0) parts.push(sql`${enterprises.tags} && ${list(pool.tags)}`);
  if (pool.towns.length > 0) parts.push(sql`${enterprises.divisionCode} = ANY(${list(pool.towns)})`);
  if (pool.colours.length > 0) parts.push(sql`coalesce(${riskGrades.colour}, 'none') = ANY(${list(pool.colours)})`);
  return sql.join(parts, sql` AND `);
}

/** Live pool size per grade: one grouped count over the body's firms (an index range on the body's scope). */
export async function poolSizes(db: Db, body: string, pool: TPlanPoolFilter): Promise<Partial<Record<TPlanStratum, number>>> {
  const rows = await queryRows<{ stratum: TPlanStratum; n: number }>(
    db,
    sql`SELECT coalesce(${riskGrades.colour}, 'none') AS stratum, count(*)::int AS n
        FROM ${enterprises} LEFT JOIN ${riskGrades} ON ${riskGrades.enterpriseId} = ${enterprises.id}
        WHERE ${poolWhere(body, pool)} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.stratum, Number(r.n)]));
}
