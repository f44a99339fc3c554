import { sql } from 'drizzle-orm';
import { bureauDate } from '@yingji/domain';
import { queryRows, type Db } from '../src/db/client';
import { hazards } from '../src/db/schema/index';

/**
 * A small factory writing hazards straight into the `hazards` table (the hazard records and their transitions are
 * built by another module), in realistic states: an order number once ordered, the submitter once submitted, the
 * sign-off (closed_at, and closed_on its bureau day) once closed.
 */
const NOW = '2026-03-02T01:00:00.000Z';

export interface THazardInput {
  enterpriseId: number;
  divisionCode: string;
  /** When it was found (an instant: its bureau day is found_on) or the day itself. */
  foundAt?: string;
  foundOn?: string;
  state?: 'found' | 'ordered' | 'rectifying' | 'submitted' | 'closed';
  level?: 'general' | 'major';
  category?: string;
  source?: 'inspection' | 'self_check' | 'complaint' | 'campaign' | 'accident_investigation';
  deadline?: string;
  /** For a closed hazard: the sign-off instant (default: noon on the deadline, Asia/Shanghai). */
  closedAt?: string;
}

export async function hazard(db: Db, o: THazardInput) {
  const foundOn = o.foundOn ?? (o.foundAt ? bureauDate(new Date(o.foundAt)) : '2026-03-01');
  const state = o.state ?? 'found';
  const deadline = o.deadline ?? '2026-04-30';
  const closedAt = state === 'closed' ? (o.closedAt ?? new Date(`${deadline}T12:00:00+08:00`).toISOString()) : null;
  const [row] = await db
    .insert(hazards)
    .values({
      enterpriseId: o.enterpriseId,
      divisionCode: o.divisionCode,
      source: o.source ?? 'inspection',
      category: o.category ?? 'electrical',
      level: o.level ?? 'general',
      description: '配电箱未设置漏电保护装置',
      location: '一号车间',
      foundOn,
      foundBy: '执法人员',
      responsiblePerson: '李四',
      deadline,
      state,
      plan:
        o.level === 'major'
          ? { measures: '更换配电箱', fundsFen: 500_000, deadline, responsiblePerson: '李四', contingency: '停用该区域设备' }
          : null,
      orderNo: state === 'found' ? null : `中应急责改〔2026〕${Math.floor(Math.random() * 100000)}号`,
      orderedAt: state === 'found' ? null : NOW,
      submittedAt: state === 'submitted' || state === 'closed' ? NOW : null,
      closedAt,
      closedOn: closedAt ? bureauDate(new Date(closedAt)) : null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning({ id: hazards.id });
  return row!.id;
}

/** The counters and the town-month roll-up against a recount of the rows, as lists of `town|month|category|level|source|found|closed` and `town-month|…`. */
export async function hazardCountsDrift(db: Db): Promise<{ kept: string[]; recount: string[] }> {
  const kept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, month, category, level, source, found, closed) AS k FROM hazard_counts WHERE found <> 0 OR closed <> 0
        UNION ALL
        SELECT concat_ws('|', 'town-month', division_code, month, found, closed, found_major, closed_major, found_self, closed_self, found_major_self, closed_major_self)
        FROM hazard_town_months WHERE found <> 0 OR closed <> 0 ORDER BY 1`,
  );
  const recount = await queryRows<{ k: string }>(
    db,
    sql`WITH x AS (
          SELECT division_code, to_char(found_on, 'YYYY-MM') AS month, category, level, source, 1 AS found, 0 AS closed FROM hazards
          UNION ALL
          SELECT division_code, to_char(closed_on, 'YYYY-MM'), category, level, source, 0, 1 FROM hazards WHERE state = 'closed' AND closed_on IS NOT NULL
        )
        SELECT concat_ws('|', division_code, month, category, level, source, sum(found), sum(closed)) AS k FROM x
        GROUP BY division_code, month, category, level, source HAVING sum(found) <> 0 OR sum(closed) <> 0
        UNION ALL
        SELECT concat_ws('|', 'town-month', division_code, month, sum(found), sum(closed),
          coalesce(sum(found) FILTER (WHERE level = 'major'), 0), coalesce(sum(closed) FILTER (WHERE level = 'major'), 0),
          coalesce(sum(found) FILTER (WHERE source = 'self_check'), 0), coalesce(sum(closed) FILTER (WHERE source = 'self_check'), 0),
          coalesce(sum(found) FILTER (WHERE level = 'major' AND source = 'self_check'), 0), coalesce(sum(closed) FILTER (WHERE level = 'major' AND source = 'self_check'), 0)) FROM x
        GROUP BY division_code, month HAVING sum(found) <> 0 OR sum(closed) <> 0 ORDER BY 1`,
  );
  return { kept: kept.map((r) => r.k).sort(), recount: recount.map((r) => r.k).sort() };
}
