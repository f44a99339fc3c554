/** Enterprise users register and drill their own plans, and see no other firm's: on a real database. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { enterpriseBody } from '../../../test/enterprise-fixtures';

let h: THarness;
let bureau: { user: { id: number }; cookie: string };
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-03-02T01:00:00.000Z');
  bureau = await h.userWithSession({ role: 'bureau_officer' });
});
afterAll(() => h.close());

async function createPlan(body: Record<string, unknown>, cookie = bureau.cookie) {
  const res = await h.call('POST', '/api/drill/plans', { cookie, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('enterprise users register and drill their own plans', () => {
  it('scopes plans to the user’s firm', async () => {
    const firm = (await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(501) })).json();
    const other = (await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(502) })).json();
    const u = await h.createUser({ role: 'enterprise_user', divisionCode: TOWNS.tanzhou });
    await h.db.update(users).set({ enterpriseId: firm.id }).where(eq(users.id, u.id));
    const cookie = await h.login(u.username);
    const own = await createPlan(
      { name: '有限空间作业现场处置方案', level: 'enterprise', kind: 'onsite', ownerUnit: firm.name, issuedOn: '2025-10-01' },
      cookie,
    );
    expect(own).toMatchObject({
      enterpriseId: firm.id,
      divisionCode: TOWNS.tanzhou,
      duty: { intervalMonths: 6, nextDueOn: '2026-04-01', overdue: false },
    });
    const foreign = await createPlan({
      name: '综合应急预案（外企）',
      level: 'enterprise',
      kind: 'overall',
      ownerUnit: other.name,
      enterpriseId: other.id,
      issuedOn: '2025-01-01',
    });
    expect((await h.call('GET', '/api/drill/plans', { cookie })).json().items.map((p: { id: number }) => p.id)).toEqual([own.id]);
    expect((await h.call('GET', `/api/drill/plans/${foreign.id}`, { cookie })).statusCode).toBe(404);
    const drill = await h.call('POST', '/api/drill/drills', {
      cookie,
      body: { title: '有限空间中毒窒息应急演练', planId: own.id, plannedOn: '2026-02-27', form: 'live', organiser: firm.name },
    });
    expect(drill.statusCode, drill.body).toBe(201);
    expect((await h.call('GET', `/api/drill/plans/${own.id}`, { cookie })).json().duty).toMatchObject({
      lastDrillOn: '2026-02-27',
      nextDueOn: '2026-08-27',
    });
    const stolen = await h.call('POST', '/api/drill/drills', {
      cookie,
      body: { title: '冒名演练记录', planId: foreign.id, plannedOn: '2026-02-27', form: 'live', organiser: '某公司' },
    });
    expect(stolen.json()).toMatchObject({ field: 'planId' });
  });
});
