/**
 * Stock on a real database: receipts, issues earliest expiry first, transfers, write-offs, balances equal to the sum of
 * movements after each kind, concurrent issues of the last unit, and every refusal leaving nothing changed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';
import { resourcesFixture } from './resources.fixture';

let h: THarness;
let keeper: string;
let town: string;
let reader: string;
let cityWarehouse: number;
let townWarehouse: number;
let extinguisher: number;
let pump: number;

const TABLES = [
  'resource_warehouses',
  'resource_items',
  'resource_receipts',
  'resource_lots',
  'resource_movements',
  'resource_minimums',
  'audit_log',
];
/** Row counts and the sum of lot balances: a refusal must leave all of them as they were. */
const snapshot = async () => {
  const counts = await Promise.all(
    TABLES.map(async (t) => (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]!.n),
  );
  const [b] = await queryRows<{ s: number }>(h.db, sql`SELECT coalesce(sum(balance), 0)::int AS s FROM resource_lots`);
  return [...counts, b!.s];
};
/** Every lot's balance equals the sum of its movements, and each warehouse × item's kept stock the sum of its lots. */
const balancesHold = async () => {
  const res = await h.call('GET', '/api/resources/balance-check', { cookie: keeper });
  expect(res.statusCode).toBe(200);
  expect(res.json().mismatches).toEqual([]);
  expect(res.json().stockMismatches).toEqual([]);
  const [row] = await queryRows<{ bad: number }>(
    h.db,
    sql`SELECT count(*)::int AS bad FROM resource_lots l WHERE l.balance <> (SELECT coalesce(sum(quantity), 0) FROM resource_movements m WHERE m.lot_id = l.id)`,
  );
  expect(row!.bad).toBe(0);
};
const balanceOf = async (lotId: number) =>
  (await queryRows<{ b: number }>(h.db, sql`SELECT balance AS b FROM resource_lots WHERE id = ${lotId}`))[0]!.b;

const receipt = (lines: object[], extra: object = {}) => ({
  warehouseId: cityWarehouse,
  source: 'purchase',
  receivedOn: '2026-03-01',
  acceptors: ['王保管', '李验收'],
  lines,
  ...extra,
});

beforeAll(async () => {
  h = await createHarness();
  ({ keeper, town, leader: reader, cityWarehouse, townWarehouse, extinguisher, pump } = await resourcesFixture(h));
});
afterAll(() => h.close());

describe('warehouses and catalogue', () => {
  it('lists warehouses city-wide for dispatch, and refuses coordinates outside the city', async () => {
    const list = (await h.call('GET', '/api/resources/warehouses', { cookie: town })).json().items;
    expect(list.map((w: { name: string }) => w.name)).toEqual(['市三防物资仓库', '坦洲前置点']);
    const before = await snapshot();
    const res = await h.call('POST', '/api/resources/warehouses', {
      cookie: keeper,
      body: {
        name: '北京仓库',
        kind: 'city',
        divisionCode: '4420',
        address: '北京',
        keeper: '某',
        keeperPhone: '01088888888',
        longitude: 116.4,
        latitude: 39.9,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不在本市范围内');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a town to its own town', async () => {
    const res = await h.call('PUT', `/api/resources/warehouses/${cityWarehouse}/minimums`, {
      cookie: town,
      body: { itemId: pump, quantity: 3 },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('receipts', () => {
  it.each([
    ['a 3C item without a certificate', () => [{ itemId: extinguisher, quantity: 10, unitPriceFen: 12_000 }], {}, '必须填写 3C 证书编号'],
    [
      'an expiry before production',
      () => [
        {
          itemId: extinguisher,
          quantity: 10,
          unitPriceFen: 12_000,
          certificate3c: '2020081801234567',
          producedOn: '2026-01-01',
          expiresOn: '2025-12-01',
        },
      ],
      {},
      '有效期至不能早于或等于生产日期',
    ],
    [
      'one acceptor',
      () => [{ itemId: pump, quantity: 2, unitPriceFen: 800_000 }],
      { acceptors: ['王保管', '王保管'] },
      '至少两名不同的验收人',
    ],
  ])('refuses %s with a Chinese message and changes nothing', async (_what, lines, extra, message) => {
    const before = await snapshot();
    const res = await h.call('POST', '/api/resources/receipts', { cookie: keeper, body: receipt(lines(), extra) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
    expect(await snapshot()).toEqual(before);
  });

  it('creates lots with their movements and audit entry', async () => {
    const res = await h.call('POST', '/api/resources/receipts', {
      cookie: keeper,
      body: receipt([
        {
          itemId: extinguisher,
          quantity: 10,
          unitPriceFen: 12_000,
          certificate3c: '2020081801234567',
          producedOn: '2025-01-01',
          expiresOn: '2027-01-01',
          supplier: '某消防器材公司',
        },
        {
          itemId: extinguisher,
          quantity: 4,
          unitPriceFen: 12_000,
          certificate3c: '2020081801234568',
          producedOn: '2024-01-01',
          expiresOn: '2026-06-01',
        },
        { itemId: pump, quantity: 3, unitPriceFen: 800_000 },
      ]),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().lotIds).toHaveLength(3);
    await balancesHold();
    const lots = (await h.call('GET', `/api/resources/lots?warehouseId=${cityWarehouse}&itemId=${extinguisher}`, { cookie: town })).json()
      .items;
    expect(lots.map((l: { balance: number; expiresOn: string }) => [l.balance, l.expiresOn])).toEqual([
      [4, '2026-06-01'],
      [10, '2027-01-01'],
    ]);
    expect(lots[0].acceptors).toEqual(['王保管', '李验收']);
  });
});

describe('issues, transfers and write-offs', () => {
  it('suggests and takes the earliest expiry first', async () => {
    const s = (
      await h.call('GET', `/api/resources/issues/suggest?warehouseId=${cityWarehouse}&itemId=${extinguisher}&quantity=6`, {
        cookie: keeper,
      })
    ).json();
    expect(s.picks.map((p: { quantity: number; expiresOn: string }) => [p.quantity, p.expiresOn])).toEqual([
      [4, '2026-06-01'],
      [2, '2027-01-01'],
    ]);
    expect(s.short).toBe(0);
    const res = await h.call('POST', '/api/resources/issues', {
      cookie: keeper,
      body: { warehouseId: cityWarehouse, itemId: extinguisher, quantity: 6, recipient: '石岐街道', purpose: '消防演练' },
    });
    expect(res.statusCode).toBe(201);
    await balancesHold();
    const stock = (await h.call('GET', `/api/resources/stock?warehouseId=${cityWarehouse}`, { cookie: keeper })).json().items;
    expect(stock.find((r: { itemId: number }) => r.itemId === extinguisher)).toMatchObject({
      balance: 8,
      earliestExpiry: '2027-01-01',
      lots: 1,
    });
  });

  it('refuses an issue beyond the balance and changes nothing', async () => {
    const before = await snapshot();
    const res = await h.call('POST', '/api/resources/issues', {
      cookie: keeper,
      body: { warehouseId: cityWarehouse, itemId: extinguisher, quantity: 9, recipient: '石岐街道', purpose: '演练' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('出库数量 9 超过可用结存 8（过期批次不计），不能出库');
    expect(await snapshot()).toEqual(before);
  });

  it('transfers to a pre-positioned point and writes off, balances still the sums of movements', async () => {
    const [lot] = (await h.call('GET', `/api/resources/lots?warehouseId=${cityWarehouse}&itemId=${pump}`, { cookie: keeper })).json().items;
    const t = await h.call('POST', '/api/resources/transfers', {
      cookie: keeper,
      body: { lotId: lot.id, toWarehouseId: townWarehouse, quantity: 1, note: '汛前前置' },
    });
    expect(t.statusCode).toBe(201);
    const [, newLot] = t.json().lotIds;
    expect(await balanceOf(lot.id)).toBe(2);
    expect(await balanceOf(newLot)).toBe(1);
    await balancesHold();
    const w = await h.call('POST', '/api/resources/write-offs', {
      cookie: town,
      body: { lotId: newLot, quantity: 1, reason: '电机烧毁无法修复' },
    });
    expect(w.statusCode, w.body).toBe(201);
    expect(await balanceOf(newLot)).toBe(0);
    await balancesHold();
    const before = await snapshot();
    const again = await h.call('POST', '/api/resources/write-offs', {
      cookie: town,
      body: { lotId: newLot, quantity: 1, reason: '重复核销' },
    });
    expect(again.statusCode).toBe(422);
    expect(await snapshot()).toEqual(before);
    const moves = (await h.call('GET', `/api/resources/movements?lotId=${lot.id}`, { cookie: keeper })).json().items;
    expect(moves.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity])).toEqual([
      ['transfer_out', -1],
      ['receipt', 3],
    ]);
  });

  it('lets exactly one of two concurrent issues of the last unit succeed', async () => {
    const r = await h.call('POST', '/api/resources/receipts', {
      cookie: keeper,
      body: receipt([{ itemId: pump, quantity: 1, unitPriceFen: 800_000 }], { warehouseId: townWarehouse }),
    });
    const [lotId] = r.json().lotIds;
    const issue = () =>
      h.call('POST', '/api/resources/issues', {
        cookie: town,
        body: {
          warehouseId: townWarehouse,
          itemId: pump,
          quantity: 1,
          lots: [{ lotId, quantity: 1 }],
          recipient: '坦洲镇某村',
          purpose: '排涝',
        },
      });
    const results = await Promise.all([issue(), issue()]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([201, 422]);
    expect(await balanceOf(lotId)).toBe(0);
    await balancesHold();
  });

  it('keeps each warehouse × item’s stock equal to its lots, and the balance check names one edited by hand', async () => {
    const [kept] = await queryRows<{ warehouseId: number; itemId: number; balance: number; lots: number }>(
      h.db,
      sql`SELECT warehouse_id AS "warehouseId", item_id AS "itemId", balance, lots FROM resource_stock WHERE warehouse_id = ${cityWarehouse} AND item_id = ${pump}`,
    );
    const [sum] = await queryRows<{ balance: number; lots: number }>(
      h.db,
      sql`SELECT sum(balance)::int AS balance, count(*)::int AS lots FROM resource_lots WHERE warehouse_id = ${cityWarehouse} AND item_id = ${pump}`,
    );
    expect(kept).toEqual({ warehouseId: cityWarehouse, itemId: pump, ...sum });
    await h.db.execute(sql`UPDATE resource_stock SET balance = balance + 1 WHERE warehouse_id = ${cityWarehouse} AND item_id = ${pump}`);
    try {
      const res = (await h.call('GET', '/api/resources/balance-check', { cookie: keeper })).json();
      expect(res.stockMismatches).toEqual([{ warehouseId: cityWarehouse, itemId: pump, stock: sum!.balance + 1, lots: sum!.balance }]);
    } finally {
      await h.db.execute(sql`UPDATE resource_stock SET balance = balance - 1 WHERE warehouse_id = ${cityWarehouse} AND item_id = ${pump}`);
    }
    await balancesHold();
  });

  it('refuses a lot of another town', async () => {
    const [lot] = (await h.call('GET', `/api/resources/lots?warehouseId=${cityWarehouse}&itemId=${pump}`, { cookie: keeper })).json().items;
    const res = await h.call('POST', '/api/resources/write-offs', {
      cookie: town,
      body: { lotId: lot.id, quantity: 1, reason: '越权核销' },
    });
    expect(res.statusCode).toBe(404);
    expect((await h.call('GET', '/api/resources/stock', { cookie: reader })).statusCode).toBe(200);
  });
});
