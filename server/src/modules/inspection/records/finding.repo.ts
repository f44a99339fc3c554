import { and, desc, eq, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { TFindingListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { divisions, enterprises, findings, inspectionItems } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

const columns = {
  id: findings.id,
  inspectionId: findings.inspectionId,
  enterpriseId: findings.enterpriseId,
  enterpriseName: enterprises.name,
  divisionCode: findings.divisionCode,
  divisionName: divisions.name,
  itemId: findings.itemId,
  itemCode: inspectionItems.code,
  description: findings.description,
  majorHazard: findings.majorHazard,
  photos: findings.photos,
  foundOn: findings.foundOn,
  hazardId: findings.hazardId,
};
export type TFindingView = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };

export async function insertFindings(db: Db, rows: (typeof findings.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(findings).values(rows);
}

export function findingWhere(query: Omit<TFindingListQuery, 'page' | 'pageSize'>, scope: string): SQL | undefined {
  const where: (SQL | undefined)[] = [inScopeSql(findings.divisionCode, scope, findings.cityCode)];
  if (query.divisionCode) where.push(inScopeSql(findings.divisionCode, query.divisionCode, findings.cityCode));
  if (query.from) where.push(gte(findings.foundOn, query.from));
  if (query.to) where.push(lte(findings.foundOn, query.to));
  if (query.major) where.push(eq(findings.majorHazard, query.major === 'true'));
  if (query.converted) where.push(query.converted === 'true' ? isNotNull(findings.hazardId) : isNull(findings.hazardId));
  return and(...where);
}

const base = (db: Db) =>
  db
    .select(columns)
    .from(findings)
    .innerJoin(enterprises, eq(enterprises.id, findings.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, findings.divisionCode))
    .leftJoin(inspectionItems, eq(inspectionItems.id, findings.itemId));

/** Keyset position in list order (found on, id; both descending). */
export interface TFindingCursor {
  foundOn: string;
  id: number;
}

export async function listFindings(
  db: Db,
  where: SQL | undefined,
  page: { limit: number; offset?: number; after?: TFindingCursor | null },
): Promise<TFindingView[]> {
  // The page's ids first, walking an index in list order (city, town or date); then the joins for 20 rows only.
  const after = page.after ? sql`(${findings.foundOn}, ${findings.id}) < (${page.after.foundOn}::date, ${page.after.id})` : undefined;
  const ids = db
    .select({ id: findings.id })
    .from(findings)
    .where(and(where, after))
    .orderBy(desc(findings.foundOn), desc(findings.id))
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .as('page');
  return (await base(db).innerJoin(ids, eq(ids.id, findings.id)).orderBy(desc(findings.foundOn), desc(findings.id))) as TFindingView[];
}

export async function countFindings(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(findings)
    .where(where);
  return Number(row?.n ?? 0);
}

export async function findingsOfInspection(db: Db, inspectionId: number): Promise<TFindingView[]> {
  return (await base(db).where(eq(findings.inspectionId, inspectionId)).orderBy(findings.id)) as TFindingView[];
}

/**
 * The findings still waiting for the hazard module (重大 apart) and the oldest of them, read on their partial index
 * (`findings_pending_idx`): the converted ones are the counters' total less these (finding.service.ts `summary`).
 */
export async function pendingFindings(db: Db, where: SQL | undefined) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      pendingMajor: sql<number>`count(*) FILTER (WHERE ${findings.majorHazard})::int`,
      oldestPendingOn: sql<string | null>`min(${findings.foundOn})::text`,
    })
    .from(findings)
    .where(and(where, isNull(findings.hazardId)));
  return {
    pending: Number(row?.pending ?? 0),
    pendingMajor: Number(row?.pendingMajor ?? 0),
    oldestPendingOn: row?.oldestPendingOn ?? null,
  };
}
