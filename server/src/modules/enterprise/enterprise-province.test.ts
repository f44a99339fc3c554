import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { addSecondCity, createHarness, DONGGUAN_TOWN, TOWNS, type THarness } from '../../../test/harness';
import { cityCountsDrift, enterpriseBody } from '../../../test/enterprise-fixtures';
import { foldEnterpriseCounts } from './enterprise-counts.repo';

// A province's and a city's list totals come from the city counts and their unfolded changes: every total is compared
// with a count of the rows through creates, status changes, moves to another town and city, and deletes, before the
// fold and after it (the regulator import's changes: enterprise-import.test.ts).
let h: THarness;
let province: string;
let city: string;

/** The list's filters and the same filter on the rows. */
const FILTERS: [string, string][] = [
  ['', 'true'],
  ['supervisionStatus=在管', `supervision_status = '在管'`],
  ['supervisionStatus=移出', `supervision_status = '移出'`],
  ['registrationStatus=存续', `registration_status = '存续'`],
  ['category=hc_production', `supervision_category = 'hc_production'`],
  ['tag=major_hazard_source', `'major_hazard_source' = ANY(tags)`],
  ['level=city&supervisionStatus=在管', `supervising_level = 'city' AND supervision_status = '在管'`],
  ['divisionCode=4419', `city_code = '4419'`],
];

async function check(): Promise<void> {
  for (const [cookie, scope] of [
    [province, '44'],
    [city, '4420'],
  ] as const) {
    for (const [query, where] of FILTERS) {
      if (scope === '4420' && query.startsWith('divisionCode')) continue;
      const res = await h.call('GET', `/api/enterprises?pageSize=1&${encodeURI(query)}`, { cookie });
      expect(res.statusCode).toBe(200);
      const [row] = await queryRows<{ n: number }>(
        h.db,
        sql`SELECT count(*)::int AS n FROM enterprises WHERE division_code LIKE ${scope + '%'} AND ${sql.raw(where)}`,
      );
      expect([scope, query, res.json().total]).toEqual([scope, query, row!.n]);
    }
  }
  const drift = await cityCountsDrift(h.db);
  expect(drift.kept).toEqual(drift.recount);
}

/** Checks the totals with the changes appended, then folds them in and checks again. */
async function checkThroughFold(): Promise<void> {
  await check();
  expect(await foldEnterpriseCounts(h.db)).toBeGreaterThan(0);
  await check();
}

const ids: number[] = [];
beforeAll(async () => {
  h = await createHarness();
  await addSecondCity(h.db);
  province = (await h.userWithSession({ role: 'bureau_officer', divisionCode: '44' })).cookie;
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  const towns = [TOWNS.tanzhou, TOWNS.xiaolan, DONGGUAN_TOWN];
  for (let n = 1; n <= 9; n++) {
    const body = enterpriseBody(n, {
      divisionCode: towns[n % 3],
      supervisionCategory: n % 4 === 0 ? 'hc_production' : 'it_machinery',
      tags: n % 3 === 0 ? ['major_hazard_source'] : [],
    });
    const res = await h.call('POST', '/api/enterprises', { cookie: province, body });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids.push(res.json().id);
  }
});
afterAll(() => h?.close());

describe('the province’s and a city’s firm totals', () => {
  it('equal the rows after creates, before the fold and after it', checkThroughFold);

  it('follow status changes', async () => {
    for (const id of ids.slice(0, 3)) {
      const res = await h.call('POST', `/api/enterprises/${id}/status`, { cookie: province, body: { status: '移出', reason: '企业关停' } });
      expect(res.statusCode).toBe(200);
    }
    await h.db.execute(sql`UPDATE enterprises SET registration_status = '注销' WHERE id = ${ids[3]!}`);
    await checkThroughFold();
  });

  it('follow moves to another town of the city and to another city', async () => {
    await h.db.execute(sql`UPDATE enterprises SET division_code = ${TOWNS.xiaolan} WHERE id = ${ids[1]!}`);
    await h.db.execute(sql`UPDATE enterprises SET division_code = ${DONGGUAN_TOWN} WHERE id IN (${ids[4]!}, ${ids[6]!})`);
    await h.db.execute(sql`UPDATE enterprises SET division_code = ${TOWNS.tanzhou} WHERE id = ${ids[2]!}`);
    await checkThroughFold();
  });

  it('follow deletes, and stay exact with changes both folded and not', async () => {
    await h.db.execute(sql`DELETE FROM enterprise_events WHERE enterprise_id IN (${ids[7]!}, ${ids[8]!})`);
    await h.db.execute(sql`DELETE FROM enterprises WHERE id IN (${ids[7]!}, ${ids[8]!})`);
    await check();
    await h.db.execute(sql`UPDATE enterprises SET tags = ARRAY['major_hazard_source'] WHERE id = ${ids[0]!}`);
    await check();
    expect(await foldEnterpriseCounts(h.db)).toBeGreaterThan(0);
    await check();
  });
});
