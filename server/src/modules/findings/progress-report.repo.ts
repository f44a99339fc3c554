/** All SQL of the public progress report: reports, their feedback, and the progress notes a report prints. */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { findingMeasures, findingProgress, findingReportFeedback, findingReports, findingRounds, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TReportRow = typeof findingReports.$inferSelect;
export type TFeedbackRow = typeof findingReportFeedback.$inferSelect;

const author = alias(users, 'author');
const approver = alias(users, 'approver');

function reportSelect(db: Db) {
  const fb = db
    .select({
      reportId: findingReportFeedback.reportId,
      n: count().as('n'),
      open: sql<number>`count(*) filter (where ${findingReportFeedback.reply} is null)`.mapWith(Number).as('open'),
    })
    .from(findingReportFeedback)
    .groupBy(findingReportFeedback.reportId)
    .as('fb');
  return db
    .select({
      r: findingReports,
      roundTitle: findingRounds.title,
      authorName: author.displayName,
      approvedByName: approver.displayName,
      feedbackCount: sql<number>`coalesce(${fb.n}, 0)`.mapWith(Number),
      unansweredCount: sql<number>`coalesce(${fb.open}, 0)`.mapWith(Number),
    })
    .from(findingReports)
    .innerJoin(findingRounds, eq(findingRounds.id, findingReports.roundId))
    .innerJoin(author, eq(author.id, findingReports.createdBy))
    .leftJoin(approver, eq(approver.id, findingReports.approvedBy))
    .leftJoin(fb, eq(fb.reportId, findingReports.id));
}
export type TReportJoined = Awaited<ReturnType<ReturnType<typeof reportSelect>['execute']>>[number];

export const listReports = (db: Db, scope: string) =>
  reportSelect(db).where(inScopeSql(findingReports.divisionCode, scope)).orderBy(desc(findingReports.createdAt), desc(findingReports.id));

export async function findReport(db: Db, id: number): Promise<TReportJoined | undefined> {
  const [row] = await reportSelect(db).where(eq(findingReports.id, id));
  return row;
}

export async function lockReport(db: Db, id: number): Promise<TReportRow | undefined> {
  const [row] = await db.select().from(findingReports).where(eq(findingReports.id, id)).for('update');
  return row;
}

export async function insertReport(db: Db, row: typeof findingReports.$inferInsert): Promise<TReportRow> {
  const [saved] = await db.insert(findingReports).values(row).returning();
  return saved!;
}

export async function updateReport(db: Db, id: number, change: Partial<typeof findingReports.$inferInsert>): Promise<void> {
  await db.update(findingReports).set(change).where(eq(findingReports.id, id));
}

/** Published reports, newest first, for the public page. */
export const publishedReports = (db: Db) =>
  db
    .select()
    .from(findingReports)
    .where(eq(findingReports.state, 'published'))
    .orderBy(desc(findingReports.publishedAt), desc(findingReports.id))
    .limit(100);

/** The progress notes of a round's measures, in order: what each measure's owner reported as done. */
export const progressNotesOfRound = (db: Db, roundId: number) =>
  db
    .select({ measureId: findingProgress.measureId, note: findingProgress.note })
    .from(findingProgress)
    .innerJoin(findingMeasures, eq(findingMeasures.id, findingProgress.measureId))
    .where(and(eq(findingMeasures.roundId, roundId), eq(findingProgress.kind, 'progress')))
    .orderBy(asc(findingProgress.at), asc(findingProgress.id));

const replier = alias(users, 'replier');

export const feedbackOf = (db: Db, reportIds: number[]) =>
  db
    .select({ f: findingReportFeedback, repliedByName: replier.displayName })
    .from(findingReportFeedback)
    .leftJoin(replier, eq(replier.id, findingReportFeedback.repliedBy))
    .where(inArray(findingReportFeedback.reportId, reportIds))
    .orderBy(desc(findingReportFeedback.receivedAt), desc(findingReportFeedback.id));

export async function insertFeedback(db: Db, row: typeof findingReportFeedback.$inferInsert): Promise<TFeedbackRow> {
  const [saved] = await db.insert(findingReportFeedback).values(row).returning();
  return saved!;
}

/** Locks a feedback entry not yet answered. */
export async function lockFeedback(db: Db, id: number): Promise<TFeedbackRow | undefined> {
  const [row] = await db.select().from(findingReportFeedback).where(eq(findingReportFeedback.id, id)).for('update');
  return row;
}

export async function answerFeedback(db: Db, id: number, change: { reply: string; repliedBy: number; repliedAt: string }) {
  await db
    .update(findingReportFeedback)
    .set(change)
    .where(and(eq(findingReportFeedback.id, id), isNull(findingReportFeedback.reply)));
}
