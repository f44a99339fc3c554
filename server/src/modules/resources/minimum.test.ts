/**
 * The minimum from the province's reserve guidance (a setting, per warehouse level and item, with its document) and a
 * warehouse's own minimum overriding it: what the stock, the alerts and the warehouse list count, where each minimum
 * comes from, the refusals that change nothing, and the guidance out to Excel and back.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';
import { resourcesFixture } from './resources.fixture';

const DOC = '广东省应急物资储备指导标准（粤应急〔2024〕1号）';
let h: THarness;
let admin: string;
let f: Awaited<ReturnType<typeof resourcesFixture>>;

const guidance = [
  { kind: 'city', itemCode: 'FL-PUMP', quantity: 8, source: DOC },
  { kind: 'prepositioned', itemCode: 'FL-PUMP', quantity: 2, source: DOC },
];
const save = (value: unknown, cookie = admin) => h.call('PUT', '/api/settings/reserveGuidance', { cookie, body: { value } });
const pumpRow = async (warehouseId: number) =>
  (await h.call('GET', `/api/resources/stock?warehouseId=${warehouseId}`, { cookie: f.keeper }))
    .json()
    .items.find((r: { itemId: number }) => r.itemId === f.pump);
const belowAlerts = async () =>
  (await h.call('GET', '/api/resources/alerts?kind=below_minimum', { cookie: f.keeper }))
    .json()
    .items.map((a: { warehouseName: string; detail: string }) => `${a.warehouseName}：${a.detail}`);
const shortfalls = async () =>
  Object.fromEntries(
    (await h.call('GET', '/api/resources/warehouses', { cookie: f.keeper }))
      .json()
      .items.map((w: { name: string; belowMinimum: number }) => [w.name, w.belowMinimum]),
  );
const audits = async (entity: string) =>
  (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = ${entity}`))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin', username: 'admin1' })).cookie;
  f = await resourcesFixture(h);
});
afterAll(() => h.close());

describe('the reserve guidance and a warehouse override', () => {
  it('applies the guidance to every warehouse of its level, saying so, until a warehouse records its own', async () => {
    const res = await save(guidance);
    expect(res.statusCode, res.body).toBe(200);
    expect(await audits('setting')).toBe(1);
    // guidance only: nothing of the pump in either warehouse, both short
    expect(await pumpRow(f.cityWarehouse)).toMatchObject({ balance: 0, minimum: 8, minimumFrom: 'guidance', minimumSource: DOC });
    expect(await pumpRow(f.townWarehouse)).toMatchObject({ balance: 0, minimum: 2, minimumFrom: 'guidance' });
    expect(await belowAlerts()).toEqual([
      `市三防物资仓库：未过期结存 0台，最低储备 8台（指导标准：${DOC}）`,
      `坦洲前置点：未过期结存 0台，最低储备 2台（指导标准：${DOC}）`,
    ]);
    expect(await shortfalls()).toEqual({ 市三防物资仓库: 1, 坦洲前置点: 1 });
    // both: the city warehouse's own minimum of 0 overrides the guidance
    const own = await h.call('PUT', `/api/resources/warehouses/${f.cityWarehouse}/minimums`, {
      cookie: f.keeper,
      body: { itemId: f.pump, quantity: 0 },
    });
    expect(own.statusCode, own.body).toBe(204);
    expect(await pumpRow(f.cityWarehouse)).toMatchObject({ minimum: 0, minimumFrom: 'warehouse', minimumSource: null });
    expect(await shortfalls()).toEqual({ 市三防物资仓库: 0, 坦洲前置点: 1 });
    // override only: the extinguisher has no guidance
    await h.call('PUT', `/api/resources/warehouses/${f.cityWarehouse}/minimums`, {
      cookie: f.keeper,
      body: { itemId: f.extinguisher, quantity: 3 },
    });
    expect(await belowAlerts()).toEqual([
      '市三防物资仓库：未过期结存 0具，最低储备 3具（本库设定）',
      `坦洲前置点：未过期结存 0台，最低储备 2台（指导标准：${DOC}）`,
    ]);
    // the override removed: the guidance applies again, and each change is audited
    const removed = await h.call('PUT', `/api/resources/warehouses/${f.cityWarehouse}/minimums`, {
      cookie: f.keeper,
      body: { itemId: f.pump, quantity: null },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await pumpRow(f.cityWarehouse)).toMatchObject({ minimum: 8, minimumFrom: 'guidance' });
    expect(await audits('resource_minimum')).toBe(3);
    // neither: the rope has no row at all
    const stock = (await h.call('GET', `/api/resources/stock?warehouseId=${f.cityWarehouse}`, { cookie: f.keeper })).json().items;
    expect(stock.map((r: { itemCode: string }) => r.itemCode).sort()).toEqual(['FL-PUMP', 'FR-EXT']);
  });

  it.each([
    [
      'an item not in the catalogue',
      () => admin,
      [{ ...guidance[0], itemCode: 'NO-SUCH' }],
      400,
      '储备指导标准第 1 条：物资编码 NO-SUCH 不在物资目录中',
    ],
    ['the same level and item twice', () => admin, [...guidance, { ...guidance[0], quantity: 1 }], 400, '市级仓库的 FL-PUMP 重复'],
    ['no document', () => admin, [{ ...guidance[0], source: '' }], 400, '依据文件（文件名或文号）必须填写'],
    ['a keeper, who is not the bureau admin', () => f.keeper, guidance, 403, '没有此项操作的权限'],
  ])('refuses %s, changing nothing', async (_, who, value, status, message) => {
    const before = [await audits('setting'), await pumpRow(f.townWarehouse)];
    const res = await save(value, who());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(message);
    expect([await audits('setting'), await pumpRow(f.townWarehouse)]).toEqual(before);
  });

  it('exports the guidance to Excel and reads it back; a bad row is named and left out', async () => {
    const file = await h.call('GET', '/api/resources/reserve-guidance/export', { cookie: f.town });
    expect(file.statusCode, file.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.getRow(2).getCell(4).value = 12;
    sheet.addRow(['省级库', 'FL-PUMP', '', 1, '', DOC]);
    sheet.addRow(['前置点', 'RS-ROPE', '', 2.5, '', DOC]);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const send = (cookie: string) =>
      h.call('POST', '/api/resources/reserve-guidance/import?fileName=guidance.xlsx', {
        cookie,
        body,
        headers: { 'content-type': 'application/octet-stream' },
      });
    expect((await send(f.keeper)).statusCode).toBe(403);
    const read = await send(admin);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({
      rows: [{ ...guidance[0], quantity: 12 }, guidance[1]],
      errors: ['第 4 行：仓库层级“省级库”不正确，应为市级仓库、镇街仓库或前置点', '第 5 行：最低储备：最低储备必须是整数'],
    });
    // reading writes nothing: the setting changes only when the bureau saves it
    expect((await pumpRow(f.cityWarehouse)).minimum).toBe(8);
  });
});
