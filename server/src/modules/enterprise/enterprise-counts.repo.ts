import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { TEnterpriseListQuery } from '@yingji/domain';
import type { Db } from '../../db/client';
import { enterpriseCityCounts, enterpriseCountDeltas, enterpriseCounts, enterprises } from '../../db/schema/index';
import { foldDeltas, foldedRows, type TFoldedCounts } from '../../db/fold-deltas';
import { inScopeSql, wholeCities } from '../../shared/scope';

type TCountQuery = Omit<TEnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The city counts and their appended changes (migration 0035): what the fold joins and what a reader sums. */
const CITY_COUNTS: TFoldedCounts = {
  deltas: enterpriseCountDeltas,
  counts: enterpriseCityCounts,
  key: ['tag', 'division_code', 'supervision_category', 'supervision_status', 'registration_status', 'supervising_level'],
  sums: ['n'],
};

/** Adds the changes the triggers appended to the city counts (`foldDeltas`); the enterprise module's job runs it. */
export const foldEnterpriseCounts = (db: Db): Promise<number> => foldDeltas(db, CITY_COUNTS);

/**
 * A statement for the size of a filtered set. A keyword or a risk colour counts the matching firms; every other filter
 * sums kept counts: the city counts with their unfolded changes when the scope and chosen division name no town (a
 * province's total is a few thousand rows, not 41,000 town rows), else the towns' `enterprise_counts`.
 */
/** A keyword or a risk colour: no kept count holds the filter, its matches are counted. */
export const counted = (query: Pick<TCountQuery, 'q' | 'riskColour'>): boolean =>
  Boolean((query.q && query.q.replace(/\s+/g, '') !== '') || query.riskColour);

export function countSql(query: TCountQuery, scope: string, rowsWhere: () => SQL | undefined): SQL {
  if (counted(query)) {
    return sql`SELECT count(*)::int FROM ${enterprises} WHERE ${rowsWhere()}`;
  }
  const cities = wholeCities(scope, query.divisionCode);
  // The city table stands under its own name for both parts; its columns are the town table's.
  const c = cities ? enterpriseCityCounts : enterpriseCounts;
  const where: (SQL | undefined)[] = [eq(c.tag, query.tag ?? ''), inScopeSql(c.divisionCode, scope)];
  if (query.divisionCode) where.push(inScopeSql(c.divisionCode, query.divisionCode));
  if (query.category) where.push(eq(c.supervisionCategory, query.category));
  if (query.supervisionStatus) where.push(eq(c.supervisionStatus, query.supervisionStatus));
  if (query.registrationStatus) where.push(eq(c.registrationStatus, query.registrationStatus));
  if (query.level) where.push(eq(c.supervisingLevel, query.level));
  const from = cities ? foldedRows(CITY_COUNTS) : sql`${c}`;
  return sql`SELECT COALESCE(SUM(${c.n}), 0)::int FROM ${from} WHERE ${and(...where)}`;
}
