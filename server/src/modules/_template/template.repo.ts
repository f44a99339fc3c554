/** TEMPLATE — all SQL of the module lives in its *.repo.ts files; every scoped query carries `inScopeSql`. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { divisions } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export const listTowns = (db: Db, scope: string) =>
  db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, scope)))
    .orderBy(asc(divisions.code));

export async function findTown(db: Db, code: string) {
  const [row] = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), eq(divisions.code, code)));
  return row;
}
