import { and, asc, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { divisions, enterprises, riskGrades } from '../../db/schema/index';
import { inScopeSql } from '../../shared/scope';

// The risk distribution (graded firms by town, category and colour) is read from the roll-ups: rollup.repo.ts,
// riskGradeCounts.

/** Grades whose validity ends between `from` and `to` (dates, inclusive), or before `from` when `expired`. */
export async function listExpiring(
  db: Db,
  scope: string,
  opts: { today: string; until: string; expired: boolean; page: number; pageSize: number },
) {
  const window = opts.expired
    ? lt(riskGrades.validUntil, opts.today)
    : and(gte(riskGrades.validUntil, opts.today), lte(riskGrades.validUntil, opts.until));
  const where = and(inScopeSql(riskGrades.divisionCode, scope), window);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(riskGrades)
    .where(where);
  const items = await db
    .select({
      enterpriseId: riskGrades.enterpriseId,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      divisionName: divisions.name,
      colour: riskGrades.colour,
      basis: riskGrades.basis,
      assessedOn: riskGrades.assessedOn,
      validUntil: riskGrades.validUntil,
    })
    .from(riskGrades)
    .innerJoin(enterprises, eq(enterprises.id, riskGrades.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, riskGrades.divisionCode))
    .where(where)
    .orderBy(opts.expired ? desc(riskGrades.validUntil) : asc(riskGrades.validUntil), asc(riskGrades.enterpriseId))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  return { items, total: Number(count?.n ?? 0) };
}

/** Graded firms with coordinates, for the map (capped: a map of more points than this is unreadable anyway). */
export const mapPoints = (db: Db, scope: string, limit = 20_000) =>
  db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      colour: riskGrades.colour,
      longitude: enterprises.longitude,
      latitude: enterprises.latitude,
      divisionName: divisions.name,
    })
    .from(riskGrades)
    .innerJoin(enterprises, eq(enterprises.id, riskGrades.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, riskGrades.divisionCode))
    .where(and(inScopeSql(riskGrades.divisionCode, scope), isNotNull(enterprises.longitude), isNotNull(enterprises.latitude)))
    .orderBy(asc(riskGrades.enterpriseId))
    .limit(limit);
