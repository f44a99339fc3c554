/**
 * Waterlogging points (issue 19 item 6) on a real database: the plan (一点一策) edited and audited, the flooding history
 * with each flooding's duration, and 双三十 checks recorded only under an active rain warning covering the point,
 * with the action taken once 30 is reached, listed on the warning's page; every refusal leaves nothing changed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { resourceWarehouses, waterloggingPoints } from '../../db/schema';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let tanzhou: string;
let xiaolan: string;
let leader: string;
let pointId: number;
let warehouseId: number;
let rainId: number;

const plan = {
  responsiblePerson: '梁志强',
  phone: '13902230011',
  pumps: 3,
  supplies: '沙袋 500 个，移动泵车 1 台',
  warehouseId: null as number | null,
  roadClosure: '坦神北路隧道积水 20 厘米即封闭，设绕行指示',
  evacuation: '转移隧道旁低洼铺面人员至坦洲镇文化中心',
};
const post = (cookie: string, path: string, body: object) => h.call('POST', `/api/warning-points/${pointId}${path}`, { cookie, body });
const audits = async (entity: string) =>
  (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = ${entity}`))[0]!.n;
const records = async () =>
  (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM waterlogging_records WHERE point_id = ${pointId}`))[0]!.n;

const issue = async (kind: string, towns: string[]) =>
  (
    await h.call('POST', '/api/warnings', {
      cookie: bureau,
      body: {
        kind,
        level: 'orange',
        areaAll: false,
        towns,
        issuedAt: h.clock.now().toISOString(),
        text: `${kind}橙色预警：请各镇街做好防御。`,
        source: 'meteorological',
      },
    })
  ).json().id as number;

beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  const at = h.clock.now().toISOString();
  pointId = (
    await h.db
      .insert(waterloggingPoints)
      .values({
        divisionCode: TOWNS.tanzhou,
        name: '坦神北路隧道',
        location: '坦洲镇坦神北路与界狮南路交汇处',
        responsiblePerson: '旧责任人',
        phone: '13900000000',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: waterloggingPoints.id })
  )[0]!.id;
  warehouseId = (
    await h.db
      .insert(resourceWarehouses)
      .values({
        name: '坦洲防汛物资前置点',
        kind: 'prepositioned',
        divisionCode: TOWNS.tanzhou,
        address: '坦洲镇十四村',
        keeper: '何伟',
        keeperPhone: '13902230099',
        longitude: 113.46,
        latitude: 22.26,
        createdAt: at,
        updatedAt: at,
      } as typeof resourceWarehouses.$inferInsert)
      .returning({ id: resourceWarehouses.id })
  )[0]!.id;
  await h.call('POST', '/api/warning-chain/posts', { cookie: bureau, body: { divisionCode: TOWNS.tanzhou, title: '镇三防值班员' } });
  rainId = await issue('暴雨', [TOWNS.tanzhou]);
});
afterAll(() => h.close());

describe('一点一策', () => {
  it('is edited by the point’s town with a warehouse of the resources module, and audited', async () => {
    const res = await post(tanzhou, '/plan', { ...plan, warehouseId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ responsiblePerson: '梁志强', pumps: 3, warehouseName: '坦洲防汛物资前置点', canEdit: true });
    const again = (await h.call('GET', `/api/warning-points/${pointId}`, { cookie: bureau })).json();
    expect(again.roadClosure).toBe(plan.roadClosure);
    const [entry] = await queryRows<{ before: { responsiblePerson: string }; after: { responsiblePerson: string } }>(
      h.db,
      sql`SELECT before, after FROM audit_log WHERE entity = 'waterlogging_point' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry!.before.responsiblePerson).toBe('旧责任人');
    expect(entry!.after.responsiblePerson).toBe('梁志强');
  });

  it('refuses a bad phone, an unknown warehouse, another town and a reader, and changes nothing', async () => {
    const before = await audits('waterlogging_point');
    const phone = await post(bureau, '/plan', { ...plan, phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ field: 'phone', message: expect.stringContaining('电话') });
    const store = await post(bureau, '/plan', { ...plan, warehouseId: 99_999 });
    expect(store.statusCode).toBe(400);
    expect(store.json()).toMatchObject({ field: 'warehouseId', message: '所选物资仓库不存在' });
    expect((await post(xiaolan, '/plan', plan)).statusCode).toBe(404);
    expect((await post(leader, '/plan', plan)).statusCode).toBe(403);
    expect((await h.call('GET', `/api/warning-points/${pointId}`, { cookie: leader })).json().canEdit).toBe(false);
    expect(await audits('waterlogging_point')).toBe(before);
    expect((await h.call('GET', `/api/warning-points/${pointId}`, { cookie: bureau })).json().responsiblePerson).toBe('梁志强');
  });

  it('lists the points of the user’s town with their floodings', async () => {
    expect((await h.call('GET', '/api/warning-points', { cookie: xiaolan })).json().items).toEqual([]);
    const items = (await h.call('GET', '/api/warning-points', { cookie: tanzhou })).json().items;
    expect(items).toEqual([expect.objectContaining({ id: pointId, townName: '坦洲镇', floodings: 0, lastFloodedOn: null })]);
  });
});

describe('flooding history', () => {
  it('records each flooding with its duration, latest first, counted on the list', async () => {
    const today = h.clock.now().toISOString().slice(0, 10);
    await post(tanzhou, '/floodings', { on: '2025-06-14', durationMinutes: 150, depthCm: 45, note: '龙舟水' });
    const res = await post(tanzhou, '/floodings', { on: today, durationMinutes: 90, depthCm: 25 });
    expect(res.statusCode).toBe(201);
    expect(res.json().floodings.map((f: { on: string; durationMinutes: number }) => [f.on, f.durationMinutes])).toEqual([
      [today, 90],
      ['2025-06-14', 150],
    ]);
    const items = (await h.call('GET', '/api/warning-points', { cookie: bureau })).json().items;
    expect(items[0]).toMatchObject({ floodings: 2, lastFloodedOn: today });
  });

  it('refuses a flooding with no duration or in the future, and saves nothing', async () => {
    const before = await records();
    const none = await post(tanzhou, '/floodings', { on: '2025-06-14', depthCm: 30 });
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('durationMinutes');
    const future = await post(tanzhou, '/floodings', { on: '2999-01-01', durationMinutes: 30 });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ field: 'on', message: '水浸日期不能晚于今天' });
    expect(await records()).toBe(before);
  });
});

describe('双三十 checks', () => {
  it('are offered under the active rain warning covering the point', async () => {
    const heat = await issue('高温', [TOWNS.tanzhou]);
    const elsewhere = await issue('暴雨', [TOWNS.xiaolan]);
    const d = (await h.call('GET', `/api/warning-points/${pointId}`, { cookie: tanzhou })).json();
    expect(d.rainWarnings.map((w: { id: number }) => w.id)).toEqual([rainId]);
    for (const warningId of [heat, elsewhere]) {
      const res = await post(tanzhou, '/checks', { warningId, rainfallMm: 12 });
      expect(res.statusCode).toBe(422);
    }
  });

  it('refuses one past 30 with no action taken, and saves nothing', async () => {
    const before = await records();
    const res = await post(tanzhou, '/checks', { warningId: rainId, rainfallMm: 34, depthCm: 18 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'roadsClosed', message: expect.stringContaining('请记录采取的措施') });
    expect(await records()).toBe(before);
  });

  it('records one with the road closed and people moved, audited, listed on the point and the warning', async () => {
    const res = await post(tanzhou, '/checks', { warningId: rainId, rainfallMm: 34, depthCm: 32, roadsClosed: true, peopleMoved: 12 });
    expect(res.statusCode).toBe(201);
    expect(res.json().checks[0]).toMatchObject({ triggered: true, roadsClosed: true, peopleMoved: 12, warningId: rainId });
    await post(tanzhou, '/checks', { warningId: rainId, rainfallMm: 8, depthCm: 5 });
    expect(await audits('double_thirty_check')).toBe(2);
    const checks = (await h.call('GET', `/api/warnings/${rainId}`, { cookie: bureau })).json().checks;
    expect(checks.map((c: { pointName: string; triggered: boolean }) => [c.pointName, c.triggered])).toEqual([
      ['坦神北路隧道', false],
      ['坦神北路隧道', true],
    ]);
  });

  it('are refused once the warning is lifted', async () => {
    const w = (await h.call('GET', `/api/warnings/${rainId}`, { cookie: bureau })).json();
    await h.call('POST', `/api/warnings/${rainId}/lift`, { cookie: bureau, body: { version: w.version, note: '降雨结束' } });
    const res = await post(tanzhou, '/checks', { warningId: rainId, rainfallMm: 10 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'warningId', message: expect.stringContaining('已解除') });
  });
});
