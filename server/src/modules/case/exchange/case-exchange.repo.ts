import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { caseDocuments, casePenalties, cases, caseViolations, divisions, enterprises } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

const decisionNo = sql<
  string | null
>`(SELECT d.number FROM ${caseDocuments} d WHERE d.case_id = ${cases.id} AND d.kind = 'decision' ORDER BY d.id DESC LIMIT 1)`;

/** 双公示: general-procedure penalty decisions once served, newest first. */
export async function publicDecisions(db: Db, page: number, pageSize: number) {
  const where = and(
    eq(cases.procedure, 'general'),
    eq(cases.decisionOutcome, 'penalty'),
    inArray(cases.stage, ['served', 'executing', 'paid', 'closed']),
  );
  const rows = await db
    .select({
      id: cases.id,
      decisionNo,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      personName: cases.personName,
      otherPenalties: cases.otherPenalties,
      confiscationFen: cases.confiscationFen,
      fineFen: cases.fineDecidedFen,
      decidedOn: cases.decidedOn,
      divisionCode: cases.divisionCode,
      divisionName: divisions.name,
    })
    .from(cases)
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, cases.divisionCode))
    .where(where)
    .orderBy(desc(cases.decidedOn), desc(cases.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(where);
  const ids = rows.map((r) => r.id);
  const violations = ids.length
    ? await db
        .select({
          caseId: casePenalties.caseId,
          target: casePenalties.target,
          decidedFineFen: casePenalties.decidedFineFen,
          title: caseViolations.title,
          violatedProvision: caseViolations.violatedProvision,
          penaltyProvision: caseViolations.penaltyProvision,
        })
        .from(casePenalties)
        .innerJoin(caseViolations, eq(caseViolations.code, casePenalties.code))
        .where(inArray(casePenalties.caseId, ids))
        .orderBy(asc(casePenalties.caseId), asc(casePenalties.code))
    : [];
  return { rows: rows.map((r) => ({ ...r, violations: violations.filter((v) => v.caseId === r.id) })), total: count?.n ?? 0 };
}

/** Cases changed after the cursor (updated_at, id), in that order: the provincial export's incremental page. */
export async function exchangeRecords(db: Db, scope: string, after: { updatedAt: string; id: number } | null, limit: number) {
  return db
    .select({ c: cases, creditCode: enterprises.creditCode, decisionNo })
    .from(cases)
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .where(
      and(
        inScopeSql(cases.divisionCode, scope, cases.cityCode),
        after ? sql`(${cases.updatedAt}, ${cases.id}) > (${after.updatedAt}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(limit);
}
