/** All SQL of warnings and call-and-answer: the chain as the warning reads it, recipients, timers, log, board. */
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TChainPost } from '@yingji/domain';
import type { Db } from '../../db/client';
import {
  divisions,
  postHolders,
  villages,
  warningLog,
  warningPosts,
  warningRecipients,
  warnings,
  warningTimers,
  warningVersions,
} from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export async function townNames(db: Db, cityCode: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, cityCode)))
    .orderBy(asc(divisions.code));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function villageNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select()
    .from(villages)
    .where(inArray(villages.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Posts (with their active holders) of the given towns, or of the whole city; `ids` reads given posts instead. */
export async function chainPosts(
  db: Db,
  where: { cityCode: string; towns?: readonly string[]; ids?: readonly number[] },
): Promise<TChainPost[]> {
  const cond = where.ids
    ? inArray(warningPosts.id, [...where.ids])
    : where.towns
      ? inArray(warningPosts.divisionCode, [...where.towns])
      : inScopeSql(warningPosts.divisionCode, where.cityCode);
  const rows = await db
    .select({
      post: warningPosts,
      holderId: postHolders.id,
      name: postHolders.name,
      phone: postHolders.phone,
      userId: postHolders.userId,
    })
    .from(warningPosts)
    .leftJoin(postHolders, and(eq(postHolders.postId, warningPosts.id), eq(postHolders.active, true)))
    .where(cond)
    .orderBy(asc(warningPosts.id), asc(postHolders.id));
  const posts = new Map<number, TChainPost>();
  for (const r of rows) {
    let p = posts.get(r.post.id);
    if (!p) {
      const { id, divisionCode, villageCode, level, title, townLeader, superiorId } = r.post;
      p = { id, divisionCode, villageCode, level, title, townLeader, superiorId, holders: [] };
      posts.set(id, p);
    }
    if (r.holderId !== null) p.holders.push({ id: r.holderId, name: r.name!, phone: r.phone!, userId: r.userId });
  }
  return [...posts.values()];
}

/** The town's leader-on-duty posts with holders. */
export const leaderPosts = async (db: Db, town: string) =>
  (await chainPosts(db, { cityCode: town.slice(0, 4), towns: [town] })).filter((p) => p.townLeader && p.holders.length > 0);

export const insertWarning = async (db: Db, row: typeof warnings.$inferInsert) => (await db.insert(warnings).values(row).returning())[0]!;

export const findWarning = async (db: Db, id: number) => (await db.select().from(warnings).where(eq(warnings.id, id)))[0];

/**
 * The warning and a stamp of its board: how many log entries it has. Every change the board shows (a call, an
 * answer, a repeat, an escalation, a close) adds log entries in the same transaction and none is ever removed, so
 * an unchanged count means an unchanged board. (The latest entry's id would not do: ids are taken in one order and
 * committed in another.) Counted on warning_log_warning_idx.
 */
export async function findWarningWithBoardStamp(db: Db, id: number) {
  const [row] = await db
    .select({
      w: warnings,
      stamp: sql<string>`(SELECT count(*)::text FROM warning_log l WHERE l.warning_id = ${id})`,
    })
    .from(warnings)
    .where(eq(warnings.id, id));
  return row;
}

export const lockWarning = async (db: Db, id: number) => (await db.select().from(warnings).where(eq(warnings.id, id)).for('update'))[0];

export async function updateWarning(db: Db, id: number, set: Partial<typeof warnings.$inferInsert>) {
  return (await db.update(warnings).set(set).where(eq(warnings.id, id)).returning())[0]!;
}

export const insertVersion = (db: Db, row: typeof warningVersions.$inferInsert) => db.insert(warningVersions).values(row);

export const versionsOf = (db: Db, id: number) =>
  db.select().from(warningVersions).where(eq(warningVersions.warningId, id)).orderBy(asc(warningVersions.version));

/** A town sees the warnings naming it or the whole city; the bureau all. */
const warningScope = (scope: string): SQL | undefined =>
  scope.length === 9 ? or(eq(warnings.areaAll, true), sql`${scope} = ANY(${warnings.towns})`) : undefined;

export async function listWarnings(db: Db, scope: string, q: { state?: 'active' | 'lifted' | undefined; limit: number; offset: number }) {
  const where = and(warningScope(scope), q.state ? eq(warnings.state, q.state) : undefined);
  const [items, [total]] = await Promise.all([
    db.select().from(warnings).where(where).orderBy(desc(warnings.issuedAt), desc(warnings.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(warnings).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export const warningVisible = (w: { areaAll: boolean; towns: string[] }, scope: string) =>
  scope.length !== 9 || w.areaAll || w.towns.includes(scope);

/** Called and answered (stage 0, current version) per warning, for the list. */
export async function callCounts(db: Db, ids: readonly number[], scope: string) {
  if (ids.length === 0) return new Map<number, { called: number; answered: number }>();
  const rows = await db
    .select({
      warningId: warningRecipients.warningId,
      called: count(),
      answered:
        sql<number>`count(*) FILTER (WHERE ${warningRecipients.answeredAt} IS NOT NULL OR ${warningRecipients.state} = 'covered')`.mapWith(
          Number,
        ),
    })
    .from(warningRecipients)
    .innerJoin(warnings, and(eq(warnings.id, warningRecipients.warningId), eq(warnings.version, warningRecipients.version)))
    .where(
      and(
        inArray(warningRecipients.warningId, [...ids]),
        eq(warningRecipients.stage, 0),
        inScopeSql(warningRecipients.divisionCode, scope),
      ),
    )
    .groupBy(warningRecipients.warningId);
  return new Map(rows.map((r) => [r.warningId, { called: r.called, answered: r.answered }]));
}

/**
 * Rows a whole-city send writes per statement: building a statement is synchronous work on the event loop, and
 * 250 rows keep each slice to a few milliseconds, so boards and answers are served between the slices.
 */
const SLICE = 250;

export async function insertRecipients(db: Db, rows: (typeof warningRecipients.$inferInsert)[]) {
  const out: (typeof warningRecipients.$inferSelect)[] = [];
  for (let i = 0; i < rows.length; i += SLICE)
    out.push(
      ...(await db
        .insert(warningRecipients)
        .values(rows.slice(i, i + SLICE))
        .returning()),
    );
  return out;
}

export async function insertTimers(db: Db, rows: (typeof warningTimers.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += SLICE) await db.insert(warningTimers).values(rows.slice(i, i + SLICE));
}

export async function insertLog(db: Db, rows: (typeof warningLog.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += SLICE) await db.insert(warningLog).values(rows.slice(i, i + SLICE));
}

export const findRecipient = async (db: Db, id: number) =>
  (await db.select().from(warningRecipients).where(eq(warningRecipients.id, id)))[0];

/** The recipient with his warning, in one statement (every answer link opens with it). */
export async function recipientWithWarning(db: Db, id: number) {
  const [row] = await db
    .select({ r: warningRecipients, w: warnings })
    .from(warningRecipients)
    .innerJoin(warnings, eq(warnings.id, warningRecipients.warningId))
    .where(eq(warningRecipients.id, id));
  return row;
}

/** Recipients with their warnings, in one statement (a batch of answers from links). */
export const recipientsWithWarnings = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select({ r: warningRecipients, w: warnings })
        .from(warningRecipients)
        .innerJoin(warnings, eq(warnings.id, warningRecipients.warningId))
        .where(inArray(warningRecipients.id, [...ids]));

export const lockRecipient = async (db: Db, id: number) =>
  (await db.select().from(warningRecipients).where(eq(warningRecipients.id, id)).for('update'))[0];

export const recipientsByIds = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(warningRecipients)
        .where(inArray(warningRecipients.id, [...ids]));

export const waitingForUser = (db: Db, warningId: number, userId: number) =>
  db
    .select()
    .from(warningRecipients)
    .where(
      and(
        eq(warningRecipients.warningId, warningId),
        eq(warningRecipients.userId, userId),
        inArray(warningRecipients.state, ['waiting', 'escalated']),
        isNull(warningRecipients.answeredAt),
      ),
    );

/** Records an answer once (a second, concurrent one finds it answered and changes nothing). */
/**
 * Marks the recipients answered, each with its own time, note and channel, if still waiting or escalated and
 * unanswered (one statement for a batch); returns those it marked.
 */
export async function markAnsweredMany(db: Db, answers: readonly { r: { id: number }; at: string; note: string; via: 'link' | 'app' }[]) {
  if (answers.length === 0) return [];
  const values = JSON.stringify(answers.map((a) => ({ id: a.r.id, at: a.at, note: a.note, via: a.via })));
  return db
    .update(warningRecipients)
    .set({
      state: 'answered',
      answeredAt: sql`v.at`,
      answerNote: sql`v.note`,
      answeredVia: sql`v.via`,
    })
    .from(sql`json_to_recordset(${values}::json) AS v(id int, at timestamptz, note text, via text)`)
    .where(
      and(
        sql`${warningRecipients.id} = v.id`,
        inArray(warningRecipients.state, ['waiting', 'escalated']),
        isNull(warningRecipients.answeredAt),
      ),
    )
    .returning(getTableColumns(warningRecipients));
}

/** Sets the state of the still-waiting (or, with `escalated`, also escalated) unanswered recipients matched by `where`. */
export async function settleWaiting(db: Db, where: SQL, state: 'covered' | 'closed', escalated = false) {
  return db
    .update(warningRecipients)
    .set({ state })
    .where(
      and(
        where,
        inArray(warningRecipients.state, escalated ? ['waiting', 'escalated'] : ['waiting']),
        isNull(warningRecipients.answeredAt),
      ),
    )
    .returning({ id: warningRecipients.id, divisionCode: warningRecipients.divisionCode, name: warningRecipients.name });
}

export const recipientWhere = {
  /** The other holders of the same posts, at the same stage of the same version, as the recipients given. */
  samePosts: (rs: readonly { warningId: number; version: number; postId: number; stage: number }[]) =>
    sql`(${warningRecipients.warningId}, ${warningRecipients.version}, ${warningRecipients.postId}, ${warningRecipients.stage}) IN (SELECT * FROM json_to_recordset(${JSON.stringify(
      rs.map(({ warningId, version, postId, stage }) => ({ warningId, version, postId, stage })),
    )}::json) AS k("warningId" int, version int, "postId" int, stage int))`,
  escalatedFrom: (ids: readonly number[]) => inArray(warningRecipients.escalatedFrom, [...ids]),
  ofWarning: (warningId: number) => eq(warningRecipients.warningId, warningId),
};

/** Cancels the unfired timers of the recipients (they answered or were closed). */
export async function cancelTimers(db: Db, recipientIds: readonly number[], at: string) {
  if (recipientIds.length === 0) return;
  await db
    .update(warningTimers)
    .set({ firedAt: at })
    .where(and(inArray(warningTimers.recipientId, [...recipientIds]), isNull(warningTimers.firedAt)));
}

export async function cancelWarningTimers(db: Db, warningId: number, at: string) {
  await db
    .update(warningTimers)
    .set({ firedAt: at })
    .where(and(eq(warningTimers.warningId, warningId), isNull(warningTimers.firedAt)));
}

/** Takes the timers due at `now` (one indexed query on the partial index of unfired timers), marking them fired. */
export async function takeDueTimers(db: Db, now: string, limit: number) {
  const due = db
    .select({ id: warningTimers.id })
    .from(warningTimers)
    .where(and(isNull(warningTimers.firedAt), lte(warningTimers.dueAt, now)))
    .orderBy(asc(warningTimers.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db.update(warningTimers).set({ firedAt: now }).where(inArray(warningTimers.id, due)).returning();
}

export const pendingTimers = async (db: Db) =>
  (await db.select({ n: count() }).from(warningTimers).where(isNull(warningTimers.firedAt)))[0]?.n ?? 0;

/** Marks a still-waiting, unanswered recipient escalated; false when someone else changed him first. */
export async function markEscalated(db: Db, id: number, at: string) {
  const rows = await db
    .update(warningRecipients)
    .set({ state: 'escalated', escalatedAt: at })
    .where(and(eq(warningRecipients.id, id), eq(warningRecipients.state, 'waiting'), isNull(warningRecipients.answeredAt)))
    .returning({ id: warningRecipients.id });
  return rows.length > 0;
}

/** The board's counts per town (stage 0 of the current version) and the silent people of every stage. */
export async function boardRows(db: Db, warningId: number, version: number, scope: string) {
  const base = and(
    eq(warningRecipients.warningId, warningId),
    eq(warningRecipients.version, version),
    inScopeSql(warningRecipients.divisionCode, scope),
  );
  const [counts, silent] = await Promise.all([
    db
      .select({
        code: warningRecipients.divisionCode,
        called: count(),
        answered:
          sql<number>`count(*) FILTER (WHERE ${warningRecipients.state} IN ('answered', 'covered') OR ${warningRecipients.answeredAt} IS NOT NULL)`.mapWith(
            Number,
          ),
        waiting: sql<number>`count(*) FILTER (WHERE ${warningRecipients.state} = 'waiting')`.mapWith(Number),
        escalated:
          sql<number>`count(*) FILTER (WHERE ${warningRecipients.state} = 'escalated' AND ${warningRecipients.answeredAt} IS NULL)`.mapWith(
            Number,
          ),
      })
      .from(warningRecipients)
      .where(and(base, eq(warningRecipients.stage, 0)))
      .groupBy(warningRecipients.divisionCode),
    // What the board shows of each silent person, with his village's name, and nothing else: it is read a few times a
    // second by every open board while a warning runs.
    db
      .select({
        id: warningRecipients.id,
        divisionCode: warningRecipients.divisionCode,
        name: warningRecipients.name,
        phone: warningRecipients.phone,
        postTitle: warningRecipients.postTitle,
        villageName: villages.name,
        stage: warningRecipients.stage,
        state: warningRecipients.state,
        sentAt: warningRecipients.sentAt,
        answeredAt: warningRecipients.answeredAt,
        repeats: warningRecipients.repeats,
      })
      .from(warningRecipients)
      .leftJoin(villages, eq(villages.code, warningRecipients.villageCode))
      .where(and(base, inArray(warningRecipients.state, ['waiting', 'escalated']), isNull(warningRecipients.answeredAt)))
      .orderBy(asc(warningRecipients.sentAt), asc(warningRecipients.id))
      .limit(500),
  ]);
  return { counts, silent };
}

export async function logPage(db: Db, warningId: number, scope: string, limit: number, offset: number) {
  const where = and(eq(warningLog.warningId, warningId), inScopeSql(warningLog.divisionCode, scope));
  const [items, [total]] = await Promise.all([
    db.select().from(warningLog).where(where).orderBy(desc(warningLog.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(warningLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One more repeat call for each of the recipients. */
export async function countRepeat(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await db
    .update(warningRecipients)
    .set({ repeats: sql`${warningRecipients.repeats} + 1` })
    .where(inArray(warningRecipients.id, [...ids]));
}

/** Whether the user was called for the warning (any version, any stage): he reads its attachment. */
export async function isRecipient(db: Db, warningId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: warningRecipients.id })
    .from(warningRecipients)
    .where(and(eq(warningRecipients.warningId, warningId), eq(warningRecipients.userId, userId)))
    .limit(1);
  return !!row;
}
