import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import { inspectionCounts, inspectionFirmCounts, inspectionFirmMovers, inspectionFirmPeriods } from '../../../db/schema/index';
import { scopeWhere } from '../../../shared/scope';

export interface TCountRow {
  /** 'month' | 'kind' | 'town' | 'total': which grouping of the grouping sets the row belongs to. */
  grouping: 'month' | 'kind' | 'town' | 'total';
  key: string | null;
  inspections: number;
  unannounced: number;
  findings: number;
  majorFindings: number;
}

/**
 * Inspections and findings of the months `from`..`to` by month, kind and town, and their total, in one pass
 * over the counts the triggers keep (never over the records).
 */
export async function countFigures(
  db: Db,
  range: { fromMonth: string; toMonth: string },
  scope: string,
  divisionCode?: string,
): Promise<TCountRow[]> {
  const c = inspectionCounts;
  return queryRows<TCountRow>(
    db,
    sql`SELECT CASE WHEN grouping(${c.month}) = 0 THEN 'month' WHEN grouping(${c.kind}) = 0 THEN 'kind' WHEN grouping(${c.divisionCode}) = 0 THEN 'town' ELSE 'total' END AS "grouping",
          coalesce(${c.month}, ${c.kind}, ${c.divisionCode}) AS "key",
          sum(${c.inspections})::int AS "inspections",
          coalesce(sum(${c.inspections}) FILTER (WHERE ${c.kind} = 'unannounced'), 0)::int AS "unannounced",
          sum(${c.findings})::int AS "findings",
          sum(${c.majorFindings})::int AS "majorFindings"
        FROM ${c}
        WHERE ${c.month} BETWEEN ${range.fromMonth} AND ${range.toMonth} AND ${scopeWhere(c.divisionCode, scope, divisionCode)}
        GROUP BY GROUPING SETS ((${c.month}), (${c.kind}), (${c.divisionCode}), ())`,
  );
}

const inList = (xs: string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/**
 * Distinct firms checked, by kind (and 'all'). For one period: the per-town firm counts summed, less the surplus
 * of firms checked in two or more towns of the scope (inspection_firm_movers, a handful of rows). For a run of
 * months no period row exists: DISTINCT over the months' rows, an index-only scan in (period, kind, firm) order.
 */
export async function countFirmsByKind(
  db: Db,
  periods: string[],
  scope: string,
  divisionCode?: string,
): Promise<{ kind: string; firms: number }[]> {
  const p = inspectionFirmPeriods;
  if (periods.length === 1) {
    const c = inspectionFirmCounts;
    const m = inspectionFirmMovers;
    return queryRows(
      db,
      sql`SELECT k.kind, (k.firms - coalesce(s.surplus, 0))::int AS "firms"
          FROM (SELECT ${c.kind} AS kind, sum(${c.firms}) AS firms FROM ${c}
                WHERE ${c.period} = ${periods[0]} AND ${scopeWhere(c.divisionCode, scope, divisionCode)} GROUP BY 1) k
          LEFT JOIN (
            SELECT kind, sum(towns - 1) AS surplus FROM (
              SELECT ${m.kind} AS kind, ${m.enterpriseId}, count(*) AS towns FROM ${m}
              JOIN ${p} ON ${p.period} = ${m.period} AND ${p.kind} = ${m.kind} AND ${p.enterpriseId} = ${m.enterpriseId}
              WHERE ${m.period} = ${periods[0]} AND ${scopeWhere(p.divisionCode, scope, divisionCode)}
              GROUP BY 1, 2
            ) x GROUP BY kind
          ) s ON s.kind = k.kind`,
    );
  }
  return queryRows(
    db,
    sql`SELECT kind, count(*)::int AS "firms" FROM (
          SELECT DISTINCT ${p.kind} AS kind, ${p.enterpriseId} FROM ${p}
          WHERE ${p.period} IN (${inList(periods)}) AND ${scopeWhere(p.divisionCode, scope, divisionCode)}
        ) s GROUP BY kind`,
  );
}

/** Distinct firms checked in each town (every kind). */
export async function countFirmsByTown(
  db: Db,
  periods: string[],
  scope: string,
  divisionCode?: string,
): Promise<{ divisionCode: string; firms: number }[]> {
  const p = inspectionFirmPeriods;
  const c = inspectionFirmCounts;
  return queryRows(
    db,
    periods.length === 1
      ? sql`SELECT ${c.divisionCode} AS "divisionCode", ${c.firms} AS "firms" FROM ${c}
            WHERE ${c.period} = ${periods[0]} AND ${c.kind} = 'all' AND ${c.firms} <> 0 AND ${scopeWhere(c.divisionCode, scope, divisionCode)}`
      : sql`SELECT "divisionCode", count(*)::int AS "firms" FROM (
              SELECT DISTINCT ${p.divisionCode} AS "divisionCode", ${p.enterpriseId} FROM ${p}
              WHERE ${p.period} IN (${inList(periods)}) AND ${p.kind} = 'all' AND ${scopeWhere(p.divisionCode, scope, divisionCode)}
            ) s GROUP BY 1`,
  );
}
