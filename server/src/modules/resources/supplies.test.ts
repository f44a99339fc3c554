/**
 * What the supplies pages need beyond the stock API: the catalogue changed (with its refusals leaving nothing
 * changed), a 3C refusal named on the lot's certificate field, the acceptors' names to pick from, and the warehouse's
 * stock ledger exported to Excel and read back.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';
import { itemBody, resourcesFixture } from './resources.fixture';

let h: THarness;
let keeper: string;
let town: string;
let leader: string;
let warehouse: number;
let extinguisher: number;
let rope: number;

const snapshot = async () =>
  queryRows(
    h.db,
    sql`SELECT (SELECT count(*)::int FROM resource_items) AS items, (SELECT count(*)::int FROM resource_lots) AS lots,
               (SELECT count(*)::int FROM audit_log) AS audits, (SELECT jsonb_agg(i ORDER BY i.id) FROM resource_items i) AS rows`,
  );
const item = itemBody;

beforeAll(async () => {
  h = await createHarness();
  await h.createUser({ role: 'enterprise_user', username: 'firm' });
  ({ keeper, town, leader, cityWarehouse: warehouse, extinguisher, rope } = await resourcesFixture(h));
});
afterAll(() => h.close());

describe('the catalogue', () => {
  it('changes an entry and audits the change', async () => {
    const res = await h.call('PUT', `/api/resources/items/${rope}`, {
      cookie: keeper,
      body: item({ code: 'RS-ROPE', name: '静力救援绳', category: 'rescue', unit: '根', spec: '11 mm × 50 m', requires3c: false }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: rope, name: '静力救援绳', unit: '根', spec: '11 mm × 50 m', maintenanceDays: 365 });
    const list = (await h.call('GET', '/api/resources/items', { cookie: town })).json().items;
    expect(list.find((i: { id: number }) => i.id === rope).name).toBe('静力救援绳');
    const [audit] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'resource_item' AND action = 'update' AND entity_id = ${String(rope)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it.each([
    ['a town officer', () => town, () => rope, item({ code: 'RS-ROPE' }), 403, null, null],
    ['a code another item has', () => keeper, () => rope, item({ code: 'FR-EXT', unit: '根' }), 409, 'code', '物资编码 FR-EXT 已存在'],
    ['no name', () => keeper, () => rope, item({ code: 'RS-ROPE', name: ' ' }), 400, 'name', '物资名称必须填写'],
    [
      'a negative interval',
      () => keeper,
      () => rope,
      item({ code: 'RS-ROPE', maintenanceDays: 0 }),
      400,
      'maintenanceDays',
      '保养周期至少 1 天',
    ],
    ['an item that does not exist', () => keeper, () => 999_999, item({ code: 'NO-ONE' }), 404, 'id', '物资目录条目不存在'],
  ])('refuses %s, changing nothing', async (_, who, id, body, status, field, message) => {
    const before = await snapshot();
    const res = await h.call('PUT', `/api/resources/items/${id()}`, { cookie: who(), body });
    expect(res.statusCode, res.body).toBe(status);
    if (field) expect(res.json().field).toBe(field);
    if (message) expect(res.json().message).toContain(message);
    expect(await snapshot()).toEqual(before);
  });
});

describe('receipts name the field at fault', () => {
  it('refuses a 3C item without its certificate on that lot, and an expiry before production, changing nothing', async () => {
    const before = await snapshot();
    const lines = [
      { itemId: rope, quantity: 5, unitPriceFen: 3000 },
      { itemId: extinguisher, quantity: 10, producedOn: '2026-01-01', expiresOn: '2031-01-01', unitPriceFen: 12_000 },
    ];
    const body = { warehouseId: warehouse, source: 'purchase', receivedOn: '2026-03-01', acceptors: ['王保管', '李局长'], lines };
    const no3c = await h.call('POST', '/api/resources/receipts', { cookie: keeper, body });
    expect(no3c.statusCode).toBe(400);
    expect(no3c.json()).toMatchObject({
      field: 'lines.1.certificate3c',
      message: '第 2 行：干粉灭火器属于强制性产品认证（3C）目录，必须填写 3C 证书编号',
    });
    const dates = await h.call('POST', '/api/resources/receipts', {
      cookie: keeper,
      body: { ...body, lines: [{ ...lines[1], certificate3c: '2020081801234567', expiresOn: '2025-12-01' }] },
    });
    expect(dates.json().field).toBe('lines.0.expiresOn');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the unit of an item that has stock', async () => {
    const ok = await h.call('POST', '/api/resources/receipts', {
      cookie: keeper,
      body: {
        warehouseId: warehouse,
        source: 'donation',
        receivedOn: '2026-03-01',
        acceptors: ['王保管', '李局长'],
        lines: [
          {
            itemId: extinguisher,
            quantity: 10,
            producedOn: '2025-03-01',
            expiresOn: '2026-03-20',
            certificate3c: '2020081801234567',
            supplier: '中山消防器材厂',
            unitPriceFen: 12_000,
          },
          { itemId: extinguisher, quantity: 4, expiresOn: '2030-01-01', certificate3c: '2020081809999999', unitPriceFen: 12_500 },
          { itemId: rope, quantity: 5, unitPriceFen: 3000 },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await snapshot();
    const res = await h.call('PUT', `/api/resources/items/${extinguisher}`, { cookie: keeper, body: item({ unit: '箱' }) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'unit', message: '该物资已有 2 个库存批次，计量单位不能从“具”改为“箱”' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('acceptors', () => {
  it('lists the city staff by name for a keeper, not enterprise users, and not to a reader', async () => {
    const res = await h.call('GET', '/api/resources/acceptor-options', { cookie: keeper });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(['测试wang', '测试chen', '测试li']));
    expect(names).not.toContain('测试firm');
    expect((await h.call('GET', '/api/resources/acceptor-options', { cookie: leader })).statusCode).toBe(403);
  });
});

describe("the warehouse's stock ledger", () => {
  it('exports balances against the minimum, lots with their expiry, and the movements, read back from the file', async () => {
    await h.call('PUT', `/api/resources/warehouses/${warehouse}/minimums`, {
      cookie: keeper,
      body: { itemId: extinguisher, quantity: 20 },
    });
    const issued = await h.call('POST', '/api/resources/issues', {
      cookie: keeper,
      body: { warehouseId: warehouse, itemId: extinguisher, quantity: 3, recipient: '石岐街道', purpose: '防汛值守' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const res = await h.call('GET', `/api/resources/warehouses/${warehouse}/ledger`, { cookie: town });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('库存台账-市三防物资仓库（市级仓库）-2026-03-02.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const read = (name: string, columns: string[]) => {
      const sheet = book.getWorksheet(name)!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      return (sheet.getSheetValues().slice(2) as unknown[][]).map((r) => columns.map((c) => r[header.indexOf(c) + 1] ?? ''));
    };
    expect(read('结存', ['物资名称', '结存', '最低储备', '储备状况'])).toEqual([
      ['干粉灭火器', 11, 20, '低于最低储备 9'],
      ['静力救援绳', 5, '', ''],
    ]);
    // earliest expiry first: the issue took the lot expiring on 2026-03-20, which is within the 30 days
    expect(read('批次', ['物资名称', '结存', '有效期至', '有效期状况', '3C 证书编号', '验收人'])).toEqual([
      ['干粉灭火器', 7, '2026-03-20', '临期', '2020081801234567', '王保管、李局长'],
      ['干粉灭火器', 4, '2030-01-01', '', '2020081809999999', '王保管、李局长'],
      ['静力救援绳', 5, '', '', '', '王保管、李局长'],
    ]);
    expect(read('出入库流水', ['类型', '物资名称', '数量', '对方单位', '经办人'])).toEqual([
      ['出库', '干粉灭火器', -3, '石岐街道', '测试wang'],
      ['入库', '静力救援绳', 5, '', '测试wang'],
      ['入库', '干粉灭火器', 4, '', '测试wang'],
      ['入库', '干粉灭火器', 10, '中山消防器材厂', '测试wang'],
    ]);
  });

  it('counts only unexpired stock toward the minimum: a lot expiring today still counts, the next day it does not', async () => {
    const alerts = async () =>
      (await h.call('GET', `/api/resources/alerts?kind=below_minimum&warehouseId=${warehouse}`, { cookie: keeper })).json().items;
    const row = async () =>
      (await h.call('GET', `/api/resources/stock?warehouseId=${warehouse}`, { cookie: keeper }))
        .json()
        .items.find((r: { itemId: number }) => r.itemId === extinguisher);
    const listed = async () =>
      (await h.call('GET', '/api/resources/warehouses', { cookie: keeper })).json().items.find((w: { id: number }) => w.id === warehouse);
    // 7 left of the lot expiring on 2026-03-20 and 4 expiring in 2030, against a minimum of 20
    // sessions time out after 30 idle minutes: sign in again at the new time
    h.clock.set('2026-03-20T08:00:00+08:00');
    keeper = await h.login('wang');
    expect(await row()).toMatchObject({ balance: 11, usable: 11, minimum: 20 });
    expect((await alerts()).map((a: { detail: string }) => a.detail)).toEqual(['未过期结存 11具，最低储备 20具（本库设定）']);
    h.clock.set('2026-03-21T08:00:00+08:00');
    keeper = await h.login('wang');
    expect(await row()).toMatchObject({ balance: 11, usable: 4, minimum: 20 });
    expect((await alerts()).map((a: { detail: string }) => a.detail)).toEqual(['未过期结存 4具，最低储备 20具（本库设定）']);
    expect(await listed()).toMatchObject({ belowMinimum: 1 });
    // raised to what is on the shelf, expired lots included, the minimum is still not met
    await h.call('PUT', `/api/resources/warehouses/${warehouse}/minimums`, {
      cookie: keeper,
      body: { itemId: extinguisher, quantity: 11 },
    });
    expect((await alerts()).map((a: { detail: string }) => a.detail)).toEqual(['未过期结存 4具，最低储备 11具（本库设定）']);
    await h.call('PUT', `/api/resources/warehouses/${warehouse}/minimums`, { cookie: keeper, body: { itemId: extinguisher, quantity: 4 } });
    expect(await alerts()).toEqual([]);
    expect(await listed()).toMatchObject({ belowMinimum: 0 });
  });

  it('answers 404 for a warehouse that does not exist', async () => {
    expect((await h.call('GET', '/api/resources/warehouses/999999/ledger', { cookie: keeper })).statusCode).toBe(404);
  });
});
