/** All SQL of the accident records; every scoped query carries `inScopeSql`. */
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TAccidentListQuery } from '@yingji/domain';
import type { Db } from '../../db/client';
import { accidentCasualtyChanges, accidentFindings, accidents, divisions, dutyLog, enterprises, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { containsText } from '../../shared/keyword';

export type TAccidentRow = typeof accidents.$inferSelect;
export type TAccidentInsert = typeof accidents.$inferInsert;

const scoped = (scope: string) => inScopeSql(accidents.divisionCode, scope, accidents.cityCode);

export async function findTown(db: Db, code: string) {
  const [row] = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), eq(divisions.code, code)));
  return row;
}

export const listTowns = (db: Db, scope: string) =>
  db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, scope)))
    .orderBy(asc(divisions.code));

export async function findEnterprise(db: Db, id: number) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      divisionCode: enterprises.divisionCode,
      supervisionCategory: enterprises.supervisionCategory,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

export async function findAccident(db: Db, id: number) {
  const [row] = await db
    .select({ a: accidents, townName: divisions.name, enterpriseName: enterprises.name })
    .from(accidents)
    .innerJoin(divisions, eq(divisions.code, accidents.divisionCode))
    .leftJoin(enterprises, eq(enterprises.id, accidents.enterpriseId))
    .where(eq(accidents.id, id));
  return row;
}

/** Locks the row for a change (the version is bumped by the update). */
export async function lockAccident(tx: Db, id: number) {
  const [row] = await tx.select().from(accidents).where(eq(accidents.id, id)).for('update');
  return row;
}

export async function insertAccident(tx: Db, values: TAccidentInsert) {
  const [row] = await tx.insert(accidents).values(values).returning();
  return row!;
}

export async function updateAccident(tx: Db, id: number, values: Partial<TAccidentInsert>) {
  const [row] = await tx
    .update(accidents)
    .set({ ...values, version: sql`${accidents.version} + 1` })
    .where(eq(accidents.id, id))
    .returning();
  return row!;
}

function listWhere(scope: string, q: Omit<TAccidentListQuery, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [scoped(scope)];
  if (q.kind) conds.push(eq(accidents.kind, q.kind));
  if (q.divisionCode) conds.push(eq(accidents.divisionCode, q.divisionCode));
  if (q.grade) conds.push(eq(accidents.grade, q.grade));
  if (q.industry) conds.push(eq(accidents.industry, q.industry));
  if (q.accidentType) conds.push(eq(accidents.accidentType, q.accidentType));
  if (q.from) conds.push(gte(accidents.occurredOn, q.from));
  if (q.to) conds.push(lte(accidents.occurredOn, q.to));
  if (q.pending === 'true') conds.push(isNotNull(accidents.pendingDueAt));
  if (q.pending === 'false') conds.push(isNull(accidents.pendingDueAt));
  if (q.q) {
    conds.push(containsText([accidents.title, accidents.partyName, accidents.place], q.q));
  }
  return and(...conds)!;
}

const listColumns = { a: accidents, townName: divisions.name };

export async function listAccidents(db: Db, scope: string, q: TAccidentListQuery & { page: number; pageSize: number }) {
  const where = listWhere(scope, q);
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(accidents)
      .innerJoin(divisions, eq(divisions.code, accidents.divisionCode))
      .where(where)
      .orderBy(desc(accidents.occurredAt), desc(accidents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(accidents)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every accident of the filter, newest first, at most `limit` (exports and statistics at city scale). */
export const allAccidents = (db: Db, scope: string, q: Omit<TAccidentListQuery, 'page' | 'pageSize'>, limit: number) =>
  db
    .select(listColumns)
    .from(accidents)
    .innerJoin(divisions, eq(divisions.code, accidents.divisionCode))
    .where(listWhere(scope, q))
    .orderBy(desc(accidents.occurredAt), desc(accidents.id))
    .limit(limit);

type TRange = { from: string; to: string };
const inRange = (r: TRange) => and(gte(accidents.occurredOn, r.from), lte(accidents.occurredOn, r.to));

/**
 * The rows the statistics add up, one period's (`current`) and the same period's a year before, in one statement:
 * each of the period's rows with its follow-ups reported out of window and its findings' kinds (looked up by the
 * accident's id on their indexes), so the page needs no count of its own.
 */
export const statsRows = (db: Db, scope: string, kind: 'accident' | 'emergency', current: TRange, previous: TRange) => {
  const isCurrent = sql`${accidents.occurredOn} >= ${current.from}::date`;
  // a select from one table names its columns bare: the look-ups name the outer row's id with its table
  const id = sql`${accidents}.${sql.identifier(accidents.id.name)}`;
  const [c, f] = [accidentCasualtyChanges, accidentFindings];
  return db
    .select({
      id: accidents.id,
      divisionCode: accidents.divisionCode,
      occurredOn: accidents.occurredOn,
      knownAt: accidents.knownAt,
      industry: accidents.industry,
      accidentType: accidents.accidentType,
      emergencyType: accidents.emergencyType,
      grade: accidents.grade,
      deaths: accidents.deaths,
      seriousInjuries: accidents.seriousInjuries,
      minorInjuries: accidents.minorInjuries,
      lossFen: accidents.lossFen,
      chain: accidents.chain,
      measures: accidents.measures,
      enterpriseId: accidents.enterpriseId,
      partyName: accidents.partyName,
      current: sql<boolean>`(${isCurrent})`,
      lateFollowUps: sql<number>`CASE WHEN ${isCurrent}
        THEN (SELECT count(*)::int FROM ${c} WHERE ${c}.accident_id = ${id} AND NOT ${c}.in_window) ELSE 0 END`.mapWith(Number),
      findingKinds: sql<string[] | null>`CASE WHEN ${isCurrent}
        THEN (SELECT array_agg(${f}.kind) FROM ${f} WHERE ${f}.accident_id = ${id}) END`,
    })
    .from(accidents)
    .where(and(scoped(scope), eq(accidents.kind, kind), or(inRange(current), inRange(previous))));
};

export const casualtyChanges = (db: Db, accidentId: number) =>
  db
    .select({ c: accidentCasualtyChanges, recordedBy: users.displayName })
    .from(accidentCasualtyChanges)
    .leftJoin(users, eq(users.id, accidentCasualtyChanges.recordedBy))
    .where(eq(accidentCasualtyChanges.accidentId, accidentId))
    .orderBy(asc(accidentCasualtyChanges.at), asc(accidentCasualtyChanges.id));

export const findings = (db: Db, accidentId: number) =>
  db
    .select({ f: accidentFindings, recordedBy: users.displayName })
    .from(accidentFindings)
    .leftJoin(users, eq(users.id, accidentFindings.recordedBy))
    .where(eq(accidentFindings.accidentId, accidentId))
    .orderBy(asc(accidentFindings.at), asc(accidentFindings.id));

export const logOf = (db: Db, accidentId: number) =>
  db
    .select({ l: dutyLog, recordedBy: users.displayName })
    .from(dutyLog)
    .leftJoin(users, eq(users.id, dutyLog.recordedBy))
    .where(eq(dutyLog.accidentId, accidentId))
    .orderBy(asc(dutyLog.at), asc(dutyLog.id));

export async function insertCasualtyChange(tx: Db, values: typeof accidentCasualtyChanges.$inferInsert) {
  await tx.insert(accidentCasualtyChanges).values(values);
}

export async function insertFinding(tx: Db, values: typeof accidentFindings.$inferInsert) {
  await tx.insert(accidentFindings).values(values);
}

// Workbench counts, each on an index.

export async function countPending(db: Db, scope: string, nowIso: string) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      late: sql<number>`count(*) FILTER (WHERE ${accidents.pendingDueAt} < ${nowIso})::int`,
    })
    .from(accidents)
    .where(and(scoped(scope), isNotNull(accidents.pendingDueAt)));
  return row ?? { pending: 0, late: 0 };
}

export async function countInvestigationsDue(db: Db, scope: string, until: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accidents)
    .where(
      and(
        scoped(scope),
        isNotNull(accidents.investigationLeadUnit),
        isNull(accidents.investigationRepliedOn),
        isNull(accidents.investigationReportSubmittedOn),
        lte(accidents.investigationReportDueOn, until),
      ),
    );
  return row?.n ?? 0;
}

export async function countMissingFollowUp(db: Db, scope: string, today: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accidents)
    .where(
      and(
        scoped(scope),
        eq(accidents.kind, 'accident'),
        eq(accidents.closed, false),
        eq(accidents.followUpCount, 0),
        gte(accidents.followUpLastDay, today),
      ),
    );
  return row?.n ?? 0;
}
