/** All SQL of the findings module; every list carries the division-scope filter. */
import { and, asc, count, desc, eq, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { findingItems, findingMeasures, findingProgress, findingRounds, users } from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';

export type TRoundRow = typeof findingRounds.$inferSelect;
export type TMeasureRow = typeof findingMeasures.$inferSelect;

export async function insertRound(db: Db, row: typeof findingRounds.$inferInsert): Promise<TRoundRow> {
  const [saved] = await db.insert(findingRounds).values(row).returning();
  return saved!;
}

export async function insertFinding(db: Db, row: typeof findingItems.$inferInsert) {
  const [saved] = await db.insert(findingItems).values(row).returning();
  return saved!;
}

export async function insertMeasure(db: Db, row: typeof findingMeasures.$inferInsert): Promise<TMeasureRow> {
  const [saved] = await db.insert(findingMeasures).values(row).returning();
  return saved!;
}

export async function insertProgress(db: Db, row: typeof findingProgress.$inferInsert) {
  const [saved] = await db.insert(findingProgress).values(row).returning();
  return saved!;
}

export async function updateMeasure(db: Db, id: number, change: Partial<typeof findingMeasures.$inferInsert>): Promise<void> {
  await db.update(findingMeasures).set(change).where(eq(findingMeasures.id, id));
}

export async function findRound(db: Db, id: number): Promise<TRoundRow | undefined> {
  const [row] = await db.select().from(findingRounds).where(eq(findingRounds.id, id));
  return row;
}

export async function findFinding(db: Db, id: number) {
  const [row] = await db.select().from(findingItems).where(eq(findingItems.id, id));
  return row;
}

/** Locks the measure for a change (the loop's state is read and written in one transaction). */
export async function lockMeasure(db: Db, id: number): Promise<TMeasureRow | undefined> {
  const [row] = await db.select().from(findingMeasures).where(eq(findingMeasures.id, id)).for('update');
  return row;
}

/** A user who may own or review a measure: active, with his role and division. */
export async function findUser(db: Db, id: number) {
  const [row] = await db
    .select({ id: users.id, role: users.role, divisionCode: users.divisionCode, disabled: users.disabled, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function listRounds(db: Db, scope: string, today: string) {
  const m = findingMeasures;
  const counts = db
    .select({
      roundId: m.roundId,
      measures: count().as('measures'),
      signedOff: sql<number>`count(*) filter (where ${m.state} = 'signed_off')`.mapWith(Number).as('signed_off'),
      overdue: sql<number>`count(*) filter (where ${m.state} <> 'signed_off' and ${m.term} = 'immediate' and ${m.deadline} < ${today})`
        .mapWith(Number)
        .as('overdue'),
    })
    .from(m)
    .groupBy(m.roundId)
    .as('c');
  const findings = db
    .select({ roundId: findingItems.roundId, n: count().as('n') })
    .from(findingItems)
    .groupBy(findingItems.roundId)
    .as('f');
  return db
    .select({
      round: findingRounds,
      findingCount: sql<number>`coalesce(${findings.n}, 0)`.mapWith(Number),
      measureCount: sql<number>`coalesce(${counts.measures}, 0)`.mapWith(Number),
      signedOffCount: sql<number>`coalesce(${counts.signedOff}, 0)`.mapWith(Number),
      overdueCount: sql<number>`coalesce(${counts.overdue}, 0)`.mapWith(Number),
    })
    .from(findingRounds)
    .leftJoin(counts, eq(counts.roundId, findingRounds.id))
    .leftJoin(findings, eq(findings.roundId, findingRounds.id))
    .where(inScopeSql(findingRounds.divisionCode, scope))
    .orderBy(desc(findingRounds.feedbackOn), desc(findingRounds.id));
}

export const findingsOfRound = (db: Db, roundId: number) =>
  db.select().from(findingItems).where(eq(findingItems.roundId, roundId)).orderBy(asc(findingItems.itemNo), asc(findingItems.id));

const owner = alias(users, 'owner');
const reviewer = alias(users, 'reviewer');

/** Measures with their finding and the names of owner and reviewer, filtered and paged. */
function measureSelect(db: Db) {
  return db
    .select({
      m: findingMeasures,
      findingTitle: findingItems.title,
      section: findingItems.section,
      itemNo: findingItems.itemNo,
      quote: findingItems.quote,
      ownerName: owner.displayName,
      reviewerName: reviewer.displayName,
    })
    .from(findingMeasures)
    .innerJoin(findingItems, eq(findingItems.id, findingMeasures.findingId))
    .innerJoin(owner, eq(owner.id, findingMeasures.ownerId))
    .leftJoin(reviewer, eq(reviewer.id, findingMeasures.reviewerId));
}
export type TMeasureJoined = Awaited<ReturnType<ReturnType<typeof measureSelect>['execute']>>[number];

export interface TMeasureFilter {
  roundId?: number | undefined;
  findingIds?: number[];
  state?: TMeasureRow['state'] | undefined;
  due?: 'overdue' | 'due_soon' | 'open' | undefined;
  ownerId?: number | undefined;
  reviewerId?: number | undefined;
  q?: string | undefined;
}

/**
 * The filter of the measure list: the actor sees the measures in his scope and, wherever they are, those he owns
 * or must review. `due` uses the bureau's date: overdue from the day after the deadline, due soon up to 7 days ahead.
 */
export function measureWhere(scope: string, actorId: number, f: TMeasureFilter, today: string, soonUntil: string): SQL {
  const m = findingMeasures;
  const open = ne(m.state, 'signed_off');
  return and(
    sql`(${inScopeSql(m.divisionCode, scope)} or ${m.ownerId} = ${actorId} or ${m.reviewerId} = ${actorId})`,
    f.roundId !== undefined ? eq(m.roundId, f.roundId) : undefined,
    f.findingIds ? inArray(m.findingId, f.findingIds) : undefined,
    f.state ? eq(m.state, f.state) : undefined,
    f.due === 'open' ? open : undefined,
    f.due === 'overdue' ? and(open, eq(m.term, 'immediate'), lt(m.deadline, today)) : undefined,
    f.due === 'due_soon' ? and(open, eq(m.term, 'immediate'), sql`${m.deadline} >= ${today}`, lte(m.deadline, soonUntil)) : undefined,
    f.ownerId !== undefined ? and(eq(m.ownerId, f.ownerId), open) : undefined,
    f.reviewerId !== undefined ? and(eq(m.reviewerId, f.reviewerId), eq(m.state, 'submitted')) : undefined,
    f.q ? containsText([m.content, m.department, m.leadLeader, findingItems.title], f.q) : undefined,
  )!;
}

export async function listMeasures(db: Db, where: SQL, page: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    measureSelect(db)
      .where(where)
      .orderBy(asc(findingMeasures.roundId), asc(findingItems.itemNo), asc(findingMeasures.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(findingMeasures).innerJoin(findingItems, eq(findingItems.id, findingMeasures.findingId)).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export const measuresOfRound = (db: Db, roundId: number) =>
  measureSelect(db).where(eq(findingMeasures.roundId, roundId)).orderBy(asc(findingItems.itemNo), asc(findingMeasures.id));

export async function findMeasure(db: Db, id: number): Promise<TMeasureJoined | undefined> {
  const [row] = await measureSelect(db).where(eq(findingMeasures.id, id));
  return row;
}

export const progressOf = (db: Db, measureId: number) =>
  db
    .select({ p: findingProgress, authorName: users.displayName })
    .from(findingProgress)
    .innerJoin(users, eq(users.id, findingProgress.authorId))
    .where(eq(findingProgress.measureId, measureId))
    .orderBy(asc(findingProgress.at), asc(findingProgress.id));

/** Counts for the workbench, each the count its list link opens. */
export async function countMeasures(db: Db, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(findingMeasures).where(where);
  return row?.n ?? 0;
}

/** Division of a progress entry, for the attachment reader. */
export async function progressDivision(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ d: findingProgress.divisionCode }).from(findingProgress).where(eq(findingProgress.id, id));
  return row?.d;
}

/** Active users of the given roles in the scope, for the owner and reviewer pickers. */
export const peopleInScope = (db: Db, scope: string, roles: string[]) =>
  db
    .select({ id: users.id, displayName: users.displayName, divisionCode: users.divisionCode, role: users.role })
    .from(users)
    .where(
      and(inScopeSql(users.divisionCode, scope), eq(users.disabled, false), inArray(users.role, roles as (typeof users.role._.data)[])),
    )
    .orderBy(asc(users.divisionCode), asc(users.displayName))
    .limit(500);
