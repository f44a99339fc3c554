/** SQL of flood-season response levels and their consultations. */
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { consultations, responseLevels, warnings } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TResponseRow = typeof responseLevels.$inferSelect;

/** A town sees the city's responses and its own; the bureau all of its city. */
const visible = (scope: string): SQL | undefined =>
  scope.length === 9
    ? or(eq(responseLevels.divisionCode, scope), eq(responseLevels.divisionCode, scope.slice(0, 4)))
    : inScopeSql(responseLevels.divisionCode, scope);

export async function list(db: Db, scope: string, q: { active?: boolean | undefined; limit: number; offset: number }) {
  const where = and(visible(scope), q.active === undefined ? undefined : q.active ? isNull(responseLevels.endedAt) : undefined);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(responseLevels)
      .where(where)
      .orderBy(desc(isNull(responseLevels.endedAt)), desc(responseLevels.startedAt), desc(responseLevels.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(responseLevels).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export const find = async (db: Db, id: number) => (await db.select().from(responseLevels).where(eq(responseLevels.id, id)))[0];

export const lock = async (db: Db, id: number) =>
  (await db.select().from(responseLevels).where(eq(responseLevels.id, id)).for('update'))[0];

/** The response on for an area (at most one). */
export const activeFor = async (db: Db, divisionCode: string) =>
  (
    await db
      .select()
      .from(responseLevels)
      .where(and(eq(responseLevels.divisionCode, divisionCode), isNull(responseLevels.endedAt)))
  )[0];

/** Every response still on (for the overdue reminder). */
export const allActive = (db: Db) => db.select().from(responseLevels).where(isNull(responseLevels.endedAt));

export const insert = async (db: Db, row: typeof responseLevels.$inferInsert) =>
  (await db.insert(responseLevels).values(row).returning())[0]!;

export const end = async (db: Db, id: number, at: string, reason: string) =>
  (await db.update(responseLevels).set({ endedAt: at, endReason: reason }).where(eq(responseLevels.id, id)).returning())[0]!;

/** The consultation times of the responses. */
export async function heldAt(db: Db, ids: readonly number[]) {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ responseId: consultations.responseId, heldAt: consultations.heldAt })
    .from(consultations)
    .where(inArray(consultations.responseId, [...ids]))
    .orderBy(asc(consultations.heldAt));
  for (const r of rows) out.get(r.responseId)!.push(r.heldAt);
  return out;
}

export const consultationsOf = (db: Db, id: number) =>
  db.select().from(consultations).where(eq(consultations.responseId, id)).orderBy(desc(consultations.heldAt), desc(consultations.id));

export const insertConsultation = async (db: Db, row: typeof consultations.$inferInsert) =>
  (await db.insert(consultations).values(row).returning())[0]!;

/** The ids among these that are warnings of the city. */
export async function knownWarnings(db: Db, cityCode: string, ids: readonly number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db
    .select({ id: warnings.id })
    .from(warnings)
    .where(and(inArray(warnings.id, [...ids]), eq(warnings.divisionCode, cityCode)));
  return new Set(rows.map((r) => r.id));
}

/** The division of the response a consultation belongs to (the attachment reader's scope). */
export async function consultationDivision(db: Db, id: number) {
  const [row] = await db
    .select({ divisionCode: responseLevels.divisionCode })
    .from(consultations)
    .innerJoin(responseLevels, eq(responseLevels.id, consultations.responseId))
    .where(eq(consultations.id, id));
  return row?.divisionCode;
}
