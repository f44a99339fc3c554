/** The SQL of drills' review (整改) tasks and of the users a task may be given to; lists carry the viewer filter. */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { ZTaskListQuerySchema } from '@yingji/domain';
import type { Db } from '../../db/client';
import { drills, drillTasks, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { drillViewer } from './drill.repo';
import type { TViewer } from './plan.repo';

const owner = alias(users, 'owner');
const signer = alias(users, 'signer');

const taskColumns = {
  t: drillTasks,
  drillTitle: drills.title,
  ownerName: owner.displayName,
  signerName: signer.displayName,
};

const taskFrom = (db: Db) =>
  db
    .select(taskColumns)
    .from(drillTasks)
    .innerJoin(drills, eq(drills.id, drillTasks.drillId))
    .innerJoin(owner, eq(owner.id, drillTasks.ownerId))
    .leftJoin(signer, eq(signer.id, drillTasks.signedOffBy));

export const tasksOfDrill = (db: Db, drillId: number) => taskFrom(db).where(eq(drillTasks.drillId, drillId)).orderBy(asc(drillTasks.id));

export async function findTask(db: Db, id: number) {
  const [row] = await taskFrom(db).where(eq(drillTasks.id, id));
  return row;
}

export async function lockTask(tx: Db, id: number) {
  const [row] = await tx
    .select({ t: drillTasks, enterpriseId: drills.enterpriseId })
    .from(drillTasks)
    .innerJoin(drills, eq(drills.id, drillTasks.drillId))
    .where(eq(drillTasks.id, id))
    .for('update', { of: drillTasks });
  return row;
}

export async function insertTask(tx: Db, values: typeof drillTasks.$inferInsert) {
  const [row] = await tx.insert(drillTasks).values(values).returning();
  return row!;
}

export async function updateTask(tx: Db, id: number, values: Partial<typeof drillTasks.$inferInsert>) {
  const [row] = await tx.update(drillTasks).set(values).where(eq(drillTasks.id, id)).returning();
  return row!;
}

/** Tasks the viewer sees, plus those they own wherever they are. */
function taskWhere(viewer: TViewer, userId: number, q: Omit<z.output<typeof ZTaskListQuerySchema>, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [or(drillViewer(viewer), eq(drillTasks.ownerId, userId))!];
  if (q.state) conds.push(eq(drillTasks.state, q.state));
  if (q.drillId) conds.push(eq(drillTasks.drillId, q.drillId));
  if (q.mine === 'owner') conds.push(eq(drillTasks.ownerId, userId), inArray(drillTasks.state, ['open']));
  if (q.mine === 'signer') conds.push(sql`${drillTasks.ownerId} <> ${userId}`, eq(drillTasks.state, 'done'), drillViewer(viewer));
  return and(...conds)!;
}

export async function listTasks(
  db: Db,
  viewer: TViewer,
  userId: number,
  q: Omit<z.output<typeof ZTaskListQuerySchema>, 'page' | 'pageSize'> & { page: number; pageSize: number },
) {
  const where = taskWhere(viewer, userId, q);
  const [rows, [count]] = await Promise.all([
    taskFrom(db)
      .where(where)
      .orderBy(asc(drillTasks.deadline), asc(drillTasks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(drillTasks)
      .innerJoin(drills, eq(drills.id, drillTasks.drillId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The task ledger: every task the filter finds, by deadline, up to `limit`. */
export const exportTasks = (
  db: Db,
  viewer: TViewer,
  userId: number,
  q: Omit<z.output<typeof ZTaskListQuerySchema>, 'page' | 'pageSize'>,
  limit: number,
) =>
  taskFrom(db)
    .where(taskWhere(viewer, userId, q))
    .orderBy(asc(drillTasks.deadline), asc(drillTasks.id))
    .limit(limit);

export async function countTasks(db: Db, viewer: TViewer, userId: number, mine: 'owner' | 'signer'): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(drillTasks)
    .innerJoin(drills, eq(drills.id, drillTasks.drillId))
    .where(taskWhere(viewer, userId, { mine }));
  return row?.n ?? 0;
}

/** Users a task may be given to: enabled users in the actor's scope (an enterprise user: their firm's users). */
export const assignees = (db: Db, viewer: TViewer) =>
  db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      divisionCode: users.divisionCode,
      enterpriseId: users.enterpriseId,
    })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        'scope' in viewer
          ? and(inScopeSql(users.divisionCode, viewer.scope), sql`${users.role} <> 'enterprise_user'`, sql`${users.role} <> 'admin'`)
          : viewer.enterpriseId === null
            ? sql`false`
            : eq(users.enterpriseId, viewer.enterpriseId),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500);

export async function findUser(db: Db, id: number) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      divisionCode: users.divisionCode,
      enterpriseId: users.enterpriseId,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
}
