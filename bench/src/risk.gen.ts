import { sql } from 'drizzle-orm';
import {
  addDaysToDate,
  bureauDate,
  colourForScore,
  DEFAULT_RISK_ASSESSMENT,
  gradeValidUntil,
  type TSpecialTag,
  type TSupervisionCategory,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext, TModuleGenerator } from './generate';
import { INITIAL_GRADED_CATEGORIES, initialGradeFor, OTHER_HC_CATEGORIES, otherHcScore, WORKS_TAGS } from './risk-grade.table';

/**
 * risk: the seed's grading (§二(二)2(5)): each city's 98 hazardous-chemical production and storage firms graded after
 * expert assessment, 7 orange, 51 yellow, 40 blue (no red), assessments spread over the last three years so some
 * expire within 90 days; and a few firms with events in the last year (an accident, repeated penalties, a refused
 * directive) so the dynamic rules have something to propose.
 */
const GRADED_CATEGORIES = ['hc_production', 'hc_trade_storage'];
const SPLIT: { colour: 'orange' | 'yellow' | 'blue'; count: number; low: number; high: number }[] = [
  { colour: 'orange', count: 7, low: 60, high: 74.9 },
  { colour: 'yellow', count: 51, low: 75, high: 89.9 },
  { colour: 'blue', count: 40, low: 90, high: 99.5 },
];

export const riskGenerator: TModuleGenerator = {
  module: 'risk',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('risk');
    const today = bureauDate(new Date(ctx.now));
    const settings = DEFAULT_RISK_ASSESSMENT;
    const firms = await queryRows<{ id: number; division_code: string; city: string }>(
      ctx.db,
      sql`SELECT id, division_code, left(division_code, 4) AS city FROM enterprises
          WHERE supervision_category IN (${sql.join(
            GRADED_CATEGORIES.map((c) => sql`${c}`),
            sql`, `,
          )}) ORDER BY id`,
    );
    const byCity = new Map<string, { id: number; division_code: string }[]>();
    for (const f of firms) byCity.set(f.city, [...(byCity.get(f.city) ?? []), f]);

    const grades: Record<string, unknown>[] = [];
    /** A hazardous-chemical firm graded by its score through the guide's bands, as the product grades it. */
    const scored = (firm: { id: number; division_code: string }, score: number, assessedOn: string) => {
      const colour = colourForScore(score, settings);
      grades.push({
        enterpriseId: firm.id,
        divisionCode: firm.division_code,
        colour,
        score,
        assessedOn,
        validUntil: gradeValidUntil(assessedOn, settings.validityYears),
      });
      ctx.fingerprint.update(`risk|${firm.id}|${colour}|${score}|${assessedOn}\n`);
    };
    const events: Record<string, unknown>[] = [];
    for (const [, list] of [...byCity].sort(([a], [b]) => a.localeCompare(b))) {
      // Deterministic shuffle, then deal the colours in the seed's proportions (scaled if a city has another count).
      const shuffled = list
        .map((f) => ({ f, k: random.next() }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.f);
      let i = 0;
      for (const band of SPLIT) {
        const n = Math.round((band.count * shuffled.length) / 98);
        for (let j = 0; j < n && i < shuffled.length; j++, i++) {
          const firm = shuffled[i]!;
          const score = Math.round((band.low + random.next() * (band.high - band.low)) * 10) / 10;
          // About one in twelve was assessed almost three years ago and falls due within 90 days.
          const assessedOn = addDaysToDate(today, -(random.chance(0.08) ? random.int(1_000, 1_090) : random.int(30, 990)));
          scored(firm, score, assessedOn);
        }
      }
      // A handful of firms with events in the last year: the dynamic rules propose raising them.
      for (const firm of shuffled.slice(0, 6)) {
        const kind = random.pick(['accident', 'penalty', 'directive_refused'] as const);
        const n = kind === 'penalty' ? 2 : 1;
        for (let k = 0; k < n; k++) {
          const at = addDaysToDate(today, -random.int(10, 300));
          events.push({
            enterpriseId: firm.id,
            divisionCode: firm.division_code,
            kind,
            occurredAt: `${at}T10:00:00+08:00`,
            ref: `bench:${firm.id}:${kind}:${k}`,
            summary: EVENT_SUMMARY[kind],
          });
        }
      }
    }
    // Every other firm the rules require graded: the rest of the hazardous-chemical firms by the guide's score bands,
    // fireworks, mines and the 工贸 firms with a 部令10号 tag by the bureau's sector table (an initial grade with its reason).
    const others = await queryRows<{ id: number; division_code: string; category: TSupervisionCategory; tags: TSpecialTag[] }>(
      ctx.db,
      sql`SELECT id, division_code, supervision_category AS category, tags FROM enterprises
          WHERE supervision_category IN (${sql.join(
            [...OTHER_HC_CATEGORIES, ...INITIAL_GRADED_CATEGORIES].map((c) => sql`${c}`),
            sql`, `,
          )})
             OR (supervision_category LIKE 'it\\_%' AND tags && ${`{${WORKS_TAGS.join(',')}}`}::text[])
          ORDER BY id`,
    );
    const initial: Record<string, unknown>[] = [];
    for (const firm of others) {
      const assessedOn = addDaysToDate(today, -(random.chance(0.06) ? random.int(1_000, 1_090) : random.int(20, 990)));
      if ((OTHER_HC_CATEGORIES as readonly string[]).includes(firm.category)) {
        const score = otherHcScore(random.next(), random.next());
        scored(firm, score, assessedOn);
        continue;
      }
      const g = initialGradeFor(firm.category, firm.tags, random.next());
      initial.push({
        enterpriseId: firm.id,
        divisionCode: firm.division_code,
        colour: g.colour,
        assessedOn,
        validUntil: gradeValidUntil(assessedOn, settings.validityYears),
        reason: g.reason,
      });
      ctx.fingerprint.update(`risk|${firm.id}|${g.colour}|initial|${assessedOn}\n`);
    }
    for (let i = 0; i < grades.length; i += ctx.batchSize) await insertAssessed(ctx, grades.slice(i, i + ctx.batchSize));
    for (let i = 0; i < initial.length; i += ctx.batchSize) await insertInitial(ctx, initial.slice(i, i + ctx.batchSize));
    await checkGrades(ctx);
    if (events.length > 0) {
      await ctx.db.execute(sql`INSERT INTO risk_events (enterprise_id, division_code, kind, occurred_at, module, ref, summary)
        SELECT v."enterpriseId", v."divisionCode", v.kind, v."occurredAt", 'bench', v.ref, v.summary
        FROM json_to_recordset(${JSON.stringify(events)}::json) AS v("enterpriseId" int, "divisionCode" text, kind text, "occurredAt" timestamptz, ref text, summary text)`);
    }
    return { risk_grades: grades.length + initial.length, risk_events: events.length };
  },
};

/** Expert assessments (score and the guide's bands): the grade and its history row, one multi-row insert each. */
async function insertAssessed(ctx: TGenerateContext, grades: Record<string, unknown>[]): Promise<void> {
  await ctx.db
    .execute(sql`INSERT INTO risk_grades (enterprise_id, division_code, colour, score, basis, assessed_on, valid_until, updated_at)
    SELECT v."enterpriseId", v."divisionCode", v.colour, v.score, 'assessment', v."assessedOn", v."validUntil", ${ctx.now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(grades)}::json) AS v("enterpriseId" int, "divisionCode" text, colour text, score float8, "assessedOn" date, "validUntil" date)`);
  await ctx.db.execute(sql`INSERT INTO risk_grade_history (enterprise_id, division_code, to_colour, score, basis, reasons, at)
    SELECT v."enterpriseId", v."divisionCode", v.colour, v.score, 'assessment',
      json_build_array(json_build_object('rule', 'assessment', 'text', '专家评估得分 ' || v.score || ' 分（' || v."assessedOn" || '）')), ${ctx.now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(grades)}::json) AS v("enterpriseId" int, "divisionCode" text, colour text, score float8, "assessedOn" date)`);
}

/** Initial grades set from the bureau's sector table (no score), with the reason the history shows. */
async function insertInitial(ctx: TGenerateContext, rows: Record<string, unknown>[]): Promise<void> {
  await ctx.db
    .execute(sql`INSERT INTO risk_grades (enterprise_id, division_code, colour, score, basis, assessed_on, valid_until, updated_at)
    SELECT v."enterpriseId", v."divisionCode", v.colour, NULL, 'initial', v."assessedOn", v."validUntil", ${ctx.now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v("enterpriseId" int, "divisionCode" text, colour text, "assessedOn" date, "validUntil" date)`);
  await ctx.db.execute(sql`INSERT INTO risk_grade_history (enterprise_id, division_code, to_colour, score, basis, reasons, comment, at)
    SELECT v."enterpriseId", v."divisionCode", v.colour, NULL, 'initial',
      json_build_array(json_build_object('rule', 'initial', 'text', '人工初始定级：' || v.reason)), v.reason, ${ctx.now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v("enterpriseId" int, "divisionCode" text, colour text, reason text)`);
}

/**
 * The generator's own check: each city's 98 seed firms stay at exactly 7 orange, 51 yellow, 40 blue, and no firm the
 * rules require graded (hazardous chemicals, fireworks, mines, 工贸 with a 部令10号 tag) is left without a grade.
 */
async function checkGrades(ctx: TGenerateContext): Promise<void> {
  const seed = await queryRows<{ city: string; colour: string; n: number }>(
    ctx.db,
    sql`SELECT left(e.division_code, 4) AS city, g.colour, count(*)::int AS n FROM enterprises e JOIN risk_grades g ON g.enterprise_id = e.id
        WHERE e.supervision_category IN ('hc_production', 'hc_trade_storage') GROUP BY 1, 2`,
  );
  const cities = new Map<string, Record<string, number>>();
  for (const r of seed) cities.set(r.city, { ...cities.get(r.city), [r.colour]: r.n });
  for (const [city, c] of cities) {
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    if (total === 98 && (c.orange !== 7 || c.yellow !== 51 || c.blue !== 40 || (c.red ?? 0) !== 0))
      throw new Error(`risk.gen: ${city} 的 98 家危化品生产储存企业应为 橙 7、黄 51、蓝 40，实为 ${JSON.stringify(c)}`);
  }
  const [missing] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM enterprises e LEFT JOIN risk_grades g ON g.enterprise_id = e.id
        WHERE g.enterprise_id IS NULL AND (e.supervision_category LIKE 'hc\\_%' OR e.supervision_category LIKE 'fw\\_%' OR e.supervision_category = 'mine'
          OR (e.supervision_category LIKE 'it\\_%' AND e.tags && ${`{${WORKS_TAGS.join(',')}}`}::text[]))`,
  );
  if (missing!.n > 0) throw new Error(`risk.gen: ${missing!.n} 家依规应定级的企业没有风险等级`);
}

const EVENT_SUMMARY: Record<string, string> = {
  accident: '发生一般生产安全事故 1 起（生成数据）',
  penalty: '因未按规定开展隐患排查被行政处罚（生成数据）',
  directive_refused: '拒不执行责令限期整改指令（生成数据）',
};
