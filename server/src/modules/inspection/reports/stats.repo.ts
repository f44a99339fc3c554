import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import {
  inspectionCounts,
  inspectionFirmCityCounts,
  inspectionFirmCityDeltas,
  inspectionFirmCounts,
  inspectionFirmMovers,
  inspectionFirmPeriods,
} from '../../../db/schema/index';
import { foldDeltas } from '../../../db/fold-deltas';
import { scopeWhere } from '../../../shared/scope';
import { inspectionCityMonths } from './list-totals.repo';

export interface TCountRow {
  /** 'month' | 'kind' | 'town' | 'total': which grouping of the grouping sets the row belongs to. */
  grouping: 'month' | 'kind' | 'town' | 'total';
  key: string | null;
  inspections: number;
  unannounced: number;
  findings: number;
  majorFindings: number;
}

/** The statistics' next level down: towns, or a province's cities (`city`: the division's first four digits). */
export type TStatsLevel = 'town' | 'city';

/** The city counts with the changes the fold has not yet added, under the town table's name and columns. */
const cityMonthCounts = (range: { fromMonth: string; toMonth: string }, scope: string, divisionCode?: string): SQL =>
  sql`(${inspectionCityMonths(scope, divisionCode, { from: range.fromMonth, to: range.toMonth })}) AS ${inspectionCounts}`;

/**
 * Inspections and findings of the months `from`..`to` by month, kind and town (or city), and their total, in one
 * pass over the counts the triggers keep (never over the records): by city, the city counts and their unfolded changes.
 */
export async function countFigures(
  db: Db,
  range: { fromMonth: string; toMonth: string },
  scope: string,
  divisionCode?: string,
  level: TStatsLevel = 'town',
): Promise<TCountRow[]> {
  const c = inspectionCounts;
  const source =
    level === 'city'
      ? cityMonthCounts(range, scope, divisionCode)
      : sql`${c} WHERE ${c.month} BETWEEN ${range.fromMonth} AND ${range.toMonth} AND ${scopeWhere(c.divisionCode, scope, divisionCode)}`;
  return queryRows<TCountRow>(
    db,
    sql`SELECT CASE WHEN grouping(${c.month}) = 0 THEN 'month' WHEN grouping(${c.kind}) = 0 THEN 'kind' WHEN grouping(${c.divisionCode}) = 0 THEN 'town' ELSE 'total' END AS "grouping",
          coalesce(${c.month}, ${c.kind}, ${c.divisionCode}) AS "key",
          sum(${c.inspections})::int AS "inspections",
          coalesce(sum(${c.inspections}) FILTER (WHERE ${c.kind} = 'unannounced'), 0)::int AS "unannounced",
          sum(${c.findings})::int AS "findings",
          sum(${c.majorFindings})::int AS "majorFindings"
        FROM ${source}
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
  level: TStatsLevel = 'town',
): Promise<{ kind: string; firms: number }[]> {
  const p = inspectionFirmPeriods;
  if (periods.length === 1) {
    const c = inspectionFirmCounts;
    const m = inspectionFirmMovers;
    // By city, a firm checked in two towns of one city is one firm of it already: only other cities are surplus.
    const firms =
      level === 'city'
        ? sql`SELECT kind, sum(firms) AS firms FROM (${firmCityCounts(periods[0]!, scope, divisionCode)}) x GROUP BY 1`
        : sql`SELECT ${c.kind} AS kind, sum(${c.firms}) AS firms FROM ${c}
              WHERE ${c.period} = ${periods[0]} AND ${scopeWhere(c.divisionCode, scope, divisionCode)} GROUP BY 1`;
    const places = level === 'city' ? sql`count(DISTINCT left(${p.divisionCode}, 4))` : sql`count(*)`;
    return queryRows(
      db,
      sql`SELECT k.kind, (k.firms - coalesce(s.surplus, 0))::int AS "firms"
          FROM (${firms}) k
          LEFT JOIN (
            SELECT kind, sum(towns - 1) AS surplus FROM (
              SELECT ${m.kind} AS kind, ${m.enterpriseId}, ${places} AS towns FROM ${m}
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

/** A period's firm counts by city (every kind): the city counts and the changes the fold has not yet added. */
function firmCityCounts(period: string, scope: string, divisionCode?: string): SQL {
  const part = (t: typeof inspectionFirmCityCounts | typeof inspectionFirmCityDeltas) =>
    sql`SELECT ${t.cityCode} AS city_code, ${t.kind} AS kind, ${t.firms} AS firms FROM ${t}
        WHERE ${t.period} = ${period} AND ${scopeWhere(t.cityCode, scope, divisionCode, t.cityCode)}`;
  return sql`${part(inspectionFirmCityCounts)} UNION ALL ${part(inspectionFirmCityDeltas)}`;
}

/** Adds the firms the triggers appended to the city firm counts (`foldDeltas`); the inspection module's job runs it. */
export const foldFirmCityDeltas = (db: Db): Promise<number> =>
  foldDeltas(db, {
    deltas: inspectionFirmCityDeltas,
    counts: inspectionFirmCityCounts,
    key: ['period', 'kind', 'city_code'],
    sums: ['firms'],
  });

/** Distinct firms checked in each town, or each city (every kind). */
export async function countFirmsByTown(
  db: Db,
  periods: string[],
  scope: string,
  divisionCode?: string,
  level: TStatsLevel = 'town',
): Promise<{ divisionCode: string; firms: number }[]> {
  const p = inspectionFirmPeriods;
  const c = inspectionFirmCounts;
  if (level === 'city') {
    return queryRows(
      db,
      periods.length === 1
        ? sql`SELECT city_code AS "divisionCode", sum(firms)::int AS "firms" FROM (${firmCityCounts(periods[0]!, scope, divisionCode)}) x
              WHERE kind = 'all' GROUP BY 1 HAVING sum(firms) <> 0`
        : sql`SELECT "divisionCode", count(*)::int AS "firms" FROM (
                SELECT DISTINCT left(${p.divisionCode}, 4) AS "divisionCode", ${p.enterpriseId} FROM ${p}
                WHERE ${p.period} IN (${inList(periods)}) AND ${p.kind} = 'all' AND ${scopeWhere(p.divisionCode, scope, divisionCode)}
              ) s GROUP BY 1`,
    );
  }
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
