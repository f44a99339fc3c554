import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
let townAdmin: string;
/** 坦洲's entries before the bulk ones (creating its admin writes one). */
let townBefore = 0;
beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
  townAdmin = (await h.userWithSession({ role: 'admin', divisionCode: TOWNS.tanzhou })).cookie;
  townBefore = (await h.call('GET', '/api/audit?pageSize=1', { cookie: townAdmin })).json().total;
  // A long log (listing reads rows, not the chain): 12,000 entries after the head, one in four of 坦洲.
  await h.db.execute(sql`
    INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id, division_code, hash)
    SELECT 1000000 + g, timestamptz '2026-01-01' + g * interval '1 minute', 'bulk', 'update', 'hazard', g::text,
      CASE WHEN g % 4 = 0 THEN ${TOWNS.tanzhou} ELSE ${TOWNS.xiaolan} END, md5(g::text)
    FROM generate_series(1, 12000) g`);
});
afterAll(() => h.close());

const list = async (cookie: string, query: string) => {
  const res = await h.call('GET', `/api/audit?${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('audit list: the first page never counts the whole log', () => {
  it('stops counting past 10,000 and says so; the page is still the newest entries', async () => {
    const page = await list(admin, 'pageSize=20');
    expect(page).toMatchObject({ total: 10_000, totalCapped: true });
    expect(page.items.map((e: { id: number }) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => 1_012_000 - i));
  });

  it('counts exactly below the cap: a town, or a filter', async () => {
    const town = await list(townAdmin, 'pageSize=5');
    expect(town).toMatchObject({ total: townBefore + 3_000, totalCapped: false });
    expect(town.items[0].id).toBe(1_012_000);
    const filtered = await list(admin, `entityId=777&entity=hazard`);
    expect(filtered).toMatchObject({ total: 1, totalCapped: false });
  });
});
