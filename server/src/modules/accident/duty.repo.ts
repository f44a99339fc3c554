/** All SQL of the duty room: roster, swaps and log, scoped by the duty room's city. */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accidents, dutyAssignments, dutyLog, dutySwaps, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export const assignments = (db: Db, scope: string, from: string, to: string) =>
  db
    .select()
    .from(dutyAssignments)
    .where(and(inScopeSql(dutyAssignments.divisionCode, scope), gte(dutyAssignments.dutyDate, from), lte(dutyAssignments.dutyDate, to)))
    .orderBy(asc(dutyAssignments.dutyDate), asc(dutyAssignments.position), asc(dutyAssignments.id));

export const swaps = (db: Db, scope: string, from: string, to: string) =>
  db
    .select({ s: dutySwaps, recordedBy: users.displayName })
    .from(dutySwaps)
    .leftJoin(users, eq(users.id, dutySwaps.recordedBy))
    .where(and(inScopeSql(dutySwaps.divisionCode, scope), gte(dutySwaps.dutyDate, from), lte(dutySwaps.dutyDate, to)))
    .orderBy(asc(dutySwaps.at), asc(dutySwaps.id));

export async function replaceDay(
  tx: Db,
  divisionCode: string,
  dutyDate: string,
  people: { post: 'leader' | 'chief' | 'officer'; name: string; phone: string }[],
) {
  await tx.delete(dutyAssignments).where(and(eq(dutyAssignments.divisionCode, divisionCode), eq(dutyAssignments.dutyDate, dutyDate)));
  if (people.length) await tx.insert(dutyAssignments).values(people.map((p, position) => ({ divisionCode, dutyDate, position, ...p })));
}

export async function insertSwap(tx: Db, values: typeof dutySwaps.$inferInsert) {
  await tx.insert(dutySwaps).values(values);
}

export const logEntries = (db: Db, scope: string, filter: { date?: string; accidentId?: number }) =>
  db
    .select({ l: dutyLog, recordedBy: users.displayName, accidentTitle: accidents.title })
    .from(dutyLog)
    .leftJoin(users, eq(users.id, dutyLog.recordedBy))
    .leftJoin(accidents, eq(accidents.id, dutyLog.accidentId))
    .where(
      and(
        inScopeSql(dutyLog.divisionCode, scope),
        filter.date ? eq(dutyLog.dutyDate, filter.date) : undefined,
        filter.accidentId ? eq(dutyLog.accidentId, filter.accidentId) : undefined,
      ),
    )
    .orderBy(asc(dutyLog.at), asc(dutyLog.id))
    .limit(1000);

export async function insertLog(tx: Db, values: typeof dutyLog.$inferInsert) {
  const [row] = await tx.insert(dutyLog).values(values).returning();
  return row!;
}

export async function accidentDivision(db: Db, id: number) {
  const [row] = await db
    .select({ divisionCode: accidents.divisionCode, title: accidents.title })
    .from(accidents)
    .where(eq(accidents.id, id));
  return row;
}
