/** Stocktakes on a real database: a blind count, adjustments only when someone other than the counter approves. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let counter: string;
let approver: string;
let warehouse: number;

const balances = async () => queryRows<{ id: number; balance: number }>(h.db, sql`SELECT id, balance FROM resource_lots ORDER BY id`);
const movements = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM resource_movements`))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  counter = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  approver = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  warehouse = (
    await h.call('POST', '/api/resources/warehouses', {
      cookie: counter,
      body: {
        name: '市仓库',
        kind: 'city',
        divisionCode: '4420',
        address: '石岐街道',
        keeper: '王',
        keeperPhone: '0760-88881234',
        longitude: 113.38,
        latitude: 22.52,
      },
    })
  ).json().id;
  const item = (
    await h.call('POST', '/api/resources/items', {
      cookie: counter,
      body: { code: 'LV-QUILT', name: '棉被', category: 'living', unit: '床', requires3c: false, unitPriceFen: 15_000 },
    })
  ).json().id;
  await h.call('POST', '/api/resources/receipts', {
    cookie: counter,
    body: {
      warehouseId: warehouse,
      source: 'donation',
      receivedOn: '2026-03-01',
      acceptors: ['王', '李'],
      lines: [
        { itemId: item, quantity: 50, unitPriceFen: 0 },
        { itemId: item, quantity: 20, unitPriceFen: 0 },
      ],
    },
  });
});
afterAll(() => h.close());

describe('a stocktake', () => {
  it('hides the expected quantity until the counts are submitted, and is adjusted only on another person’s approval', async () => {
    const created = await h.call('POST', '/api/resources/stocktakes', { cookie: counter, body: { warehouseId: warehouse, kind: 'full' } });
    expect(created.statusCode, created.body).toBe(201);
    const sheet = created.json();
    expect(sheet.lines.map((l: { expected: number | null }) => l.expected)).toEqual([null, null]);
    const id = sheet.id;

    const early = await h.call('POST', `/api/resources/stocktakes/${id}/approve`, { cookie: approver });
    expect(early.json().message).toBe('盘点表尚未提交，不能审批调整');
    const counts = [
      { lineId: sheet.lines[0].id, counted: 48 },
      { lineId: sheet.lines[1].id, counted: 20 },
    ];
    const submitted = (await h.call('POST', `/api/resources/stocktakes/${id}/counts`, { cookie: counter, body: { counts } })).json();
    expect(submitted.lines.map((l: { expected: number; difference: number }) => [l.expected, l.difference])).toEqual([
      [50, -2],
      [20, 0],
    ]);

    const before = [await balances(), await movements()];
    const self = await h.call('POST', `/api/resources/stocktakes/${id}/approve`, { cookie: counter });
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toBe('盘点调整须由盘点人以外的人审批');
    expect([await balances(), await movements()]).toEqual(before);

    const approved = await h.call('POST', `/api/resources/stocktakes/${id}/approve`, { cookie: approver });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('approved');
    expect((await balances()).map((b) => b.balance)).toEqual([48, 20]);
    expect((await h.call('GET', '/api/resources/balance-check', { cookie: counter })).json()).toMatchObject({
      mismatches: [],
      stockMismatches: [],
    });
  });

  it('draws a sample and wants a count for every line on it', async () => {
    const sheet = (
      await h.call('POST', '/api/resources/stocktakes', {
        cookie: counter,
        body: { warehouseId: warehouse, kind: 'sample', sampleSize: 1 },
      })
    ).json();
    expect(sheet.lines).toHaveLength(1);
    const res = await h.call('POST', `/api/resources/stocktakes/${sheet.id}/counts`, {
      cookie: counter,
      body: { counts: [{ lineId: sheet.lines[0].id + 1000, counted: 0 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('请填写盘点表上每一个批次的实盘数量');
    const missing = await h.call('POST', '/api/resources/stocktakes', { cookie: counter, body: { warehouseId: warehouse, kind: 'spot' } });
    expect(missing.json().message).toBe('抽样盘点和抽查须填写抽样批次数');
  });
});
