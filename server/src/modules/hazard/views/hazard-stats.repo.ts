import { and, gte, lte, sql, type SQL } from 'drizzle-orm';
import { monthSpan } from '@yingji/domain';
import { queryRows, type Db } from '../../../db/client';
import {
  divisions,
  enterprises,
  hazardCityMonthDeltas,
  hazardCityMonths,
  hazardCounts,
  hazards,
  hazardTownMonths,
} from '../../../db/schema/index';
import { foldDeltas } from '../../../db/fold-deltas';
import { monthRows, townMonthSum } from '../records/hazard-totals.repo';
import { inScopeSql } from '../../../shared/scope';
import { OPEN_HAZARD_STATES, openHazardFigures, rollupCount } from '../../rollup/rollup.repo';

/**
 * Hazard figures without counting the records: open ones come from the roll-ups (`rollup_counts`, with this
 * month's deadlines so far from the partial index of open hazards by deadline); found and closed in a period from
 * `hazard_counts` (kept by triggers, migration 0007) for the whole months, plus the edge days counted from the
 * date indexes, like the inspection list totals. By town, for all sources or the self-found only, the town-month
 * roll-up `hazard_town_months` answers (a few rows a month) instead of the counters.
 */
export interface TStatsScope {
  scope: string;
  divisionCode?: string;
}
/** `city`: the division's first four digits, the province's next level (its towns are 1,757). */
export type TGroupKey = 'town' | 'city' | 'category';

const hazardScope = (s: TStatsScope): SQL =>
  and(
    inScopeSql(hazards.divisionCode, s.scope, hazards.cityCode),
    s.divisionCode ? inScopeSql(hazards.divisionCode, s.divisionCode, hazards.cityCode) : undefined,
  )!;
const countsScope = (s: TStatsScope): SQL =>
  and(inScopeSql(hazardCounts.divisionCode, s.scope), s.divisionCode ? inScopeSql(hazardCounts.divisionCode, s.divisionCode) : undefined)!;

const hazardKey = (by: TGroupKey) => (by === 'town' ? hazards.divisionCode : by === 'city' ? hazards.cityCode : hazards.category);
const countsKey = (by: TGroupKey) =>
  by === 'town' ? hazardCounts.divisionCode : by === 'city' ? sql`left(${hazardCounts.divisionCode}, 4)` : hazardCounts.category;

export interface TOpenRow {
  key: string;
  open: number;
  overdue: number;
  majorOpen: number;
}

/**
 * Open hazards by key: all, overdue (found/ordered/rectifying past the deadline) and major. From the roll-ups
 * (`rollup_counts`) plus this month's deadlines so far, never a pass over every open row.
 */
export async function openFigures(db: Db, s: TStatsScope, by: TGroupKey, today: string): Promise<TOpenRow[]> {
  return openHazardFigures(db, s, by, today);
}

export interface TPeriodRow {
  key: string;
  found: number;
  closed: number;
}

/** Adds the changes `hazard_counts_apply` appended to the city months (`foldDeltas`); the hazard module's job runs it. */
export const foldHazardCityMonths = (db: Db): Promise<number> =>
  foldDeltas(db, {
    deltas: hazardCityMonthDeltas,
    counts: hazardCityMonths,
    key: ['city_code', 'month'],
    sums: ['found', 'closed', 'found_major', 'closed_major', 'found_self', 'closed_self', 'found_major_self', 'closed_major_self'],
  });

/** Found and closed in `from`..`to` by key (optionally one level / source): the counters' whole months plus the edge days. */
export async function periodFigures(
  db: Db,
  s: TStatsScope,
  by: TGroupKey,
  from: string,
  to: string,
  only: { level?: string; source?: string } = {},
): Promise<Map<string, { found: number; closed: number }>> {
  const totals = new Map<string, { found: number; closed: number }>();
  const add = (rows: { key: string; found?: number | null; closed?: number | null }[]) => {
    for (const r of rows) {
      const t = totals.get(r.key) ?? { found: 0, closed: 0 };
      t.found += Number(r.found ?? 0);
      t.closed += Number(r.closed ?? 0);
      totals.set(r.key, t);
    }
  };
  const span = monthSpan(from, to);
  const [found, closed] = by !== 'category' ? [townMonthSum('found', only), townMonthSum('closed', only)] : [null, null];
  if (span.months && found && closed) {
    // by city, the city months (a provincial reader); by town, the town months
    add(
      await queryRows(
        db,
        sql`SELECT ${hazardTownMonths.divisionCode} AS "key", sum(${found})::int AS "found", sum(${closed})::int AS "closed"
            FROM ${monthRows(s.scope, s.divisionCode, span.months, by === 'town')} GROUP BY 1`,
      ),
    );
  } else if (span.months) {
    const c = hazardCounts;
    const where = and(
      countsScope(s),
      span.months.from ? gte(c.month, span.months.from) : undefined,
      span.months.to ? lte(c.month, span.months.to) : undefined,
      only.level ? sql`${c.level} = ${only.level}` : undefined,
      only.source ? sql`${c.source} = ${only.source}` : undefined,
    );
    add(
      await queryRows(
        db,
        sql`SELECT ${countsKey(by)} AS "key", sum(${c.found})::int AS "found", sum(${c.closed})::int AS "closed" FROM ${c} WHERE ${where} GROUP BY 1`,
      ),
    );
  }
  const extra = and(
    only.level ? sql`${hazards.level} = ${only.level}` : undefined,
    only.source ? sql`${hazards.source} = ${only.source}` : undefined,
  );
  for (const [a, b] of span.edges) {
    add(
      await queryRows(
        db,
        sql`SELECT ${hazardKey(by)} AS "key", count(*)::int AS "found" FROM ${hazards} WHERE ${and(hazardScope(s), gte(hazards.foundOn, a), lte(hazards.foundOn, b), extra)} GROUP BY 1`,
      ),
    );
    add(
      await queryRows(
        db,
        sql`SELECT ${hazardKey(by)} AS "key", count(*)::int AS "closed" FROM ${hazards}
            WHERE ${and(hazardScope(s), gte(hazards.closedOn, a), lte(hazards.closedOn, b), sql`${hazards.state} = 'closed'`, extra)} GROUP BY 1`,
      ),
    );
  }
  return totals;
}

/** Found and closed by source and town in a period (the self-found share). */
export async function foundBySource(
  db: Db,
  s: TStatsScope,
  from: string,
  to: string,
  level?: string,
): Promise<{ all: Map<string, number>; self: Map<string, number> }> {
  const [all, self] = await Promise.all([
    periodFigures(db, s, 'town', from, to, { level }),
    periodFigures(db, s, 'town', from, to, { level, source: 'self_check' }),
  ]);
  const found = (m: Map<string, { found: number }>) => new Map([...m].map(([k, v]) => [k, v.found]));
  return { all: found(all), self: found(self) };
}

/** Major hazards found and closed by month from `fromMonth` on (every later month too, for the backward sum). */
export async function majorByMonth(db: Db, s: TStatsScope, fromMonth: string): Promise<{ month: string; found: number; closed: number }[]> {
  const t = hazardTownMonths;
  return queryRows(
    db,
    sql`SELECT ${t.month} AS "month", sum(${t.foundMajor})::int AS "found", sum(${t.closedMajor})::int AS "closed"
        FROM ${monthRows(s.scope, s.divisionCode, { from: fromMonth, to: null })}
        GROUP BY 1 ORDER BY 1`,
  );
}

export async function openMajorCount(db: Db, s: TStatsScope): Promise<number> {
  return rollupCount(db, { subject: 'hazard', ...s, states: OPEN_HAZARD_STATES, kind: 'major' });
}

export interface TMapRow {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  description: string;
  longitude: number;
  latitude: number;
  townName: string | null;
  deadline: string;
  state: string;
  supervised: boolean;
}

/** Open major hazards of firms with coordinates (capped: a map of more points says nothing more). */
export async function mapPoints(db: Db, s: TStatsScope, limit: number): Promise<TMapRow[]> {
  return queryRows<TMapRow>(
    db,
    sql`SELECT ${hazards.id} AS "id", ${hazards.enterpriseId} AS "enterpriseId", ${enterprises.name} AS "enterpriseName", ${hazards.description} AS "description",
          ${enterprises.longitude} AS "longitude", ${enterprises.latitude} AS "latitude", ${divisions.name} AS "townName",
          ${hazards.deadline}::text AS "deadline", ${hazards.state} AS "state", ${hazards.supervised} AS "supervised"
        FROM ${hazards}
        JOIN ${enterprises} ON ${enterprises.id} = ${hazards.enterpriseId}
        LEFT JOIN ${divisions} ON ${divisions.code} = ${hazards.divisionCode}
        WHERE ${hazards.state} <> 'closed' AND ${hazards.level} = 'major' AND ${hazardScope(s)}
          AND ${enterprises.longitude} IS NOT NULL AND ${enterprises.latitude} IS NOT NULL
        ORDER BY ${hazards.deadline}, ${hazards.id}
        LIMIT ${limit}`,
  );
}
