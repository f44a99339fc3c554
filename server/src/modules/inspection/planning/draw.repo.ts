import { and, asc, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { TDrawCandidate, TDrawTarget, TPlanPoolFilter, TPlanStratum } from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import {
  divisions,
  draws,
  drawTargets,
  enterprises,
  inspectionInspectors,
  inspectionPlans,
  inspections,
  riskGrades,
} from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';
import { poolWhere } from './plan.repo';

export type TDrawRow = typeof draws.$inferSelect;
export type TDrawSummary = Omit<TDrawRow, 'candidates' | 'inspectorPool'> & {
  planTitle: string;
  planYear: number;
  candidateCount: number;
  inspectorCount: number;
  targetCount: number;
  supersededBy: number | null;
  /** The status of the draw this one links to (`redraw_of`): superseded for a redraw, else a correction. */
  linkedStatus: string | null;
  correctedBy: number | null;
};

/** Everything but the frozen lists (which can be megabytes): the lists' sizes come from jsonb_array_length. */
const summaryColumns = {
  id: draws.id,
  planId: draws.planId,
  divisionCode: draws.divisionCode,
  label: draws.label,
  status: draws.status,
  commitment: draws.commitment,
  seed: draws.seed,
  params: draws.params,
  candidatesHash: draws.candidatesHash,
  inspectorsHash: draws.inspectorsHash,
  committedAt: draws.committedAt,
  drawnAt: draws.drawnAt,
  publishedAt: draws.publishedAt,
  redrawOf: draws.redrawOf,
  redrawReason: draws.redrawReason,
  createdBy: draws.createdBy,
  planTitle: inspectionPlans.title,
  planYear: inspectionPlans.year,
  candidateCount: sql<number>`jsonb_array_length(${draws.candidates})`,
  inspectorCount: sql<number>`jsonb_array_length(${draws.inspectorPool})`,
  targetCount: sql<number>`(SELECT count(*)::int FROM ${drawTargets} t WHERE t.draw_id = ${draws.id})`,
  // One link column for both: a redraw points at the draw it superseded, a correction at a published draw that
  // stays valid (a published draw is never superseded), so the linked draw's status tells the two apart.
  supersededBy: sql<
    number | null
  >`CASE WHEN ${draws.status} = 'superseded' THEN (SELECT max(n.id) FROM ${draws} n WHERE n.redraw_of = ${draws.id}) END`,
  correctedBy: sql<
    number | null
  >`CASE WHEN ${draws.status} <> 'superseded' THEN (SELECT max(n.id) FROM ${draws} n WHERE n.redraw_of = ${draws.id}) END`,
  linkedStatus: sql<string | null>`(SELECT o.status FROM ${draws} o WHERE o.id = ${draws.redrawOf})`,
};

const selectSummaries = (db: Db) => db.select(summaryColumns).from(draws).innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId));

/** The frozen candidate list of a body's plan, sorted by firm id; exclusions are added by the service. */
export async function freezeCandidates(
  db: Db,
  body: string,
  pool: TPlanPoolFilter,
): Promise<Omit<TDrawCandidate, 'excludedInspectorIds'>[]> {
  // One JSON value instead of tens of thousands of rows: PGlite hands rows over one by one, which costs more than the query.
  const [row] = await queryRows<{ list: [number, string, TPlanStratum][] | string | null }>(
    db,
    sql`SELECT json_agg(json_build_array(${enterprises.id}, ${enterprises.divisionCode}, coalesce(${riskGrades.colour}, 'none')) ORDER BY ${enterprises.id}) AS list
        FROM ${enterprises} LEFT JOIN ${riskGrades} ON ${riskGrades.enterpriseId} = ${enterprises.id}
        WHERE ${poolWhere(body, pool)}`,
  );
  const list = typeof row?.list === 'string' ? (JSON.parse(row.list) as [number, string, TPlanStratum][]) : (row?.list ?? []);
  return list.map(([enterpriseId, divisionCode, stratum]) => ({ enterpriseId, divisionCode, stratum }));
}

/** Who inspected each firm of the body's scope last time (its latest submitted inspection): one statement. */
export async function lastInspectors(db: Db, body: string): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ enterprise_id: number; ids: number[] }>(
    db,
    sql`SELECT l.enterprise_id, array_agg(ii.user_id ORDER BY ii.user_id) AS ids
        FROM (SELECT DISTINCT ON (${inspections.enterpriseId}) ${inspections.enterpriseId} AS enterprise_id, ${inspections.id} AS id
              FROM ${inspections} WHERE ${inScopeSql(inspections.divisionCode, body, inspections.cityCode)} AND ${inspections.status} = 'submitted'
              ORDER BY ${inspections.enterpriseId}, ${inspections.inspectedOn} DESC, ${inspections.id} DESC) l
        JOIN ${inspectionInspectors} ii ON ii.inspection_id = l.id
        GROUP BY l.enterprise_id`,
  );
  return new Map(rows.map((r) => [Number(r.enterprise_id), r.ids.map(Number)]));
}

export async function insertDraw(db: Db, values: typeof draws.$inferInsert): Promise<number> {
  const [row] = await db.insert(draws).values(values).returning({ id: draws.id });
  return row!.id;
}

/** Locks a draw's row for the transaction: two officers pressing 执行抽取 at once run it once. */
export async function lockDraw(db: Db, id: number): Promise<void> {
  await db.execute(sql`SELECT id FROM ${draws} WHERE id = ${id} FOR UPDATE`);
}

export async function updateDraw(db: Db, id: number, values: Partial<typeof draws.$inferInsert>): Promise<void> {
  await db.update(draws).set(values).where(eq(draws.id, id));
}

export async function findDraw(db: Db, id: number): Promise<TDrawSummary | undefined> {
  const [row] = await selectSummaries(db).where(eq(draws.id, id));
  return row as TDrawSummary | undefined;
}

/** The whole stored draw with its frozen lists (for the draw itself, the download and verification). */
export async function findDrawFull(db: Db, id: number): Promise<TDrawRow | undefined> {
  const [row] = await db.select().from(draws).where(eq(draws.id, id));
  return row;
}

export const listDrawsOfPlan = async (db: Db, planId: number): Promise<TDrawSummary[]> =>
  (await selectSummaries(db).where(eq(draws.planId, planId)).orderBy(desc(draws.id))) as TDrawSummary[];

/**
 * Draws of approved plans, newest first, for the public page (commitments are public from the start). `q` finds a draw
 * by its plan's title, its body's name, or, once published (never before: the targets are secret until then), a drawn
 * firm's name or town.
 */
export async function listPublicDraws(
  db: Db,
  page: number,
  pageSize: number,
  q?: string,
): Promise<{ items: TDrawSummary[]; total: number }> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = like
    ? sql`${inspectionPlans.status} IN ('approved', 'closed') AND (${inspectionPlans.title} ILIKE ${like}
        OR EXISTS (SELECT 1 FROM ${divisions} WHERE ${divisions.code} = ${draws.divisionCode} AND ${divisions.name} ILIKE ${like})
        OR (${draws.publishedAt} IS NOT NULL AND EXISTS (SELECT 1 FROM ${drawTargets}
              JOIN ${enterprises} ON ${enterprises.id} = ${drawTargets.enterpriseId}
              LEFT JOIN ${divisions} ON ${divisions.code} = ${drawTargets.divisionCode}
              WHERE ${drawTargets.drawId} = ${draws.id} AND (${enterprises.name} ILIKE ${like} OR ${divisions.name} ILIKE ${like}))))`
    : sql`${inspectionPlans.status} IN ('approved', 'closed')`;
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(draws)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId))
    .where(where);
  const items = await selectSummaries(db)
    .where(where)
    .orderBy(desc(draws.committedAt), desc(draws.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: items as TDrawSummary[], total: n };
}

/** All targets of a draw in one statement: one JSON parameter read by json_to_recordset. */
export async function insertTargets(db: Db, drawId: number, targets: TDrawTarget[]): Promise<void> {
  for (let i = 0; i < targets.length; i += 20_000) {
    const chunk = targets.slice(i, i + 20_000);
    await db.execute(sql`INSERT INTO draw_targets (draw_id, position, enterprise_id, division_code, stratum, inspector_ids)
      SELECT ${drawId}, v.position, v."enterpriseId", v."divisionCode", v.stratum, ARRAY(SELECT jsonb_array_elements_text(v."inspectorIds")::int)
      FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS v(position int, "enterpriseId" int, "divisionCode" text, stratum text, "inspectorIds" jsonb)`);
  }
}

export type TTargetView = {
  id: number;
  position: number;
  enterpriseId: number;
  enterpriseName: string;
  divisionCode: string;
  divisionName: string | null;
  stratum: string;
  inspectorIds: number[];
  inspectionId: number | null;
  inspectedOn: string | null;
  conclusion: string | null;
  findingsCount: number | null;
  resultPublishedAt: string | null;
};

/** A page of a draw's targets with firm and town names, and the recorded inspection if there is one. */
export async function listTargets(db: Db, drawId: number, offset: number, limit: number): Promise<TTargetView[]> {
  return db
    .select({
      id: drawTargets.id,
      position: drawTargets.position,
      enterpriseId: drawTargets.enterpriseId,
      enterpriseName: enterprises.name,
      divisionCode: drawTargets.divisionCode,
      divisionName: divisions.name,
      stratum: drawTargets.stratum,
      inspectorIds: drawTargets.inspectorIds,
      inspectionId: inspections.id,
      inspectedOn: inspections.inspectedOn,
      conclusion: inspections.conclusion,
      findingsCount: inspections.findingsCount,
      resultPublishedAt: inspections.publishedAt,
    })
    .from(drawTargets)
    .innerJoin(enterprises, eq(enterprises.id, drawTargets.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, drawTargets.divisionCode))
    .leftJoin(inspections, and(eq(inspections.drawTargetId, drawTargets.id), eq(inspections.status, 'submitted')))
    .where(eq(drawTargets.drawId, drawId))
    .orderBy(asc(drawTargets.position))
    .limit(limit)
    .offset(offset);
}

/** The stored targets as the draw function returns them (for verification). */
export const storedTargets = (db: Db, drawId: number) =>
  db
    .select({
      position: drawTargets.position,
      enterpriseId: drawTargets.enterpriseId,
      divisionCode: drawTargets.divisionCode,
      stratum: drawTargets.stratum,
      inspectorIds: drawTargets.inspectorIds,
    })
    .from(drawTargets)
    .where(eq(drawTargets.drawId, drawId))
    .orderBy(asc(drawTargets.position));

/** Targets already checked: a draw with any of them cannot be redrawn. */
export async function inspectedTargets(db: Db, drawId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(drawTargets)
    .innerJoin(inspections, eq(inspections.drawTargetId, drawTargets.id))
    .where(eq(drawTargets.drawId, drawId));
  const [linked] = await db
    .select({ n: count() })
    .from(drawTargets)
    .where(and(eq(drawTargets.drawId, drawId), isNotNull(drawTargets.inspectionId)));
  return (row?.n ?? 0) + (linked?.n ?? 0);
}

export async function firmNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`SELECT id, name FROM ${enterprises} WHERE id = ANY(${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export async function planIsPublic(db: Db, planId: number): Promise<boolean> {
  const [row] = await db.select({ status: inspectionPlans.status }).from(inspectionPlans).where(eq(inspectionPlans.id, planId));
  return row?.status === 'approved' || row?.status === 'closed';
}
