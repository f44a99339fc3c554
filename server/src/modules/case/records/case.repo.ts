import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  caseDocuments,
  caseDocumentSequences,
  caseEvents,
  caseEvidence,
  caseExtensions,
  caseOfficers,
  casePayments,
  casePenalties,
  cases,
  enterprises,
  inspectors,
  users,
} from '../../../db/schema/index';

export type TCaseRow = typeof cases.$inferSelect;
export type TCaseInsert = typeof cases.$inferInsert;

/** One case and what hangs off it: officers, penalties, evidence, events, documents, payments, extensions. */
export async function insertCase(db: Db, row: TCaseInsert): Promise<TCaseRow> {
  const [saved] = await db.insert(cases).values(row).returning();
  return saved!;
}

export async function findCaseRow(db: Db, id: number, forUpdate = false): Promise<TCaseRow | undefined> {
  const q = db.select().from(cases).where(eq(cases.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Saves a change and bumps the version; the caller holds the row lock. */
export async function updateCase(db: Db, id: number, fields: Partial<TCaseInsert>): Promise<void> {
  await db
    .update(cases)
    .set({ ...fields, version: sql`${cases.version} + 1` })
    .where(eq(cases.id, id));
}

export async function findFirm(db: Db, id: number) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      divisionCode: enterprises.divisionCode,
      address: enterprises.address,
      legalRepresentative: enterprises.legalRepresentative,
      principalName: enterprises.principalName,
      principalPhone: enterprises.principalPhone,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

/** Officers with their certificates from the inspector pool (执法人员名录). */
export async function poolOfficers(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      divisionCode: users.divisionCode,
      certificateNo: sql<string>`coalesce(${inspectors.certificateNo}, '')`,
      certificateExpiresOn: sql<string>`coalesce(${inspectors.certificateExpiresOn}::text, '0000-01-01')`,
      active: sql<boolean>`coalesce(${inspectors.active}, false) AND NOT ${users.disabled}`,
    })
    .from(users)
    .leftJoin(inspectors, eq(inspectors.userId, users.id))
    .where(inArray(users.id, userIds));
}

export async function insertOfficers(db: Db, caseId: number, rows: { userId: number; certificateNo: string }[]): Promise<void> {
  if (rows.length) await db.insert(caseOfficers).values(rows.map((r) => ({ caseId, ...r })));
}

export async function officersOf(db: Db, caseId: number) {
  return db
    .select({ userId: caseOfficers.userId, displayName: users.displayName, certificateNo: caseOfficers.certificateNo })
    .from(caseOfficers)
    .innerJoin(users, eq(users.id, caseOfficers.userId))
    .where(eq(caseOfficers.caseId, caseId))
    .orderBy(asc(caseOfficers.userId));
}

export async function userName(db: Db, id: number): Promise<string | null> {
  const [row] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, id));
  return row?.n ?? null;
}

export async function replacePenalties(db: Db, caseId: number, rows: Omit<typeof casePenalties.$inferInsert, 'caseId'>[]): Promise<void> {
  await db.delete(casePenalties).where(eq(casePenalties.caseId, caseId));
  if (rows.length) await db.insert(casePenalties).values(rows.map((r) => ({ ...r, caseId })));
}

export async function setDecidedFine(db: Db, caseId: number, code: string, target: 'unit' | 'person', fen: number): Promise<void> {
  await db
    .update(casePenalties)
    .set({ decidedFineFen: fen })
    .where(and(eq(casePenalties.caseId, caseId), eq(casePenalties.code, code), eq(casePenalties.target, target)));
}

export async function penaltiesOf(db: Db, caseId: number) {
  return db
    .select()
    .from(casePenalties)
    .where(eq(casePenalties.caseId, caseId))
    .orderBy(asc(casePenalties.code), asc(casePenalties.target));
}

export async function insertEvidence(db: Db, row: typeof caseEvidence.$inferInsert) {
  const [saved] = await db.insert(caseEvidence).values(row).returning();
  await db
    .update(cases)
    .set({ evidenceCount: sql`${cases.evidenceCount} + 1` })
    .where(eq(cases.id, row.caseId));
  return saved!;
}

export async function evidenceOf(db: Db, caseId: number) {
  return db
    .select({
      id: caseEvidence.id,
      kind: caseEvidence.kind,
      title: caseEvidence.title,
      sha256: caseEvidence.sha256,
      collectedOn: caseEvidence.collectedOn,
      createdBy: users.displayName,
      createdAt: caseEvidence.createdAt,
    })
    .from(caseEvidence)
    .leftJoin(users, eq(users.id, caseEvidence.createdBy))
    .where(eq(caseEvidence.caseId, caseId))
    .orderBy(asc(caseEvidence.id));
}

export async function insertEvent(db: Db, row: typeof caseEvents.$inferInsert): Promise<void> {
  await db.insert(caseEvents).values(row);
}

export async function eventsOf(db: Db, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

/**
 * The next document number of (body, year, kind): the counter row is created or incremented in one statement, which
 * locks it until the caller's transaction ends. Concurrent decisions queue on the row; a rolled-back transaction
 * gives its number back. So numbers have no gaps and no duplicates (the unique index is the last guard).
 */
export async function nextDocumentSeq(db: Db, divisionCode: string, year: number, kind: string): Promise<number> {
  const [row] = await db
    .insert(caseDocumentSequences)
    .values({ divisionCode, year, kind, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [caseDocumentSequences.divisionCode, caseDocumentSequences.year, caseDocumentSequences.kind],
      set: { lastSeq: sql`${caseDocumentSequences.lastSeq} + 1` },
    })
    .returning({ seq: caseDocumentSequences.lastSeq });
  return row!.seq;
}

export async function insertDocument(db: Db, row: typeof caseDocuments.$inferInsert) {
  const [saved] = await db.insert(caseDocuments).values(row).returning();
  return saved!;
}

export async function documentsOf(db: Db, caseId: number) {
  return db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)).orderBy(asc(caseDocuments.id));
}

export async function findDocument(db: Db, caseId: number, docId: number) {
  const [row] = await db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.id, docId)));
  return row;
}

export async function insertPayment(db: Db, row: typeof casePayments.$inferInsert) {
  const [saved] = await db.insert(casePayments).values(row).returning();
  return saved!;
}

export async function paymentsOf(db: Db, caseId: number) {
  return db.select().from(casePayments).where(eq(casePayments.caseId, caseId)).orderBy(asc(casePayments.id));
}

export async function insertExtension(db: Db, row: typeof caseExtensions.$inferInsert): Promise<void> {
  await db.insert(caseExtensions).values(row);
}

export async function extensionsOf(db: Db, caseId: number) {
  return db
    .select({
      id: caseExtensions.id,
      days: caseExtensions.days,
      reason: caseExtensions.reason,
      approvedBy: users.displayName,
      approvedAt: caseExtensions.approvedAt,
    })
    .from(caseExtensions)
    .leftJoin(users, eq(users.id, caseExtensions.approvedBy))
    .where(eq(caseExtensions.caseId, caseId))
    .orderBy(asc(caseExtensions.id));
}

export async function extensionDaysOf(db: Db, caseIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (caseIds.length === 0) return out;
  for (const r of await db
    .select({ caseId: caseExtensions.caseId, days: caseExtensions.days })
    .from(caseExtensions)
    .where(inArray(caseExtensions.caseId, caseIds))) {
    out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.days]);
  }
  return out;
}

/** 安全生产法 art. 113 (1): the dates of the firm's penalty decisions in other cases (cases_ent_idx). */
export async function firmPenaltyDates(db: Db, enterpriseId: number, exceptCaseId: number): Promise<string[]> {
  const rows = await db
    .select({ on: cases.decidedOn })
    .from(cases)
    .where(
      and(
        eq(cases.enterpriseId, enterpriseId),
        eq(cases.decisionOutcome, 'penalty'),
        sql`${cases.id} <> ${exceptCaseId}`,
        sql`${cases.decidedOn} IS NOT NULL`,
      ),
    );
  return rows.map((r) => r.on!);
}
