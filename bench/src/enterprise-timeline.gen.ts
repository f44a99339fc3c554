import { sql } from 'drizzle-orm';
import { HAZARD_LEVEL_LABELS, HAZARD_SOURCE_LABELS, INSPECTION_KIND_LABELS, RISK_COLOUR_LABELS } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext, TModuleGenerator } from './generate';

/** A label map as a jsonb literal, so SQL can look a code up (`labels ->> kind`) as the modules' summaries do. */
const labels = (map: Record<string, string>) => sql`${JSON.stringify(map)}::jsonb`;
const GRADE_WORDS = labels({ red: '重大风险', orange: '较大风险', yellow: '一般风险', blue: '低风险' });

/**
 * enterprise timeline (企业动态): the events the modules would have announced while the generated records were made,
 * written into the firm's timeline as the listeners write them (enterprise.module.ts, risk.module.ts): each submitted
 * inspection, each hazard found and signed off, each case filed and decided, each risk grade and risk event. Runs after
 * every generator whose records it reads; the summaries read as the live ones do.
 */
export const timelineGenerator: TModuleGenerator = {
  module: 'enterprise-timeline',
  async generate(ctx: TGenerateContext) {
    const { db } = ctx;
    const before = await count(ctx);
    // Inspections: inspection.completed (kind = the inspection's kind).
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT i.enterprise_id, (i.inspected_on + time '16:00') AT TIME ZONE 'Asia/Shanghai', 'inspection', i.kind,
        (${labels(INSPECTION_KIND_LABELS)} ->> i.kind) || '（' || i.inspected_on || '）：发现问题 ' || i.findings_count || ' 项',
        'inspection:' || i.id
      FROM inspections i WHERE i.status = 'submitted'`);
    // Hazards: hazard.recorded (risk writes hazard_found) and hazard.closed (hazard_closed).
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT h.enterprise_id, (h.found_on + time '17:00') AT TIME ZONE 'Asia/Shanghai', 'hazard', 'hazard_found',
        h.description || '（' || (${labels(HAZARD_LEVEL_LABELS)} ->> h.level) || '，' || (${labels(HAZARD_SOURCE_LABELS)} ->> h.source) || '）',
        'hazard:' || h.id
      FROM hazards h`);
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT h.enterprise_id, coalesce(h.closed_at, (h.closed_on + time '17:00') AT TIME ZONE 'Asia/Shanghai'), 'hazard', 'hazard_closed',
        h.description || '（' || (${labels(HAZARD_LEVEL_LABELS)} ->> h.level) || '）复查通过并销号', 'hazard:' || h.id
      FROM hazards h WHERE h.state = 'closed' AND (h.closed_at IS NOT NULL OR h.closed_on IS NOT NULL)`);
    // Cases against registered firms: case.filed (filing) and case.penalty_decided (risk writes penalty).
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT c.enterprise_id, (c.filed_on + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'case', 'filing',
        '行政处罚立案（' || coalesce(c.case_no, '案件 ' || c.id) || '）：' || c.summary, 'case:' || c.id
      FROM cases c WHERE c.enterprise_id IS NOT NULL AND c.filed_on IS NOT NULL`);
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT c.enterprise_id, (c.decided_on + time '15:00') AT TIME ZONE 'Asia/Shanghai', 'case', 'penalty',
        '行政处罚决定（' || coalesce(c.case_no, '案件 ' || c.id) || '）：' || c.summary
          || CASE WHEN coalesce(c.fine_decided_fen, 0) > 0 THEN '，罚款 ' || to_char(c.fine_decided_fen / 100.0, 'FM999,999,990.00') || ' 元' ELSE '' END,
        'case:' || c.id
      FROM cases c WHERE c.enterprise_id IS NOT NULL AND c.decided_on IS NOT NULL AND c.decision_outcome = 'penalty'`);
    // Risk: each grade as assessed, and the risk module's own events (accidents, refused directives …).
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT g.enterprise_id, (g.assessed_on + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'risk', 'risk_grade',
        '风险等级评定为' || (${GRADE_WORDS} ->> g.colour) || '（' || (${labels(RISK_COLOUR_LABELS)} ->> g.colour) || '）'
          || CASE WHEN g.score IS NULL THEN '' ELSE '，专家评估得分 ' || g.score || ' 分' END,
        NULL
      FROM risk_grades g`);
    await db.execute(sql`INSERT INTO enterprise_events (enterprise_id, at, module, kind, summary, ref)
      SELECT e.enterprise_id, e.occurred_at, 'risk', e.kind, e.summary, NULL FROM risk_events e WHERE e.module = 'bench'`);
    await db.execute(sql`ANALYZE enterprise_events`);
    const made = (await count(ctx)) - before;
    ctx.fingerprint.update(`timeline|${made}\n`);
    return { enterprise_events: made };
  },
};

async function count(ctx: TGenerateContext): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM enterprise_events`);
  return Number(row?.n ?? 0);
}
