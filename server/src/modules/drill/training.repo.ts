/** All SQL of training sessions and attendance lists; scoped by division (enterprise users do not see them). */
import { and, asc, desc, eq, gte, inArray, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { divisions, trainingAttendees, trainingSessions } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TTrainingRow = typeof trainingSessions.$inferSelect;

const attendees = sql<number>`(SELECT count(*)::int FROM ${trainingAttendees} WHERE ${trainingAttendees.sessionId} = ${trainingSessions.id})`;
const columns = { s: trainingSessions, townName: divisions.name };
/** One session with its attendance list counted (a list counts them for its page only: `attendeesOf`). */
const detailColumns = { ...columns, attendees };

export interface TTrainingFilter {
  from?: string;
  to?: string;
  kind?: TTrainingRow['kind'];
}

function where(scope: string, q: TTrainingFilter): SQL {
  const conds: SQL[] = [inScopeSql(trainingSessions.divisionCode, scope)];
  if (q.from) conds.push(gte(trainingSessions.heldOn, q.from));
  if (q.to) conds.push(lte(trainingSessions.heldOn, q.to));
  if (q.kind) conds.push(eq(trainingSessions.kind, q.kind));
  return and(...conds)!;
}

export async function findSession(db: Db, id: number) {
  const [row] = await db
    .select(detailColumns)
    .from(trainingSessions)
    .leftJoin(divisions, eq(divisions.code, trainingSessions.divisionCode))
    .where(eq(trainingSessions.id, id));
  return row;
}

export async function insertSession(tx: Db, values: typeof trainingSessions.$inferInsert) {
  const [row] = await tx.insert(trainingSessions).values(values).returning();
  return row!;
}

export async function listSessions(db: Db, scope: string, q: TTrainingFilter & { page: number; pageSize: number }) {
  const w = where(scope, q);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(trainingSessions)
      .leftJoin(divisions, eq(divisions.code, trainingSessions.divisionCode))
      .where(w)
      .orderBy(desc(trainingSessions.heldOn), desc(trainingSessions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingSessions)
      .where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export const exportSessions = (db: Db, scope: string, q: TTrainingFilter, limit: number) =>
  db
    .select(columns)
    .from(trainingSessions)
    .leftJoin(divisions, eq(divisions.code, trainingSessions.divisionCode))
    .where(where(scope, q))
    .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.id))
    .limit(limit);

/** Sums of the held sessions' rows, grouped by kind, year or mode. */
export function totals(db: Db, scope: string, q: TTrainingFilter, by: 'kind' | 'year' | 'mode') {
  const key =
    by === 'year'
      ? sql<string>`extract(year FROM ${trainingSessions.heldOn})::int::text`
      : by === 'kind'
        ? trainingSessions.kind
        : trainingSessions.mode;
  const sum = (c: AnyColumn) => sql<number>`coalesce(sum(${c}), 0)::int`;
  return db
    .select({
      key: sql<string>`${key}`,
      sessions: sql<number>`count(*)::int`,
      officers: sum(trainingSessions.officers),
      principals: sum(trainingSessions.principals),
      safetyManagers: sum(trainingSessions.safetyManagers),
      sanfangStaff: sum(trainingSessions.sanfangStaff),
      publicPeople: sum(trainingSessions.publicPeople),
      passed: sql<number>`coalesce(sum(${trainingSessions.passed}), 0)::int`,
    })
    .from(trainingSessions)
    .where(and(where(scope, q), eq(trainingSessions.status, 'done')))
    .groupBy(key)
    .orderBy(asc(key));
}

/** People on the attendance lists of a page's sessions. */
export async function attendeeCounts(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: trainingAttendees.sessionId, n: sql<number>`count(*)::int` })
    .from(trainingAttendees)
    .where(inArray(trainingAttendees.sessionId, ids))
    .groupBy(trainingAttendees.sessionId);
  return new Map(rows.map((r) => [r.sessionId, r.n]));
}

export const attendeesOf = (db: Db, sessionId: number) =>
  db
    .select({
      name: trainingAttendees.name,
      unit: trainingAttendees.unit,
      category: trainingAttendees.category,
      passed: trainingAttendees.passed,
    })
    .from(trainingAttendees)
    .where(eq(trainingAttendees.sessionId, sessionId))
    .orderBy(asc(trainingAttendees.id))
    .limit(5000);

export async function replaceAttendees(
  tx: Db,
  sessionId: number,
  rows: { name: string; unit: string; category: string; passed: boolean | null }[],
) {
  await tx.delete(trainingAttendees).where(eq(trainingAttendees.sessionId, sessionId));
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(trainingAttendees).values(rows.slice(i, i + 500).map((r) => ({ ...r, sessionId })));
}
