/** All SQL of the flood-season checks (汛前检查): rounds, results by town and village, the towns and villages checked. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { divisions, floodCheckResults, floodCheckRounds, users, villages } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TRoundRow = typeof floodCheckRounds.$inferSelect;
export type TResultRow = { r: typeof floodCheckResults.$inferSelect; checkedByName: string };

export async function listRounds(db: Db) {
  return db
    .select({ r: floodCheckRounds, createdByName: users.displayName })
    .from(floodCheckRounds)
    .innerJoin(users, eq(users.id, floodCheckRounds.createdBy))
    .orderBy(desc(floodCheckRounds.season), desc(floodCheckRounds.id));
}

export async function findRound(db: Db, id: number) {
  const [row] = await db
    .select({ r: floodCheckRounds, createdByName: users.displayName })
    .from(floodCheckRounds)
    .innerJoin(users, eq(users.id, floodCheckRounds.createdBy))
    .where(eq(floodCheckRounds.id, id));
  return row ?? null;
}

export async function insertRound(db: Db, values: typeof floodCheckRounds.$inferInsert) {
  const [row] = await db.insert(floodCheckRounds).values(values).returning({ id: floodCheckRounds.id });
  return row!.id;
}

/** The towns in a scope, in code order. */
export async function towns(db: Db, scope: string) {
  return db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, scope)))
    .orderBy(asc(divisions.code));
}

export async function findTown(db: Db, code: string) {
  const [row] = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.code, code), eq(divisions.level, 'town')));
  return row ?? null;
}

/** The villages (村居) of the towns in a scope, as the warning chain registered them. */
export async function villagesIn(db: Db, scope: string) {
  return db
    .select({ code: villages.code, name: villages.name, townCode: villages.townCode })
    .from(villages)
    .where(inScopeSql(villages.townCode, scope))
    .orderBy(asc(villages.code));
}

export async function findVillage(db: Db, code: string) {
  const [row] = await db
    .select({ code: villages.code, name: villages.name, townCode: villages.townCode })
    .from(villages)
    .where(eq(villages.code, code));
  return row ?? null;
}

/** Every result of a round in a scope (a town's own items carry village_code ''). */
export async function results(db: Db, roundId: number, scope: string, villageCode?: string): Promise<TResultRow[]> {
  return db
    .select({ r: floodCheckResults, checkedByName: users.displayName })
    .from(floodCheckResults)
    .innerJoin(users, eq(users.id, floodCheckResults.checkedBy))
    .where(
      and(
        eq(floodCheckResults.roundId, roundId),
        inScopeSql(floodCheckResults.divisionCode, scope),
        villageCode === undefined ? undefined : eq(floodCheckResults.villageCode, villageCode),
      ),
    )
    .orderBy(asc(floodCheckResults.divisionCode), asc(floodCheckResults.villageCode), asc(floodCheckResults.id));
}

/** Records (or re-records) one item; a re-check clears an earlier fix. Returns the row id. */
export async function upsertResult(db: Db, values: typeof floodCheckResults.$inferInsert): Promise<number> {
  const [row] = await db
    .insert(floodCheckResults)
    .values(values)
    .onConflictDoUpdate({
      target: [floodCheckResults.roundId, floodCheckResults.divisionCode, floodCheckResults.villageCode, floodCheckResults.itemCode],
      set: {
        present: values.present,
        note: values.note,
        photos: values.photos,
        department: values.department,
        checkedOn: values.checkedOn,
        checkedBy: values.checkedBy,
        fixedOn: null,
        fixNote: '',
        updatedAt: values.updatedAt,
      },
    })
    .returning({ id: floodCheckResults.id });
  return row!.id;
}

export async function lockResult(db: Db, roundId: number, townCode: string, villageCode: string, itemCode: string) {
  const [row] = await db
    .select()
    .from(floodCheckResults)
    .where(
      and(
        eq(floodCheckResults.roundId, roundId),
        eq(floodCheckResults.divisionCode, townCode),
        eq(floodCheckResults.villageCode, villageCode),
        eq(floodCheckResults.itemCode, itemCode),
      ),
    )
    .for('update');
  return row ?? null;
}

export async function setFixed(db: Db, id: number, fixedOn: string, fixNote: string, updatedAt: string) {
  await db.update(floodCheckResults).set({ fixedOn, fixNote, updatedAt }).where(eq(floodCheckResults.id, id));
}

/** The town of a result row, for the attachment reader. */
export async function resultTown(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ d: floodCheckResults.divisionCode }).from(floodCheckResults).where(eq(floodCheckResults.id, id));
  return row?.d;
}
