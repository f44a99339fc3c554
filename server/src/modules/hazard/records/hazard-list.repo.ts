/** The hazard list and a hazard's page: the list filter, list items, the head, timeline and extensions. */
import { aliasedTable, and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { THazardListQuery, THazardSort } from '@yingji/domain';
import type { Db } from '../../../db/client';
import {
  campaigns,
  divisions,
  enterprises,
  hazardCampaigns,
  hazardExtensions,
  hazards,
  hazardTransitions,
  inspectionItems,
  users,
} from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';
import { containsText, firmIdsMatching } from '../../../shared/keyword';

type THazardRow = typeof hazards.$inferSelect;

/** Who the list is for: an officer's division scope, or an enterprise user's one firm (null: none linked yet). */
export type THazardViewer = { scope: string } | { enterpriseId: number | null };

/** Open = found, ordered, rectifying (waiting on the firm) and past the deadline in the bureau's calendar. */
const overdueSql = (today: string) => sql`(${hazards.state} IN ('found', 'ordered', 'rectifying') AND ${hazards.deadline} < ${today})`;

export function listWhere(
  query: Omit<THazardListQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
  viewer: THazardViewer,
  today: string,
): SQL | undefined {
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
    // the firms once (a hashed subplan), not an EXISTS per hazard
    where.push(
      sql`(${containsText([hazards.description, hazards.location], query.q)} OR ${hazards.enterpriseId} IN ${firmIdsMatching(query.q)})`,
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

/** The list's order for a sort and direction, the id last (a stable page boundary). */
function listOrder(sort: THazardSort, order: 'asc' | 'desc'): SQL[] {
  const dir = order === 'asc' ? asc : desc;
  switch (sort) {
    case 'deadline':
      // open hazards first whatever the direction: ascending, the most overdue are on top
      return [sql`(${hazards.state} = 'closed')`, dir(hazards.deadline), dir(hazards.id)];
    case 'enterprise':
      return [dir(enterprises.name), dir(hazards.id)];
    case 'town':
      return [dir(hazards.divisionCode), desc(hazards.foundOn), desc(hazards.id)];
    default:
      return [dir(hazards.foundOn), dir(hazards.id)];
  }
}

/** A page of the list in the chosen order; `knownTotal` when the counters already gave it (hazard-totals.repo.ts). */
export async function listHazards(
  db: Db,
  where: SQL | undefined,
  page: { limit: number; offset: number; sort?: THazardSort; order?: 'asc' | 'desc' },
  knownTotal?: number,
): Promise<{ items: THazardItemRow[]; total: number }> {
  const orderBy = listOrder(page.sort ?? 'foundOn', page.order ?? 'desc');
  // The page's ids first, walking an index in list order; the joins for one page only.
  const base = db.select({ id: hazards.id }).from(hazards);
  const ids = (page.sort === 'enterprise' ? base.innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId)) : base)
    .where(where)
    .orderBy(...orderBy)
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
      .orderBy(...orderBy),
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
