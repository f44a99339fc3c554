/**
 * The one stock fixture of the resources tests (supplies.test.ts, resources.test.ts): a city keeper, a Tanzhou town
 * officer and a bureau leader; the city warehouse and Tanzhou's pre-positioned point; an extinguisher (3C), a pump
 * and a rope in the catalogue. Made through the API, as a user would.
 */
import { expect } from 'vitest';
import { TOWNS, type THarness } from '../../../test/harness';

/** A catalogue entry's body: the extinguisher, changed by `extra`. */
export const itemBody = (extra: object = {}) => ({
  code: 'FR-EXT',
  name: '干粉灭火器',
  category: 'fire',
  unit: '具',
  spec: 'MFZ/ABC4',
  requires3c: true,
  maintenanceDays: 365,
  unitPriceFen: 12_000,
  ...extra,
});

export const warehouseBody = (extra: object = {}) => ({
  name: '市三防物资仓库',
  kind: 'city',
  divisionCode: '4420',
  address: '石岐街道民生路 1 号',
  keeper: '王保管',
  keeperPhone: '0760-88881234',
  longitude: 113.38,
  latitude: 22.52,
  ...extra,
});

/** 坦洲's stock point (前置点), created by its town officer. */
export const townWarehouseBody = (extra: object = {}) =>
  warehouseBody({
    name: '坦洲前置点',
    kind: 'prepositioned',
    divisionCode: TOWNS.tanzhou,
    address: '坦洲镇界狮南路',
    keeper: '陈保管',
    keeperPhone: '13800000000',
    longitude: 113.46,
    latitude: 22.26,
    ...extra,
  });

export async function resourcesFixture(h: THarness) {
  const keeper = (await h.userWithSession({ role: 'bureau_officer', username: 'wang' })).cookie;
  const town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou, username: 'chen' })).cookie;
  const leader = (await h.userWithSession({ role: 'bureau_leader', username: 'li' })).cookie;
  const create = async (path: string, cookie: string, body: object): Promise<number> => {
    const res = await h.call('POST', path, { cookie, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  };
  const cityWarehouse = await create('/api/resources/warehouses', keeper, warehouseBody());
  const townWarehouse = await create('/api/resources/warehouses', town, townWarehouseBody());
  const extinguisher = await create('/api/resources/items', keeper, itemBody());
  const pump = await create(
    '/api/resources/items',
    keeper,
    itemBody({
      code: 'FL-PUMP',
      name: '排涝水泵',
      category: 'flood',
      unit: '台',
      spec: '6 寸',
      requires3c: false,
      maintenanceDays: 90,
      unitPriceFen: 800_000,
    }),
  );
  const rope = await create(
    '/api/resources/items',
    keeper,
    itemBody({ code: 'RS-ROPE', name: '救援绳', category: 'rescue', unit: '条', spec: '30 米', requires3c: false, maintenanceDays: null }),
  );
  return { keeper, town, leader, cityWarehouse, townWarehouse, extinguisher, pump, rope };
}
