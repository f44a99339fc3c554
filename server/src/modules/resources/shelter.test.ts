/** Shelters on a real database: refusals, capacity with override, totals equal to the rows' sums, nearest with distances, the census import. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let officer: string;
let town: string;

const shelter = (over: object = {}) => ({
  name: '石岐体育馆',
  kind: 'stadium',
  indoor: true,
  level: 'town',
  shelterClass: 'short_term',
  divisionCode: TOWNS.shiqi,
  address: '石岐街道某路',
  longitude: 113.39,
  latitude: 22.52,
  areaM2: 1001,
  managingUnit: '市体育局',
  contact: '李',
  contactPhone: '0760-88000000',
  centralCity: true,
  facilities: { evacuation_signs: '2025-03-20', exit_lights: '2025-03-20', emergency_lights: '2025-03-20', accessible_rails: '2025-03-20' },
  ...over,
});
const count = async () =>
  (await queryRows<{ n: number }>(h.db, sql`SELECT (SELECT count(*) FROM shelters) + (SELECT count(*) FROM audit_log) AS n`))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  officer = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
});
afterAll(() => h.close());

describe('the shelter registry', () => {
  it.each([
    ['a negative area', { areaM2: -1 }, 400, '有效避难面积不能为负数'],
    ['coordinates outside the city', { longitude: 113.9 }, 400, '不在本市范围内'],
    ['an override without its reason', { capacityOverride: 600 }, 400, '请填写核定说明'],
    ['a town outside the scope', {}, 400, '所在镇街不在您的管辖范围内'],
  ])('refuses %s in Chinese and changes nothing', async (what, over, status, message) => {
    const before = await count();
    const res = await h.call('POST', '/api/shelters', {
      cookie: what === 'a town outside the scope' ? town : officer,
      body: shelter(over),
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toContain(message);
    expect(await count()).toBe(before);
  });

  it('computes capacity from area and the standard, records an override, and sums the rows', async () => {
    const a = await h.call('POST', '/api/shelters', { cookie: officer, body: shelter() });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ capacity: 500, computedCapacity: 500, missingFacilities: [] });
    const b = await h.call('POST', '/api/shelters', {
      cookie: officer,
      body: shelter({
        name: '石岐文化中心',
        longitude: 113.4,
        capacityOverride: 420,
        overrideReason: '2025年3月核实',
        areaM2: 1200.5,
        facilities: {},
      }),
    });
    expect(b.json()).toMatchObject({
      capacity: 420,
      computedCapacity: 600,
      missingFacilities: ['evacuation_signs', 'exit_lights', 'emergency_lights', 'accessible_rails'],
    });
    const c = await h.call('POST', '/api/shelters', {
      cookie: town,
      body: shelter({
        name: '坦洲中学',
        divisionCode: TOWNS.tanzhou,
        longitude: 113.46,
        latitude: 22.26,
        areaM2: 3000,
        centralCity: false,
      }),
    });
    expect(c.statusCode, c.body).toBe(201);
    const totals = (await h.call('GET', '/api/shelters/totals', { cookie: officer })).json();
    expect(totals.all).toEqual({ shelters: 3, areaM2: 5201.5, capacity: 2420 });
    expect(totals.centralCity).toEqual({ shelters: 2, areaM2: 2201.5, capacity: 920 });
    expect(totals.byTown.find((t: { divisionCode: string }) => t.divisionCode === TOWNS.shiqi)).toMatchObject({
      shelters: 2,
      missingFacilities: 1,
    });
    const missing = (await h.call('GET', '/api/shelters?missingFacilities=true', { cookie: officer })).json();
    expect(missing.items.map((s: { name: string }) => s.name)).toEqual(['石岐文化中心']);
  });

  it('finds the nearest open shelters with hand-computed distances', async () => {
    // From (113.39, 22.521): 0.001° south to 石岐体育馆 = 111.2 m; to 石岐文化中心 √(1027.15² + 111.2²) ≈ 1033 m.
    const res = await h.call('GET', '/api/shelters/nearest?longitude=113.39&latitude=22.521&limit=2', { cookie: town });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((s: { name: string; distanceM: number }) => [s.name, s.distanceM])).toEqual([
      ['石岐体育馆', 111],
      ['石岐文化中心', 1033],
    ]);
    const far = await h.call('GET', '/api/shelters/nearest?longitude=113.46&latitude=22.30&limit=3', { cookie: officer });
    expect(far.json().items[0]).toMatchObject({ name: '坦洲中学', distanceM: 4448 }); // 0.04° × 111,195 m
    expect(far.json().items).toHaveLength(3);
  });

  it('imports the census all or nothing, naming the bad row', async () => {
    const header =
      '所在镇街,场所名称,场所类型,室内/室外,级别,类别,地址,经度,纬度,有效避难面积（平方米）,核定容纳人数,核定说明,管理单位,联系人,联系电话,启用状态,中心城区,已有设施,设施检查日期';
    const good =
      '小榄镇,小榄体育馆,体育馆,室内,乡镇（街道）级,短期,小榄镇某路,113.25,22.66,2000,,,小榄镇文体中心,何,0760-22000000,可启用,否,疏散指示标识、安全出口灯,2025-03-20';
    const bad = '小榄镇,小榄中学,中小学校,室内,乡镇（街道）级,短期,小榄镇某路,113.25,22.66,-5,,,小榄中学,何,0760-22000001,可启用,否,,';
    const before = await count();
    const refused = await h.call('POST', '/api/shelters/import?fileName=census.csv', {
      cookie: officer,
      body: Buffer.from([header, good, bad].join('\n')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toEqual({ created: 0, updated: 0, problems: [{ row: 3, message: '有效避难面积不能为负数' }] });
    expect(await count()).toBe(before);
    const ok = await h.call('POST', '/api/shelters/import?fileName=census.csv', {
      cookie: officer,
      body: Buffer.from([header, good].join('\n')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(ok.json()).toEqual({ created: 1, updated: 0, problems: [] });
    const list = (await h.call('GET', `/api/shelters?divisionCode=${TOWNS.xiaolan}`, { cookie: officer })).json().items;
    expect(list[0]).toMatchObject({
      name: '小榄体育馆',
      capacity: 1000,
      facilities: { evacuation_signs: '2025-03-20', exit_lights: '2025-03-20' },
    });
  });
});
