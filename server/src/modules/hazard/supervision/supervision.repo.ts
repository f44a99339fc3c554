import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { divisions, enterprises, hazards, supervisionActions, supervisions, users } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

export type TSupervisionRow = typeof supervisions.$inferSelect;
export type TSupervisionActionRow = typeof supervisionActions.$inferSelect;

/** A supervision with what its page shows of the hazard, the firm and the town. */
export interface TSupervisionView extends TSupervisionRow {
  hazardDescription: string | null;
  hazardState: string | null;
  enterpriseName: string | null;
  townName: string | null;
}

const viewColumns = {
  s: supervisions,
  hazardDescription: hazards.description,
  hazardState: hazards.state,
  enterpriseName: enterprises.name,
  townName: divisions.name,
};

const flatten = (r: {
  s: TSupervisionRow;
  hazardDescription: string | null;
  hazardState: string | null;
  enterpriseName: string | null;
  townName: string | null;
}): TSupervisionView => ({
  ...r.s,
  hazardDescription: r.hazardDescription,
  hazardState: r.hazardState,
  enterpriseName: r.enterpriseName,
  townName: r.townName,
});

const viewQuery = (db: Db) =>
  db
    .select(viewColumns)
    .from(supervisions)
    .leftJoin(hazards, eq(hazards.id, supervisions.hazardId))
    .leftJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, supervisions.divisionCode));

export interface TSupervisionFilter {
  scope: string;
  status?: 'active' | 'lifted';
  target?: 'hazard' | 'town';
  divisionCode?: string;
}

const filterWhere = (f: TSupervisionFilter): SQL | undefined =>
  and(
    inScopeSql(supervisions.divisionCode, f.scope),
    f.divisionCode ? inScopeSql(supervisions.divisionCode, f.divisionCode) : undefined,
    f.status ? eq(supervisions.status, f.status) : undefined,
    f.target ? eq(supervisions.target, f.target) : undefined,
  );

export async function listSupervisions(
  db: Db,
  f: TSupervisionFilter,
  page: { limit: number; offset: number },
): Promise<{ items: TSupervisionView[]; total: number }> {
  const where = filterWhere(f);
  const [rows, [count]] = await Promise.all([
    viewQuery(db).where(where).orderBy(desc(supervisions.id)).limit(page.limit).offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(supervisions)
      .where(where),
  ]);
  return { items: rows.map(flatten), total: Number(count?.n ?? 0) };
}

export async function findSupervisionView(db: Db, id: number): Promise<TSupervisionView | null> {
  const [row] = await viewQuery(db).where(eq(supervisions.id, id));
  return row ? flatten(row) : null;
}

export async function lockSupervision(tx: Db, id: number): Promise<TSupervisionRow | null> {
  const [row] = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update');
  return row ?? null;
}

/** The hazard a supervision is about, locked while the supervision changes. */
export async function lockHazard(tx: Db, id: number) {
  const [row] = await tx
    .select({
      id: hazards.id,
      level: hazards.level,
      state: hazards.state,
      divisionCode: hazards.divisionCode,
      supervised: hazards.supervised,
    })
    .from(hazards)
    .where(eq(hazards.id, id))
    .for('update');
  return row ?? null;
}

export async function hazardState(db: Db, id: number): Promise<string | null> {
  const [row] = await db.select({ state: hazards.state }).from(hazards).where(eq(hazards.id, id));
  return row?.state ?? null;
}

export async function findTown(db: Db, code: string): Promise<{ code: string; name: string } | null> {
  const [row] = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.code, code), eq(divisions.level, 'town')));
  return row ?? null;
}

export async function activeSupervisionOfHazard(tx: Db, hazardId: number, exceptId?: number): Promise<number | null> {
  const [row] = await tx
    .select({ id: supervisions.id })
    .from(supervisions)
    .where(
      and(
        eq(supervisions.hazardId, hazardId),
        eq(supervisions.status, 'active'),
        exceptId ? sql`${supervisions.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

/** The supervised flag is the service's own bookkeeping: the hazard's version (its editors' concurrency check) is left alone. */
export async function setHazardSupervised(tx: Db, hazardId: number, supervised: boolean): Promise<void> {
  await tx.update(hazards).set({ supervised }).where(eq(hazards.id, hazardId));
}

export async function insertSupervision(tx: Db, values: typeof supervisions.$inferInsert): Promise<TSupervisionRow> {
  const [row] = await tx.insert(supervisions).values(values).returning();
  return row!;
}

export async function liftSupervision(
  tx: Db,
  id: number,
  values: { liftedBy: number; liftedAt: string; liftNote: string },
): Promise<boolean> {
  const rows = await tx
    .update(supervisions)
    .set({ ...values, status: 'lifted', updatedAt: values.liftedAt, version: sql`${supervisions.version} + 1` })
    .where(and(eq(supervisions.id, id), eq(supervisions.status, 'active')))
    .returning({ id: supervisions.id });
  return rows.length === 1;
}

export async function touchSupervision(tx: Db, id: number, at: string): Promise<void> {
  await tx
    .update(supervisions)
    .set({ updatedAt: at, version: sql`${supervisions.version} + 1` })
    .where(eq(supervisions.id, id));
}

export interface TSupervisionActionView extends TSupervisionActionRow {
  actorName: string | null;
}

export async function listActions(db: Db, supervisionId: number): Promise<TSupervisionActionView[]> {
  const rows = await db
    .select({ a: supervisionActions, actorName: users.displayName })
    .from(supervisionActions)
    .leftJoin(users, eq(users.id, supervisionActions.actorId))
    .where(eq(supervisionActions.supervisionId, supervisionId))
    .orderBy(supervisionActions.id);
  return rows.map((r) => ({ ...r.a, actorName: r.actorName }));
}

/** The latest resumption request no review has answered yet. */
export async function latestOpenRequest(tx: Db, supervisionId: number): Promise<TSupervisionActionRow | null> {
  const [row] = await tx
    .select()
    .from(supervisionActions)
    .where(
      and(
        eq(supervisionActions.supervisionId, supervisionId),
        eq(supervisionActions.kind, 'resumption_request'),
        sql`NOT EXISTS (SELECT 1 FROM ${supervisionActions} r WHERE r.request_id = ${supervisionActions.id})`,
      ),
    )
    .orderBy(desc(supervisionActions.id))
    .limit(1);
  return row ?? null;
}

export async function insertAction(tx: Db, values: typeof supervisionActions.$inferInsert): Promise<TSupervisionActionRow> {
  const [row] = await tx.insert(supervisionActions).values(values).returning();
  return row!;
}

/** The active listing of a town, if any. */
export async function activeSupervisionOfTown(tx: Db, townCode: string): Promise<number | null> {
  const [row] = await tx
    .select({ id: supervisions.id })
    .from(supervisions)
    .where(and(eq(supervisions.target, 'town'), eq(supervisions.divisionCode, townCode), eq(supervisions.status, 'active')))
    .limit(1);
  return row?.id ?? null;
}
