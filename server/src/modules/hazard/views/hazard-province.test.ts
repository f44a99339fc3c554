import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate, bureauDate, HAZARD_CATEGORIES } from '@yingji/domain';
import { queryRows } from '../../../db/client';
import { hazards } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness, addSecondCity, DONGGUAN_TOWN } from '../../../../test/harness';
import { firm } from '../../../../test/inspection-fixtures';
import { hazard } from '../../../../test/hazard-views-fixtures';
import { foldHazardCityMonths } from './hazard-stats.repo';
import { foldRollupDeltas } from '../../rollup/rollup.repo';

// The provincial dashboard by town lists cities, from the city months and the city roll-ups with their unfolded changes;
// every figure is compared with a count of the hazards rows, before the fold and after it.
const NOW = new Date('2026-05-20T02:00:00Z');
const TODAY = bureauDate(NOW);
let h: THarness;
let province: string;
let city: string;
const ids: number[] = [];

type TRow = { key: string; open: number; overdue: number; majorOpen: number; foundInPeriod: number; closedInPeriod: number };

/** The dashboard's rows by city, counted from the hazards. */
async function fromRows(from: string, to: string): Promise<TRow[]> {
  return queryRows<TRow>(
    h.db,
    sql`SELECT city_code AS "key",
          count(*) FILTER (WHERE state <> 'closed')::int AS "open",
          count(*) FILTER (WHERE state IN ('found', 'ordered', 'rectifying') AND deadline < ${TODAY})::int AS "overdue",
          count(*) FILTER (WHERE state <> 'closed' AND level = 'major')::int AS "majorOpen",
          count(*) FILTER (WHERE found_on BETWEEN ${from} AND ${to})::int AS "foundInPeriod",
          count(*) FILTER (WHERE state = 'closed' AND closed_on BETWEEN ${from} AND ${to})::int AS "closedInPeriod"
        FROM hazards GROUP BY 1 ORDER BY 1`,
  );
}

async function check(from: string, to: string): Promise<void> {
  const res = await h.call('GET', `/api/hazard-stats/dashboard?by=town&from=${from}&to=${to}`, { cookie: province });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.level).toBe('city');
  const want = await fromRows(from, to);
  const got = body.rows.map(({ label: _label, ...r }: TRow & { label: string }) => r);
  expect(got).toEqual(want);
  expect(body.rows.map((r: { label: string }) => r.label)).toEqual(['东莞市', '中山市']);
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  await addSecondCity(h.db);
  province = (await h.userWithSession({ role: 'bureau_leader', divisionCode: '44' })).cookie;
  city = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  const firms = [await firm(h.db), await firm(h.db, { divisionCode: TOWNS.xiaolan }), await firm(h.db, { divisionCode: DONGGUAN_TOWN })];
  const states = ['found', 'ordered', 'rectifying', 'submitted', 'closed'] as const;
  let n = 0;
  for (let day = '2026-02-02'; day <= TODAY; day = addDaysToDate(day, 6)) {
    for (const f of firms) {
      n++;
      const state = states[n % states.length]!;
      const deadline = addDaysToDate(day, 10 + (n % 4) * 12);
      ids.push(
        await hazard(h.db, {
          enterpriseId: f.id,
          divisionCode: f.divisionCode,
          foundOn: day,
          state,
          level: n % 4 === 0 ? 'major' : 'general',
          category: HAZARD_CATEGORIES[n % 6]!,
          source: n % 3 === 0 ? 'self_check' : 'inspection',
          deadline,
          closedAt: state === 'closed' ? new Date(`${deadline < TODAY ? deadline : TODAY}T10:00:00+08:00`).toISOString() : undefined,
        }),
      );
    }
  }
});
afterAll(() => h?.close());

describe('the provincial hazard dashboard by city', () => {
  it('equals the rows through creates, closes, a move to another city and deletes, before and after the fold', async () => {
    const periods: [string, string][] = [
      ['2026-05-01', '2026-05-31'],
      ['2026-02-10', '2026-04-20'],
    ];
    for (const [a, b] of periods) await check(a, b);
    await foldHazardCityMonths(h.db);
    await foldRollupDeltas(h.db);
    for (const [a, b] of periods) await check(a, b);
    // A close, a reopening, and three hazards moved from Zhongshan to Dongguan (a firm's records corrected to its city).
    const [x, y, ...rest] = ids;
    await h.db.update(hazards).set({ state: 'closed', closedAt: '2026-04-02T03:00:00Z', closedOn: '2026-04-02' }).where(eq(hazards.id, x!));
    await h.db.update(hazards).set({ state: 'rectifying', closedAt: null, closedOn: null }).where(eq(hazards.id, y!));
    await h.db
      .update(hazards)
      .set({ divisionCode: DONGGUAN_TOWN })
      .where(inArray(hazards.id, rest.slice(0, 3)));
    for (const [a, b] of periods) await check(a, b);
    await foldHazardCityMonths(h.db);
    for (const [a, b] of periods) await check(a, b);
    await h.db.delete(hazards).where(inArray(hazards.id, rest.slice(3, 9)));
    for (const [a, b] of periods) await check(a, b);
    await foldHazardCityMonths(h.db);
    await foldRollupDeltas(h.db);
    for (const [a, b] of periods) await check(a, b);
    const pending = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM hazard_city_month_deltas`);
    expect(pending[0]!.n).toBe(0);
  });

  it('keeps city and town readers on their towns', async () => {
    const body = (await h.call('GET', '/api/hazard-stats/dashboard?by=town', { cookie: city })).json();
    expect(body.level).toBe('town');
    expect(body.rows.every((r: { key: string }) => r.key.length === 9 && r.key.startsWith('4420'))).toBe(true);
    const chosen = (await h.call('GET', '/api/hazard-stats/dashboard?by=town&divisionCode=4419', { cookie: province })).json();
    expect(chosen.level).toBe('town');
    expect(chosen.rows.map((r: { key: string }) => r.key)).toEqual([DONGGUAN_TOWN]);
  });
});
