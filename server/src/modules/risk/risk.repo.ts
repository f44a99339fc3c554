import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import {
  divisions,
  enterpriseEvents,
  enterprises,
  riskEvents,
  riskGradeHistory,
  riskGrades,
  riskProposals,
  users,
} from '../../db/schema/index';
import { inScopeSql } from '../../shared/scope';

export type TGradeRow = typeof riskGrades.$inferSelect;
export type TProposalRow = typeof riskProposals.$inferSelect;
export type TRiskEventRow = typeof riskEvents.$inferSelect;

// Grades

export async function findGrade(db: Db, enterpriseId: number): Promise<TGradeRow | undefined> {
  const [row] = await db.select().from(riskGrades).where(eq(riskGrades.enterpriseId, enterpriseId));
  return row;
}

export const findGrades = (db: Db, ids: number[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(riskGrades).where(inArray(riskGrades.enterpriseId, ids));

export async function upsertGrade(db: Db, values: typeof riskGrades.$inferInsert): Promise<void> {
  const { enterpriseId: _id, ...set } = values;
  await db.insert(riskGrades).values(values).onConflictDoUpdate({ target: riskGrades.enterpriseId, set });
}

/**
 * Many grades at once (an import): a thousand rows a statement, each statement's rows distinct firms. One statement per
 * grade was 10,000 statements for 10,000 firms, each running the roll-ups' statement triggers.
 */
export async function upsertGrades(db: Db, rows: (typeof riskGrades.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(riskGrades)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: riskGrades.enterpriseId,
        set: {
          divisionCode: sql`excluded.division_code`,
          colour: sql`excluded.colour`,
          score: sql`excluded.score`,
          basis: sql`excluded.basis`,
          forcedRed: sql`excluded.forced_red`,
          assessedOn: sql`excluded.assessed_on`,
          validUntil: sql`excluded.valid_until`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

export async function setColour(
  db: Db,
  enterpriseId: number,
  values: { colour: TGradeRow['colour']; basis: 'dynamic'; divisionCode: string; updatedAt: string },
): Promise<void> {
  await db.update(riskGrades).set(values).where(eq(riskGrades.enterpriseId, enterpriseId));
}

/** Graded firms in scope, in id order after `afterId` (the batch re-evaluation walks these). */
export async function gradedIdsAfter(db: Db, scope: string, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: riskGrades.enterpriseId })
    .from(riskGrades)
    .where(and(inScopeSql(riskGrades.divisionCode, scope), gt(riskGrades.enterpriseId, afterId)))
    .orderBy(asc(riskGrades.enterpriseId))
    .limit(limit);
  return rows.map((r) => r.id);
}

// History

export async function insertHistory(db: Db, rows: (typeof riskGradeHistory.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(riskGradeHistory).values(rows.slice(i, i + 1000));
}

export const listHistory = (db: Db, enterpriseId: number) =>
  db
    .select({ history: riskGradeHistory, decidedByName: users.displayName })
    .from(riskGradeHistory)
    .leftJoin(users, eq(users.id, riskGradeHistory.decidedBy))
    .where(eq(riskGradeHistory.enterpriseId, enterpriseId))
    .orderBy(desc(riskGradeHistory.at), desc(riskGradeHistory.id))
    .limit(200);

/** Per firm: the colour of the latest assessment or initial grade, and when the colour last changed. */
export async function gradeStanding(
  db: Db,
  ids: number[],
): Promise<Map<number, { floor: string | null; lastChange: string | null; lastRejectedDown: string | null }>> {
  const out = new Map<number, { floor: string | null; lastChange: string | null; lastRejectedDown: string | null }>();
  if (ids.length === 0) return out;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<{ id: number; floor: string | null; last_change: string | null; last_rejected_down: string | null }>(
    db,
    sql`SELECT i.id,
          (SELECT h.to_colour FROM risk_grade_history h WHERE h.enterprise_id = i.id AND h.basis IN ('assessment', 'initial') ORDER BY h.at DESC, h.id DESC LIMIT 1) AS floor,
          (SELECT max(h.at) FROM risk_grade_history h WHERE h.enterprise_id = i.id) AS last_change,
          (SELECT max(p.decided_at) FROM risk_proposals p WHERE p.enterprise_id = i.id AND p.status = 'rejected' AND p.direction = 'down') AS last_rejected_down
        FROM unnest(ARRAY[${list}]::int[]) AS i(id)`,
  );
  for (const r of rows) out.set(r.id, { floor: r.floor, lastChange: r.last_change, lastRejectedDown: r.last_rejected_down });
  return out;
}

// Events

/** Inserts an event unless one of the same kind and ref is already there; the new id, or null for a repeat. */
export async function insertEvent(db: Db, values: typeof riskEvents.$inferInsert): Promise<number | null> {
  const [row] = await db
    .insert(riskEvents)
    .values(values)
    .onConflictDoNothing({ target: [riskEvents.kind, riskEvents.ref] })
    .returning({ id: riskEvents.id });
  return row?.id ?? null;
}

export const eventsOf = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([] as TRiskEventRow[])
    : db.select().from(riskEvents).where(inArray(riskEvents.enterpriseId, ids)).orderBy(asc(riskEvents.occurredAt));

export const recentEvents = (db: Db, enterpriseId: number, limit = 100) =>
  db
    .select()
    .from(riskEvents)
    .where(eq(riskEvents.enterpriseId, enterpriseId))
    .orderBy(desc(riskEvents.occurredAt), desc(riskEvents.id))
    .limit(limit);

export async function addTimelineEvent(db: Db, values: typeof enterpriseEvents.$inferInsert): Promise<void> {
  await db.insert(enterpriseEvents).values(values);
}

export async function addTimelineEvents(db: Db, rows: (typeof enterpriseEvents.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(enterpriseEvents).values(rows.slice(i, i + 1000));
}

// Proposals

const proposalColumns = {
  proposal: riskProposals,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  divisionName: divisions.name,
  decidedByName: users.displayName,
};

const proposalQuery = (db: Db) =>
  db
    .select(proposalColumns)
    .from(riskProposals)
    .innerJoin(enterprises, eq(enterprises.id, riskProposals.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, riskProposals.divisionCode))
    .leftJoin(users, eq(users.id, riskProposals.decidedBy));
export type TProposalView = Awaited<ReturnType<typeof findProposal>>;

export async function findProposal(db: Db, id: number) {
  const [row] = await proposalQuery(db).where(eq(riskProposals.id, id));
  return row;
}

export async function pendingProposalFor(db: Db, enterpriseId: number) {
  const [row] = await proposalQuery(db).where(and(eq(riskProposals.enterpriseId, enterpriseId), eq(riskProposals.status, 'pending')));
  return row;
}

export const pendingProposalsOf = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([] as TProposalRow[])
    : db
        .select()
        .from(riskProposals)
        .where(and(inArray(riskProposals.enterpriseId, ids), eq(riskProposals.status, 'pending')));

/** The reasons of every decided proposal of these firms: what they cite does not raise again. */
export const decidedReasonsOf = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([] as { enterpriseId: number; reasons: TProposalRow['reasons'] }[])
    : db
        .select({ enterpriseId: riskProposals.enterpriseId, reasons: riskProposals.reasons })
        .from(riskProposals)
        .where(and(inArray(riskProposals.enterpriseId, ids), inArray(riskProposals.status, ['approved', 'rejected'])));

export async function insertProposal(db: Db, values: typeof riskProposals.$inferInsert): Promise<number> {
  const [row] = await db.insert(riskProposals).values(values).returning({ id: riskProposals.id });
  return row!.id;
}

export async function supersedeProposals(db: Db, ids: number[], at: string): Promise<void> {
  if (ids.length > 0)
    await db
      .update(riskProposals)
      .set({ status: 'superseded', decidedAt: at })
      .where(and(inArray(riskProposals.id, ids), eq(riskProposals.status, 'pending')));
}

/** Decides a pending proposal; false when it was no longer pending (decided or superseded meanwhile). */
export async function decideProposal(
  db: Db,
  id: number,
  values: { status: 'approved' | 'rejected'; decidedBy: number; decidedAt: string; comment: string | null },
): Promise<boolean> {
  const rows = await db
    .update(riskProposals)
    .set(values)
    .where(and(eq(riskProposals.id, id), eq(riskProposals.status, 'pending')))
    .returning({ id: riskProposals.id });
  return rows.length === 1;
}

export async function listProposals(db: Db, scope: string, status: string, page: number, pageSize: number) {
  const where = and(eq(riskProposals.status, status as 'pending'), inScopeSql(riskProposals.divisionCode, scope));
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(riskProposals)
    .where(where);
  const items = await proposalQuery(db)
    .where(where)
    .orderBy(status === 'pending' ? asc(riskProposals.id) : desc(riskProposals.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: Number(count?.n ?? 0) };
}

/** The firms' current towns (a grade follows its firm when the firm moves). */
export const firmsOf = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([] as { id: number; divisionCode: string; name: string }[])
    : db
        .select({ id: enterprises.id, divisionCode: enterprises.divisionCode, name: enterprises.name })
        .from(enterprises)
        .where(inArray(enterprises.id, ids));

/** Firms by credit code, with their grade if any (the assessment import matches rows to these). */
export const firmsByCreditCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: enterprises.id,
          creditCode: enterprises.creditCode,
          name: enterprises.name,
          formerNames: enterprises.formerNames,
          divisionCode: enterprises.divisionCode,
          category: enterprises.supervisionCategory,
          colour: riskGrades.colour,
        })
        .from(enterprises)
        .leftJoin(riskGrades, eq(riskGrades.enterpriseId, enterprises.id))
        .where(inArray(enterprises.creditCode, codes));

export const pendingIdsOf = async (db: Db, ids: number[]) => (await pendingProposalsOf(db, ids)).map((p) => p.id);
