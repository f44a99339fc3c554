import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { monthSpan } from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import { findings, inspectionCityCounts, inspectionCountDeltas, inspectionCounts, inspections } from '../../../db/schema/index';
import { foldDeltas } from '../../../db/fold-deltas';
import { inScopeSql, scopeWhere, wholeCities } from '../../../shared/scope';

/**
 * List totals without counting the records: submitted inspections and their findings come from `inspection_counts`
 * (kept by triggers, migration 0005) for the whole months of the range, plus a count of the edge days read from
 * the date indexes; drafts (few) are counted from their partial index. A city of five years is a few thousand
 * counter rows instead of 80,000 records; a province's or a city's months come from the city counts (the province's
 * 1,757 towns were 209,000 counter rows, its 21 cities are 4,000), with the changes not yet folded into them.
 */
export interface TTotalsFilter {
  scope: string;
  divisionCode?: string;
  from?: string;
  to?: string;
}

const countsWhere = (f: TTotalsFilter, months: { from: string | null; to: string | null }): SQL | undefined =>
  and(
    inScopeSql(inspectionCounts.divisionCode, f.scope),
    f.divisionCode ? inScopeSql(inspectionCounts.divisionCode, f.divisionCode) : undefined,
    months.from ? gte(inspectionCounts.month, months.from) : undefined,
    months.to ? lte(inspectionCounts.month, months.to) : undefined,
  );

/**
 * The month counts of the filter's scope and months, as rows of (kind, inspections, findings, major_findings): the
 * town counts, or for whole cities the city counts plus the changes the fold has not yet added to them (exact either way).
 */
function monthCounts(f: TTotalsFilter, months: { from: string | null; to: string | null }): SQL {
  if (!wholeCities(f.scope, f.divisionCode)) {
    const c = inspectionCounts;
    return sql`SELECT ${c.kind} AS kind, ${c.inspections} AS inspections, ${c.findings} AS findings, ${c.majorFindings} AS major_findings
               FROM ${c} WHERE ${countsWhere(f, months)}`;
  }
  return inspectionCityMonths(f.scope, f.divisionCode, months);
}

/**
 * The city counts of a scope (a city or the province) and months with the changes the fold has not yet added to them,
 * as rows of the town counts' columns, the city's code as `division_code`: exact whenever read.
 */
export function inspectionCityMonths(
  scope: string,
  divisionCode: string | undefined,
  months: { from: string | null; to: string | null },
): SQL {
  const part = (t: typeof inspectionCityCounts | typeof inspectionCountDeltas) =>
    sql`SELECT ${t.cityCode} AS division_code, ${t.month} AS month, ${t.kind} AS kind, ${t.inspections} AS inspections,
          ${t.findings} AS findings, ${t.majorFindings} AS major_findings
        FROM ${t} WHERE ${and(
          scopeWhere(t.cityCode, scope, divisionCode, t.cityCode),
          months.from ? gte(t.month, months.from) : undefined,
          months.to ? lte(t.month, months.to) : undefined,
        )}`;
  return sql`${part(inspectionCityCounts)} UNION ALL ${part(inspectionCountDeltas)}`;
}

/** Adds the changes the triggers appended to the city counts (`foldDeltas`); the inspection module's job runs it. */
export const foldInspectionDeltas = (db: Db): Promise<number> =>
  foldDeltas(db, {
    deltas: inspectionCountDeltas,
    counts: inspectionCityCounts,
    key: ['city_code', 'month', 'kind'],
    sums: ['inspections', 'findings', 'major_findings'],
  });

const rowsWhere = (
  f: TTotalsFilter,
  dateColumn: typeof inspections.inspectedOn | typeof findings.foundOn,
  divisionColumn: typeof inspections.divisionCode | typeof findings.divisionCode,
  cityColumn: typeof inspections.cityCode | typeof findings.cityCode,
  from: string,
  to: string,
): SQL | undefined =>
  and(
    inScopeSql(divisionColumn, f.scope, cityColumn),
    f.divisionCode ? inScopeSql(divisionColumn, f.divisionCode, cityColumn) : undefined,
    gte(dateColumn, from),
    lte(dateColumn, to),
  );

/**
 * Inspections by kind in the filter's scope and dates: submitted from the counters (and the edge days counted),
 * drafts counted; one statement, its parts added up by kind.
 */
export async function inspectionTotals(db: Db, f: TTotalsFilter & { status?: 'draft' | 'submitted' }): Promise<Record<string, number>> {
  const parts: SQL[] = [];
  if (f.status !== 'draft') {
    const span = monthSpan(f.from, f.to);
    if (span.months) parts.push(sql`SELECT kind, inspections AS n FROM (${monthCounts(f, span.months)}) m`);
    for (const [from, to] of span.edges) {
      const where = and(
        rowsWhere(f, inspections.inspectedOn, inspections.divisionCode, inspections.cityCode, from, to),
        eq(inspections.status, 'submitted'),
      );
      parts.push(sql`SELECT kind, count(*)::int AS n FROM ${inspections} WHERE ${where} GROUP BY kind`);
    }
  }
  if (f.status !== 'submitted') {
    const where = and(
      sql`${inspections.status} = 'draft'`,
      inScopeSql(inspections.divisionCode, f.scope),
      f.divisionCode ? inScopeSql(inspections.divisionCode, f.divisionCode) : undefined,
      f.from ? gte(inspections.inspectedOn, f.from) : undefined,
      f.to ? lte(inspections.inspectedOn, f.to) : undefined,
    );
    parts.push(sql`SELECT kind, count(*)::int AS n FROM ${inspections} WHERE ${where} GROUP BY kind`);
  }
  if (parts.length === 0) return {};
  const rows = await queryRows<{ kind: string; n: number }>(
    db,
    sql`SELECT kind, sum(n)::int AS n FROM (${sql.join(
      parts.map((p) => sql`(${p})`),
      sql` UNION ALL `,
    )}) t GROUP BY kind`,
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Findings in the filter's scope and dates (all of them, or the major ones) from the counters plus the edge days. */
export async function findingTotal(db: Db, f: TTotalsFilter & { major?: boolean }): Promise<number> {
  const span = monthSpan(f.from, f.to);
  let total = 0;
  if (span.months) {
    const column = f.major === undefined ? sql`findings` : f.major ? sql`major_findings` : sql`findings - major_findings`;
    const [row] = await queryRows<{ n: number | null }>(db, sql`SELECT sum(${column})::int AS n FROM (${monthCounts(f, span.months)}) m`);
    total += Number(row?.n ?? 0);
  }
  for (const [from, to] of span.edges) {
    const where = and(
      rowsWhere(f, findings.foundOn, findings.divisionCode, findings.cityCode, from, to),
      f.major === undefined ? undefined : eq(findings.majorHazard, f.major),
    );
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${findings} WHERE ${where}`);
    total += Number(row?.n ?? 0);
  }
  return total;
}
