import { aliasedTable, and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { THazardListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import {
  campaigns,
  divisions,
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
import { escapeLike, inScopeSql } from '../../../shared/scope';

export type THazardRow = typeof hazards.$inferSelect;
export type THazardInsert = typeof hazards.$inferInsert;

/** Who the list is for: an officer's division scope, or an enterprise user's one firm (null: none linked yet). */
export type THazardViewer = { scope: string } | { enterpriseId: number | null };

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

/** Open = found, ordered, rectifying (waiting on the firm) and past the deadline in the bureau's calendar. */
const overdueSql = (today: string) => sql`(${hazards.state} IN ('found', 'ordered', 'rectifying') AND ${hazards.deadline} < ${today})`;

export function listWhere(query: Omit<THazardListQuery, 'page' | 'pageSize'>, viewer: THazardViewer, today: string): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if ('scope' in viewer) where.push(inScopeSql(hazards.divisionCode, viewer.scope, hazards.cityCode));
  // An enterprise user sees its own firm only, whatever the query says.
  else where.push(viewer.enterpriseId === null ? sql`false` : eq(hazards.enterpriseId, viewer.enterpriseId));
  if (query.divisionCode) where.push(inScopeSql(hazards.divisionCode, query.divisionCode, hazards.cityCode));
  if (query.enterpriseId) where.push(eq(hazards.enterpriseId, query.enterpriseId));
  if (query.state) where.push(eq(hazards.state, query.state));
  if (query.open !== undefined) where.push(query.open ? sql`${hazards.state} <> 'closed'` : eq(hazards.state, 'closed'));
  if (query.overdue !== undefined) where.push(query.overdue ? overdueSql(today) : sql`NOT ${overdueSql(today)}`);
  if (query.level) where.push(eq(hazards.level, query.level));
  if (query.category) where.push(eq(hazards.category, query.category));
  if (query.source) where.push(eq(hazards.source, query.source));
  if (query.campaignId)
    where.push(
      sql`EXISTS (SELECT 1 FROM ${hazardCampaigns} hc WHERE hc.hazard_id = ${hazards.id} AND hc.campaign_id = ${query.campaignId})`,
    );
  if (query.supervised !== undefined) where.push(eq(hazards.supervised, query.supervised));
  if (query.extensionPending !== undefined)
    where.push(
      sql`${query.extensionPending ? sql`` : sql`NOT`} EXISTS (SELECT 1 FROM ${hazardExtensions} x WHERE x.hazard_id = ${hazards.id} AND x.status = 'pending')`,
    );
  if (query.from) where.push(gte(hazards.foundOn, query.from));
  if (query.to) where.push(lte(hazards.foundOn, query.to));
  if (query.closedFrom) where.push(gte(hazards.closedOn, query.closedFrom));
  if (query.closedTo) where.push(lte(hazards.closedOn, query.closedTo));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push(
      sql`(${hazards.description} ILIKE ${like} OR ${hazards.location} ILIKE ${like} OR EXISTS (SELECT 1 FROM ${enterprises} e WHERE e.id = ${hazards.enterpriseId} AND e.name ILIKE ${like}))`,
    );
  }
  return and(...where);
}

const itemColumns = {
  id: hazards.id,
  enterpriseId: hazards.enterpriseId,
  enterpriseName: enterprises.name,
  divisionCode: hazards.divisionCode,
  townName: divisions.name,
  source: hazards.source,
  category: hazards.category,
  level: hazards.level,
  description: hazards.description,
  location: hazards.location,
  foundOn: hazards.foundOn,
  deadline: hazards.deadline,
  state: hazards.state,
  supervised: hazards.supervised,
  closedAt: hazards.closedAt,
  version: hazards.version,
};
export type THazardItemRow = {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  divisionCode: string;
  townName: string | null;
  source: THazardRow['source'];
  category: string;
  level: THazardRow['level'];
  description: string;
  location: string;
  foundOn: string;
  deadline: string;
  state: THazardRow['state'];
  supervised: boolean;
  closedAt: string | null;
  version: number;
};

const itemsQuery = (db: Db) =>
  db
    .select(itemColumns)
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, hazards.divisionCode));

/** A page of the list; `knownTotal` when the counters already gave it (hazard-totals.repo.ts). */
export async function listHazards(
  db: Db,
  where: SQL | undefined,
  page: { limit: number; offset: number },
  knownTotal?: number,
): Promise<{ items: THazardItemRow[]; total: number }> {
  // The page's ids first, walking an index in list order; the joins for one page only.
  const ids = db
    .select({ id: hazards.id })
    .from(hazards)
    .where(where)
    .orderBy(desc(hazards.foundOn), desc(hazards.id))
    .limit(page.limit)
    .offset(page.offset)
    .as('page');
  const [items, [count]] = await Promise.all([
    db
      .select(itemColumns)
      .from(hazards)
      .innerJoin(ids, eq(ids.id, hazards.id))
      .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
      .leftJoin(divisions, eq(divisions.code, hazards.divisionCode))
      .orderBy(desc(hazards.foundOn), desc(hazards.id)),
    knownTotal === undefined
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(hazards)
          .where(where)
      : Promise.resolve([{ n: knownTotal }]),
  ]);
  return { items: items as THazardItemRow[], total: Number(count?.n ?? 0) };
}

/** The filtered list after a (found_on, id) key, in list order: the export walks it a page at a time. */
/** How many hazards match (the workbench's counts: the same filter as the list its link opens). */
export async function countHazards(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(hazards)
    .where(where);
  return row?.n ?? 0;
}

export async function listHazardsAfter(db: Db, where: SQL | undefined, after: { foundOn: string; id: number } | null, limit: number) {
  const key = after ? sql`(${hazards.foundOn}, ${hazards.id}) < (${after.foundOn}::date, ${after.id})` : undefined;
  return (await itemsQuery(db).where(and(where, key)).orderBy(desc(hazards.foundOn), desc(hazards.id)).limit(limit)) as THazardItemRow[];
}

export async function findHazardItem(db: Db, id: number): Promise<THazardItemRow | undefined> {
  const [row] = await itemsQuery(db).where(eq(hazards.id, id));
  return row as THazardItemRow | undefined;
}

const submitter = aliasedTable(users, 'submitter');
const closer = aliasedTable(users, 'closer');

/** What the hazard's page shows besides its timeline, in one query: the list item, its criterion, its campaigns and who submitted and closed it. */
export async function findHazardHead(db: Db, id: number) {
  const [row] = await db
    .select({
      ...itemColumns,
      criterionCode: inspectionItems.code,
      criterionTitle: inspectionItems.title,
      submittedByName: submitter.displayName,
      closedByName: closer.displayName,
      campaigns: sql<{ id: number; name: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.id)
        FROM ${hazardCampaigns} hc JOIN ${campaigns} c ON c.id = hc.campaign_id WHERE hc.hazard_id = ${hazards.id}), '[]'::json)`,
    })
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, hazards.divisionCode))
    .leftJoin(inspectionItems, eq(inspectionItems.id, hazards.criterionItemId))
    .leftJoin(submitter, eq(submitter.id, hazards.submittedBy))
    .leftJoin(closer, eq(closer.id, hazards.closedBy))
    .where(eq(hazards.id, id));
  return row as
    | (THazardItemRow & {
        criterionCode: string | null;
        criterionTitle: string | null;
        submittedByName: string | null;
        closedByName: string | null;
        campaigns: { id: number; name: string }[];
      })
    | undefined;
}

export async function itemsByIds(db: Db, ids: number[]): Promise<THazardItemRow[]> {
  if (ids.length === 0) return [];
  return (await itemsQuery(db).where(inArray(hazards.id, ids)).orderBy(asc(hazards.id))) as THazardItemRow[];
}

export async function hazardsOfInspection(db: Db, inspectionId: number): Promise<THazardItemRow[]> {
  return (await itemsQuery(db).where(eq(hazards.inspectionId, inspectionId)).orderBy(asc(hazards.id))) as THazardItemRow[];
}

const actor = aliasedTable(users, 'actor');
const decider = aliasedTable(users, 'decider');

export async function transitionsOf(db: Db, hazardId: number) {
  return db
    .select({
      id: hazardTransitions.id,
      action: hazardTransitions.action,
      fromState: hazardTransitions.fromState,
      toState: hazardTransitions.toState,
      note: hazardTransitions.note,
      deadline: hazardTransitions.deadline,
      photos: hazardTransitions.photos,
      documents: hazardTransitions.documents,
      actorName: actor.displayName,
      at: hazardTransitions.at,
    })
    .from(hazardTransitions)
    .leftJoin(actor, eq(actor.id, hazardTransitions.actorId))
    .where(eq(hazardTransitions.hazardId, hazardId))
    .orderBy(asc(hazardTransitions.id));
}

export async function extensionsOf(db: Db, hazardId: number) {
  return db
    .select({
      id: hazardExtensions.id,
      requestedBy: hazardExtensions.requestedBy,
      requestedDeadline: hazardExtensions.requestedDeadline,
      previousDeadline: hazardExtensions.previousDeadline,
      reason: hazardExtensions.reason,
      status: hazardExtensions.status,
      requestedByName: actor.displayName,
      decidedByName: decider.displayName,
      decisionNote: hazardExtensions.decisionNote,
      requestedAt: hazardExtensions.requestedAt,
      decidedAt: hazardExtensions.decidedAt,
    })
    .from(hazardExtensions)
    .leftJoin(actor, eq(actor.id, hazardExtensions.requestedBy))
    .leftJoin(decider, eq(decider.id, hazardExtensions.decidedBy))
    .where(eq(hazardExtensions.hazardId, hazardId))
    .orderBy(asc(hazardExtensions.id));
}

export async function campaignsOf(db: Db, hazardId: number) {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(hazardCampaigns)
    .innerJoin(campaigns, eq(campaigns.id, hazardCampaigns.campaignId))
    .where(eq(hazardCampaigns.hazardId, hazardId))
    .orderBy(asc(campaigns.id));
}

export async function userNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
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
