import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { TInspectionListQuery, TInspectionSort } from '@yingji/domain';
import type { Db } from '../../../db/client';
import {
  divisions,
  draws,
  drawTargets,
  enterprises,
  inspectionAnswers,
  inspectionInspectors,
  inspections,
  inspectors,
  riskGrades,
  users,
} from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';
import { firmIdsMatching } from '../../../shared/keyword';

export type TInspectionRow = typeof inspections.$inferSelect;
export type TAnswerRow = typeof inspectionAnswers.$inferSelect;

/** The firm as a check needs it, with its current grade (null when not graded). */
export async function findFirm(db: Db, id: number) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      divisionCode: enterprises.divisionCode,
      address: enterprises.address,
      colour: riskGrades.colour,
    })
    .from(enterprises)
    .leftJoin(riskGrades, eq(riskGrades.enterpriseId, enterprises.id))
    .where(eq(enterprises.id, id));
  return row;
}

export async function findDrawTarget(db: Db, id: number) {
  const [row] = await db
    .select({
      id: drawTargets.id,
      enterpriseId: drawTargets.enterpriseId,
      divisionCode: drawTargets.divisionCode,
      inspectorIds: drawTargets.inspectorIds,
      inspectionId: drawTargets.inspectionId,
      drawStatus: draws.status,
      planId: draws.planId,
    })
    .from(drawTargets)
    .innerJoin(draws, eq(draws.id, drawTargets.drawId))
    .where(eq(drawTargets.id, id));
  return row;
}

export async function linkDrawTarget(db: Db, targetId: number, inspectionId: number): Promise<void> {
  await db.update(drawTargets).set({ inspectionId }).where(eq(drawTargets.id, targetId));
}

/** Drawn targets in scope not yet inspected, newest draw first. */
export async function pendingTargets(db: Db, scope: string) {
  return db
    .select({
      id: drawTargets.id,
      drawId: drawTargets.drawId,
      drawLabel: draws.label,
      planId: draws.planId,
      enterpriseId: drawTargets.enterpriseId,
      enterpriseName: enterprises.name,
      address: enterprises.address,
      divisionCode: drawTargets.divisionCode,
      inspectorIds: drawTargets.inspectorIds,
    })
    .from(drawTargets)
    .innerJoin(draws, eq(draws.id, drawTargets.drawId))
    .innerJoin(enterprises, eq(enterprises.id, drawTargets.enterpriseId))
    .where(and(eq(draws.status, 'drawn'), isNull(drawTargets.inspectionId), inScopeSql(drawTargets.divisionCode, scope)))
    .orderBy(desc(drawTargets.drawId), asc(drawTargets.position))
    .limit(500);
}

/** Officers of the pool, with the names the rules quote. */
export async function poolInspectors(db: Db, userIds?: number[]) {
  if (userIds && userIds.length === 0) return [];
  return db
    .select({
      userId: inspectors.userId,
      displayName: users.displayName,
      divisionCode: inspectors.divisionCode,
      certificateNo: inspectors.certificateNo,
      certificateExpiresOn: inspectors.certificateExpiresOn,
      active: inspectors.active,
    })
    .from(inspectors)
    .innerJoin(users, eq(users.id, inspectors.userId))
    .where(userIds ? inArray(inspectors.userId, userIds) : eq(inspectors.active, true))
    .orderBy(asc(inspectors.divisionCode), asc(users.displayName));
}

export async function insertInspection(db: Db, row: typeof inspections.$inferInsert): Promise<TInspectionRow> {
  const [saved] = await db.insert(inspections).values(row).returning();
  return saved!;
}

export async function updateInspection(db: Db, id: number, fields: Partial<typeof inspections.$inferInsert>): Promise<void> {
  await db.update(inspections).set(fields).where(eq(inspections.id, id));
}

export async function findInspectionRow(db: Db, id: number, forUpdate = false): Promise<TInspectionRow | undefined> {
  const q = db.select().from(inspections).where(eq(inspections.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function replaceInspectors(db: Db, inspectionId: number, rows: { userId: number; certificateNo: string }[]): Promise<void> {
  await db.delete(inspectionInspectors).where(eq(inspectionInspectors.inspectionId, inspectionId));
  if (rows.length > 0) await db.insert(inspectionInspectors).values(rows.map((r) => ({ inspectionId, ...r })));
}

export async function inspectorsOf(db: Db, inspectionIds: number[]) {
  if (inspectionIds.length === 0) return [];
  return db
    .select({
      inspectionId: inspectionInspectors.inspectionId,
      userId: inspectionInspectors.userId,
      displayName: users.displayName,
      certificateNo: inspectionInspectors.certificateNo,
    })
    .from(inspectionInspectors)
    .innerJoin(users, eq(users.id, inspectionInspectors.userId))
    .where(inArray(inspectionInspectors.inspectionId, inspectionIds))
    .orderBy(asc(inspectionInspectors.inspectionId), asc(users.displayName));
}

export async function replaceAnswers(
  db: Db,
  inspectionId: number,
  rows: { itemId: number; result: TAnswerRow['result']; note: string | null; photos: string[] }[],
): Promise<void> {
  await db.delete(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, inspectionId));
  if (rows.length > 0) await db.insert(inspectionAnswers).values(rows.map((r) => ({ inspectionId, ...r })));
}

export async function answersOf(db: Db, inspectionId: number): Promise<TAnswerRow[]> {
  return db.select().from(inspectionAnswers).where(eq(inspectionAnswers.inspectionId, inspectionId));
}

const listColumns = {
  id: inspections.id,
  enterpriseId: inspections.enterpriseId,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  address: enterprises.address,
  divisionCode: inspections.divisionCode,
  divisionName: divisions.name,
  kind: inspections.kind,
  colour: inspections.colour,
  inspectedOn: inspections.inspectedOn,
  place: inspections.place,
  status: inspections.status,
  findingsCount: inspections.findingsCount,
  checklistId: inspections.checklistId,
  checklistName: sql<string | null>`(SELECT name FROM checklists c WHERE c.id = ${inspections.checklistId})`,
  drawTargetId: inspections.drawTargetId,
  planId: inspections.planId,
  conclusion: inspections.conclusion,
  representativeName: inspections.representativeName,
  signatureSha256: inspections.signatureSha256,
  publishedAt: inspections.publishedAt,
  createdAt: inspections.createdAt,
};
export interface TInspectionView {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  address: string | null;
  divisionCode: string;
  divisionName: string | null;
  kind: TInspectionRow['kind'];
  colour: string | null;
  inspectedOn: string;
  place: string;
  status: TInspectionRow['status'];
  findingsCount: number;
  checklistId: number | null;
  checklistName: string | null;
  drawTargetId: number | null;
  planId: number | null;
  conclusion: string | null;
  representativeName: string | null;
  signatureSha256: string | null;
  publishedAt: string | null;
  createdAt: string;
}

/**
 * A listed record's inspectors' names in name order, read in the page's own statement (a second statement for the
 * names of twenty rows was a fourth of the list's turns to the database). Each name is looked up by its key: as a
 * join, the embedded database hashed all the users again for every row of the page (PGlite, a town's page: 33 ms).
 */
const pageInspectorNames = sql<string[]>`ARRAY(SELECT (SELECT u.display_name FROM ${users} u WHERE u.id = ii.user_id)
  FROM ${inspectionInspectors} ii WHERE ii.inspection_id = ${inspections.id} ORDER BY 1)`;

/** Keyset position in list order (inspected on, id; both descending). */
export interface TInspectionCursor {
  inspectedOn: string;
  id: number;
}

/**
 * The list's filter. `lastOverdueCheck` (`lastOverdueCheckDate`) is needed for publication=overdue: a check on or
 * before it whose result is still unpublished is past its working-day deadline.
 */
export function listWhere(
  query: Omit<TInspectionListQuery, 'page' | 'pageSize'>,
  scope: string,
  lastOverdueCheck?: string,
): SQL | undefined {
  const where: (SQL | undefined)[] = [inScopeSql(inspections.divisionCode, scope, inspections.cityCode)];
  if (query.publication === 'overdue') {
    if (!lastOverdueCheck) throw new Error('publication=overdue needs the last overdue check date');
    where.push(eq(inspections.status, 'submitted'), isNull(inspections.publishedAt), lte(inspections.inspectedOn, lastOverdueCheck));
  }
  if (query.divisionCode) where.push(inScopeSql(inspections.divisionCode, query.divisionCode, inspections.cityCode));
  if (query.kind) where.push(eq(inspections.kind, query.kind));
  if (query.enterpriseId) where.push(eq(inspections.enterpriseId, query.enterpriseId));
  if (query.status) where.push(eq(inspections.status, query.status));
  if (query.from) where.push(gte(inspections.inspectedOn, query.from));
  if (query.to) where.push(lte(inspections.inspectedOn, query.to));
  if (query.q) {
    where.push(sql`${inspections.enterpriseId} IN ${firmIdsMatching(query.q)}`);
  }
  return and(...where);
}

/**
 * The list's order, the id last so that pages neither repeat nor skip a record. `deadline` is the results'
 * publication deadline (20 working days after the check): submitted results not yet published first whatever the
 * direction, ascending the oldest check (the nearest deadline) on top, then the rest by date.
 */
export function inspectionOrder(sort: TInspectionSort | undefined, order: 'asc' | 'desc' = 'desc'): SQL[] {
  const dir = order === 'asc' ? asc : desc;
  switch (sort) {
    case 'deadline':
      return [
        sql`(${inspections.status} = 'submitted' AND ${inspections.publishedAt} IS NULL) DESC`,
        dir(inspections.inspectedOn),
        dir(inspections.id),
      ];
    case 'enterprise':
      return [dir(enterprises.name), dir(inspections.id)];
    case 'town':
      return [dir(inspections.divisionCode), desc(inspections.inspectedOn), desc(inspections.id)];
    case 'inspectedOn':
      return [dir(inspections.inspectedOn), dir(inspections.id)];
    default:
      return [desc(inspections.inspectedOn), desc(inspections.id)];
  }
}

export async function listInspections(
  db: Db,
  where: SQL | undefined,
  page: { limit: number; offset?: number; after?: TInspectionCursor | null; sort?: TInspectionSort; order?: 'asc' | 'desc' },
): Promise<(TInspectionView & { inspectorNames: string[] })[]> {
  // The page's ids first, walking an index in list order (city, town or date); then the joins for 20 rows only. The
  // export's cursor (`after`) walks the default order only.
  const orderBy = page.after ? inspectionOrder(undefined) : inspectionOrder(page.sort, page.order);
  const after = page.after
    ? sql`(${inspections.inspectedOn}, ${inspections.id}) < (${page.after.inspectedOn}::date, ${page.after.id})`
    : undefined;
  const base = db.select({ id: inspections.id }).from(inspections);
  const ids = (page.sort === 'enterprise' && !page.after ? base.innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId)) : base)
    .where(and(where, after))
    .orderBy(...orderBy)
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .as('page');
  return (await db
    .select({ ...listColumns, inspectorNames: pageInspectorNames })
    .from(inspections)
    .innerJoin(ids, eq(ids.id, inspections.id))
    .innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, inspections.divisionCode))
    .orderBy(...orderBy)) as (TInspectionView & { inspectorNames: string[] })[];
}

/** Totals by kind (四不两直 counted apart) over the filtered set; served by the division and city indexes. */
export async function countByKind(db: Db, where: SQL | undefined): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: inspections.kind, n: sql<number>`count(*)::int` })
    .from(inspections)
    .where(where)
    .groupBy(inspections.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export async function findInspection(db: Db, id: number): Promise<TInspectionView | undefined> {
  const [row] = (await db
    .select(listColumns)
    .from(inspections)
    .innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, inspections.divisionCode))
    .where(eq(inspections.id, id))) as TInspectionView[];
  return row;
}
