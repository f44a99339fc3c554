/** All SQL of drills, their statistics and the calendar; every list carries the viewer filter. */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDrillListQuerySchema } from '@yingji/domain';
import type { Db } from '../../db/client';
import { divisions, drills, drillTasks, emergencyPlans, emergencyPlanVersions, trainingSessions } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { viewerSql, type TViewer } from './plan.repo';

export type TDrillRow = typeof drills.$inferSelect;
export type TTaskRow = typeof drillTasks.$inferSelect;

export const drillViewer = (viewer: TViewer) => viewerSql(viewer, drills.divisionCode, drills.enterpriseId);

const openTasks = sql<number>`(SELECT count(*)::int FROM ${drillTasks} WHERE ${drillTasks.drillId} = ${drills.id} AND ${drillTasks.state} <> 'signed_off')`;

const itemColumns = {
  d: drills,
  planName: emergencyPlans.name,
  planKind: emergencyPlans.kind,
  townName: divisions.name,
};
/** One drill with its open tasks counted (a list counts them for its page only: `openTasksOf`). */
const detailColumns = { ...itemColumns, openTasks };

export async function findDrill(db: Db, id: number) {
  const [row] = await db
    .select(detailColumns)
    .from(drills)
    .innerJoin(emergencyPlans, eq(emergencyPlans.id, drills.planId))
    .leftJoin(divisions, eq(divisions.code, drills.divisionCode))
    .where(eq(drills.id, id));
  return row;
}

export async function lockDrill(tx: Db, id: number) {
  const [row] = await tx.select().from(drills).where(eq(drills.id, id)).for('update');
  return row;
}

export async function insertDrill(tx: Db, values: typeof drills.$inferInsert) {
  const [row] = await tx.insert(drills).values(values).returning();
  return row!;
}

export async function updateDrill(tx: Db, id: number, values: Partial<typeof drills.$inferInsert>) {
  const [row] = await tx.update(drills).set(values).where(eq(drills.id, id)).returning();
  return row!;
}

type TDrillFilter = Omit<z.output<typeof ZDrillListQuerySchema>, 'page' | 'pageSize'>;

function drillWhere(viewer: TViewer, q: TDrillFilter): SQL {
  const conds: SQL[] = [drillViewer(viewer)];
  if (q.year) conds.push(gte(drills.plannedOn, `${q.year}-01-01`), lte(drills.plannedOn, `${q.year}-12-31`));
  if (q.status) conds.push(eq(drills.status, q.status));
  if (q.form) conds.push(eq(drills.form, q.form));
  if (q.planId) conds.push(eq(drills.planId, q.planId));
  if (q.divisionCode) conds.push(inScopeSql(drills.divisionCode, q.divisionCode));
  if (q.jointMilitary) conds.push(eq(drills.jointMilitary, q.jointMilitary === 'true'));
  return and(...conds)!;
}

export const listDrills = (db: Db, viewer: TViewer, q: TDrillFilter & { page: number; pageSize: number }) =>
  db
    .select(itemColumns)
    .from(drills)
    .innerJoin(emergencyPlans, eq(emergencyPlans.id, drills.planId))
    .leftJoin(divisions, eq(divisions.code, drills.divisionCode))
    .where(drillWhere(viewer, q))
    .orderBy(desc(drills.plannedOn), desc(drills.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);

/** Tasks not yet signed off per drill of a page (a sub-query in the list would run for every row before the sort). */
export async function openTasksOf(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ drillId: drillTasks.drillId, n: sql<number>`count(*)::int` })
    .from(drillTasks)
    .where(and(inArray(drillTasks.drillId, ids), sql`${drillTasks.state} <> 'signed_off'`))
    .groupBy(drillTasks.drillId);
  return new Map(rows.map((r) => [r.drillId, r.n]));
}

export async function countDrills(db: Db, viewer: TViewer, q: TDrillFilter): Promise<number> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(drills)
    .where(drillWhere(viewer, q));
  return count?.n ?? 0;
}

export const exportDrills = (db: Db, viewer: TViewer, q: TDrillFilter, limit: number) =>
  db
    .select(itemColumns)
    .from(drills)
    .innerJoin(emergencyPlans, eq(emergencyPlans.id, drills.planId))
    .leftJoin(divisions, eq(divisions.code, drills.divisionCode))
    .where(drillWhere(viewer, q))
    .orderBy(asc(drills.plannedOn), asc(drills.id))
    .limit(limit);

/** A year's drills, counted by status, form, plan kind and town in one grouped pass. */
export const drillYearGroups = (db: Db, viewer: TViewer, year: number) =>
  db
    .select({
      status: drills.status,
      form: drills.form,
      kind: emergencyPlans.kind,
      divisionCode: drills.divisionCode,
      townName: divisions.name,
      n: sql<number>`count(*)::int`,
      blind: sql<number>`count(*) FILTER (WHERE ${drills.notice} <> 'announced')::int`,
      selfRun: sql<number>`count(*) FILTER (WHERE ${drills.selfRun})::int`,
      jointMilitary: sql<number>`count(*) FILTER (WHERE ${drills.jointMilitary})::int`,
      costFen: sql<number>`coalesce(sum(${drills.costFen}), 0)::float8`,
    })
    .from(drills)
    .innerJoin(emergencyPlans, eq(emergencyPlans.id, drills.planId))
    .leftJoin(divisions, eq(divisions.code, drills.divisionCode))
    .where(and(drillViewer(viewer), gte(drills.plannedOn, `${year}-01-01`), lte(drills.plannedOn, `${year}-12-31`)))
    .groupBy(drills.status, drills.form, emergencyPlans.kind, drills.divisionCode, divisions.name);

export const revisionsOfDrill = (db: Db, drillId: number) =>
  db
    .select({
      planId: emergencyPlanVersions.planId,
      planName: emergencyPlans.name,
      no: emergencyPlanVersions.no,
      revisedOn: emergencyPlanVersions.revisedOn,
      note: emergencyPlanVersions.note,
    })
    .from(emergencyPlanVersions)
    .innerJoin(emergencyPlans, eq(emergencyPlans.id, emergencyPlanVersions.planId))
    .where(eq(emergencyPlanVersions.drillId, drillId));

/** Planned and held drills and training sessions in a date range, for the calendar. */
export async function calendar(db: Db, viewer: TViewer, from: string, to: string) {
  const day = sql<string>`coalesce(${drills.heldOn}, ${drills.plannedOn})`;
  const [d, t] = await Promise.all([
    db
      .select({
        date: day,
        id: drills.id,
        title: drills.title,
        status: drills.status,
        jointMilitary: drills.jointMilitary,
        divisionCode: drills.divisionCode,
      })
      .from(drills)
      .where(and(drillViewer(viewer), sql`${day} BETWEEN ${from} AND ${to}`))
      .orderBy(asc(day))
      .limit(1000),
    'scope' in viewer
      ? db
          .select({
            date: trainingSessions.heldOn,
            id: trainingSessions.id,
            title: trainingSessions.topic,
            status: trainingSessions.status,
            divisionCode: trainingSessions.divisionCode,
          })
          .from(trainingSessions)
          .where(
            and(
              inScopeSql(trainingSessions.divisionCode, viewer.scope),
              gte(trainingSessions.heldOn, from),
              lte(trainingSessions.heldOn, to),
            ),
          )
          .orderBy(asc(trainingSessions.heldOn))
          .limit(1000)
      : Promise.resolve([]),
  ]);
  return { drills: d, training: t };
}
