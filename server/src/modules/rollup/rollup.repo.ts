/**
 * Reads of the roll-up table (`rollup_counts`, kept by the triggers of rollup.sql.ts). Every read is scoped with
 * `inScopeSql` on the row's division and sums a few index rows instead of counting the records. The hazard, case
 * and inspection workbenches and the hazard dashboard read their counts here. A read of whole cities (a city or the
 * province, no town chosen, not by town) sums the city counts and the changes not yet folded into them instead
 * (`from`): the province's 1,757 towns are 21 cities.
 */
import { and, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { hazards, rollupCityCounts, rollupCountDeltas, rollupCounts } from '../../db/schema/index';
import { foldDeltas } from '../../db/fold-deltas';
import { inScopeSql, wholeCities } from '../../shared/scope';
import { ROLLUP_SOURCES } from './rollup.sql';

export type TRollupSubjectKey = 'hazard' | 'inspection' | 'case' | 'risk' | 'user';
const r = rollupCounts;

export interface TRollupFilter {
  subject: TRollupSubjectKey;
  /** The reader's division scope. */
  scope: string;
  /** A division the reader chose inside it. */
  divisionCode?: string | undefined;
  states?: readonly string[];
  notStates?: readonly string[];
  kind?: string;
  category?: string;
  fromMonth?: string;
  toMonth?: string;
}

function rollupWhere(f: TRollupFilter): SQL {
  return and(
    sql`${r.subject} = ${f.subject}`,
    inScopeSql(r.divisionCode, f.scope),
    f.divisionCode ? inScopeSql(r.divisionCode, f.divisionCode) : undefined,
    f.states ? inArray(r.state, [...f.states]) : undefined,
    f.notStates
      ? sql`${r.state} NOT IN (${sql.join(
          f.notStates.map((s) => sql`${s}`),
          sql`, `,
        )})`
      : undefined,
    f.kind !== undefined ? sql`${r.kind} = ${f.kind}` : undefined,
    f.category !== undefined ? sql`${r.category} = ${f.category}` : undefined,
    f.fromMonth ? gte(r.month, f.fromMonth) : undefined,
    f.toMonth ? lte(r.month, f.toMonth) : undefined,
  )!;
}

const COLUMNS = sql.raw('subject, division_code, month, state, kind, category, due_month, n');

/**
 * The rows a read sums, under the town table's name so the same conditions apply: the town counts, or, when the read
 * needs no town, the city counts with the changes the fold has not yet added to them (exact either way).
 */
function from(f: { scope: string; divisionCode?: string | undefined }, byTown = false): SQL {
  if (byTown || !wholeCities(f.scope, f.divisionCode)) return sql`${r}`;
  return sql`(SELECT ${COLUMNS} FROM ${rollupCityCounts} UNION ALL SELECT ${COLUMNS} FROM ${rollupCountDeltas}) AS ${r}`;
}

/** Adds the changes `rollup_apply` appended to the city counts (`foldDeltas`); the roll-up module's job runs it. */
export const foldRollupDeltas = (db: Db): Promise<number> =>
  foldDeltas(db, {
    deltas: rollupCountDeltas,
    counts: rollupCityCounts,
    key: ['subject', 'division_code', 'month', 'state', 'kind', 'category', 'due_month'],
    sums: ['n'],
  });

/** How many records match the filter, as a scalar subquery (for a list's page statement to carry its total). */
export const rollupCountSql = (f: TRollupFilter): SQL =>
  sql`(SELECT coalesce(sum(${r.n}), 0)::int FROM ${from(f)} WHERE ${rollupWhere(f)})`;

/** How many records match the filter. */
export async function rollupCount(db: Db, f: TRollupFilter): Promise<number> {
  const [row] = await queryRows<{ n: number | null }>(db, sql`SELECT ${rollupCountSql(f)} AS "n"`);
  return Number(row?.n ?? 0);
}

/** `city`: the division's first four digits, a province's next level. */
export type TRollupGroup = 'state' | 'town' | 'city' | 'month' | 'category';
const groupColumn = (by: TRollupGroup) =>
  by === 'state'
    ? r.state
    : by === 'town'
      ? r.divisionCode
      : by === 'city'
        ? sql`left(${r.divisionCode}, 4)`
        : by === 'month'
          ? r.month
          : r.category;

/** Counts of the filter grouped by state, town, city, month or category (keys with no record left out). */
export async function rollupCountsBy(db: Db, f: TRollupFilter, by: TRollupGroup): Promise<{ key: string; count: number }[]> {
  const rows = await queryRows<{ key: string; count: number }>(
    db,
    sql`SELECT ${groupColumn(by)} AS "key", sum(${r.n})::int AS "count" FROM ${from(f, by === 'town')} WHERE ${rollupWhere(f)}
        GROUP BY 1 HAVING sum(${r.n}) <> 0 ORDER BY 1`,
  );
  return rows.map((x) => ({ key: x.key, count: Number(x.count) }));
}

/**
 * Graded firms by colour and town (or city: a province's next level), or by colour and their supervision category, in
 * a scope: the risk distribution, from the roll-ups (a few rows a town) instead of the grades joined to every firm.
 */
export async function riskGradeCounts(
  db: Db,
  scope: string,
  by: 'town' | 'city' | 'category',
): Promise<{ key: string; colour: string; n: number }[]> {
  const key = by === 'town' ? r.divisionCode : by === 'city' ? sql`left(${r.divisionCode}, 4)` : r.category;
  const rows = await queryRows<{ key: string; colour: string; n: number }>(
    db,
    sql`SELECT ${key} AS "key", ${r.state} AS "colour", sum(${r.n})::int AS "n" FROM ${from({ scope }, by === 'town')}
        WHERE ${rollupWhere({ subject: 'risk', scope })} GROUP BY 1, 2 HAVING sum(${r.n}) <> 0 ORDER BY 1, 2`,
  );
  return rows.map((x) => ({ key: x.key, colour: x.colour, n: Number(x.n) }));
}

/** The states a hazard waits on the firm in: past its deadline in one of them, it is overdue (hazard.rules.ts). */
const OVERDUE_STATES = ['found', 'ordered', 'rectifying'] as const;
/** Every state but closed, listed so the state index is read as ranges. */
export const OPEN_HAZARD_STATES = [...OVERDUE_STATES, 'submitted'] as const;

/**
 * Open hazards by town, city (the province's next level: from the city counts) or category: all, overdue and major.
 * Open and major come from the roll-ups; overdue from the roll-ups' deadline months before this one, plus the open rows
 * whose deadline falls in this month before today (the partial index of open hazards by deadline: a month of deadlines,
 * never every open row).
 */
export async function openHazardFigures(
  db: Db,
  s: { scope: string; divisionCode?: string | undefined },
  by: 'town' | 'city' | 'category',
  today: string,
): Promise<{ key: string; open: number; overdue: number; majorOpen: number }[]> {
  const month = today.slice(0, 7);
  const key = by === 'category' ? r.category : groupColumn(by);
  const [counted, edge] = await Promise.all([
    queryRows<{ key: string; open: number; overdue: number; majorOpen: number }>(
      db,
      sql`SELECT ${key} AS "key", sum(${r.n})::int AS "open",
            coalesce(sum(${r.n}) FILTER (WHERE ${r.dueMonth} <> '' AND ${r.dueMonth} < ${month}), 0)::int AS "overdue",
            coalesce(sum(${r.n}) FILTER (WHERE ${r.kind} = 'major'), 0)::int AS "majorOpen"
          FROM ${from(s, by === 'town')} WHERE ${rollupWhere({ subject: 'hazard', ...s, states: OPEN_HAZARD_STATES })}
          GROUP BY 1 HAVING sum(${r.n}) <> 0`,
    ),
    queryRows<{ key: string; n: number }>(
      db,
      sql`SELECT ${by === 'town' ? hazards.divisionCode : by === 'city' ? hazards.cityCode : hazards.category} AS "key", count(*)::int AS "n" FROM ${hazards}
          WHERE ${and(
            ne(hazards.state, 'closed'),
            inArray(hazards.state, [...OVERDUE_STATES]),
            inScopeSql(hazards.divisionCode, s.scope, hazards.cityCode),
            s.divisionCode ? inScopeSql(hazards.divisionCode, s.divisionCode, hazards.cityCode) : undefined,
            gte(hazards.deadline, `${month}-01`),
            sql`${hazards.deadline} < ${today}`,
          )}
          GROUP BY 1`,
    ),
  ]);
  const out = new Map(
    counted.map((x) => [x.key, { key: x.key, open: Number(x.open), overdue: Number(x.overdue), majorOpen: Number(x.majorOpen) }]),
  );
  for (const e of edge) {
    const row = out.get(e.key) ?? { key: e.key, open: 0, overdue: 0, majorOpen: 0 };
    row.overdue += Number(e.n);
    out.set(e.key, row);
  }
  return [...out.values()];
}

/** Overdue hazards in a scope (the workbench card): the sum of `openHazardFigures`' overdue, in two small reads. */
export async function overdueHazardCount(db: Db, scope: string, today: string): Promise<number> {
  // by category: a city's or the province's card then reads the city counts (the sum is the same either way)
  const rows = await openHazardFigures(db, { scope }, 'category', today);
  return rows.reduce((n, x) => n + x.overdue, 0);
}

/** Roll-up rows that differ from a recount of the records (empty when the roll-ups are right). */
export async function rollupDrift(
  db: Db,
): Promise<{ subject: string; divisionCode: string; month: string; state: string; kept: number; counted: number }[]> {
  const recount = ROLLUP_SOURCES.map(
    (s) =>
      `SELECT '${s.subject}' AS subject, division_code, month, state, kind, category, due_month, count(*)::int AS n
       FROM (SELECT ${s.key('x')} FROM ${s.table} x) k (division_code, month, state, kind, category, due_month)
       GROUP BY 2, 3, 4, 5, 6, 7`,
  ).join(' UNION ALL ');
  return queryRows(
    db,
    sql.raw(`SELECT coalesce(a.subject, b.subject) AS "subject", coalesce(a.division_code, b.division_code) AS "divisionCode",
               coalesce(a.month, b.month) AS "month", coalesce(a.state, b.state) AS "state",
               coalesce(a.n, 0) AS "kept", coalesce(b.n, 0) AS "counted"
             FROM (SELECT * FROM rollup_counts WHERE n <> 0) a
             FULL JOIN (${recount}) b USING (subject, division_code, month, state, kind, category, due_month)
             WHERE coalesce(a.n, 0) <> coalesce(b.n, 0)
             ORDER BY 1, 2, 3, 4`),
  );
}
