import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Escape LIKE wildcards so a scope or keyword is matched literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The data-scope filter every scoped query carries: the row's division code starts with the user's scope.
 * Written as a range on the text so the btree index on the column serves it.
 */
export const inScopeSql = (column: AnyColumn, scope: string): SQL => sql`${column} LIKE ${escapeLike(scope) + '%'}`;
