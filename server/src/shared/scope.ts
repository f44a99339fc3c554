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

/** Within the actor's scope and, when the user chose one, within that division as well. */
export const scopeWhere = (column: AnyColumn, scope: string, divisionCode: string | undefined): SQL =>
  and(inScopeSql(column, scope), divisionCode ? inScopeSql(column, divisionCode) : undefined)!;
