import { and, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Escape LIKE wildcards so a scope or keyword is matched literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The data-scope filter every scoped query carries: the row's division code starts with the user's scope.
 * A prefix is a range on the text (text_pattern_ops indexes serve it); a town is an equality, and a city an
 * equality on a table's city column where it has one.
 */
export function inScopeSql(column: AnyColumn, scope: string, cityColumn?: AnyColumn): SQL {
  // A town (9 digits) is a leaf: equality lets an index on the column serve the list's order.
  if (scope.length === 9) return sql`${column} = ${scope}`;
  if (scope.length === 4 && cityColumn) return sql`${cityColumn} = ${scope}`;
  return sql`${column} LIKE ${escapeLike(scope) + '%'}`;
}

/** Within the actor's scope and, when the user chose one, within that division as well (`cityColumn`: as inScopeSql). */
export const scopeWhere = (column: AnyColumn, scope: string, divisionCode: string | undefined, cityColumn?: AnyColumn): SQL =>
  and(inScopeSql(column, scope, cityColumn), divisionCode ? inScopeSql(column, divisionCode, cityColumn) : undefined)!;

/**
 * The reader's scope and chosen division name no town (a city or the province, no town chosen): counts kept by city
 * answer it as well as the towns' do.
 */
export const wholeCities = (scope: string, divisionCode: string | undefined): boolean =>
  scope.length <= 4 && (!divisionCode || divisionCode.length <= 4);
