/** Shelters on a real database: refusals, capacity with override, totals equal to the rows' sums, nearest with distances, the census import. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestShelters } from '@yingji/domain';
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

  it('previews a census with the columns found, a corrected mapping and per-row errors, then imports all or nothing', async () => {
    // The town's own sheet: "镇街" and "面积" are known headers, "场所位置" is not (the address) and "备注" is unused.
    const header =
      '镇街,场所名称,场所类型,室内/室外,级别,类别,场所位置,经度,纬度,面积,核定容纳人数,核定说明,管理单位,联系人,联系电话,启用状态,中心城区,已有设施,设施检查日期,备注';
    const good =
      '小榄镇,小榄体育馆,体育馆,室内,乡镇（街道）级,短期,小榄镇某路,113.25,22.66,2000,,,小榄镇文体中心,何,0760-22000000,可启用,否,疏散指示标识、安全出口灯,2025-03-20,';
    const negative =
      '小榄镇,小榄中学,中小学校,室内,乡镇（街道）级,短期,小榄镇某路,113.25,22.66,-5,,,小榄中学,何,0760-22000001,可启用,否,,,';
    const outside = '小榄镇,小榄公园,体育馆,露天,乡镇（街道）级,短期,小榄镇某路,113.95,22.66,100,,,小榄镇,何,0760-22000002,可启用,否,,,';
    const upload = (rows: string[], mapping?: object) =>
      h.call(
        'POST',
        `/api/shelters/import?fileName=census.csv${mapping ? `&mapping=${encodeURIComponent(JSON.stringify(mapping))}` : ''}`,
        { cookie: officer, body: Buffer.from([header, ...rows].join('\n')), headers: { 'content-type': 'application/octet-stream' } },
      );
    const before = await count();
    const first = await upload([good, negative, outside]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ missing: ['address'], counts: { rows: 0 }, rows: [] });
    expect(first.json().headers).toContain('场所位置');
    expect(first.json().mapping).toMatchObject({ town: '镇街', areaM2: '面积', name: '场所名称' });

    const mapping = { address: '场所位置' };
    const second = await upload([good, negative, outside], mapping);
    expect(second.json()).toMatchObject({ missing: [], counts: { rows: 3, valid: 1, invalid: 2, create: 1, update: 0 } });
    expect(second.json().rows).toEqual([
      { row: 2, name: '小榄体育馆', town: '小榄镇', action: 'create', errors: [] },
      { row: 3, name: '小榄中学', town: '小榄镇', action: null, errors: ['有效避难面积不能为负数'] },
      {
        row: 4,
        name: '小榄公园',
        town: '小榄镇',
        action: null,
        errors: ['室内/室外只能填“室内”或“室外”，不是“露天”'],
      },
    ]);
    const refused = await h.call('POST', '/api/shelters/import/apply', {
      cookie: officer,
      body: { token: second.json().token, fileName: 'census.csv', mapping },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('普查表有 2 行有错（第 3、4 行等），整表未导入');
    expect(await count()).toBe(before);

    const fixed = await upload([good, outside.replace('露天', '室外')], mapping);
    expect(fixed.json().rows[1].errors[0]).toContain('不在本市范围内');
    const ok = await upload([good], mapping);
    expect(ok.json().counts).toEqual({ rows: 1, valid: 1, invalid: 0, create: 1, update: 0 });
    const applied = await h.call('POST', '/api/shelters/import/apply', {
      cookie: officer,
      body: { token: ok.json().token, fileName: 'census.csv', mapping },
    });
    expect(applied.json()).toEqual({ created: 1, updated: 0, problems: [] });
    const list = (await h.call('GET', `/api/shelters?divisionCode=${TOWNS.xiaolan}`, { cookie: officer })).json().items;
    expect(list[0]).toMatchObject({
      name: '小榄体育馆',
      address: '小榄镇某路',
      capacity: 1000,
      facilities: { evacuation_signs: '2025-03-20', exit_lights: '2025-03-20' },
    });
    // the same file again updates the row it created
    expect((await upload([good], mapping)).json().counts).toMatchObject({ create: 0, update: 1 });
    const lost = await h.call('POST', '/api/shelters/import/apply', {
      cookie: officer,
      body: { token: 'a'.repeat(64), fileName: 'census.csv', mapping },
    });
    expect(lost.statusCode).toBe(404);
    expect(lost.json().message).toBe('找不到预览过的文件，请重新上传');
  });

  it('shows one shelter in scope with every field, and no other', async () => {
    const id = (await h.call('GET', '/api/shelters?q=石岐文化中心', { cookie: officer })).json().items[0].id;
    const one = await h.call('GET', `/api/shelters/${id}`, { cookie: officer });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id,
      name: '石岐文化中心',
      divisionName: '石岐街道',
      capacity: 420,
      computedCapacity: 600,
      overrideReason: '2025年3月核实',
      managingUnit: '市体育局',
      centralCity: true,
    });
    const other = await h.call('GET', `/api/shelters/${id}`, { cookie: town });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('避难场所不存在');
  });

  it('finds the same nearest shelters as the exact distance over every shelter, near and far', async () => {
    // 300 open shelters on a grid over 坦洲 (seeded positions), then points inside, at the edge and far away.
    const rows = Array.from({ length: 300 }, (_, i) => ({
      lon: 113.3 + ((i * 37) % 100) * 0.003,
      lat: 22.2 + ((i * 53) % 100) * 0.002,
    }));
    await h.db.execute(sql`INSERT INTO shelters (name, kind, indoor, level, shelter_class, division_code, address, longitude, latitude,
        area_m2, managing_unit, contact, contact_phone, status, created_at, updated_at)
      SELECT '网格' || i, 'school', true, 'town', 'short_term', ${TOWNS.tanzhou}, '坦洲', (r->>'lon')::float8, (r->>'lat')::float8,
             100, '坦洲镇', '何', '0760-1', 'open', now(), now()
        FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS t(r, i)`);
    const all = (await h.call('GET', '/api/shelters?pageSize=200&status=open', { cookie: officer })).json().total as number;
    expect(all).toBeGreaterThan(300);
    const everyOpen = await queryRows<{ id: number; longitude: number; latitude: number }>(
      h.db,
      sql`SELECT id, longitude, latitude FROM shelters WHERE status = 'open'`,
    );
    for (const [lon, lat] of [
      [113.45, 22.3],
      [113.2, 22.2],
      [113.7, 22.75],
      [113.39, 22.52],
    ] as const) {
      const res = await h.call('GET', `/api/shelters/nearest?longitude=${lon}&latitude=${lat}&limit=7`, { cookie: officer });
      const expected = nearestShelters(everyOpen, { longitude: lon, latitude: lat }, 7).map((s) => [s.id, s.distanceM]);
      expect(res.json().items.map((s: { id: number; distanceM: number }) => [s.id, s.distanceM])).toEqual(expected);
    }
  });
});
