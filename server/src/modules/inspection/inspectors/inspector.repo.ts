import { and, asc, count, eq, gt, gte, inArray, lt, lte, notExists, sql, type SQL } from 'drizzle-orm';
import { addDaysToDate, CERTIFICATE_WARNING_DAYS, type TInspectorListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { divisions, enterprises, inspectorConflicts, inspectors, users } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';
import { containsText } from '../../../shared/keyword';

/** Roles whose holders carry an enforcement certificate and may be drawn. */
export const INSPECTOR_ROLES = ['bureau_officer', 'bureau_leader', 'town_officer'];

const columns = {
  userId: inspectors.userId,
  username: users.username,
  displayName: users.displayName,
  divisionCode: inspectors.divisionCode,
  divisionName: divisions.name,
  certificateNo: inspectors.certificateNo,
  certificateExpiresOn: inspectors.certificateExpiresOn,
  active: inspectors.active,
  updatedAt: inspectors.updatedAt,
  conflicts: sql<number>`(SELECT count(*)::int FROM ${inspectorConflicts} c WHERE c.inspector_id = ${inspectors.userId})`,
};
export type TInspectorView = {
  userId: number;
  username: string;
  displayName: string;
  divisionCode: string;
  divisionName: string | null;
  certificateNo: string;
  certificateExpiresOn: string;
  active: boolean;
  updatedAt: string;
  conflicts: number;
};

function listWhere(query: Omit<TInspectorListQuery, 'page' | 'pageSize'>, scope: string, today: string): SQL | undefined {
  const where: (SQL | undefined)[] = [inScopeSql(inspectors.divisionCode, scope)];
  const soon = addDaysToDate(today, CERTIFICATE_WARNING_DAYS);
  if (query.state === 'expired') where.push(lt(inspectors.certificateExpiresOn, today));
  if (query.state === 'expiring') where.push(and(gte(inspectors.certificateExpiresOn, today), lte(inspectors.certificateExpiresOn, soon)));
  if (query.state === 'valid') where.push(gt(inspectors.certificateExpiresOn, soon));
  if (query.active) where.push(eq(inspectors.active, query.active === 'true'));
  if (query.q) {
    where.push(containsText([users.displayName, users.username, inspectors.certificateNo], query.q));
  }
  return and(...where);
}

const selectViews = (db: Db) =>
  db
    .select(columns)
    .from(inspectors)
    .innerJoin(users, eq(users.id, inspectors.userId))
    .leftJoin(divisions, eq(divisions.code, inspectors.divisionCode));

export async function listInspectors(
  db: Db,
  query: TInspectorListQuery,
  scope: string,
  today: string,
): Promise<{ items: TInspectorView[]; total: number }> {
  const where = listWhere(query, scope, today);
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(inspectors)
    .innerJoin(users, eq(users.id, inspectors.userId))
    .where(where);
  const items = await selectViews(db)
    .where(where)
    .orderBy(asc(inspectors.divisionCode), asc(users.displayName), asc(inspectors.userId))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items, total: n };
}

/** The whole pool in scope, for the Excel ledger (a bureau's pool is hundreds of officers at most). */
export const listAllInspectors = (
  db: Db,
  query: Omit<TInspectorListQuery, 'page' | 'pageSize'>,
  scope: string,
  today: string,
): Promise<TInspectorView[]> =>
  selectViews(db)
    .where(listWhere(query, scope, today))
    .orderBy(asc(inspectors.divisionCode), asc(users.displayName), asc(inspectors.userId))
    .limit(10_000);

export async function findInspector(db: Db, userId: number): Promise<TInspectorView | undefined> {
  const [row] = await selectViews(db).where(eq(inspectors.userId, userId));
  return row;
}

export async function findByCertificate(db: Db, certificateNo: string) {
  const [row] = await db.select({ userId: inspectors.userId }).from(inspectors).where(eq(inspectors.certificateNo, certificateNo));
  return row;
}

export async function insertInspector(db: Db, values: typeof inspectors.$inferInsert): Promise<void> {
  await db.insert(inspectors).values(values);
}

export async function updateInspector(db: Db, userId: number, values: Partial<typeof inspectors.$inferInsert>): Promise<void> {
  await db.update(inspectors).set(values).where(eq(inspectors.userId, userId));
}

/** Officers in scope who could join the pool: an enforcement role, enabled, not in it yet. */
export const listCandidates = (db: Db, scope: string) =>
  db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      divisionCode: users.divisionCode,
      role: users.role,
      disabled: users.disabled,
    })
    .from(users)
    .where(
      and(
        inScopeSql(users.divisionCode, scope),
        inArray(users.role, INSPECTOR_ROLES),
        eq(users.disabled, false),
        notExists(
          db
            .select({ one: sql`1` })
            .from(inspectors)
            .where(eq(inspectors.userId, users.id)),
        ),
      ),
    )
    .orderBy(asc(users.divisionCode), asc(users.displayName))
    .limit(500);

export const listConflicts = (db: Db, inspectorId: number) =>
  db
    .select({
      inspectorId: inspectorConflicts.inspectorId,
      enterpriseId: inspectorConflicts.enterpriseId,
      enterpriseName: enterprises.name,
      reason: inspectorConflicts.reason,
      declaredAt: inspectorConflicts.declaredAt,
    })
    .from(inspectorConflicts)
    .innerJoin(enterprises, eq(enterprises.id, inspectorConflicts.enterpriseId))
    .where(eq(inspectorConflicts.inspectorId, inspectorId))
    .orderBy(asc(inspectorConflicts.declaredAt), asc(inspectorConflicts.enterpriseId));

export async function findConflict(db: Db, inspectorId: number, enterpriseId: number) {
  const [row] = await db
    .select()
    .from(inspectorConflicts)
    .where(and(eq(inspectorConflicts.inspectorId, inspectorId), eq(inspectorConflicts.enterpriseId, enterpriseId)));
  return row;
}

export async function insertConflict(db: Db, values: typeof inspectorConflicts.$inferInsert): Promise<void> {
  await db.insert(inspectorConflicts).values(values);
}

export async function deleteConflict(db: Db, inspectorId: number, enterpriseId: number): Promise<void> {
  await db
    .delete(inspectorConflicts)
    .where(and(eq(inspectorConflicts.inspectorId, inspectorId), eq(inspectorConflicts.enterpriseId, enterpriseId)));
}

/** The issuing body's own active officers (enabled accounts), as the draw freezes them. */
export const activePool = (db: Db, divisionCode: string) =>
  db
    .select({ userId: inspectors.userId, certificateExpiresOn: inspectors.certificateExpiresOn })
    .from(inspectors)
    .innerJoin(users, eq(users.id, inspectors.userId))
    .where(and(eq(inspectors.divisionCode, divisionCode), eq(inspectors.active, true), eq(users.disabled, false)))
    .orderBy(asc(inspectors.userId));

/** Conflicts declared by the body's officers: [inspector, firm] pairs. */
export const conflictsOfBody = (db: Db, divisionCode: string) =>
  db
    .select({ inspectorId: inspectorConflicts.inspectorId, enterpriseId: inspectorConflicts.enterpriseId })
    .from(inspectorConflicts)
    .innerJoin(inspectors, eq(inspectors.userId, inspectorConflicts.inspectorId))
    .where(eq(inspectors.divisionCode, divisionCode));

/** Display names by user id (draw results name their inspectors). */
export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
