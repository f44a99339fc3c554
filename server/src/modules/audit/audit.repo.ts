import { and, asc, count, desc, eq, gt, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TAuditQuery } from '@yingji/domain';
import type { Db } from '../../db/client';
import { auditHead, auditLog } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { containsText } from '../../shared/keyword';

export type TAuditRow = typeof auditLog.$inferSelect;

// Any constant: the lock that serialises appends to the chain, held to the end of the writing transaction.
const AUDIT_LOCK_KEY = 7_280_011;

export async function lockChain(tx: Db): Promise<{ lastId: number; lastHash: string } | null> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ? { lastId: head.lastId, lastHash: head.lastHash } : null;
}

/** Appends chained entries (in id order) and moves the chain's head to the last of them. */
export async function appendEntries(tx: Db, rows: readonly TAuditRow[], isFirst: boolean): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
  if (isFirst) {
    await tx.insert(auditHead).values({ id: 1, lastId: last.id, lastHash: last.hash });
  } else {
    await tx.update(auditHead).set({ lastId: last.id, lastHash: last.hash }).where(eq(auditHead.id, 1));
  }
}

export async function readHead(db: Db): Promise<{ lastId: number; lastHash: string } | null> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ? { lastId: head.lastId, lastHash: head.lastHash } : null;
}

/** Entries in id order after `afterId`, a batch at a time (for verification and export). */
export const readBatch = (db: Db, afterId: number, limit: number): Promise<TAuditRow[]> =>
  db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit);

function filters(query: Omit<TAuditQuery, 'page' | 'pageSize'>, scope: string): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  // Entries with no division (settings, logins) belong to the city level and above.
  where.push(
    scope.length <= 4
      ? or(inScopeSql(auditLog.divisionCode, scope), sql`${auditLog.divisionCode} IS NULL`)
      : inScopeSql(auditLog.divisionCode, scope),
  );
  if (query.actor) where.push(containsText([auditLog.actorName], query.actor));
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.from) where.push(gte(auditLog.at, query.from));
  if (query.to) where.push(lte(auditLog.at, query.to));
  return and(...where);
}

/**
 * Totals stop counting here: an exact count of a log of millions of entries read the whole table (1M entries: ~0.4 s
 * on PGlite, the demo's log 5.3 s) on every open of the page, while a page is 20 rows off the primary key. Past this
 * the page says "more than 10,000" and the filters or the export take over.
 */
export const AUDIT_COUNT_CAP = 10_000;

export async function listEntries(
  db: Db,
  query: TAuditQuery,
  scope: string,
): Promise<{ items: TAuditRow[]; total: number; totalCapped: boolean }> {
  const where = filters(query, scope);
  const [items, [totalRow]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    // newest first off the primary key, stopping one past the cap
    db.select({ n: count() }).from(
      db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(AUDIT_COUNT_CAP + 1)
        .as('capped'),
    ),
  ]);
  const n = totalRow?.n ?? 0;
  return { items, total: Math.min(n, AUDIT_COUNT_CAP), totalCapped: n > AUDIT_COUNT_CAP };
}

/** Filtered entries newest first, in pages below `beforeId` (the export streams these). */
export const listEntriesBefore = (
  db: Db,
  query: Omit<TAuditQuery, 'page' | 'pageSize'>,
  scope: string,
  beforeId: number,
  limit: number,
): Promise<TAuditRow[]> =>
  db
    .select()
    .from(auditLog)
    .where(and(filters(query, scope), sql`${auditLog.id} < ${beforeId}`))
    .orderBy(desc(auditLog.id))
    .limit(limit);
