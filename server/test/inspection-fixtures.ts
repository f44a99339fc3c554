import { sql } from 'drizzle-orm';
import { searchGrams } from '@yingji/domain';
import { queryRows, type Db } from '../src/db/client';
import {
  draws,
  drawTargets,
  enterprises,
  findings,
  inspectionAnswers,
  inspectionInspectors,
  inspectionItems,
  inspectionPlans,
  inspections,
  inspectors,
  riskGrades,
} from '../src/db/schema/index';
import { creditCode } from './enterprise-fixtures';

/**
 * Small factories writing inspection records straight into the tables (the inspection, plan and draw modules are
 * built elsewhere): each takes what a test cares about and fills the rest with plain values.
 */
const NOW = '2026-03-02T01:00:00.000Z';
let serial = 700_000;

export async function firm(
  db: Db,
  o: {
    divisionCode?: string;
    name?: string;
    category?: string;
    tags?: string[];
    colour?: 'red' | 'orange' | 'yellow' | 'blue';
    legalRepresentative?: string;
  } = {},
) {
  const n = ++serial;
  const name = o.name ?? `中山市检查测试${n}号有限公司`;
  const [row] = await db
    .insert(enterprises)
    .values({
      creditCode: creditCode(n),
      name,
      divisionCode: o.divisionCode ?? '442000107',
      supervisionCategory: o.category ?? 'it_machinery',
      tags: o.tags ?? [],
      supervisingLevel: 'town',
      legalRepresentative: o.legalRepresentative ?? '张三',
      address: `中山市测试路${n}号`,
      searchGrams: searchGrams([name, creditCode(n)]),
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning({ id: enterprises.id, divisionCode: enterprises.divisionCode, name: enterprises.name, creditCode: enterprises.creditCode });
  if (o.colour) {
    await db.insert(riskGrades).values({
      enterpriseId: row!.id,
      divisionCode: row!.divisionCode,
      colour: o.colour,
      basis: 'initial',
      assessedOn: '2026-01-01',
      validUntil: '2029-01-01',
      updatedAt: NOW,
    });
  }
  return row!;
}

export interface TInspectionInput {
  enterpriseId: number;
  divisionCode: string;
  kind?: 'planned' | 'ad_hoc' | 'unannounced';
  inspectedOn: string;
  status?: 'draft' | 'submitted';
  findings?: number;
  major?: number;
  drawTargetId?: number;
  planId?: number;
  publishedAt?: string | null;
}

/** An inspection with `findings` findings (the first `major` of them major hazards), inserted as the module would. */
export async function inspection(db: Db, o: TInspectionInput) {
  const findingsTotal = o.findings ?? 0;
  const [row] = await db
    .insert(inspections)
    .values({
      enterpriseId: o.enterpriseId,
      divisionCode: o.divisionCode,
      kind: o.kind ?? 'ad_hoc',
      drawTargetId: o.drawTargetId ?? null,
      planId: o.planId ?? null,
      inspectedOn: o.inspectedOn,
      place: '生产车间',
      status: o.status ?? 'submitted',
      findingsCount: findingsTotal,
      publishedAt: o.publishedAt ?? null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning({ id: inspections.id });
  if (findingsTotal > 0) {
    await db.insert(findings).values(
      Array.from({ length: findingsTotal }, (_, i) => ({
        inspectionId: row!.id,
        enterpriseId: o.enterpriseId,
        divisionCode: o.divisionCode,
        description: `隐患${i + 1}`,
        majorHazard: i < (o.major ?? 0),
        foundOn: o.inspectedOn,
        createdAt: NOW,
      })),
    );
  }
  return row!.id;
}

export async function plan(
  db: Db,
  o: {
    divisionCode?: string;
    year?: number;
    periodStart?: string;
    periodEnd?: string;
    pool?: Partial<typeof inspectionPlans.$inferInsert.pool>;
  } = {},
) {
  const [row] = await db
    .insert(inspectionPlans)
    .values({
      divisionCode: o.divisionCode ?? '4420',
      year: o.year ?? 2026,
      title: `${o.year ?? 2026}年度双随机抽查计划`,
      periodStart: o.periodStart ?? '2026-01-01',
      periodEnd: o.periodEnd ?? '2026-06-30',
      focus: '工贸行业',
      pool: { categories: [], tags: [], towns: [], colours: [], ...o.pool },
      ratios: { red: 1, orange: 0.5, yellow: 0.2, blue: 0.1, none: 0.05 },
      status: 'approved',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning({ id: inspectionPlans.id });
  return row!.id;
}

export async function draw(db: Db, planId: number, o: { status?: 'committed' | 'drawn' | 'superseded'; divisionCode?: string } = {}) {
  const [row] = await db
    .insert(draws)
    .values({
      planId,
      divisionCode: o.divisionCode ?? '4420',
      label: '第一批',
      status: o.status ?? 'drawn',
      commitment: 'c'.repeat(64),
      seed: 's'.repeat(64),
      candidates: [],
      inspectorPool: [],
      params: {},
      candidatesHash: 'a'.repeat(64),
      inspectorsHash: 'b'.repeat(64),
      committedAt: NOW,
      drawnAt: NOW,
    })
    .returning({ id: draws.id });
  return row!.id;
}

let position = 0;
export async function target(db: Db, drawId: number, f: { id: number; divisionCode: string }, stratum: string) {
  const [row] = await db
    .insert(drawTargets)
    .values({ drawId, position: ++position, enterpriseId: f.id, divisionCode: f.divisionCode, stratum, inspectorIds: [] })
    .returning({ id: drawTargets.id });
  return row!.id;
}

export async function inspector(db: Db, userId: number, certificateNo: string, divisionCode = '442000107') {
  await db.insert(inspectors).values({ userId, divisionCode, certificateNo, certificateExpiresOn: '2030-12-31', updatedAt: NOW });
}

export async function answer(
  db: Db,
  inspectionId: number,
  o: { code: string; title: string; result: 'compliant' | 'non_compliant' | 'not_applicable'; note?: string; sort?: number },
) {
  const [item] = await db
    .insert(inspectionItems)
    .values({
      code: o.code,
      title: o.title,
      content: o.title,
      legalBasis: '《中华人民共和国安全生产法》第四十一条',
      groupName: '通用',
      sort: o.sort ?? 0,
    })
    .returning({ id: inspectionItems.id });
  await db.insert(inspectionAnswers).values({ inspectionId, itemId: item!.id, result: o.result, note: o.note ?? null });
}

export async function inspectorOf(db: Db, inspectionId: number, userId: number, certificateNo: string) {
  await db.insert(inspectionInspectors).values({ inspectionId, userId, certificateNo });
}

/** inspection_counts as the triggers keep them, against a recount from the records (zero rows dropped). */
export async function countsDrift(db: Db): Promise<{ kept: string[]; recount: string[] }> {
  const kept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, month, kind, inspections, findings, major_findings) AS k FROM inspection_counts WHERE inspections <> 0 OR findings <> 0 ORDER BY 1`,
  );
  const recount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', i.division_code, to_char(i.inspected_on, 'YYYY-MM'), i.kind, count(*), sum(f.n), sum(f.m)) AS k
        FROM inspections i
        LEFT JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE major_hazard) AS m FROM findings WHERE inspection_id = i.id) f ON true
        WHERE i.status = 'submitted' GROUP BY i.division_code, to_char(i.inspected_on, 'YYYY-MM'), i.kind ORDER BY 1`,
  );
  const firmsKept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', period, kind, enterprise_id, division_code, n) AS k FROM inspection_firm_periods ORDER BY 1`,
  );
  const firmsRecount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', p.period, k.kind, i.enterprise_id, i.division_code, count(*)) AS k FROM inspections i,
          unnest(ARRAY[to_char(i.inspected_on, 'YYYY'), to_char(i.inspected_on, 'YYYY-"Q"Q'), to_char(i.inspected_on, 'YYYY-MM')]) p(period),
          unnest(ARRAY[i.kind, 'all']) k(kind)
        WHERE i.status = 'submitted' GROUP BY p.period, k.kind, i.enterprise_id, i.division_code ORDER BY 1`,
  );
  const townsKept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, period, kind, firms) AS k FROM inspection_firm_counts WHERE firms <> 0 ORDER BY 1`,
  );
  const townsRecount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, period, kind, count(*)) AS k FROM inspection_firm_periods GROUP BY division_code, period, kind ORDER BY 1`,
  );
  const moversKept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', period, kind, enterprise_id) AS k FROM inspection_firm_movers ORDER BY 1`,
  );
  const moversRecount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', period, kind, enterprise_id) AS k FROM inspection_firm_periods GROUP BY period, kind, enterprise_id HAVING count(*) > 1 ORDER BY 1`,
  );
  const keys = (rows: { k: string }[]) => rows.map((r) => r.k);
  return {
    kept: [...keys(kept), '--', ...keys(firmsKept), '--', ...keys(townsKept), '--', ...keys(moversKept)],
    recount: [...keys(recount), '--', ...keys(firmsRecount), '--', ...keys(townsRecount), '--', ...keys(moversRecount)],
  };
}
