import { and, asc, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { divisions, enterprises, riskGrades } from '../../db/schema/index';
import { escapeLike, inScopeSql } from '../../shared/scope';

/** Graded firms by town and colour, counted from risk_grades alone (its division index serves the scope). */
export const countByTown = (db: Db, scope: string) =>
  queryRows<{ division_code: string; name: string | null; colour: string; n: number }>(
    db,
    sql`SELECT g.division_code, d.name, g.colour, count(*)::int AS n
        FROM ${riskGrades} g LEFT JOIN ${divisions} d ON d.code = g.division_code
        WHERE ${scopeOn('g', scope)}
        GROUP BY g.division_code, d.name, g.colour ORDER BY g.division_code`,
  );

/** Graded firms by supervision category and colour (graded firms are a few thousand at most: the join is small). */
export const countByCategory = (db: Db, scope: string) =>
  queryRows<{ category: string; colour: string; n: number }>(
    db,
    sql`SELECT e.supervision_category AS category, g.colour, count(*)::int AS n
        FROM ${riskGrades} g JOIN ${enterprises} e ON e.id = g.enterprise_id
        WHERE ${scopeOn('g', scope)}
        GROUP BY e.supervision_category, g.colour ORDER BY e.supervision_category`,
  );

/** The scope filter on an aliased risk_grades: equality for a town, a prefix range otherwise. */
function scopeOn(alias: string, scope: string) {
  const column = sql.raw(`${alias}.division_code`);
  if (scope.length === 9) return sql`${column} = ${scope}`;
  return sql`${column} LIKE ${escapeLike(scope) + '%'}`;
}

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
