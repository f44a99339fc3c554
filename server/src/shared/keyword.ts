import { keywordGrams } from '@yingji/domain';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { enterprises } from '../db/schema';
import { escapeLike } from './scope';

/**
 * A keyword search: `LIKE` or `ILIKE` and the pattern that finds `q` anywhere in a text, literally. ILIKE only when `q`
 * has a letter with a case: a Chinese or numeric keyword finds the same rows with LIKE, three to four times faster
 * (PostgreSQL 15, 85,000 rows of Chinese text: 53 ms with ILIKE, 14 ms with LIKE).
 */
export function keyword(q: string): { op: SQL; pattern: string } {
  return { op: sql.raw(q.toLowerCase() === q.toUpperCase() ? 'LIKE' : 'ILIKE'), pattern: `%${escapeLike(q)}%` };
}

/** Any of `columns` contains `q` (see `keyword`). */
export function containsText(columns: (AnyColumn | SQL)[], q: string): SQL {
  const { op, pattern } = keyword(q);
  return sql`(${sql.join(
    columns.map((c) => sql`${c} ${op} ${pattern}`),
    sql` OR `,
  )})`;
}

/**
 * The firms whose name, former names or credit code contain `q` (spaces ignored), as a subquery for `IN`: the gram
 * index narrows (enterprise.repo's search), the text decides. Used by lists of a firm's records (hazards, inspections)
 * so that a keyword scans the registry once, never once per record (an `EXISTS` inside an `OR` is run per row).
 */
export function firmIdsMatching(q: string): SQL {
  const text = q.replace(/\s+/g, '');
  const grams = keywordGrams(text);
  const gramFilter =
    grams.length > 0
      ? sql`${enterprises.searchGrams} @> ARRAY[${sql.join(
          grams.map((g) => sql`${g}`),
          sql`, `,
        )}]::text[] AND `
      : sql``;
  return sql`(SELECT ${enterprises.id} FROM ${enterprises} WHERE ${gramFilter}${containsText(
    [enterprises.name, enterprises.creditCode, sql`${enterprises.formerNames}::text`],
    text,
  )})`;
}
