import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  campaigns,
  enterprises,
  findings,
  hazardCampaigns,
  hazardExtensions,
  hazardOrderSequences,
  hazards,
  hazardTransitions,
  inspectionItems,
  inspections,
  users,
} from '../../../db/schema/index';

export type THazardRow = typeof hazards.$inferSelect;
export type THazardInsert = typeof hazards.$inferInsert;

// The list and page queries live in hazard-list.repo.ts; callers reach both through this file.
export * from './hazard-list.repo';

/** The firm an enterprise user speaks for (users.enterprise_id). */
export async function enterpriseOfUser(db: Db, userId: number): Promise<number | null> {
  const [row] = await db.select({ enterpriseId: users.enterpriseId }).from(users).where(eq(users.id, userId));
  return row?.enterpriseId ?? null;
}

export async function findFirm(db: Db, id: number) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      divisionCode: enterprises.divisionCode,
      creditCode: enterprises.creditCode,
      address: enterprises.address,
      legalRepresentative: enterprises.legalRepresentative,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

const criterionColumns = {
  id: inspectionItems.id,
  code: inspectionItems.code,
  title: inspectionItems.title,
  standard: inspectionItems.standard,
  groupName: inspectionItems.groupName,
  legalBasis: inspectionItems.legalBasis,
  majorHazard: inspectionItems.majorHazard,
};

export async function findItem(db: Db, id: number) {
  const [row] = await db.select(criterionColumns).from(inspectionItems).where(eq(inspectionItems.id, id));
  return row;
}

/** The major-hazard criteria catalogue (重大事故隐患判定标准 items of the inspection catalogue). */
export async function listCriteria(db: Db) {
  return db
    .select({
      id: inspectionItems.id,
      code: inspectionItems.code,
      title: inspectionItems.title,
      standard: inspectionItems.standard,
      groupName: inspectionItems.groupName,
    })
    .from(inspectionItems)
    .where(and(eq(inspectionItems.majorHazard, true), eq(inspectionItems.active, true)))
    .orderBy(asc(inspectionItems.groupName), asc(inspectionItems.sort), asc(inspectionItems.code));
}

export async function existingCampaignIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: campaigns.id }).from(campaigns).where(inArray(campaigns.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function insertHazard(db: Db, row: THazardInsert): Promise<THazardRow> {
  const [saved] = await db.insert(hazards).values(row).returning();
  return saved!;
}

export async function linkCampaigns(db: Db, hazardId: number, campaignIds: number[]): Promise<void> {
  if (campaignIds.length > 0)
    await db.insert(hazardCampaigns).values([...new Set(campaignIds)].map((campaignId) => ({ hazardId, campaignId })));
}

export async function updateHazard(db: Db, id: number, fields: Partial<THazardInsert>): Promise<void> {
  await db.update(hazards).set(fields).where(eq(hazards.id, id));
}

export async function findHazardRow(db: Db, id: number, forUpdate = false): Promise<THazardRow | undefined> {
  const q = db.select().from(hazards).where(eq(hazards.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertTransition(db: Db, row: typeof hazardTransitions.$inferInsert): Promise<void> {
  await db.insert(hazardTransitions).values(row);
}

export async function pendingExtension(db: Db, hazardId: number) {
  const [row] = await db
    .select()
    .from(hazardExtensions)
    .where(and(eq(hazardExtensions.hazardId, hazardId), eq(hazardExtensions.status, 'pending')));
  return row;
}

export async function insertExtension(db: Db, row: typeof hazardExtensions.$inferInsert): Promise<void> {
  await db.insert(hazardExtensions).values(row);
}

export async function decideExtension(
  db: Db,
  id: number,
  fields: { status: 'approved' | 'rejected'; decidedBy: number; decidedAt: string; decisionNote: string | null },
): Promise<void> {
  await db.update(hazardExtensions).set(fields).where(eq(hazardExtensions.id, id));
}

/** The next 责令限期整改指令书 number of an issuing body in a year, under the counter row's lock (no gaps). */
export async function nextOrderNo(db: Db, issuerCode: string, year: number): Promise<number> {
  const [row] = await db
    .insert(hazardOrderSequences)
    .values({ issuerCode, year, lastNo: 1 })
    .onConflictDoUpdate({
      target: [hazardOrderSequences.issuerCode, hazardOrderSequences.year],
      set: { lastNo: sql`${hazardOrderSequences.lastNo} + 1` },
    })
    .returning({ lastNo: hazardOrderSequences.lastNo });
  return row!.lastNo;
}

/** Findings of one inspection, locked, with their item's major-hazard flag. */
export async function findingsForTakeover(db: Db, inspectionId: number, ids: number[]) {
  return db
    .select({
      id: findings.id,
      inspectionId: findings.inspectionId,
      enterpriseId: findings.enterpriseId,
      divisionCode: findings.divisionCode,
      itemId: findings.itemId,
      description: findings.description,
      majorHazard: findings.majorHazard,
      itemMajor: inspectionItems.majorHazard,
      photos: findings.photos,
      foundOn: findings.foundOn,
      hazardId: findings.hazardId,
    })
    .from(findings)
    .leftJoin(inspectionItems, eq(inspectionItems.id, findings.itemId))
    .where(and(eq(findings.inspectionId, inspectionId), inArray(findings.id, ids)))
    .for('update', { of: findings });
}

export async function setFindingHazard(db: Db, findingId: number, hazardId: number): Promise<void> {
  await db.update(findings).set({ hazardId }).where(eq(findings.id, findingId));
}

export async function findInspection(db: Db, id: number) {
  const [row] = await db
    .select({
      id: inspections.id,
      divisionCode: inspections.divisionCode,
      enterpriseId: inspections.enterpriseId,
      status: inspections.status,
      inspectedOn: inspections.inspectedOn,
    })
    .from(inspections)
    .where(eq(inspections.id, id));
  return row;
}

/** Open hazards per firm (the deregistration guard's obligations), major ones counted apart. */
export async function openCounts(db: Db, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return [];
  return db
    .select({
      enterpriseId: hazards.enterpriseId,
      open: sql<number>`count(*)::int`,
      major: sql<number>`count(*) FILTER (WHERE ${hazards.level} = 'major')::int`,
    })
    .from(hazards)
    .where(and(inArray(hazards.enterpriseId, enterpriseIds), sql`${hazards.state} <> 'closed'`))
    .groupBy(hazards.enterpriseId);
}

/** The firms among `candidates` (a subquery of ids) with an open hazard: `openCounts`'s firms, in one query. */
export async function owingAmong(db: Db, candidates: SQL): Promise<number[]> {
  const rows = await db
    .selectDistinct({ enterpriseId: hazards.enterpriseId })
    .from(hazards)
    .where(and(sql`${hazards.enterpriseId} IN ${candidates}`, sql`${hazards.state} <> 'closed'`));
  return rows.map((r) => r.enterpriseId);
}

/** The officer who ordered (the order transition's actor): the issuing body is their town or the city bureau. */
export async function orderingDivision(db: Db, hazardId: number): Promise<string | null> {
  const [row] = await db
    .select({ divisionCode: users.divisionCode })
    .from(hazardTransitions)
    .innerJoin(users, eq(users.id, hazardTransitions.actorId))
    .where(and(eq(hazardTransitions.hazardId, hazardId), eq(hazardTransitions.action, 'order')))
    .orderBy(asc(hazardTransitions.id))
    .limit(1);
  return row?.divisionCode ?? null;
}

/** The order transition: the deadline the order set (a later extension or re-check does not rewrite the issued document). */
export async function orderTransition(db: Db, hazardId: number): Promise<{ deadline: string | null } | undefined> {
  const [row] = await db
    .select({ deadline: hazardTransitions.deadline })
    .from(hazardTransitions)
    .where(and(eq(hazardTransitions.hazardId, hazardId), eq(hazardTransitions.action, 'order')))
    .orderBy(asc(hazardTransitions.id))
    .limit(1);
  return row;
}
