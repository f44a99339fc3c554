/**
 * City counts kept by appended changes (`inspection_city_counts` and `rollup_city_counts`, migrations 0030 and 0031;
 * `hazard_city_months` and `inspection_firm_city_counts`, migration 0033; `enterprise_city_counts`, migration 0035):
 * the writers' triggers append each change to a deltas table and never update a city's row, which every write of the
 * city would wait on; this adds the appended changes into the counts in one transaction, so a reader that sums the
 * counts and the deltas not yet folded sees a change either still appended or already counted, never both or neither.
 * Two folds at once each take the changes the other did not delete. Returns the count rows it moved.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from './client';

export interface TFoldedCounts {
  /** The appended changes. */
  deltas: PgTable;
  /** The counts they are added to. */
  counts: PgTable;
  /** The counts' key columns (their primary key), in its order. */
  key: readonly string[];
  /** The columns summed. */
  sums: readonly string[];
}

export async function foldDeltas(db: Db, { deltas, counts, key, sums }: TFoldedCounts): Promise<number> {
  const q = (name: string) => `"${name}"`;
  const keyList = key.map(q).join(', ');
  const all = [...key, ...sums].map(q).join(', ');
  const [row] = await queryRows<{ n: number }>(
    db,
    sql.raw(
      `WITH d AS (DELETE FROM ${q(getTableName(deltas))} RETURNING ${all}),
       folded AS (
         INSERT INTO ${q(getTableName(counts))} AS t (${all})
         SELECT ${keyList}, ${sums.map((c) => `sum(${q(c)})`).join(', ')} FROM d GROUP BY ${keyList}
         ORDER BY ${keyList}
         ON CONFLICT (${keyList}) DO UPDATE SET ${sums.map((c) => `${q(c)} = t.${q(c)} + excluded.${q(c)}`).join(', ')}
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM folded`,
    ),
  );
  return Number(row?.n ?? 0);
}

/**
 * What a reader sums: the counts and the changes not yet folded into them, as one set of rows under the counts' own
 * name (so conditions written on the counts' columns apply to both). Exact at any moment, folded or not.
 */
export function foldedRows({ deltas, counts, key, sums }: TFoldedCounts): SQL {
  const columns = sql.raw([...key, ...sums].map((c) => `"${c}"`).join(', '));
  return sql`(SELECT ${columns} FROM ${deltas} UNION ALL SELECT ${columns} FROM ${counts}) AS ${counts}`;
}
