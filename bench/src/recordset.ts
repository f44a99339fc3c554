import type { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';

/** Rows in slices of `size`, one `insert` call each: a statement takes at most 65,535 parameters. */
export async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Rows go in 5,000 at a time as one JSON parameter (`json_to_recordset`): one statement per batch, no parameter limit. */
export async function insertRecordset(
  db: Db,
  rows: Record<string, unknown>[],
  statement: (json: string) => ReturnType<typeof sql>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) await db.execute(statement(JSON.stringify(rows.slice(i, i + 5000))));
}
