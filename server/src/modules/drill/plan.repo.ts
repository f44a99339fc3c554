/** The SQL of emergency plans: the registry, its versions, drills and duty; every list carries the viewer filter. */
import { and, asc, desc, eq, isNotNull, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZEmergencyPlanListQuerySchema } from '@yingji/domain';
import type { Db } from '../../db/client';
import { divisions, drills, emergencyPlans, emergencyPlanVersions, enterprises, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { containsText } from '../../shared/keyword';

export type TPlanRow = typeof emergencyPlans.$inferSelect;
export type TPlanInsert = typeof emergencyPlans.$inferInsert;

/** Who a list is for: an officer's division scope, or an enterprise user's one firm (null: none linked yet). */
export type TViewer = { scope: string } | { enterpriseId: number | null };

/** The viewer filter on any table carrying a division code and an enterprise id. */
export function viewerSql(viewer: TViewer, division: AnyColumn, enterprise: AnyColumn): SQL {
  if ('scope' in viewer) return inScopeSql(division, viewer.scope);
  return viewer.enterpriseId === null ? sql`false` : eq(enterprise, viewer.enterpriseId);
}

export const planViewer = (viewer: TViewer) => viewerSql(viewer, emergencyPlans.divisionCode, emergencyPlans.enterpriseId);

export async function enterpriseOfUser(db: Db, userId: number): Promise<number | null> {
  const [row] = await db.select({ enterpriseId: users.enterpriseId }).from(users).where(eq(users.id, userId));
  return row?.enterpriseId ?? null;
}

export async function findFirm(db: Db, id: number) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, divisionCode: enterprises.divisionCode })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, code));
  return !!row;
}

const itemColumns = {
  p: emergencyPlans,
  townName: divisions.name,
  enterpriseName: enterprises.name,
};

export async function findPlan(db: Db, id: number) {
  const [row] = await db
    .select(itemColumns)
    .from(emergencyPlans)
    .leftJoin(divisions, eq(divisions.code, emergencyPlans.divisionCode))
    .leftJoin(enterprises, eq(enterprises.id, emergencyPlans.enterpriseId))
    .where(eq(emergencyPlans.id, id));
  return row;
}

export async function lockPlan(tx: Db, id: number) {
  const [row] = await tx.select().from(emergencyPlans).where(eq(emergencyPlans.id, id)).for('update');
  return row;
}

export async function insertPlan(tx: Db, values: TPlanInsert) {
  const [row] = await tx.insert(emergencyPlans).values(values).returning();
  return row!;
}

export async function updatePlan(tx: Db, id: number, values: Partial<TPlanInsert>) {
  const [row] = await tx
    .update(emergencyPlans)
    .set({ ...values, version: sql`${emergencyPlans.version} + 1` })
    .where(eq(emergencyPlans.id, id))
    .returning();
  return row!;
}

type TListFilter = Omit<z.output<typeof ZEmergencyPlanListQuerySchema>, 'page' | 'pageSize'>;

function listWhere(viewer: TViewer, q: TListFilter, today: string): SQL {
  const conds: SQL[] = [planViewer(viewer)];
  if (q.level) conds.push(eq(emergencyPlans.level, q.level));
  if (q.kind) conds.push(eq(emergencyPlans.kind, q.kind));
  if (q.status) conds.push(eq(emergencyPlans.status, q.status));
  if (q.divisionCode) conds.push(inScopeSql(emergencyPlans.divisionCode, q.divisionCode));
  if (q.overdue === 'true') conds.push(lt(emergencyPlans.nextDueOn, today));
  if (q.overdue === 'false') conds.push(sql`(${emergencyPlans.nextDueOn} IS NULL OR ${emergencyPlans.nextDueOn} >= ${today})`);
  if (q.keyword) conds.push(containsText([emergencyPlans.name, emergencyPlans.ownerUnit], q.keyword));
  return and(...conds)!;
}

/** A page of plans: overdue ones by how long overdue, the others newest first (the total is counted apart). */
export function listPlans(db: Db, viewer: TViewer, q: TListFilter & { page: number; pageSize: number }, today: string) {
  const order = q.overdue === 'true' ? [asc(emergencyPlans.nextDueOn), asc(emergencyPlans.id)] : [desc(emergencyPlans.id)];
  return db
    .select(itemColumns)
    .from(emergencyPlans)
    .leftJoin(divisions, eq(divisions.code, emergencyPlans.divisionCode))
    .leftJoin(enterprises, eq(enterprises.id, emergencyPlans.enterpriseId))
    .where(listWhere(viewer, q, today))
    .orderBy(...order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

export async function countPlans(db: Db, viewer: TViewer, q: TListFilter, today: string): Promise<number> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emergencyPlans)
    .where(listWhere(viewer, q, today));
  return count?.n ?? 0;
}

/** Every plan of a filter, for the ledger (capped: a province's ledger is filtered first). */
export const exportPlans = (db: Db, viewer: TViewer, q: TListFilter, today: string, limit: number) =>
  db
    .select(itemColumns)
    .from(emergencyPlans)
    .leftJoin(divisions, eq(divisions.code, emergencyPlans.divisionCode))
    .leftJoin(enterprises, eq(enterprises.id, emergencyPlans.enterpriseId))
    .where(listWhere(viewer, q, today))
    .orderBy(asc(emergencyPlans.divisionCode), asc(emergencyPlans.id))
    .limit(limit);

export const versionsOf = (db: Db, planId: number) =>
  db
    .select({
      no: emergencyPlanVersions.no,
      sha256: emergencyPlanVersions.sha256,
      fileName: emergencyPlanVersions.fileName,
      revisedOn: emergencyPlanVersions.revisedOn,
      note: emergencyPlanVersions.note,
      drillId: emergencyPlanVersions.drillId,
      drillTitle: drills.title,
    })
    .from(emergencyPlanVersions)
    .leftJoin(drills, eq(drills.id, emergencyPlanVersions.drillId))
    .where(eq(emergencyPlanVersions.planId, planId))
    .orderBy(desc(emergencyPlanVersions.no));

export async function insertVersion(tx: Db, values: typeof emergencyPlanVersions.$inferInsert) {
  const [last] = await tx
    .select({ no: sql<number>`coalesce(max(${emergencyPlanVersions.no}), 0)::int` })
    .from(emergencyPlanVersions)
    .where(eq(emergencyPlanVersions.planId, values.planId));
  const [row] = await tx
    .insert(emergencyPlanVersions)
    .values({ ...values, no: (last?.no ?? 0) + 1 })
    .returning();
  return row!;
}

export const drillsOfPlan = (db: Db, planId: number) =>
  db
    .select({ id: drills.id, title: drills.title, heldOn: drills.heldOn, plannedOn: drills.plannedOn, status: drills.status })
    .from(drills)
    .where(eq(drills.planId, planId))
    .orderBy(desc(drills.plannedOn), desc(drills.id))
    .limit(50);

/** The latest held drill of a plan (after a drill is recorded out of order, the stored last drill stays the latest). */
export async function latestHeldDrill(tx: Db, planId: number) {
  const [row] = await tx
    .select({ id: drills.id, heldOn: drills.heldOn })
    .from(drills)
    .where(and(eq(drills.planId, planId), eq(drills.status, 'done'), isNotNull(drills.heldOn)))
    .orderBy(desc(drills.heldOn), desc(drills.id))
    .limit(1);
  return row;
}

/** Distinct duty facts among plans, for recomputing stored intervals when the setting changes (a handful of groups). */
export const dutyGroups = (tx: Db) =>
  tx
    .selectDistinct({
      level: emergencyPlans.level,
      kind: emergencyPlans.kind,
      workSafety: emergencyPlans.workSafety,
      highRisk: emergencyPlans.highRisk,
    })
    .from(emergencyPlans);

/** Sets one group's interval and recomputes its next due day in SQL (month arithmetic clamps to the month's end as the rule does). */
export async function setGroupInterval(
  tx: Db,
  g: { level: TPlanRow['level']; kind: TPlanRow['kind']; workSafety: boolean; highRisk: boolean },
  months: number | null,
  basis: string | null,
) {
  await tx
    .update(emergencyPlans)
    .set({
      intervalMonths: months,
      dutyBasis: basis,
      nextDueOn:
        months === null
          ? null
          : sql`CASE WHEN ${emergencyPlans.status} = 'repealed' THEN NULL ELSE (coalesce(${emergencyPlans.lastDrillOn}, ${emergencyPlans.issuedOn}) + make_interval(months => ${months}))::date END`,
    })
    .where(
      and(
        eq(emergencyPlans.level, g.level),
        eq(emergencyPlans.kind, g.kind),
        eq(emergencyPlans.workSafety, g.workSafety),
        eq(emergencyPlans.highRisk, g.highRisk),
      ),
    );
}

/** Plans of the viewer overdue for a drill (for the workbench; served by the due index). */
export async function countOverdue(db: Db, viewer: TViewer, today: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emergencyPlans)
    .where(and(planViewer(viewer), lt(emergencyPlans.nextDueOn, today)));
  return row?.n ?? 0;
}
