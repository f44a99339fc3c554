/**
 * A statement run as a named (prepared) statement, named by its text: on PostgreSQL each pooled connection parses it
 * once, and after five runs the server may keep a generic plan for it, so the lists' big statements (the alert list's
 * UNION ALL, the stock ledger's keys, the loan ledger's page) stop being planned on every request when their answer is computed. The values
 * still change from run to run (they are bound, not part of the text); a statement of another shape (another kind,
 * filter or scope length) has another text, so another name. The embedded database runs it as before.
 *
 * drizzle prepares named statements only for its query builder (`.prepare(name)`); the raw statements here go through
 * the same session method the builder uses.
 */
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

interface TSessionAccess {
  dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<{ rows: unknown[] }> };
  };
}

/** A statement's name from its text: the same text, the same name (for a builder's `.prepare(name)` too). */
export const statementName = (text: string): string => `res_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

/** The statement's rows, run as a statement named by its text. */
export async function queryNamed<T>(db: Db, statement: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as TSessionAccess;
  const query = dialect.sqlToQuery(statement);
  const result = await session.prepareQuery(query, undefined, statementName(query.sql), false).execute();
  return result.rows as T[];
}
