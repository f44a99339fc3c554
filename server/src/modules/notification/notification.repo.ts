/** All SQL of the notification centre: notifications, deliveries and their attempts, reminders sent, secrets. */
import { and, asc, count, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { POLICY, type TPermission } from '@yingji/domain';
import type { Db } from '../../db/client';
import { deliveries, deliveryAttempts, notifications, reminderLog, serverSecrets, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

/** Active users whose role holds the permission and whose scope covers the division. */
export async function usersCovering(db: Db, permission: TPermission, divisionCode: string): Promise<number[]> {
  const roles = POLICY[permission] as readonly string[];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, [...roles]), eq(users.disabled, false), sql`${divisionCode} LIKE ${users.divisionCode} || '%'`));
  return rows.map((r) => r.id);
}

/** Inserts one notification per user; a user who already has one with the same ref gets none. Returns the users reached. */
export async function insertNotifications(
  db: Db,
  userIds: readonly number[],
  n: { module: string; kind: string; ref: string | null; title: string; body: string; href: string | null; at: string },
): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        module: n.module,
        kind: n.kind,
        ref: n.ref,
        title: n.title,
        body: n.body,
        href: n.href,
        createdAt: n.at,
      })),
    )
    .onConflictDoNothing({ target: [notifications.userId, notifications.ref], where: sql`ref IS NOT NULL` })
    .returning({ userId: notifications.userId });
  return rows.map((r) => r.userId);
}

const notificationColumns = {
  id: notifications.id,
  kind: notifications.kind,
  module: notifications.module,
  title: notifications.title,
  body: notifications.body,
  href: notifications.href,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

export async function listNotifications(db: Db, userId: number, q: { unread?: boolean; limit: number; offset: number }) {
  const where = and(eq(notifications.userId, userId), q.unread ? isNull(notifications.readAt) : undefined);
  const [items, [total]] = await Promise.all([
    db.select(notificationColumns).from(notifications).where(where).orderBy(desc(notifications.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function latestUnread(db: Db, userId: number) {
  const [row] = await db
    .select(notificationColumns)
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.id))
    .limit(1);
  return row ?? null;
}

export async function markRead(db: Db, userId: number, id: number | null, at: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id === null ? undefined : eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length;
}

export const notificationOwner = async (db: Db, id: number) =>
  (await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.id, id)))[0];

export async function insertDeliveries(db: Db, rows: (typeof deliveries.$inferInsert)[]): Promise<number[]> {
  const ids: number[] = [];
  // Large batches (a red warning to the whole city) go in slices that stay under the bind-parameter limit and keep
  // each statement's synchronous building short, so the event loop serves other requests between them.
  for (let i = 0; i < rows.length; i += 250) {
    const out = await db
      .insert(deliveries)
      .values(rows.slice(i, i + 250))
      .returning({ id: deliveries.id });
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

/**
 * Leases the pending deliveries due now (oldest first) until `leaseUntil`, in one statement: another process skips
 * them, and one left by a crash mid-send is due again when the lease ends.
 */
export async function leaseDueDeliveries(db: Db, now: string, leaseUntil: string, limit: number) {
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now)))
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const leased = await db.update(deliveries).set({ nextAttemptAt: leaseUntil }).where(inArray(deliveries.id, due)).returning();
  // UPDATE … RETURNING answers in no particular order (PostgreSQL's differs from PGlite's): messages go out as written
  return leased.sort((a, b) => a.id - b.id);
}

export async function recordAttempt(
  db: Db,
  id: number,
  attempt: { at: string; outcome: 'sent' | 'error' | 'timeout'; detail: string; durationMs: number },
  next: { status: 'pending' | 'sent' | 'failed'; attempts: number; nextAttemptAt: string | null; lastError: string | null },
) {
  await db.insert(deliveryAttempts).values({ deliveryId: id, ...attempt });
  await db
    .update(deliveries)
    .set({ ...next, ...(next.status === 'sent' ? { sentAt: attempt.at } : {}) })
    .where(eq(deliveries.id, id));
}

export async function listDeliveries(db: Db, scope: string, q: { status?: string; ref?: string; limit: number; offset: number }) {
  const conds: SQL[] = [inScopeSql(deliveries.divisionCode, scope)];
  if (q.status) conds.push(eq(deliveries.status, q.status as 'sent'));
  if (q.ref) conds.push(eq(deliveries.ref, q.ref));
  const where = and(...conds);
  const [items, [total], [failed]] = await Promise.all([
    db.select().from(deliveries).where(where).orderBy(desc(deliveries.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(deliveries).where(where),
    db
      .select({ n: count() })
      .from(deliveries)
      .where(and(inScopeSql(deliveries.divisionCode, scope), eq(deliveries.status, 'failed'))),
  ]);
  const tries =
    items.length === 0
      ? []
      : await db
          .select()
          .from(deliveryAttempts)
          .where(
            inArray(
              deliveryAttempts.deliveryId,
              items.map((i) => i.id),
            ),
          )
          .orderBy(asc(deliveryAttempts.id));
  return { items, tries, total: total?.n ?? 0, failed: failed?.n ?? 0 };
}

export const findDelivery = async (db: Db, id: number) => (await db.select().from(deliveries).where(eq(deliveries.id, id)))[0];

export async function requeue(db: Db, id: number, at: string) {
  await db
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lastError: null })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'failed')));
}

/** Claims (provider, ref) for a reminder; false when it was sent before. */
export async function claimReminder(db: Db, provider: string, ref: string, at: string): Promise<boolean> {
  const rows = await db
    .insert(reminderLog)
    .values({ provider, ref, sentAt: at, recipients: 0 })
    .onConflictDoNothing()
    .returning({ id: reminderLog.id });
  return rows.length > 0;
}

export async function setReminderRecipients(db: Db, provider: string, ref: string, n: number) {
  await db
    .update(reminderLog)
    .set({ recipients: n })
    .where(and(eq(reminderLog.provider, provider), eq(reminderLog.ref, ref)));
}

export async function sentReminderRefs(db: Db, provider: string, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: reminderLog.ref })
    .from(reminderLog)
    .where(and(eq(reminderLog.provider, provider), inArray(reminderLog.ref, [...refs])));
  return new Set(rows.map((r) => r.ref));
}

/** The named secret, made (by `make`) and stored at first use; concurrent first uses agree on one. */
export async function secret(db: Db, key: string, make: () => string, at: string): Promise<string> {
  await db.insert(serverSecrets).values({ key, value: make(), createdAt: at }).onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.key, key));
  return row!.value;
}
