import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { caseOfficers, caseReviewFiles, caseReviewProblems, caseReviewRounds, cases, divisions } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

const DECIDED = ['served', 'executing', 'paid', 'closed'];

/** Decided files in scope whose decision falls in the period, picked at random (server-side) or as chosen. */
export async function pickCases(db: Db, scope: string, from: string, to: string, o: { sample?: number; caseIds?: number[] }) {
  const where = and(
    inScopeSql(cases.divisionCode, scope, cases.cityCode),
    inArray(cases.stage, DECIDED),
    gte(cases.decidedOn, from),
    lte(cases.decidedOn, to),
    o.caseIds ? inArray(cases.id, o.caseIds) : undefined,
  );
  const q = db.select({ id: cases.id, divisionCode: cases.divisionCode, caseNo: cases.caseNo }).from(cases).where(where);
  return o.caseIds ? q.orderBy(asc(cases.id)) : q.orderBy(sql`random()`).limit(o.sample ?? 0);
}

export async function officerIdsOf(db: Db, caseIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (caseIds.length === 0) return out;
  for (const r of await db.select().from(caseOfficers).where(inArray(caseOfficers.caseId, caseIds)))
    out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.userId]);
  return out;
}

export async function insertRound(db: Db, row: typeof caseReviewRounds.$inferInsert) {
  const [saved] = await db.insert(caseReviewRounds).values(row).returning();
  return saved!;
}

export async function insertFiles(db: Db, rows: (typeof caseReviewFiles.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(caseReviewFiles).values(rows);
}

export async function findRound(db: Db, id: number) {
  const [row] = await db.select().from(caseReviewRounds).where(eq(caseReviewRounds.id, id));
  return row;
}

export async function listRounds(db: Db, scope: string) {
  return db
    .select()
    .from(caseReviewRounds)
    .where(inScopeSql(caseReviewRounds.divisionCode, scope))
    .orderBy(desc(caseReviewRounds.id))
    .limit(200);
}

export async function filesOf(db: Db, roundId: number) {
  return db
    .select({
      caseId: caseReviewFiles.caseId,
      caseNo: cases.caseNo,
      divisionCode: caseReviewFiles.divisionCode,
      reviewerId: caseReviewFiles.reviewerId,
      totalScore: caseReviewFiles.totalScore,
      scores: caseReviewFiles.scores,
      scoredAt: caseReviewFiles.scoredAt,
    })
    .from(caseReviewFiles)
    .innerJoin(cases, eq(cases.id, caseReviewFiles.caseId))
    .where(eq(caseReviewFiles.roundId, roundId))
    .orderBy(asc(caseReviewFiles.divisionCode), asc(caseReviewFiles.caseId));
}

export async function findFile(db: Db, roundId: number, caseId: number) {
  const [row] = await db
    .select()
    .from(caseReviewFiles)
    .where(and(eq(caseReviewFiles.roundId, roundId), eq(caseReviewFiles.caseId, caseId)))
    .for('update');
  return row;
}

export async function saveScore(
  db: Db,
  roundId: number,
  caseId: number,
  fields: Partial<typeof caseReviewFiles.$inferInsert>,
): Promise<void> {
  await db
    .update(caseReviewFiles)
    .set(fields)
    .where(and(eq(caseReviewFiles.roundId, roundId), eq(caseReviewFiles.caseId, caseId)));
}

export async function replaceProblems(
  db: Db,
  roundId: number,
  caseId: number,
  rows: (typeof caseReviewProblems.$inferInsert)[],
): Promise<void> {
  await db.delete(caseReviewProblems).where(and(eq(caseReviewProblems.roundId, roundId), eq(caseReviewProblems.caseId, caseId)));
  if (rows.length) await db.insert(caseReviewProblems).values(rows);
}

export async function problemsOf(db: Db, scope: string, o: { roundId?: number; open?: boolean; sendBackOnly?: boolean }) {
  return db
    .select({ p: caseReviewProblems, caseNo: cases.caseNo, divisionName: divisions.name })
    .from(caseReviewProblems)
    .innerJoin(cases, eq(cases.id, caseReviewProblems.caseId))
    .leftJoin(divisions, eq(divisions.code, caseReviewProblems.divisionCode))
    .where(
      and(
        inScopeSql(caseReviewProblems.divisionCode, scope),
        o.roundId ? eq(caseReviewProblems.roundId, o.roundId) : undefined,
        o.open === true
          ? isNull(caseReviewProblems.resolvedAt)
          : o.open === false
            ? sql`${caseReviewProblems.resolvedAt} IS NOT NULL`
            : undefined,
        o.sendBackOnly ? eq(caseReviewProblems.sendBack, true) : undefined,
      ),
    )
    .orderBy(asc(caseReviewProblems.divisionCode), asc(caseReviewProblems.id))
    .limit(2000);
}

export async function findProblem(db: Db, id: number) {
  const [row] = await db.select().from(caseReviewProblems).where(eq(caseReviewProblems.id, id)).for('update');
  return row;
}

export async function resolveProblem(db: Db, id: number, at: string): Promise<void> {
  await db.update(caseReviewProblems).set({ resolvedAt: at }).where(eq(caseReviewProblems.id, id));
}
