import { sql } from 'drizzle-orm';
import {
  addDaysToDate,
  candidatesHash,
  canonicalCandidates,
  canonicalInspectors,
  CATEGORY_CODES,
  DEFAULT_POWERS,
  inspectorsHash,
  runDraw,
  seedCommitment,
  type TDrawCandidate,
  type TDrawParams,
  type TPlanStratum,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext } from './generate';
import type { TRandom } from './prng';

/**
 * Annual 双随机 plans for every body (each city's bureau and each town) over the five years, each with one draw made
 * exactly as the server makes it (frozen canonical lists, SHA-256 commitment, `runDraw`), so `yingji draw-verify`
 * reproduces every generated draw. The seed (§二(三)3(7)): 2025年度安全生产监督检查计划, 双随机 for every body.
 */
export interface TPlanFirm {
  id: number;
  division_code: string;
  supervising_level: string;
  supervision_category: string;
  colour: string | null;
  registration_status: string;
}

export interface TGeneratedTarget {
  targetId: number;
  planId: number;
  enterpriseId: number;
  divisionCode: string;
  colour: string | null;
  inspectorIds: number[];
  drawDate: string;
  periodEnd: string;
}

const CITY_CATEGORIES = CATEGORY_CODES.filter((c) => DEFAULT_POWERS[c] === 'city');
const TOWN_CATEGORIES = CATEGORY_CODES.filter((c) => DEFAULT_POWERS[c] === 'town');
/** The bureau checks its graded firms hard and samples the rest; towns sample a twentieth of their firms a year. */
const BUREAU_RATIOS: Record<TPlanStratum, number> = { red: 1, orange: 1, yellow: 0.5, blue: 0.3, none: 0.1 };
const TOWN_RATIOS: Record<TPlanStratum, number> = { red: 1, orange: 1, yellow: 0.5, blue: 0.3, none: 0.05 };

const hex = (random: TRandom) => Array.from({ length: 8 }, () => random.int(0, 0xffff_ffff).toString(16).padStart(8, '0')).join('');

export async function generatePlans(
  ctx: TGenerateContext,
  input: {
    firms: TPlanFirm[];
    officersByBody: Map<string, number[]>;
    expiresOn: Map<number, string>;
    conflictsByFirm: Map<number, number[]>;
    years: number[];
    today: string;
    author: Map<string, { createdBy: number; approvedBy: number }>;
  },
): Promise<{ targets: TGeneratedTarget[]; plans: number; draws: number }> {
  const random = ctx.random.fork('plans');
  const { db } = ctx;
  const firmsByBody = new Map<string, TPlanFirm[]>();
  for (const f of input.firms) {
    if (f.registration_status === '注销' || f.registration_status === '吊销') continue;
    const body = f.supervising_level === 'city' ? f.division_code.slice(0, 4) : f.division_code;
    const list = firmsByBody.get(body);
    if (list) list.push(f);
    else firmsByBody.set(body, [f]);
  }
  const colourOf = new Map(input.firms.map((f) => [f.id, f.colour]));
  const bodies = [...firmsByBody.keys()].filter((b) => (input.officersByBody.get(b)?.length ?? 0) >= 2).sort();
  const targets: TGeneratedTarget[] = [];
  let plans = 0;
  let drawCount = 0;
  for (const year of input.years) {
    for (const body of bodies) {
      const isBureau = body.length === 4;
      const periodStart = `${year}-01-01`;
      const periodEnd = `${year}-12-31`;
      const drawDate = [`${year}-02-15`, input.today].sort()[0]!;
      const authors = input.author.get(body);
      const [plan] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO inspection_plans (division_code, year, title, period_start, period_end, focus, pool, ratios, inspectors_per_target, rounds, status, created_by, approved_by, approved_at, created_at, updated_at)
            VALUES (${body}, ${year}, ${`${year}年度安全生产“双随机”监督检查计划`}, ${periodStart}, ${periodEnd},
              ${isBureau ? '危险化学品、烟花爆竹批发、非煤矿山等市级监管企业' : '工贸企业、危险化学品使用和经营（不带储存）企业'},
              ${JSON.stringify({ categories: isBureau ? CITY_CATEGORIES : TOWN_CATEGORIES, tags: [], towns: [], colours: [] })}::jsonb,
              ${JSON.stringify(isBureau ? BUREAU_RATIOS : TOWN_RATIOS)}::jsonb, 2, 1, 'approved', ${authors?.createdBy ?? null}, ${authors?.approvedBy ?? null},
              ${`${periodStart}T09:00:00+08:00`}::timestamptz, ${`${periodStart}T09:00:00+08:00`}::timestamptz, ${`${periodStart}T09:00:00+08:00`}::timestamptz)
            RETURNING id`,
      );
      plans++;
      const candidates: TDrawCandidate[] = canonicalCandidates(
        firmsByBody.get(body)!.map((f) => ({
          enterpriseId: f.id,
          divisionCode: f.division_code,
          stratum: (f.colour ?? 'none') as TPlanStratum,
          excludedInspectorIds: [...(input.conflictsByFirm.get(f.id) ?? [])].sort((a, b) => a - b),
        })),
      );
      const inspectors = canonicalInspectors(
        input.officersByBody.get(body)!.map((userId) => ({ userId, certificateExpiresOn: input.expiresOn.get(userId)! })),
      );
      const params: TDrawParams = { ratios: isBureau ? BUREAU_RATIOS : TOWN_RATIOS, inspectorsPerTarget: 2, drawDate };
      const seed = hex(random);
      const result = runDraw(seed, candidates, inspectors, params);
      if (!result.ok) continue; // a body whose officers cannot cover its firms keeps its plan without a draw
      const at = `${drawDate}T10:00:00+08:00`;
      const [draw] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO draws (plan_id, division_code, label, status, commitment, seed, candidates, inspector_pool, params, candidates_hash, inspectors_hash, committed_at, drawn_at, published_at, created_by)
            VALUES (${plan!.id}, ${body}, ${`${year}年第一轮抽取`}, 'drawn', ${seedCommitment(seed)}, ${seed}, ${JSON.stringify(candidates)}::jsonb, ${JSON.stringify(inspectors)}::jsonb,
              ${JSON.stringify(params)}::jsonb, ${candidatesHash(candidates)}, ${inspectorsHash(inspectors)}, ${at}::timestamptz, ${at}::timestamptz,
              ${`${addDaysToDate(drawDate, 1)}T10:00:00+08:00`}::timestamptz, ${authors?.createdBy ?? null})
            RETURNING id`,
      );
      drawCount++;
      const ids = await queryRows<{ id: number; position: number }>(
        db,
        sql`INSERT INTO draw_targets (draw_id, position, enterprise_id, division_code, stratum, inspector_ids)
            SELECT ${draw!.id}, v.position, v."enterpriseId", v."divisionCode", v.stratum, ARRAY(SELECT jsonb_array_elements_text(v."inspectorIds")::int)
            FROM json_to_recordset(${JSON.stringify(result.targets)}::json) AS v(position int, "enterpriseId" int, "divisionCode" text, stratum text, "inspectorIds" jsonb)
            RETURNING id, position`,
      );
      const idAt = new Map(ids.map((r) => [Number(r.position), Number(r.id)]));
      for (const t of result.targets) {
        targets.push({
          targetId: idAt.get(t.position)!,
          planId: plan!.id,
          enterpriseId: t.enterpriseId,
          divisionCode: t.divisionCode,
          colour: colourOf.get(t.enterpriseId) ?? null,
          inspectorIds: t.inspectorIds,
          drawDate,
          periodEnd,
        });
      }
      ctx.fingerprint.update(`draw|${body}|${year}|${seed}|${result.targets.length}\n`);
    }
  }
  return { targets, plans, draws: drawCount };
}
