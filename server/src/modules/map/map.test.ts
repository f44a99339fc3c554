/**
 * The city map (一张图): the layers each role may read and nothing else (deny by default, a forbidden layer answers
 * 403), each layer's points in the reader's division scope with the per-town counts, and each layer's filter
 * (this month, this year, open, major) at its edges. Points come compact (`[lng, lat, id, category]`), a point's name
 * and link from its own endpoint in the same scope; answers are kept per layer and scope while the database has not
 * changed (kit/snapshot-cache.ts), never given to another scope, another time or after a write.
 */
import { inArray } from 'drizzle-orm';
import { can, type TMapLayerPoints, type TMapPointDetail, type TRole, ZMapLayerPointsSchema } from '@yingji/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { hazard } from '../../../test/hazard-views-fixtures';
import { firm, inspection } from '../../../test/inspection-fixtures';
import { accidents, enterprises, fireIncidents, fireSites, resourceWarehouses, shelters, waterloggingPoints } from '../../db/schema/index';
import { createMapRegistry } from '../../kit/map';
import { createSnapshotCache, snapshotVersion } from '../../kit/snapshot-cache';

let h: THarness;
const cookies: Partial<Record<TRole | 'xiaolan', string>> = {};
const NOW = '2026-03-02T01:00:00.000Z';
const ids: Record<string, number> = {};
const SHELTER = {
  kind: 'school' as const,
  indoor: true,
  level: 'town' as const,
  shelterClass: 'short_term' as const,
  address: '测试路',
  areaM2: 1000,
  managingUnit: '镇政府',
  contact: '王五',
  contactPhone: '13800000000',
  status: 'open' as const,
  createdAt: NOW,
  updatedAt: NOW,
};

const get = (who: keyof typeof cookies, url: string) => h.call('GET', url, { cookie: cookies[who]! });
// the answer is written by the database and sent as it is: it must still be the contract's shape
const layer = async (who: keyof typeof cookies, key: string): Promise<TMapLayerPoints> => {
  const res = await get(who, `/api/map/layers/${key}/points`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return ZMapLayerPointsSchema.parse(res.json());
};
const detail = async (who: keyof typeof cookies, key: string, id: number): Promise<TMapPointDetail> => {
  const res = await get(who, `/api/map/layers/${key}/points/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const idsOf = (l: TMapLayerPoints) => l.points.map((p) => p[2]);
const countIn = (l: TMapLayerPoints, code: string) => l.towns.find((t) => t.code === code)?.count;

beforeAll(async () => {
  h = await createHarness();
  for (const role of [
    'admin',
    'bureau_officer',
    'bureau_leader',
    'legal_reviewer',
    'town_officer',
    'duty_officer',
    'enterprise_user',
  ] as const)
    cookies[role] = (await h.userWithSession({ role })).cookie;
  cookies.xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;

  // firms: two in 坦洲 (one without coordinates), one in 小榄
  const tz = await firm(h.db, { colour: 'red', name: '坦洲红色企业' });
  const tzNoCoords = await firm(h.db, { colour: 'blue', name: '坦洲无坐标企业' });
  const xl = await firm(h.db, { colour: 'yellow', divisionCode: TOWNS.xiaolan, name: '小榄黄色企业' });
  await h.db
    .update(enterprises)
    .set({ longitude: 113.45, latitude: 22.27 })
    .where(inArray(enterprises.id, [tz.id]));
  await h.db
    .update(enterprises)
    .set({ longitude: 113.25, latitude: 22.66 })
    .where(inArray(enterprises.id, [xl.id]));
  Object.assign(ids, { tz: tz.id, tzNoCoords: tzNoCoords.id, xl: xl.id });

  // hazards: open major overdue (坦洲), open major (小榄); a closed major and an open general one stay off the map
  ids.overdue = await hazard(h.db, { enterpriseId: tz.id, divisionCode: TOWNS.tanzhou, level: 'major', deadline: '2026-03-01' });
  ids.openMajor = await hazard(h.db, { enterpriseId: xl.id, divisionCode: TOWNS.xiaolan, level: 'major', deadline: '2026-03-02' });
  ids.closedMajor = await hazard(h.db, {
    enterpriseId: tz.id,
    divisionCode: TOWNS.tanzhou,
    level: 'major',
    state: 'closed',
    deadline: '2026-02-20',
  });
  await hazard(h.db, { enterpriseId: tz.id, divisionCode: TOWNS.tanzhou, level: 'general' });

  // inspections: the month starts on 03-01 in Shanghai; February's and a draft stay off
  ids.inspMonth = await inspection(h.db, { enterpriseId: tz.id, divisionCode: TOWNS.tanzhou, inspectedOn: '2026-03-01', findings: 2 });
  ids.inspClean = await inspection(h.db, { enterpriseId: xl.id, divisionCode: TOWNS.xiaolan, inspectedOn: '2026-03-02' });
  ids.inspFeb = await inspection(h.db, { enterpriseId: tz.id, divisionCode: TOWNS.tanzhou, inspectedOn: '2026-02-28' });
  await inspection(h.db, { enterpriseId: tz.id, divisionCode: TOWNS.tanzhou, inspectedOn: '2026-03-02', status: 'draft' });

  // accidents: this year's (one at its own place, one at its firm's), last year's stays off
  const accident = (o: { title: string; occurredOn: string; divisionCode: string; enterpriseId?: number; lonLat?: [number, number] }) => ({
    kind: 'accident' as const,
    title: o.title,
    enterpriseId: o.enterpriseId ?? null,
    divisionCode: o.divisionCode,
    place: '车间',
    longitude: o.lonLat?.[0] ?? null,
    latitude: o.lonLat?.[1] ?? null,
    occurredAt: `${o.occurredOn}T02:00:00.000Z`,
    occurredOn: o.occurredOn,
    knownAt: `${o.occurredOn}T02:30:00.000Z`,
    summary: '测试事故',
    grade: 'general' as const,
    followUpLastDay: o.occurredOn,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const acc = await h.db
    .insert(accidents)
    .values([
      accident({ title: '坦洲机械伤害', occurredOn: '2026-01-01', divisionCode: TOWNS.tanzhou, lonLat: [113.46, 22.26] }),
      accident({ title: '小榄灼烫', occurredOn: '2026-02-10', divisionCode: TOWNS.xiaolan, enterpriseId: xl.id }),
      accident({ title: '去年事故', occurredOn: '2025-12-31', divisionCode: TOWNS.tanzhou, lonLat: [113.46, 22.26] }),
    ])
    .returning({ id: accidents.id });
  ids.accTz = acc[0]!.id;
  ids.accXl = acc[1]!.id;

  const place = (divisionCode: string, lon: number, lat: number) => ({
    divisionCode,
    longitude: lon,
    latitude: lat,
    createdAt: NOW,
    updatedAt: NOW,
  });
  await h.db
    .insert(shelters)
    .values([TOWNS.tanzhou, TOWNS.xiaolan].map((d, i) => ({ ...SHELTER, ...place(d, 113.3 + i / 10, 22.4), name: `避难场所${i}` })));
  await h.db.insert(resourceWarehouses).values({
    ...place(TOWNS.xiaolan, 113.26, 22.65),
    name: '小榄仓库',
    kind: 'town',
    address: '小榄路',
    keeper: '赵六',
    keeperPhone: '13900000000',
  });
  await h.db.insert(fireSites).values({ ...place(TOWNS.tanzhou, 113.47, 22.25), code: 'S-01', name: '坦洲高点' });
  const incident = (status: 'new' | 'closed') => ({
    ...place(TOWNS.tanzhou, 113.48, 22.26),
    status,
    uncertaintyM: 50,
    method: 'single' as const,
    anchorChannelId: 1,
    anchorLongitude: 113.47,
    anchorLatitude: 22.25,
    firstSeenAt: NOW,
    lastSeenAt: NOW,
    alarmCount: 1,
    channelIds: [1],
    openedAt: NOW,
  });
  await h.db.insert(fireIncidents).values([incident('new'), incident('closed')]);
  await h.db.insert(waterloggingPoints).values({
    ...place(TOWNS.tanzhou, 113.45, 22.28),
    name: '坦洲下穿隧道',
    location: '坦洲大道',
    responsiblePerson: '钱七',
    phone: '13700000000',
    pumps: 2,
  });
});
afterAll(() => h.close());

const ALL_LAYERS: [key: string, permission: Parameters<typeof can>[1]][] = [
  ['risk.firms', 'risk.read'],
  ['inspection.month', 'inspection.read'],
  ['hazard.major_open', 'hazard.stats'],
  ['accident.year', 'accident.read'],
  ['resources.shelters', 'shelter.read'],
  ['resources.warehouses', 'resources.read'],
  ['warning.waterlogging', 'warning.read'],
  ['fire.cameras', 'fire.read'],
  ['fire.incidents', 'fire.read'],
];

describe('which layers a role may see', () => {
  it.each(['admin', 'bureau_officer', 'bureau_leader', 'legal_reviewer', 'town_officer', 'duty_officer', 'enterprise_user'] as const)(
    '%s is listed exactly the layers of its read permissions, and refused the others with 403',
    async (role) => {
      const res = await get(role, '/api/map/layers');
      expect(res.statusCode).toBe(200);
      const listed = (res.json().layers as { key: string; categories: unknown[] }[]).map((l) => l.key).sort();
      const allowed = ALL_LAYERS.filter(([, p]) => role !== 'enterprise_user' && can(role, p)).map(([k]) => k);
      expect(listed).toEqual([...allowed].sort());
      for (const [key] of ALL_LAYERS.filter(([k]) => !allowed.includes(k))) {
        const refused = await get(role, `/api/map/layers/${key}/points`);
        expect(refused.statusCode, `${role} ${key}`).toBe(403);
        expect(refused.json()).toEqual({ code: 'forbidden', message: '没有查看此图层的权限' });
      }
    },
  );

  it('lists nothing to an enterprise user and the whole set to a bureau officer', async () => {
    expect((await get('enterprise_user', '/api/map/layers')).json()).toEqual({ layers: [] });
    expect((await get('bureau_officer', '/api/map/layers')).json().layers).toHaveLength(ALL_LAYERS.length);
  });

  it('answers an unknown layer with 404 and a malformed key with a 400 naming the field', async () => {
    const unknown = await get('bureau_officer', '/api/map/layers/risk.nothing/points');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('没有这个图层');
    const bad = await get('bureau_officer', '/api/map/layers/RISK/points');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/图层标识格式不正确/);
  });

  it('refuses a module layer whose key is not under the module, or is registered twice', () => {
    const r = createMapRegistry();
    const l = { ...{ title: 't', description: 'd', unit: '个', permission: 'risk.read' as const, categories: [] }, href: () => null };
    const source = () => {
      throw new Error('not called');
    };
    expect(() => r.add('risk', [{ ...l, key: 'hazard.x', source }])).toThrow(/must start with "risk\."/);
    r.add('risk', [{ ...l, key: 'risk.x', source }]);
    expect(() => r.add('risk', [{ ...l, key: 'risk.x', source }])).toThrow(/registered twice/);
  });
});

describe('points in the reader’s scope, with per-town counts', () => {
  it('gives a city officer every town’s points, compact, and counts the firm without coordinates', async () => {
    const firms = await layer('bureau_officer', 'risk.firms');
    expect(firms.total).toBe(3);
    expect(firms.located).toBe(2);
    expect(firms.truncated).toBe(false);
    // red first: the most important points are kept when a layer is capped
    expect(firms.points).toEqual([
      [113.45, 22.27, ids.tz, 'red'],
      [113.25, 22.66, ids.xl, 'yellow'],
    ]);
    expect(firms.towns).toHaveLength(23);
    expect(countIn(firms, TOWNS.tanzhou)).toBe(2);
    expect(countIn(firms, TOWNS.xiaolan)).toBe(1);
    expect(countIn(firms, TOWNS.shiqi)).toBe(0);
    expect(firms.towns.find((t) => t.code === TOWNS.tanzhou)?.name).toBe('坦洲镇');
    // the name, line and link come with a click
    expect(await detail('bureau_officer', 'risk.firms', ids.tz!)).toEqual({
      id: ids.tz,
      name: '坦洲红色企业',
      subtitle: expect.any(String),
      category: 'red',
      divisionCode: TOWNS.tanzhou,
      href: `/enterprises/${ids.tz}`,
    });
  });

  it('gives a town officer only his town’s points and count, and refuses another town’s point', async () => {
    for (const [key] of ALL_LAYERS) {
      const l = await layer('town_officer', key);
      expect(
        l.towns.map((t) => t.code),
        key,
      ).toEqual([TOWNS.tanzhou]);
      expect(l.total, key).toBe(l.towns[0]!.count);
      for (const p of l.points) expect((await detail('town_officer', key, p[2])).divisionCode, key).toBe(TOWNS.tanzhou);
    }
    const xl = await layer('xiaolan', 'risk.firms');
    expect(idsOf(xl)).toEqual([ids.xl]);
    expect(xl.total).toBe(1);
    // 小榄's firm is not in 坦洲's officer's scope, whatever its id
    const other = await get('town_officer', `/api/map/layers/risk.firms/points/${ids.xl}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('这个图层中没有该点位，或不在您的辖区内');
  });

  it('refuses a point of a forbidden layer, a malformed id, and a record the layer does not draw', async () => {
    const forbidden = await get('enterprise_user', `/api/map/layers/risk.firms/points/${ids.tz}`);
    expect(forbidden.statusCode).toBe(403);
    const bad = await get('bureau_officer', '/api/map/layers/risk.firms/points/0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/点位编号必须是正整数/);
    const huge = await get('bureau_officer', `/api/map/layers/risk.firms/points/${2 ** 31}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.json().message).toMatch(/点位编号超出范围/);
    // the closed major hazard is a record, but not on the open hazards' layer
    expect((await get('bureau_officer', `/api/map/layers/hazard.major_open/points/${ids.closedMajor}`)).statusCode).toBe(404);
  });

  it('draws open major hazards only, overdue ones marked, in deadline order', async () => {
    const l = await layer('bureau_leader', 'hazard.major_open');
    expect(l.points.map((p) => [p[2], p[3]])).toEqual([
      [ids.overdue, 'overdue'],
      [ids.openMajor, 'open'],
    ]);
    const first = await detail('bureau_leader', 'hazard.major_open', ids.overdue!);
    expect(first.subtitle).toMatch(/整改期限 2026-03-01/);
    expect(first.href).toBe(`/hazards/${ids.overdue}`);
  });

  it('draws this month’s submitted inspections and this year’s accidents, by the bureau’s calendar', async () => {
    const insp = await layer('bureau_officer', 'inspection.month');
    expect(insp.points.map((p) => [p[2], p[3]]).sort()).toEqual(
      [
        [ids.inspMonth, 'findings'],
        [ids.inspClean, 'clean'],
      ].sort(),
    );
    expect(insp.total).toBe(2);
    const acc = await layer('duty_officer', 'accident.year');
    expect(acc.total).toBe(2);
    // one at its own place, one at its firm's coordinates
    expect(acc.points.map((p) => [p[2], p[0], p[1]])).toEqual([
      [ids.accXl, 113.25, 22.66],
      [ids.accTz, 113.46, 22.26],
    ]);
    expect(await detail('duty_officer', 'accident.year', ids.accTz!)).toMatchObject({
      name: '坦洲机械伤害',
      href: `/accidents/${ids.accTz}`,
    });
  });

  it('draws shelters, warehouses, cameras, open fire incidents and waterlogging points', async () => {
    const counts = Object.fromEntries(
      await Promise.all(
        ['resources.shelters', 'resources.warehouses', 'fire.cameras', 'fire.incidents', 'warning.waterlogging'].map(async (k) => {
          const l = await layer('duty_officer', k);
          return [k, l.total] as const;
        }),
      ),
    );
    expect(counts).toEqual({
      'resources.shelters': 2,
      'resources.warehouses': 1,
      'fire.cameras': 1,
      // the closed incident is off the map
      'fire.incidents': 1,
      'warning.waterlogging': 1,
    });
    const water = await layer('duty_officer', 'warning.waterlogging');
    const point = await detail('duty_officer', 'warning.waterlogging', water.points[0]![2]);
    expect(point).toMatchObject({ name: '坦洲下穿隧道', category: 'pumps', href: null });
    expect(point.subtitle).toMatch(/钱七 13700000000/);
    const shelter = await layer('duty_officer', 'resources.shelters');
    expect((await detail('duty_officer', 'resources.shelters', shelter.points[0]![2])).href).toMatch(/^\/shelters\?q=/);
  });
});

describe('answers kept while the database has not changed', () => {
  it('keeps one answer per layer and scope: a town never gets the city’s, nor the city a town’s', async () => {
    const city = await layer('bureau_officer', 'risk.firms');
    const tz = await layer('town_officer', 'risk.firms');
    const xl = await layer('xiaolan', 'risk.firms');
    expect(idsOf(tz)).toEqual([ids.tz]);
    expect(idsOf(xl)).toEqual([ids.xl]);
    expect(await layer('bureau_officer', 'risk.firms')).toEqual(city);
    expect(await layer('xiaolan', 'risk.firms')).toEqual(xl);
  });

  it('gives a new answer after a write, within the same minute', async () => {
    const before = await layer('duty_officer', 'resources.shelters');
    const [added] = await h.db
      .insert(shelters)
      .values({ ...SHELTER, divisionCode: TOWNS.xiaolan, longitude: 113.27, latitude: 22.64, name: '新增避难场所' })
      .returning({ id: shelters.id });
    const after = await layer('duty_officer', 'resources.shelters');
    expect(after.total).toBe(before.total + 1);
    expect(idsOf(after)).toContain(added!.id);
    await h.db.delete(shelters).where(inArray(shelters.id, [added!.id]));
    expect((await layer('duty_officer', 'resources.shelters')).total).toBe(before.total);
  });

  it('gives the answer of the time asked: a month’s inspections are not kept into another month', async () => {
    try {
      h.clock.set('2026-02-28T04:00:00.000Z');
      const feb = await layer('bureau_officer', 'inspection.month');
      expect(feb.points.map((p) => p[2])).toEqual([ids.inspFeb]);
      h.clock.set(NOW);
      expect((await layer('bureau_officer', 'inspection.month')).total).toBe(2);
    } finally {
      h.clock.set(NOW);
    }
  });

  /**
   * The snapshot is the whole server's: on a PostgreSQL server shared with other test files any of their writes moves
   * it too. So "kept" is claimed only where the snapshot did not move since the answer was computed; on the embedded
   * database nothing else writes, and every claim is checked.
   */
  it('computes once per key and stamp, again for another key, after a write or when the minute turns', async () => {
    const cache = createSnapshotCache<number>({ max: 2, period: 60_000 });
    let computed = 0;
    const computedAt = new Map<string, string>();
    const ask = async (key: string, now: string, expected: 'computed' | 'kept') => {
      const before = await snapshotVersion(h.db);
      const n = computed;
      await cache.get(h.db, key, new Date(now), async () => ++computed);
      const still = before === (await snapshotVersion(h.db));
      if (expected === 'computed') expect(computed, key).toBe(n + 1);
      else if (still && computedAt.get(key) === before) expect(computed, key).toBe(n);
      if (computed > n) computedAt.set(key, before);
    };
    const t = '2026-03-02T01:00:10.000Z';
    await ask('a', t, 'computed');
    await ask('a', '2026-03-02T01:00:50.000Z', 'kept');
    await ask('b', t, 'computed');
    await ask('a', '2026-03-02T01:01:00.000Z', 'computed');
    await h.db
      .update(enterprises)
      .set({ name: '坦洲红色企业' })
      .where(inArray(enterprises.id, [ids.tz!]));
    await ask('a', '2026-03-02T01:01:00.000Z', 'computed');
    // full: the oldest answer goes first
    await ask('c', '2026-03-02T01:01:00.000Z', 'computed');
    expect(cache.size()).toBe(2);
    // a failed computation is not kept
    await expect(cache.get(h.db, 'd', new Date(t), () => Promise.reject(new Error('算不出')))).rejects.toThrow('算不出');
    await ask('d', t, 'computed');
  });
});
