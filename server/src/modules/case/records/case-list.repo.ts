import { and, asc, desc, eq, gte, inArray, isNull, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import {
  addDaysToDate,
  latestStartEndingBy,
  OPEN_CASE_STAGES,
  type TCaseListQuery,
  type TCaseProcedureSettings,
  type TCaseSort,
  type TFineTotalsQuery,
  type TWorkCalendar,
} from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import { caseExtensions, caseOfficers, casePayments, cases, divisions } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';
import { containsText } from '../../../shared/keyword';
import { rollupCount, rollupCountsBy } from '../../rollup/rollup.repo';

const CLOSED = ['closed', 'withdrawn'];

// ───────────────────────────── lists and views ─────────────────────────────
/** The procedure's settings with the bureau's working-day calendar, which the service clock counts in (art. 85). */
export type TCaseClockSettings = TCaseProcedureSettings & { calendar: TWorkCalendar };

/**
 * The clock filters in SQL: the decision, service and payment clocks, with the same day counts as the rules. The
 * service clock counts working days, which SQL cannot: it is asked as a range of decision days instead, the days
 * whose 7th working day falls before today (overdue) or within the coming week (`latestStartEndingBy`).
 */
function clockSql(kind: 'due_in_7_days' | 'overdue', today: string, s: TCaseClockSettings): SQL {
  const soon = addDaysToDate(today, s.dueSoonDays);
  const test = (due: SQL) => (kind === 'overdue' ? sql`${due} < ${today}::date` : sql`${due} BETWEEN ${today}::date AND ${soon}::date`);
  const servedLateIfDecidedBy = latestStartEndingBy(s.calendar, s.serviceDays, addDaysToDate(today, -1));
  const service =
    kind === 'overdue'
      ? sql`${cases.decidedOn} <= ${servedLateIfDecidedBy}::date`
      : sql`${cases.decidedOn} > ${servedLateIfDecidedBy}::date AND ${cases.decidedOn} <= ${latestStartEndingBy(s.calendar, s.serviceDays, soon)}::date`;
  return sql`(
    (${cases.decidedOn} IS NULL AND ${cases.decisionDueOn} IS NOT NULL AND ${cases.stage} NOT IN ('closed', 'withdrawn') AND ${test(sql`${cases.decisionDueOn}`)})
    OR (${cases.stage} = 'decided' AND ${service})
    OR (${cases.stage} IN ('served', 'executing') AND ${cases.finePaidFen} < ${cases.fineDecidedFen} AND ${test(sql`(${cases.servedOn} + ${s.paymentDays}::int)`)})
  )`;
}

export function listWhere(
  scope: string,
  q: Omit<TCaseListQuery, 'page' | 'pageSize'>,
  today: string,
  s: TCaseClockSettings,
  userId: number,
): SQL {
  const parts: SQL[] = [inScopeSql(cases.divisionCode, scope, cases.cityCode)];
  const officer = sql`EXISTS (SELECT 1 FROM ${caseOfficers} o WHERE o.case_id = ${cases.id} AND o.user_id = ${userId})`;
  if (q.mine === 'true') parts.push(officer);
  // a case stays in legal_review once passed (until notified): only those not yet reviewed wait for a reviewer
  if (q.reviewable === 'true') parts.push(and(eq(cases.stage, 'legal_review'), isNull(cases.legalReviewPassedAt), sql`NOT ${officer}`)!);
  if (q.divisionCode) parts.push(inScopeSql(cases.divisionCode, q.divisionCode, cases.cityCode));
  if (q.stage) parts.push(eq(cases.stage, q.stage));
  if (q.open === 'true') parts.push(notInArray(cases.stage, CLOSED));
  if (q.open === 'false') parts.push(inArray(cases.stage, CLOSED));
  if (q.from) parts.push(gte(cases.filedOn, q.from));
  if (q.to) parts.push(lte(cases.filedOn, q.to));
  // A clock runs only on an open case: naming the open stages lets the stage index find them (a province's ~1,100 of 25,000).
  if (q.clock) parts.push(inArray(cases.stage, [...OPEN_CASE_STAGES]), clockSql(q.clock, today, s));
  if (q.accidentId) parts.push(and(eq(cases.sourceKind, 'accident'), eq(cases.sourceRef, q.accidentId))!);
  if (q.q) {
    parts.push(containsText([cases.partyName, cases.caseNo, cases.summary], q.q));
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

/**
 * The list's order, the id last so that pages neither repeat nor skip a case. `deadline` is the 90-day decision
 * clock (办案期限): cases still awaiting a decision first whatever the direction (ascending, the nearest and the
 * overdue on top), then the rest by filing. Cases not yet filed have no filing date: newest first, they lead.
 */
export function caseOrder(sort: TCaseSort | undefined, order: 'asc' | 'desc' = 'desc'): SQL[] {
  const dir = order === 'asc' ? asc : desc;
  const filed = order === 'asc' ? sql`${cases.filedOn} ASC NULLS LAST` : sql`${cases.filedOn} DESC NULLS FIRST`;
  switch (sort) {
    case 'deadline':
      return [
        sql`(${cases.decidedOn} IS NULL AND ${cases.decisionDueOn} IS NOT NULL AND ${cases.stage} NOT IN ('closed', 'withdrawn')) DESC`,
        dir(cases.decisionDueOn),
        filed,
        dir(cases.id),
      ];
    case 'party':
      return [dir(cases.partyName), dir(cases.id)];
    case 'town':
      return [dir(cases.divisionCode), sql`${cases.filedOn} DESC NULLS FIRST`, desc(cases.id)];
    case 'filedOn':
      return [filed, dir(cases.id)];
    default:
      return [desc(cases.createdAt), desc(cases.id)];
  }
}

/** The columns a list item shows and its clocks read (a case has 73; a page of 20 carried them all). */
const LIST_COLUMNS = {
  id: cases.id,
  caseNo: cases.caseNo,
  procedure: cases.procedure,
  stage: cases.stage,
  divisionCode: cases.divisionCode,
  enterpriseId: cases.enterpriseId,
  partyName: cases.partyName,
  sourceKind: cases.sourceKind,
  summary: cases.summary,
  occurredOn: cases.occurredOn,
  discoveredOn: cases.discoveredOn,
  harmsLifeOrHealth: cases.harmsLifeOrHealth,
  filedOn: cases.filedOn,
  decisionDueOn: cases.decisionDueOn,
  notifiedOn: cases.notifiedOn,
  hearingRequestedOn: cases.hearingRequestedOn,
  decidedOn: cases.decidedOn,
  fineDecidedFen: cases.fineDecidedFen,
  finePaidFen: cases.finePaidFen,
  servedOn: cases.servedOn,
  paidOffOn: cases.paidOffOn,
  paymentPlan: cases.paymentPlan,
  demandComplyBy: cases.demandComplyBy,
  enforcementDueOn: cases.enforcementDueOn,
  enforcementAppliedOn: cases.enforcementAppliedOn,
  createdAt: cases.createdAt,
};
export type TCaseListRow = Pick<typeof cases.$inferSelect, keyof typeof LIST_COLUMNS>;

export async function listCases(db: Db, scope: string, q: TCaseListQuery, today: string, s: TCaseClockSettings, userId: number) {
  const where = listWhere(scope, q, today, s, userId);
  const page = (total?: SQL) =>
    db
      .select({
        c: LIST_COLUMNS,
        // The town's name and the extensions' days the clocks add, in the page's one statement; as subqueries of the
        // output they are read for the page's rows only, after the sort (a joined town was read for every match).
        // (the outer columns named with their table: a query of one table leaves its own columns unqualified)
        divisionName: sql<string | null>`(SELECT d.name FROM ${divisions} d WHERE d.code = ${cases}.division_code)`,
        extensionDays: sql<
          number[]
        >`coalesce((SELECT array_agg(x.days ORDER BY x.id) FROM ${caseExtensions} x WHERE x.case_id = ${cases}.id), '{}')`,
        total: total ?? sql<number>`0`,
      })
      .from(cases)
      .where(where)
      .orderBy(...caseOrder(q.sort, q.order))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
  if (q.clock) {
    // A clock runs on open cases only (a province's ~1,100): the page's statement counts its matches as it sorts them,
    // one statement instead of two over the same rows. A page past the end has no row to carry the count.
    const rows = await page(sql<number>`(count(*) OVER ())::int`);
    const total = rows.length ? Number(rows[0]!.total) : q.page > 1 ? await countCases(db, where) : 0;
    return { rows, total };
  }
  const [rows, total] = await Promise.all([page(), caseTotal(db, scope, q, where)]);
  return { rows, total };
}

/** The filters the roll-ups hold (the division, the stage, open or not): the total is their count, not the rows'. */
const fromRollups = (q: TCaseListQuery) => !q.clock && !q.mine && !q.reviewable && !q.from && !q.to && !q.q && !q.accidentId;

function caseTotal(db: Db, scope: string, q: TCaseListQuery, where: SQL): Promise<number> {
  if (fromRollups(q)) {
    if (q.stage && q.open === 'false' && !CLOSED.includes(q.stage)) return Promise.resolve(0);
    const states = q.stage ? [q.stage] : q.open === 'false' ? CLOSED : undefined;
    return rollupCount(db, {
      subject: 'case',
      scope,
      divisionCode: q.divisionCode,
      states,
      notStates: q.open === 'true' ? CLOSED : undefined,
    });
  }
  return countCases(db, where);
}

/**
 * Cases by stage with their clocks. Only open cases have a running clock (`clockSql` is false for closed and
 * withdrawn), so the clocks are read from the open rows (the stage index: a province's ~1,100 of 25,000) and the closed
 * and withdrawn counts from the roll-ups (a city's or the province's from the city counts), never a pass over every case.
 */
export async function stageCounts(db: Db, scope: string, today: string, s: TCaseClockSettings) {
  const [open, done] = await Promise.all([
    db
      .select({
        stage: cases.stage,
        count: sql<number>`count(*)::int`,
        dueSoon: sql<number>`count(*) FILTER (WHERE ${clockSql('due_in_7_days', today, s)})::int`,
        overdue: sql<number>`count(*) FILTER (WHERE ${clockSql('overdue', today, s)})::int`,
      })
      .from(cases)
      .where(and(inScopeSql(cases.divisionCode, scope, cases.cityCode), inArray(cases.stage, [...OPEN_CASE_STAGES])))
      .groupBy(cases.stage),
    rollupCountsBy(db, { subject: 'case', scope, states: CLOSED }, 'state'),
  ]);
  return [...open, ...done.map((r) => ({ stage: r.key, count: r.count, dueSoon: 0, overdue: 0 }))];
}

/**
 * Fines decided in a period per handling body, and how much of those same fines was paid by the period's end.
 * Payments used to be summed by payment date, so a fine decided last year and paid this month counted as paid
 * without its decision (南区 showed 47,100 yuan paid against 32,700 decided): both figures now read the same
 * cases, and a case's paid principal is capped at its fine, so paid never exceeds decided.
 */
export async function fineTotals(db: Db, scope: string, q: TFineTotalsQuery) {
  const scopeSql = and(
    inScopeSql(cases.divisionCode, scope, cases.cityCode),
    q.divisionCode ? inScopeSql(cases.divisionCode, q.divisionCode, cases.cityCode) : undefined,
  );
  const rows = await queryRows<{ division_code: string; cases: number; decided: string; paid: string; surcharge: string }>(
    db,
    sql`SELECT ${cases.divisionCode} AS division_code, count(*)::int AS cases, coalesce(sum(${cases.fineDecidedFen}), 0)::bigint AS decided,
          coalesce(sum(least(coalesce(p.principal, 0), ${cases.fineDecidedFen})), 0)::bigint AS paid,
          coalesce(sum(p.surcharge), 0)::bigint AS surcharge
        FROM ${cases}
        LEFT JOIN LATERAL (
          SELECT sum(cp.principal_fen) AS principal, sum(cp.surcharge_fen) AS surcharge
          FROM ${casePayments} cp WHERE cp.case_id = ${cases.id} ${q.to ? sql`AND cp.paid_on <= ${q.to}` : sql``}
        ) p ON true
        WHERE ${scopeSql} AND ${cases.decidedOn} IS NOT NULL AND ${cases.decisionOutcome} = 'penalty'
          ${q.from ? sql`AND ${cases.decidedOn} >= ${q.from}` : sql``} ${q.to ? sql`AND ${cases.decidedOn} <= ${q.to}` : sql``}
        GROUP BY 1`,
  );
  const codes = rows.map((r) => r.division_code).sort();
  const names = codes.length
    ? await db.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, codes))
    : [];
  return codes.map((code) => {
    const r = rows.find((x) => x.division_code === code)!;
    return {
      divisionCode: code,
      divisionName: names.find((n) => n.code === code)?.name ?? null,
      cases: r.cases,
      decidedFen: Number(r.decided),
      paidFen: Number(r.paid),
      surchargeFen: Number(r.surcharge),
    };
  });
}

/** What firms still owe through cases: open cases, and fines decided but not fully paid. */
/** A case the firm still owes on: open, or its fine not paid in full (withdrawn cases owe nothing). */
const unpaidCase = sql`${cases.finePaidFen} < ${cases.fineDecidedFen} AND ${cases.stage} <> 'withdrawn'`;

export async function obligationsOf(db: Db, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return [];
  return db
    .select({
      enterpriseId: sql<number>`${cases.enterpriseId}`,
      open: sql<number>`count(*) FILTER (WHERE ${inArray(cases.stage, [...OPEN_CASE_STAGES])})::int`,
      unpaidCases: sql<number>`count(*) FILTER (WHERE ${unpaidCase})::int`,
      unpaidFen: sql<string>`coalesce(sum(${cases.fineDecidedFen} - ${cases.finePaidFen}) FILTER (WHERE ${unpaidCase}), 0)::bigint`,
    })
    .from(cases)
    .where(inArray(cases.enterpriseId, enterpriseIds))
    .groupBy(cases.enterpriseId);
}

/** The firms among `candidates` (a subquery of ids) that `obligationsOf` lists, in one query. */
export async function owingAmong(db: Db, candidates: SQL): Promise<number[]> {
  const rows = await db
    .selectDistinct({ enterpriseId: sql<number>`${cases.enterpriseId}` })
    .from(cases)
    .where(and(sql`${cases.enterpriseId} IN ${candidates}`, sql`(${inArray(cases.stage, [...OPEN_CASE_STAGES])} OR (${unpaidCase}))`));
  return rows.map((r) => r.enterpriseId);
}
