/**
 * The roll-ups on a real database: kept by the triggers through a random sequence of inserts, state changes, moves
 * and deletes (in single-row and multi-row statements, some rolled back), they equal a rebuild from the records;
 * the one counts endpoint answers by state, town and month within the reader's scope; the reads are index reads.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { cases, enterprises, hazards, inspections, riskGrades, rollupCounts } from '../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { hazard } from '../../../test/hazard-views-fixtures';
import { firm, inspection } from '../../../test/inspection-fixtures';
import { installRollups, rebuildRollups } from './rollup.sql';
import { foldRollupDeltas, openHazardFigures, riskGradeCounts, rollupCount, rollupCountsBy, rollupDrift } from './rollup.repo';

let h: THarness;
let leader: string;
let tanzhouOfficer: string;
let firms: { id: number; divisionCode: string }[];

/** mulberry32: the same seed gives the same sequence, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAZARD_STATES = ['found', 'ordered', 'rectifying', 'submitted', 'closed'] as const;
const CASE_STAGES = ['pending_filing', 'investigating', 'deliberation', 'decided', 'paid', 'closed'] as const;
const TOWN_LIST = [TOWNS.tanzhou, TOWNS.xiaolan, TOWNS.shiqi];

async function newCase(divisionCode: string, stage: string, filedOn: string | null) {
  const now = '2026-01-01T00:00:00Z';
  const [row] = await h.db
    .insert(cases)
    .values({
      divisionCode,
      procedure: 'general',
      stage,
      partyName: '测试企业',
      sourceKind: 'inspection',
      summary: '未按规定开展安全生产教育和培训',
      violationCodes: ['AQSCF-97-3'],
      occurredOn: '2025-10-01',
      discoveredOn: '2025-10-02',
      filedOn,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cases.id });
  return row!.id;
}

/** The city counts with the changes not yet folded, and the town counts added up by city: always equal. */
const cityRows = () =>
  queryRows<{ subject: string; key: string; n: number }>(
    h.db,
    sql`SELECT subject, concat_ws('|', division_code, month, state, kind, category, due_month) AS key, sum(n)::int AS n
        FROM (SELECT subject, division_code, month, state, kind, category, due_month, n FROM rollup_city_counts
              UNION ALL SELECT subject, division_code, month, state, kind, category, due_month, n FROM rollup_count_deltas) x
        GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`,
  );
const townsByCity = () =>
  queryRows<{ subject: string; key: string; n: number }>(
    h.db,
    sql`SELECT subject, concat_ws('|', left(division_code, 4), month, state, kind, category, due_month) AS key, sum(n)::int AS n
        FROM rollup_counts GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`,
  );

const tableRows = () =>
  queryRows<{ subject: string; key: string; n: number }>(
    h.db,
    sql`SELECT subject, concat_ws('|', division_code, month, state, kind, category, due_month) AS key, n FROM rollup_counts WHERE n <> 0 ORDER BY 1, 2`,
  );

beforeAll(async () => {
  h = await createHarness();
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  tanzhouOfficer = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  firms = [];
  for (const town of TOWN_LIST) firms.push(await firm(h.db, { divisionCode: town }), await firm(h.db, { divisionCode: town }));
});
afterAll(() => h.close());

describe('roll-ups kept in the writer’s transaction', () => {
  it('equal a rebuild from the records after 160 random changes, rollbacks included', async () => {
    const rand = prng(20261204);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const day = () =>
      `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const ids = { hazard: [] as number[], inspection: [] as number[], case: [] as number[] };
    for (let step = 0; step < 160; step++) {
      const f = pick(firms);
      const roll = rand();
      if (roll < 0.25) {
        ids.hazard.push(
          await hazard(h.db, {
            enterpriseId: f.id,
            divisionCode: f.divisionCode,
            foundOn: day(),
            deadline: day(),
            state: pick(HAZARD_STATES),
            level: rand() < 0.2 ? 'major' : 'general',
            category: pick(['electrical', 'fire', 'machinery']),
          }),
        );
      } else if (roll < 0.4) {
        ids.inspection.push(
          await inspection(h.db, {
            enterpriseId: f.id,
            divisionCode: f.divisionCode,
            inspectedOn: day(),
            status: rand() < 0.3 ? 'draft' : 'submitted',
          }),
        );
      } else if (roll < 0.5) {
        ids.case.push(await newCase(f.divisionCode, pick(CASE_STAGES), rand() < 0.2 ? null : day()));
      } else if (roll < 0.7 && ids.hazard.length) {
        // One hazard moves on (state, deadline, sign-off day), or several at once in one statement.
        const some = rand() < 0.3 ? ids.hazard.filter(() => rand() < 0.2) : [pick(ids.hazard)];
        if (some.length)
          await h.db
            .update(hazards)
            .set({ state: pick(HAZARD_STATES), deadline: day() })
            .where(inArray(hazards.id, some));
      } else if (roll < 0.78 && ids.case.length) {
        const id = pick(ids.case);
        await h.db
          .update(cases)
          .set({ stage: pick(CASE_STAGES), filedOn: day() })
          .where(eq(cases.id, id));
      } else if (roll < 0.84 && ids.inspection.length) {
        await h.db
          .update(inspections)
          .set({ status: 'submitted', inspectedOn: day() })
          .where(eq(inspections.id, pick(ids.inspection)));
      } else if (roll < 0.88 && ids.hazard.length) {
        // Moved to another town (a correction): counted out of one, into the other.
        await h.db
          .update(hazards)
          .set({ divisionCode: pick(TOWN_LIST) })
          .where(eq(hazards.id, pick(ids.hazard)));
      } else if (roll < 0.92 && ids.case.length) {
        const id = ids.case.splice(Math.floor(rand() * ids.case.length), 1)[0]!;
        await h.db.delete(cases).where(eq(cases.id, id));
      } else if (ids.hazard.length) {
        // A change rolled back takes its counts with it.
        const id = pick(ids.hazard);
        await h.db
          .transaction(async (tx) => {
            await tx.update(hazards).set({ state: 'closed', level: 'major' }).where(eq(hazards.id, id));
            throw new Error('rolled back');
          })
          .catch(() => undefined);
      }
    }
    expect(ids.hazard.length + ids.inspection.length + ids.case.length).toBeGreaterThan(50);
    expect(await rollupDrift(h.db)).toEqual([]);
    // The city counts: the same figures with the changes unfolded, folded (once: a second fold finds nothing), rebuilt.
    const byCity = await townsByCity();
    expect(await cityRows()).toEqual(byCity);
    expect(await foldRollupDeltas(h.db)).toBeGreaterThan(0);
    expect(await foldRollupDeltas(h.db)).toBe(0);
    expect(await cityRows()).toEqual(byCity);
    const kept = await tableRows();
    await h.db.transaction((tx) => rebuildRollups(tx));
    expect(await tableRows()).toEqual(kept);
    expect(await cityRows()).toEqual(byCity);
    expect(kept.length).toBeGreaterThan(30);
  });

  it('the repair finds and mends counts gone wrong; installing again changes nothing', async () => {
    await h.db.execute(
      sql`UPDATE rollup_counts SET n = n + 5 WHERE subject = 'hazard' AND ctid IN (SELECT ctid FROM rollup_counts WHERE subject = 'hazard' LIMIT 1)`,
    );
    expect(await rollupDrift(h.db)).toHaveLength(1);
    await h.db.transaction((tx) => rebuildRollups(tx));
    expect(await rollupDrift(h.db)).toEqual([]);
    expect(await installRollups(h.db)).toEqual({ rebuilt: false });
  });

  it('open and overdue hazards from the roll-ups equal a count of the rows', async () => {
    const today = '2025-07-15';
    const figures = await openHazardFigures(h.db, { scope: '4420' }, 'town', today);
    const rows = await queryRows<{ key: string; open: number; overdue: number; majorOpen: number }>(
      h.db,
      sql`SELECT division_code AS "key", count(*)::int AS "open",
            count(*) FILTER (WHERE state IN ('found', 'ordered', 'rectifying') AND deadline < ${today})::int AS "overdue",
            count(*) FILTER (WHERE level = 'major')::int AS "majorOpen"
          FROM hazards WHERE state <> 'closed' GROUP BY 1`,
    );
    const sort = (xs: { key: string }[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
    expect(sort(figures)).toEqual(sort(rows));
    const [submitted] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM hazards WHERE state = 'submitted' AND division_code = ${TOWNS.tanzhou}`,
    );
    expect(submitted!.n).toBeGreaterThan(0);
    expect(await rollupCount(h.db, { subject: 'hazard', scope: TOWNS.tanzhou, states: ['submitted'] })).toBe(submitted!.n);
  });
});

describe('risk grades in the roll-ups', () => {
  it('follow a grade’s colour and town, its firm’s category, and a rolled-back change, as a recount of the rows', async () => {
    const counts = async () => {
      const [byTown, byCategory] = await Promise.all([riskGradeCounts(h.db, '4420', 'town'), riskGradeCounts(h.db, '4420', 'category')]);
      const rows = await queryRows<{ division_code: string; category: string; colour: string; n: number }>(
        h.db,
        sql`SELECT g.division_code, e.supervision_category AS category, g.colour, count(*)::int AS n
            FROM risk_grades g JOIN enterprises e ON e.id = g.enterprise_id GROUP BY 1, 2, 3`,
      );
      const recount = (key: (r: (typeof rows)[number]) => string) => {
        const m = new Map<string, number>();
        for (const r of rows) m.set(`${key(r)}|${r.colour}`, (m.get(`${key(r)}|${r.colour}`) ?? 0) + r.n);
        return [...m].map(([k, n]) => `${k}|${n}`).sort();
      };
      expect(byTown.map((x) => `${x.key}|${x.colour}|${x.n}`).sort()).toEqual(recount((r) => r.division_code));
      expect(byCategory.map((x) => `${x.key}|${x.colour}|${x.n}`).sort()).toEqual(recount((r) => r.category));
      return byCategory;
    };
    const a = await firm(h.db, { divisionCode: TOWNS.tanzhou, category: 'hazardous_chemicals', colour: 'orange' });
    const b = await firm(h.db, { divisionCode: TOWNS.xiaolan, category: 'hazardous_chemicals', colour: 'yellow' });
    const c = await firm(h.db, { divisionCode: TOWNS.xiaolan, category: 'fireworks', colour: 'yellow' });
    await counts();
    // regraded, moved to another town, and the firm's category corrected in the registry
    await h.db.update(riskGrades).set({ colour: 'red' }).where(eq(riskGrades.enterpriseId, a.id));
    await h.db.update(riskGrades).set({ divisionCode: TOWNS.shiqi }).where(eq(riskGrades.enterpriseId, b.id));
    await h.db.update(enterprises).set({ supervisionCategory: 'it_machinery' }).where(eq(enterprises.id, c.id));
    const after = await counts();
    expect(after).toContainEqual({ key: 'it_machinery', colour: 'yellow', n: 1 });
    expect(after).toContainEqual({ key: 'hazardous_chemicals', colour: 'red', n: 1 });
    // a change rolled back takes its counts with it; a grade removed leaves the counts
    await expect(
      h.db.transaction(async (tx) => {
        await tx
          .update(enterprises)
          .set({ supervisionCategory: 'fireworks' })
          .where(inArray(enterprises.id, [a.id, b.id]));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await h.db.delete(riskGrades).where(eq(riskGrades.enterpriseId, c.id));
    expect(await counts()).not.toContainEqual(expect.objectContaining({ key: 'it_machinery' }));
    expect(await rollupDrift(h.db)).toEqual([]);
    // a province's reader counts by city: every town of Zhongshan in 4420
    const byCity = await riskGradeCounts(h.db, '44', 'city');
    const byTown = await riskGradeCounts(h.db, '44', 'town');
    expect(new Set(byCity.map((x) => x.key))).toEqual(new Set(['4420']));
    expect(byCity.reduce((n, x) => n + x.n, 0)).toBe(byTown.reduce((n, x) => n + x.n, 0));
  });
});

describe('GET /api/rollups/counts', () => {
  const direct = async (table: string, state: string, by: string, from: string, to: string, scope: string) =>
    queryRows<{ key: string; count: number }>(
      h.db,
      sql.raw(`SELECT ${by} AS key, count(*)::int AS count FROM ${table}
               WHERE division_code LIKE '${scope}%' AND ${state} BETWEEN '${from}' AND '${to}' GROUP BY 1 ORDER BY 1`),
    );

  it('answers hazards, inspections and cases by state for a period in one request, as counted from the rows', async () => {
    const res = await h.call('GET', '/api/rollups/counts?by=state&from=2025-03&to=2025-08', { cookie: leader });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const hazardStates = await direct('hazards', "to_char(found_on, 'YYYY-MM')", 'state', '2025-03', '2025-08', '4420');
    expect(body.hazards.items.map((x: { key: string; count: number }) => ({ key: x.key, count: x.count }))).toEqual(hazardStates);
    expect(body.hazards.total).toBe(hazardStates.reduce((n, x) => n + x.count, 0));
    const inspectionStates = await direct('inspections', "to_char(inspected_on, 'YYYY-MM')", 'status', '2025-03', '2025-08', '4420');
    expect(body.inspections.items.map((x: { key: string; count: number }) => ({ key: x.key, count: x.count }))).toEqual(inspectionStates);
    const caseStages = await direct('cases', "to_char(filed_on, 'YYYY-MM')", 'stage', '2025-03', '2025-08', '4420');
    expect(body.cases.items.map((x: { key: string; count: number }) => ({ key: x.key, count: x.count }))).toEqual(caseStages);
  });

  it('by town names the towns; a town officer sees only his town, whatever division he asks for', async () => {
    const city = (await h.call('GET', '/api/rollups/counts?by=town&from=2025-01&to=2025-12', { cookie: leader })).json();
    expect(city.hazards.items.map((x: { key: string }) => x.key)).toEqual([...TOWN_LIST].sort());
    expect(city.hazards.items.find((x: { key: string }) => x.key === TOWNS.tanzhou).name).toBe('坦洲镇');
    const own = (await h.call('GET', '/api/rollups/counts?by=town&from=2025-01&to=2025-12', { cookie: tanzhouOfficer })).json();
    expect(own.hazards.items.map((x: { key: string }) => x.key)).toEqual([TOWNS.tanzhou]);
    expect(own.hazards.items[0].count).toBe(city.hazards.items.find((x: { key: string }) => x.key === TOWNS.tanzhou).count);
    const other = (
      await h.call('GET', `/api/rollups/counts?by=town&from=2025-01&to=2025-12&divisionCode=${TOWNS.xiaolan}`, { cookie: tanzhouOfficer })
    ).json();
    expect(other.hazards).toEqual({ total: 0, items: [] });
    expect(other.cases).toEqual({ total: 0, items: [] });
  });

  it("by town, a province's reader gets its cities, counted as the towns are", async () => {
    const f = { subject: 'hazard' as const, scope: '44', fromMonth: '2025-01', toMonth: '2025-12' };
    const towns = await rollupCountsBy(h.db, f, 'town');
    const cities = await rollupCountsBy(h.db, f, 'city');
    expect(cities).toEqual([{ key: '4420', count: towns.reduce((n, x) => n + x.count, 0) }]);
    await h.db.execute(
      sql`INSERT INTO divisions (code, name, level, parent_code) VALUES ('44', '广东省', 'province', NULL) ON CONFLICT (code) DO NOTHING`,
    );
    const province = (await h.userWithSession({ role: 'bureau_leader', divisionCode: '44' })).cookie;
    const body = (await h.call('GET', '/api/rollups/counts?by=town&from=2025-01&to=2025-12', { cookie: province })).json();
    expect(body.level).toBe('city');
    expect(body.hazards.items).toEqual([{ key: '4420', name: '中山市', count: cities[0]!.count }]);
    const city = (await h.call('GET', '/api/rollups/counts?by=town&from=2025-01&to=2025-12', { cookie: leader })).json();
    expect(city.level).toBe('town');
  });

  it('by month gives each month of the period once', async () => {
    const body = (await h.call('GET', '/api/rollups/counts?by=month&from=2025-01&to=2025-12', { cookie: leader })).json();
    const months = await direct(
      'inspections',
      "to_char(inspected_on, 'YYYY-MM')",
      "to_char(inspected_on, 'YYYY-MM')",
      '2025-01',
      '2025-12',
      '4420',
    );
    expect(body.inspections.items.map((x: { key: string; count: number }) => ({ key: x.key, count: x.count }))).toEqual(months);
  });

  it('refuses a user who may read none of them, and bad periods with a message naming the field', async () => {
    const firmUser = await h.userWithSession({ role: 'enterprise_user' });
    const denied = await h.call('GET', '/api/rollups/counts?from=2025-01&to=2025-12', { cookie: firmUser.cookie });
    expect(denied.statusCode).toBe(403);
    const reversed = await h.call('GET', '/api/rollups/counts?from=2025-12&to=2025-01', { cookie: leader });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('开始月份不能晚于结束月份');
    const badMonth = await h.call('GET', '/api/rollups/counts?from=2025-13&to=2025-12', { cookie: leader });
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.body).toContain('开始月份');
    expect((await h.call('GET', '/api/rollups/counts?from=2025-01&to=2025-12')).statusCode).toBe(401);
  });

  it('reads the roll-ups by index, never the records', async () => {
    // The test's table is small enough for a sequential read to win; forbid it to see the plan a big table gets.
    const text = await h.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`EXPLAIN SELECT state, sum(n) FROM ${rollupCounts} WHERE subject = 'hazard' AND month BETWEEN '2025-01' AND '2025-12'
              AND division_code LIKE '4420%' GROUP BY 1`,
      );
      return plan.map((p) => p['QUERY PLAN']).join('\n');
    });
    expect(text).toMatch(/Index/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});
