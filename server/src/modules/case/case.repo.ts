import { and, asc, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { addDaysToDate, OPEN_CASE_STAGES, type TCaseListQuery, type TCaseProcedureSettings, type TFineTotalsQuery } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import {
  caseDiscretionBands,
  caseDocuments,
  caseDocumentSequences,
  caseEvents,
  caseEvidence,
  caseExtensions,
  caseOfficers,
  casePayments,
  casePenalties,
  cases,
  caseViolations,
  divisions,
  enterprises,
  inspectors,
  users,
} from '../../db/schema/index';
import { escapeLike, inScopeSql } from '../../shared/scope';

export type TCaseRow = typeof cases.$inferSelect;
export type TCaseInsert = typeof cases.$inferInsert;
export type TViolationRow = typeof caseViolations.$inferSelect;
export type TBandRow = typeof caseDiscretionBands.$inferSelect;

const CLOSED = ['closed', 'withdrawn'];

// ───────────────────────────── catalogue ─────────────────────────────
export async function violationCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ code: caseViolations.code }).from(caseViolations)).map((r) => r.code));
}

export async function listViolations(db: Db, activeOnly = false): Promise<(TViolationRow & { bands: TBandRow[] })[]> {
  const rows = await db
    .select()
    .from(caseViolations)
    .where(activeOnly ? eq(caseViolations.active, true) : undefined)
    .orderBy(asc(caseViolations.sort), asc(caseViolations.code));
  const bands = rows.length
    ? await db
        .select()
        .from(caseDiscretionBands)
        .where(
          inArray(
            caseDiscretionBands.violationId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, bands: bands.filter((b) => b.violationId === r.id) }));
}

export async function findViolation(db: Db, code: string): Promise<TViolationRow | undefined> {
  const [row] = await db.select().from(caseViolations).where(eq(caseViolations.code, code));
  return row;
}

export async function insertViolation(db: Db, row: typeof caseViolations.$inferInsert): Promise<TViolationRow> {
  const [saved] = await db.insert(caseViolations).values(row).returning();
  return saved!;
}

export async function updateViolation(db: Db, id: number, row: Partial<typeof caseViolations.$inferInsert>): Promise<void> {
  await db.update(caseViolations).set(row).where(eq(caseViolations.id, id));
}

export async function replaceBands(
  db: Db,
  violationId: number,
  bands: Omit<typeof caseDiscretionBands.$inferInsert, 'violationId'>[],
): Promise<void> {
  await db.delete(caseDiscretionBands).where(eq(caseDiscretionBands.violationId, violationId));
  if (bands.length) await db.insert(caseDiscretionBands).values(bands.map((b) => ({ ...b, violationId })));
}

export async function maxViolationSort(db: Db): Promise<number> {
  const [row] = await db.select({ m: sql<number>`coalesce(max(${caseViolations.sort}), 0)::int` }).from(caseViolations);
  return row?.m ?? 0;
}

// ───────────────────────────── cases ─────────────────────────────
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

// ───────────────────────────── lists and views ─────────────────────────────
/** The clock filters in SQL: the decision, service and payment clocks, with the same day counts as the rules. */
function clockSql(kind: 'due_in_7_days' | 'overdue', today: string, s: TCaseProcedureSettings): SQL {
  const soon = addDaysToDate(today, s.dueSoonDays);
  const test = (due: SQL) => (kind === 'overdue' ? sql`${due} < ${today}::date` : sql`${due} BETWEEN ${today}::date AND ${soon}::date`);
  return sql`(
    (${cases.decidedOn} IS NULL AND ${cases.decisionDueOn} IS NOT NULL AND ${cases.stage} NOT IN ('closed', 'withdrawn') AND ${test(sql`${cases.decisionDueOn}`)})
    OR (${cases.stage} = 'decided' AND ${test(sql`(${cases.decidedOn} + ${s.serviceDays}::int)`)})
    OR (${cases.stage} IN ('served', 'executing') AND ${cases.finePaidFen} < ${cases.fineDecidedFen} AND ${test(sql`(${cases.servedOn} + ${s.paymentDays}::int)`)})
  )`;
}

export function listWhere(
  scope: string,
  q: Omit<TCaseListQuery, 'page' | 'pageSize'>,
  today: string,
  s: TCaseProcedureSettings,
  userId: number,
): SQL {
  const parts: SQL[] = [inScopeSql(cases.divisionCode, scope, cases.cityCode)];
  const officer = sql`EXISTS (SELECT 1 FROM ${caseOfficers} o WHERE o.case_id = ${cases.id} AND o.user_id = ${userId})`;
  if (q.mine === 'true') parts.push(officer);
  if (q.reviewable === 'true') parts.push(and(eq(cases.stage, 'legal_review'), sql`NOT ${officer}`)!);
  if (q.divisionCode) parts.push(inScopeSql(cases.divisionCode, q.divisionCode, cases.cityCode));
  if (q.stage) parts.push(eq(cases.stage, q.stage));
  if (q.open === 'true') parts.push(notInArray(cases.stage, CLOSED));
  if (q.open === 'false') parts.push(inArray(cases.stage, CLOSED));
  if (q.from) parts.push(gte(cases.filedOn, q.from));
  if (q.to) parts.push(lte(cases.filedOn, q.to));
  if (q.clock) parts.push(clockSql(q.clock, today, s));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(sql`(${cases.partyName} LIKE ${like} OR ${cases.caseNo} LIKE ${like} OR ${cases.summary} LIKE ${like})`);
  }
  return and(...parts)!;
}

/** How many cases match the list's filter (the workbench's counts). */
export async function countCases(db: Db, where: SQL): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(where);
  return row?.n ?? 0;
}

export async function listCases(db: Db, scope: string, q: TCaseListQuery, today: string, s: TCaseProcedureSettings, userId: number) {
  const where = listWhere(scope, q, today, s, userId);
  const rows = await db
    .select({ c: cases, divisionName: divisions.name })
    .from(cases)
    .leftJoin(divisions, eq(divisions.code, cases.divisionCode))
    .where(where)
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function stageCounts(db: Db, scope: string, today: string, s: TCaseProcedureSettings) {
  return db
    .select({
      stage: cases.stage,
      count: sql<number>`count(*)::int`,
      dueSoon: sql<number>`count(*) FILTER (WHERE ${clockSql('due_in_7_days', today, s)})::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${clockSql('overdue', today, s)})::int`,
    })
    .from(cases)
    .where(inScopeSql(cases.divisionCode, scope, cases.cityCode))
    .groupBy(cases.stage);
}

/** Fines decided (by decision date) and collected (by payment date) per handling body in a period. */
export async function fineTotals(db: Db, scope: string, q: TFineTotalsQuery) {
  const scopeSql = and(
    inScopeSql(cases.divisionCode, scope, cases.cityCode),
    q.divisionCode ? inScopeSql(cases.divisionCode, q.divisionCode, cases.cityCode) : undefined,
  );
  const decided = await queryRows<{ division_code: string; cases: number; decided: string }>(
    db,
    sql`SELECT ${cases.divisionCode} AS division_code, count(*)::int AS cases, coalesce(sum(${cases.fineDecidedFen}), 0)::bigint AS decided
        FROM ${cases}
        WHERE ${scopeSql} AND ${cases.decidedOn} IS NOT NULL AND ${cases.decisionOutcome} = 'penalty'
          ${q.from ? sql`AND ${cases.decidedOn} >= ${q.from}` : sql``} ${q.to ? sql`AND ${cases.decidedOn} <= ${q.to}` : sql``}
        GROUP BY 1`,
  );
  const paid = await queryRows<{ division_code: string; paid: string; surcharge: string }>(
    db,
    sql`SELECT ${cases.divisionCode} AS division_code, coalesce(sum(p.principal_fen), 0)::bigint AS paid, coalesce(sum(p.surcharge_fen), 0)::bigint AS surcharge
        FROM ${casePayments} p JOIN ${cases} ON ${cases.id} = p.case_id
        WHERE ${scopeSql} ${q.from ? sql`AND p.paid_on >= ${q.from}` : sql``} ${q.to ? sql`AND p.paid_on <= ${q.to}` : sql``}
        GROUP BY 1`,
  );
  const codes = [...new Set([...decided.map((d) => d.division_code), ...paid.map((p) => p.division_code)])].sort();
  const names = codes.length
    ? await db.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, codes))
    : [];
  return codes.map((code) => {
    const d = decided.find((x) => x.division_code === code);
    const p = paid.find((x) => x.division_code === code);
    return {
      divisionCode: code,
      divisionName: names.find((n) => n.code === code)?.name ?? null,
      cases: d?.cases ?? 0,
      decidedFen: Number(d?.decided ?? 0),
      paidFen: Number(p?.paid ?? 0),
      surchargeFen: Number(p?.surcharge ?? 0),
    };
  });
}

/** What firms still owe through cases: open cases, and fines decided but not fully paid. */
export async function obligationsOf(db: Db, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return [];
  return db
    .select({
      enterpriseId: sql<number>`${cases.enterpriseId}`,
      open: sql<number>`count(*) FILTER (WHERE ${inArray(cases.stage, [...OPEN_CASE_STAGES])})::int`,
      unpaidCases: sql<number>`count(*) FILTER (WHERE ${cases.finePaidFen} < ${cases.fineDecidedFen} AND ${cases.stage} <> 'withdrawn')::int`,
      unpaidFen: sql<string>`coalesce(sum(${cases.fineDecidedFen} - ${cases.finePaidFen}) FILTER (WHERE ${cases.finePaidFen} < ${cases.fineDecidedFen} AND ${cases.stage} <> 'withdrawn'), 0)::bigint`,
    })
    .from(cases)
    .where(inArray(cases.enterpriseId, enterpriseIds))
    .groupBy(cases.enterpriseId);
}
