/**
 * A plan's warehouses and shelters (linked under the scope rules, audited), and the compliance view following the
 * drill-duty table as an admin changes it, on a real database.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DRILL_DUTIES } from '@yingji/domain';
import { auditLog, resourceWarehouses, shelters } from '../../db/schema';
import { CITY, createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: { user: { id: number }; cookie: string };
let town: { user: { id: number }; cookie: string };
let admin: { user: { id: number }; cookie: string };
beforeAll(async () => {
  h = await createHarness();
  // 09:00 in Zhongshan on 2 March 2026
  h.clock.set('2026-03-02T01:00:00.000Z');
  bureau = await h.userWithSession({ role: 'bureau_officer' });
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  admin = await h.userWithSession({ role: 'admin' });
});
afterAll(() => h.close());

const at = '2026-01-01T00:00:00.000Z';
async function warehouse(name: string, divisionCode: string): Promise<number> {
  const [row] = await h.db
    .insert(resourceWarehouses)
    .values({
      name,
      kind: divisionCode === CITY ? 'city' : 'town',
      divisionCode,
      address: `${name}地址`,
      keeper: '李保管',
      keeperPhone: '13800000000',
      longitude: 113.39,
      latitude: 22.52,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  return row!.id;
}
async function shelter(name: string, divisionCode: string): Promise<number> {
  const [row] = await h.db
    .insert(shelters)
    .values({
      name,
      kind: 'school',
      indoor: true,
      level: 'town',
      shelterClass: 'short_term',
      divisionCode,
      address: `${name}地址`,
      longitude: 113.39,
      latitude: 22.52,
      areaM2: 1200,
      managingUnit: '镇教育办',
      contact: '王管理',
      contactPhone: '13900000000',
      status: 'open',
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  return row!.id;
}

const linkCount = async (): Promise<number> =>
  Number(
    ((await h.db.execute(sql.raw('SELECT count(*)::int AS n FROM emergency_plan_resources'))) as unknown as { rows: { n: number }[] })
      .rows[0]!.n,
  );
const ids = (p: { linkedResources: { kind: string; id: number }[] }) => p.linkedResources.map((r) => `${r.kind}:${r.id}`);

describe('the warehouses and shelters a plan relies on', () => {
  it('links, unlinks, refuses another town’s shelter to a town officer, and audits each change', async () => {
    const cityStore = await warehouse('中山市应急物资储备库', CITY);
    const cityReserve = await warehouse('中山市救灾物资储备中心', CITY);
    const tanzhouStore = await warehouse('坦洲镇应急物资仓库', TOWNS.tanzhou);
    const tanzhouSchool = await shelter('坦洲中学避难场所', TOWNS.tanzhou);
    const xiaolanPark = await shelter('小榄公园避难场所', TOWNS.xiaolan);

    const created = await h.call('POST', '/api/drill/plans', {
      cookie: bureau.cookie,
      body: {
        name: '坦洲镇防汛防旱防风应急预案',
        level: 'town',
        kind: 'special',
        ownerUnit: '坦洲镇人民政府',
        divisionCode: TOWNS.tanzhou,
        issuedOn: '2024-05-01',
        workSafety: true,
        warehouseIds: [cityStore],
        shelterIds: [tanzhouSchool],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(ids(plan)).toEqual([`warehouse:${cityStore}`, `shelter:${tanzhouSchool}`]);
    expect(plan.linkedResources[1]).toMatchObject({ name: '坦洲中学避难场所', townName: expect.any(String) });

    // the town officer may see and edit his town's plan, but not tie it to Xiaolan's shelter or another city store
    // (keeping the city store the bureau linked does not let a new out-of-scope link through with it)
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ shelterIds: [tanzhouSchool, xiaolanPark] }, 'shelterIds', '不在您的管辖范围内'],
      [{ warehouseIds: [cityStore, cityReserve], shelterIds: [] }, 'warehouseIds', '不在您的管辖范围内'],
      [{ shelterIds: [999_999] }, 'shelterIds', '不存在'],
      [{ shelterIds: [tanzhouSchool, tanzhouSchool] }, 'shelterIds', '不能重复关联'],
    ];
    for (const [change, field, message] of refusals) {
      const res = await h.call('PATCH', `/api/drill/plans/${plan.id}`, {
        cookie: town.cookie,
        body: { version: plan.version, ...change },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ field: expect.stringContaining(field), message: expect.stringContaining(message) });
    }
    const unchanged = (await h.call('GET', `/api/drill/plans/${plan.id}`, { cookie: town.cookie })).json();
    expect(unchanged.version).toBe(plan.version);
    expect(ids(unchanged)).toEqual(ids(plan));
    expect(await linkCount()).toBe(2);

    // he may keep the city's store (linked by the bureau, out of his scope) while adding his own town's
    const kept = await h.call('PATCH', `/api/drill/plans/${plan.id}`, {
      cookie: town.cookie,
      body: { version: plan.version, warehouseIds: [cityStore, tanzhouStore] },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(ids(kept.json())).toEqual([`warehouse:${cityStore}`, `warehouse:${tanzhouStore}`, `shelter:${tanzhouSchool}`]);
    // what the PATCH left out stays as it was (the shelters above, the work-safety flag and its two-year duty here)
    expect(kept.json()).toMatchObject({ workSafety: true, duty: { intervalMonths: 24 } });

    // and drop it
    const edited = await h.call('PATCH', `/api/drill/plans/${plan.id}`, {
      cookie: town.cookie,
      body: { version: kept.json().version, warehouseIds: [tanzhouStore] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(ids(edited.json())).toEqual([`warehouse:${tanzhouStore}`, `shelter:${tanzhouSchool}`]);
    const [entry] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'emergency_plan'), eq(auditLog.entityId, String(plan.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect((entry!.before as { linkedResources: { name: string }[] }).linkedResources.map((r) => r.name)).toEqual([
      '中山市应急物资储备库',
      '坦洲镇应急物资仓库',
      '坦洲中学避难场所',
    ]);
    expect((entry!.after as { linkedResources: { name: string }[] }).linkedResources.map((r) => r.name)).toEqual([
      '坦洲镇应急物资仓库',
      '坦洲中学避难场所',
    ]);

    // the bureau, seeing the whole city, links Xiaolan's shelter; then all shelters are unlinked
    const v = edited.json().version;
    const linked = await h.call('PATCH', `/api/drill/plans/${plan.id}`, {
      cookie: bureau.cookie,
      body: { version: v, shelterIds: [tanzhouSchool, xiaolanPark] },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(ids(linked.json())).toContain(`shelter:${xiaolanPark}`);
    const cleared = await h.call('PATCH', `/api/drill/plans/${plan.id}`, {
      cookie: town.cookie,
      body: { version: v + 1, shelterIds: [] },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(ids(cleared.json())).toEqual([`warehouse:${tanzhouStore}`]);
    expect(await linkCount()).toBe(1);
  });

  it('offers the picker only what the officer may link', async () => {
    const mine = (await h.call('GET', '/api/drill/resource-options?kind=shelter', { cookie: town.cookie })).json();
    expect(mine.items.map((s: { name: string }) => s.name)).toEqual(['坦洲中学避难场所']);
    const all = (await h.call('GET', '/api/drill/resource-options?kind=shelter&q=小榄', { cookie: bureau.cookie })).json();
    expect(all.items.map((s: { name: string }) => s.name)).toEqual(['小榄公园避难场所']);
    const stores = (await h.call('GET', '/api/drill/resource-options?kind=warehouse', { cookie: town.cookie })).json();
    expect(stores.items.map((s: { divisionCode: string }) => s.divisionCode)).toEqual([TOWNS.tanzhou]);
  });
});

describe('the compliance view follows the drill-duty table', () => {
  type TRow = { key: string; plans: number; withDuty: number; overdue: number; dueIn30Days: number };
  const compliance = async (by: 'kind' | 'town'): Promise<Map<string, TRow>> => {
    const res = await h.call('GET', `/api/drill/compliance?by=${by}&level=department`, { cookie: bureau.cookie });
    expect(res.statusCode, res.body).toBe(200);
    return new Map(res.json().rows.map((r: TRow) => [r.key, r]));
  };
  const duty = async (id: number) => (await h.call('GET', `/api/drill/plans/${id}`, { cookie: bureau.cookie })).json().duty;
  const overdueTotal = async () =>
    (await h.call('GET', '/api/drill/plans?overdue=true&level=department', { cookie: bureau.cookie })).json().total;
  const setDuties = async (value: unknown) => {
    const res = await h.call('PUT', '/api/settings/drillDuties', { cookie: admin.cookie, body: { value } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('moves next due and overdue per plan, and the counts by kind and town, at the interval’s last day', async () => {
    const plan = async (name: string, kind: string, divisionCode: string, issuedOn: string, workSafety: boolean) => {
      const res = await h.call('POST', '/api/drill/plans', {
        cookie: bureau.cookie,
        body: { name, level: 'department', kind, ownerUnit: '中山市住房和城乡建设局', divisionCode, issuedOn, workSafety },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    // default table: a department plan three years, a work-safety one two, a department's on-site plan none
    const flood = await plan('住建系统防汛应急预案', 'department', TOWNS.tanzhou, '2023-03-02', false);
    const gas = await plan('燃气安全事故应急预案', 'department', TOWNS.xiaolan, '2024-03-02', true);
    const site = await plan('在建工地坍塌现场处置方案', 'onsite', TOWNS.xiaolan, '2025-09-02', false);

    // 2 March 2026 is the last day of both duties: due, not overdue (read once, so the view is cached)
    expect(await duty(flood)).toMatchObject({ intervalMonths: 36, nextDueOn: '2026-03-02', overdue: false, daysLeft: 0 });
    expect(await duty(gas)).toMatchObject({ intervalMonths: 24, nextDueOn: '2026-03-02', overdue: false });
    expect(await duty(site)).toMatchObject({ intervalMonths: null, nextDueOn: null, overdue: false });
    let byKind = await compliance('kind');
    expect(byKind.get('department')).toMatchObject({ plans: 2, withDuty: 2, overdue: 0, dueIn30Days: 2 });
    expect(byKind.get('onsite')).toMatchObject({ plans: 1, withDuty: 0, overdue: 0 });
    expect(await overdueTotal()).toBe(0);

    // the admin makes department plans yearly and gives on-site plans six months
    await setDuties([
      { levels: ['department'], kinds: ['department'], months: 12, basis: '本市从严：部门预案每年演练' },
      { levels: ['department'], kinds: ['onsite'], months: 6, basis: '本市从严：现场处置方案每半年演练' },
    ]);
    expect(await duty(flood)).toMatchObject({ intervalMonths: 12, nextDueOn: '2024-03-02', overdue: true });
    expect(await duty(gas)).toMatchObject({ intervalMonths: 12, nextDueOn: '2025-03-02', overdue: true });
    expect(await duty(site)).toMatchObject({ intervalMonths: 6, nextDueOn: '2026-03-02', overdue: false, daysLeft: 0 });
    byKind = await compliance('kind');
    expect(byKind.get('department')).toMatchObject({ plans: 2, withDuty: 2, overdue: 2, dueIn30Days: 0 });
    expect(byKind.get('onsite')).toMatchObject({ plans: 1, withDuty: 1, overdue: 0, dueIn30Days: 1 });
    let byTown = await compliance('town');
    expect(byTown.get(TOWNS.tanzhou)).toMatchObject({ plans: 1, overdue: 1 });
    expect(byTown.get(TOWNS.xiaolan)).toMatchObject({ plans: 2, withDuty: 2, overdue: 1, dueIn30Days: 1 });
    expect(await overdueTotal()).toBe(2);

    // the next day the on-site plan's six months have run out
    h.clock.set('2026-03-03T01:00:00.000Z');
    // sessions lapse overnight: both sign in again
    bureau = await h.userWithSession({ role: 'bureau_officer' });
    admin = await h.userWithSession({ role: 'admin' });
    expect(await duty(site)).toMatchObject({ nextDueOn: '2026-03-02', overdue: true });
    byTown = await compliance('town');
    expect(byTown.get(TOWNS.xiaolan)).toMatchObject({ overdue: 2, dueIn30Days: 0 });
    expect(await overdueTotal()).toBe(3);

    // back to the default table: the three-year and two-year duties ran out yesterday, the on-site plan owes none
    await setDuties(DEFAULT_DRILL_DUTIES);
    expect(await duty(flood)).toMatchObject({ intervalMonths: 36, nextDueOn: '2026-03-02', overdue: true });
    expect(await duty(site)).toMatchObject({ intervalMonths: null, nextDueOn: null, overdue: false });
    byKind = await compliance('kind');
    expect(byKind.get('department')).toMatchObject({ withDuty: 2, overdue: 2 });
    expect(byKind.get('onsite')).toMatchObject({ withDuty: 0, overdue: 0 });
    expect(await overdueTotal()).toBe(2);

    // a non-admin cannot change the table, and nothing moves
    const refused = await h.call('PUT', '/api/settings/drillDuties', { cookie: bureau.cookie, body: { value: [] } });
    expect(refused.statusCode).toBe(403);
    expect(await duty(flood)).toMatchObject({ intervalMonths: 36 });
  });
});
