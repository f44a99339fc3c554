import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { monthSpan, type THazardListQuery } from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import { hazardCityMonthDeltas, hazardCityMonths, hazardCounts, hazards, hazardTownMonths } from '../../../db/schema/index';
import { inScopeSql, scopeWhere, wholeCities } from '../../../shared/scope';

/**
 * The list's total without counting the records, when the filter is one the counters hold (scope, town, level,
 * category, source, found dates): `hazard_counts` (kept by triggers, migration 0007) for the whole months plus a
 * count of the edge days. A city's five years are a few thousand counter rows instead of 85,000 hazards (1.7 million
 * for a province). Without a category, and for all sources or the self-found only, the town-month roll-up
 * (`hazard_town_months`, ~1,500 rows for a city's five years) answers instead of the ~40,000 counter rows. Any other
 * filter (state, overdue, firm, campaign, keyword …) narrows the rows enough to count them.
 */
export type TCountableQuery = Pick<THazardListQuery, 'divisionCode' | 'level' | 'category' | 'source' | 'from' | 'to'>;

// The page and the order do not change the total. (`sort` and `order` have defaults, so leaving them out of this set
// made every list count its rows: a province-wide list took 2.5 s.)
const COUNTER_FILTERS = new Set<keyof THazardListQuery>([
  'divisionCode',
  'level',
  'category',
  'source',
  'from',
  'to',
  'page',
  'pageSize',
  'sort',
  'order',
]);

/** Whether the counters can answer this query's total. */
export const countableFromCounters = (query: THazardListQuery): boolean =>
  (Object.keys(query) as (keyof THazardListQuery)[]).every((k) => query[k] === undefined || COUNTER_FILTERS.has(k));

/**
 * The roll-up's figure for hazards of one level and source, found or closed: `found`, `found_major`, `found_self`,
 * `found_major_self` and their differences; null when the roll-up does not split that way (a category, another source).
 */
export function townMonthSum(kind: 'found' | 'closed', only: { level?: string; category?: string; source?: string }): SQL | null {
  if (only.category || (only.source && only.source !== 'self_check')) return null;
  const t = hazardTownMonths;
  const self = only.source === 'self_check';
  const all = kind === 'found' ? (self ? t.foundSelf : t.found) : self ? t.closedSelf : t.closed;
  const major = kind === 'found' ? (self ? t.foundMajorSelf : t.foundMajor) : self ? t.closedMajorSelf : t.closedMajor;
  if (!only.level) return sql`${all}`;
  return only.level === 'major' ? sql`${major}` : sql`(${all} - ${major})`;
}

/** The roll-up's rows of a scope (and, optionally, one division in it) in a span of whole months. */
export const townMonthsWhere = (
  scope: string,
  divisionCode: string | undefined,
  months: { from: string | null; to: string | null },
): SQL | undefined =>
  and(
    inScopeSql(hazardTownMonths.divisionCode, scope),
    divisionCode ? inScopeSql(hazardTownMonths.divisionCode, divisionCode) : undefined,
    months.from ? gte(hazardTownMonths.month, months.from) : undefined,
    months.to ? lte(hazardTownMonths.month, months.to) : undefined,
  );

/**
 * The months of a scope as rows of the town months (`townMonthSum` applies): the town months, or for whole cities the
 * city months (`hazard_city_months`, 21 rows a month for the province instead of 1,757) with the changes the fold has
 * not yet added to them, their city code under the town table's `division_code` (exact either way). `byTown`: the
 * reader groups by town, so the town months answer whatever the scope.
 */
export function monthRows(
  scope: string,
  divisionCode: string | undefined,
  months: { from: string | null; to: string | null },
  byTown = false,
): SQL {
  if (byTown || !wholeCities(scope, divisionCode)) return sql`${hazardTownMonths} WHERE ${townMonthsWhere(scope, divisionCode, months)}`;
  const part = (t: typeof hazardCityMonths | typeof hazardCityMonthDeltas) =>
    sql`SELECT ${t.cityCode} AS division_code, ${t.month} AS month, ${t.found} AS found, ${t.closed} AS closed,
          ${t.foundMajor} AS found_major, ${t.closedMajor} AS closed_major, ${t.foundSelf} AS found_self, ${t.closedSelf} AS closed_self,
          ${t.foundMajorSelf} AS found_major_self, ${t.closedMajorSelf} AS closed_major_self
        FROM ${t} WHERE ${and(
          scopeWhere(t.cityCode, scope, divisionCode, t.cityCode),
          months.from ? gte(t.month, months.from) : undefined,
          months.to ? lte(t.month, months.to) : undefined,
        )}`;
  return sql`(${part(hazardCityMonths)} UNION ALL ${part(hazardCityMonthDeltas)}) AS ${hazardTownMonths}`;
}

export async function hazardTotal(db: Db, scope: string, q: TCountableQuery): Promise<number> {
  const span = monthSpan(q.from, q.to);
  let total = 0;
  const rolledUp = townMonthSum('found', q);
  if (span.months && rolledUp) {
    const [row] = await queryRows<{ n: number | null }>(
      db,
      sql`SELECT sum(${rolledUp})::int AS n FROM ${monthRows(scope, q.divisionCode, span.months)}`,
    );
    total += Number(row?.n ?? 0);
  } else if (span.months) {
    const where = and(
      inScopeSql(hazardCounts.divisionCode, scope),
      q.divisionCode ? inScopeSql(hazardCounts.divisionCode, q.divisionCode) : undefined,
      q.level ? eq(hazardCounts.level, q.level) : undefined,
      q.category ? eq(hazardCounts.category, q.category) : undefined,
      q.source ? eq(hazardCounts.source, q.source) : undefined,
      span.months.from ? gte(hazardCounts.month, span.months.from) : undefined,
      span.months.to ? lte(hazardCounts.month, span.months.to) : undefined,
    );
    const [row] = await queryRows<{ n: number | null }>(db, sql`SELECT sum(found)::int AS n FROM ${hazardCounts} WHERE ${where}`);
    total += Number(row?.n ?? 0);
  }
  for (const [from, to] of span.edges) {
    const where: SQL | undefined = and(
      inScopeSql(hazards.divisionCode, scope, hazards.cityCode),
      q.divisionCode ? inScopeSql(hazards.divisionCode, q.divisionCode, hazards.cityCode) : undefined,
      q.level ? eq(hazards.level, q.level) : undefined,
      q.category ? eq(hazards.category, q.category) : undefined,
      q.source ? eq(hazards.source, q.source) : undefined,
      gte(hazards.foundOn, from),
      lte(hazards.foundOn, to),
    );
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${hazards} WHERE ${where}`);
    total += Number(row?.n ?? 0);
  }
  return total;
}
