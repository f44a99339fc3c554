/**
 * Supplies stored at a shelter on a real database: the warehouse's link to the shelter is validated and audited, the
 * shelter's stock is the ledger's (sums after a receipt and an issue), the 有/无物资储备 filter, and town scope.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { resourcesFixture, townWarehouseBody } from './resources.fixture';

let h: THarness;
let f: Awaited<ReturnType<typeof resourcesFixture>>;
let shiqiOfficer: string;
let tanzhouShelter: number;
let shiqiShelter: number;

const shelterBody = (over: object) => ({
  kind: 'school',
  indoor: true,
  level: 'town',
  shelterClass: 'short_term',
  areaM2: 1500,
  managingUnit: '镇教育办',
  contact: '黄',
  contactPhone: '0760-86000000',
  facilities: {},
  ...over,
});
const townWarehouse = (shelterId: number | null) => townWarehouseBody({ shelterId });
const snapshot = async () =>
  (
    await queryRows<{ links: string; audits: number }>(
      h.db,
      sql`SELECT (SELECT string_agg(coalesce(shelter_id::text, '-'), ',' ORDER BY id) FROM resource_warehouses) AS links, (SELECT count(*)::int FROM audit_log) AS audits`,
    )
  )[0];
const ledgerSums = (warehouseId: number) =>
  queryRows<{ itemId: number; balance: number }>(
    h.db,
    sql`SELECT item_id AS "itemId", sum(balance)::int AS balance FROM resource_lots WHERE warehouse_id = ${warehouseId} GROUP BY item_id ORDER BY item_id`,
  );

beforeAll(async () => {
  h = await createHarness();
  f = await resourcesFixture(h);
  shiqiOfficer = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.shiqi, username: 'huang' })).cookie;
  const make = async (cookie: string, body: object) => {
    const res = await h.call('POST', '/api/shelters', { cookie, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  tanzhouShelter = await make(
    f.town,
    shelterBody({ name: '坦洲中学', divisionCode: TOWNS.tanzhou, address: '坦洲镇德政路', longitude: 113.46, latitude: 22.27 }),
  );
  shiqiShelter = await make(
    f.keeper,
    shelterBody({
      name: '石岐体育馆',
      kind: 'stadium',
      divisionCode: TOWNS.shiqi,
      address: '石岐街道',
      longitude: 113.39,
      latitude: 22.52,
    }),
  );
});
afterAll(() => h.close());

describe("a warehouse's link to a shelter", () => {
  it.each([
    ['a shelter that does not exist', () => f.town, () => townWarehouse(999_999), '所在避难场所不存在或不在您的管辖范围内'],
    [
      "another town's shelter, for a town officer",
      () => f.town,
      () => townWarehouse(shiqiShelter),
      '所在避难场所不存在或不在您的管辖范围内',
    ],
    ["another town's shelter, for the bureau", () => f.keeper, () => townWarehouse(shiqiShelter), '所在避难场所应与仓库属于同一镇街'],
  ])('refuses %s in Chinese, naming the field, and changes nothing', async (_what, cookie, body, message) => {
    const before = await snapshot();
    const res = await h.call('PUT', `/api/resources/warehouses/${f.townWarehouse}`, { cookie: cookie(), body: body() });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'shelterId', message });
    expect(await snapshot()).toEqual(before);
  });

  it('links a stock point to its town shelter, audited, and the shelter says it has no stock yet', async () => {
    const res = await h.call('PUT', `/api/resources/warehouses/${f.townWarehouse}`, {
      cookie: f.town,
      body: townWarehouse(tanzhouShelter),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ shelterId: tanzhouShelter, shelterName: '坦洲中学' });
    const [audit] = await queryRows<{ before: { shelterId: number | null }; after: { shelterId: number } }>(
      h.db,
      sql`SELECT before, after FROM audit_log WHERE entity = 'resource_warehouse' AND entity_id = ${String(f.townWarehouse)} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ before: { shelterId: null }, after: { shelterId: tanzhouShelter } });
    const got = await h.call('GET', `/api/shelters/${tanzhouShelter}`, { cookie: f.town });
    expect(got.json()).toMatchObject({ stockPoints: 1, stockedPoints: 0 });
    const stock = await h.call('GET', `/api/shelters/${tanzhouShelter}/stock`, { cookie: f.town });
    expect(stock.json()).toMatchObject({ warehouses: [{ id: f.townWarehouse, name: '坦洲前置点' }], items: [] });
  });
});

describe("the shelter's stock", () => {
  it('equals the ledger sums after a receipt and an issue, and the filter follows', async () => {
    const receipt = await h.call('POST', '/api/resources/receipts', {
      cookie: f.keeper,
      body: {
        warehouseId: f.townWarehouse,
        source: 'purchase',
        receivedOn: '2026-03-01',
        acceptors: ['陈保管', '王保管'],
        lines: [
          { itemId: f.rope, quantity: 12, unitPriceFen: 3000 },
          { itemId: f.pump, quantity: 2, expiresOn: '2026-03-20', unitPriceFen: 800_000 },
        ],
      },
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const issue = await h.call('POST', '/api/resources/issues', {
      cookie: f.keeper,
      body: { warehouseId: f.townWarehouse, itemId: f.rope, quantity: 5, recipient: '坦洲镇', purpose: '防汛值守' },
    });
    expect(issue.statusCode, issue.body).toBe(201);
    const res = await h.call('GET', `/api/shelters/${tanzhouShelter}/stock`, { cookie: f.town });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as { itemId: number; balance: number; earliestExpiry: string | null; warehouseId: number }[];
    const shown = rows.map((r) => ({ itemId: r.itemId, balance: r.balance })).sort((a, b) => a.itemId - b.itemId);
    expect(shown).toEqual(await ledgerSums(f.townWarehouse));
    expect(rows.find((r) => r.itemId === f.rope)).toMatchObject({ balance: 7, warehouseId: f.townWarehouse });
    expect(rows.find((r) => r.itemId === f.pump)).toMatchObject({ balance: 2, earliestExpiry: '2026-03-20' });

    const list = async (hasStock: string) =>
      ((await h.call('GET', `/api/shelters?hasStock=${hasStock}`, { cookie: f.keeper })).json().items as { id: number }[]).map((s) => s.id);
    expect(await list('true')).toEqual([tanzhouShelter]);
    expect(await list('false')).toContain(shiqiShelter);
    expect(await list('false')).not.toContain(tanzhouShelter);
    const none = await h.call('GET', `/api/shelters/${shiqiShelter}/stock`, { cookie: f.keeper });
    expect(none.json()).toMatchObject({ warehouses: [], items: [] });
  });

  it('exports the registry in the census layout with what each shelter holds, read back from the file, and imports it back unchanged', async () => {
    const exported = async (cookie: string) => {
      const res = await h.call('GET', '/api/shelters/export', { cookie });
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('避难场所名录')!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      const rows = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) =>
        Object.fromEntries(header.map((c, i) => [c, r[i + 1] ?? ''])),
      );
      return { res, header, rows };
    };
    const city = await exported(f.keeper);
    expect(city.header).toEqual(
      expect.arrayContaining(['所在镇街', '场所名称', '有效避难面积（平方米）', '容纳人数', '储备点数', '储备物资数量']),
    );
    const byName = new Map(city.rows.map((r) => [r['场所名称'], r]));
    // the ledger's balances after the receipt and the issue above: pump 2, rope 12 - 5
    expect(byName.get('坦洲中学')).toMatchObject({ 储备点数: 1, 储备物资数量: '排涝水泵 2台、救援绳 7条' });
    expect(byName.get('坦洲中学')).toMatchObject({ '室内/室外': '室内', 场所类型: '中小学校', '有效避难面积（平方米）': 1500 });
    expect(byName.get('石岐体育馆')).toMatchObject({ 储备点数: 0, 储备物资数量: '' });
    // a town officer's file holds his town's shelters only
    expect((await exported(f.town)).rows.map((r) => r['场所名称'])).toEqual(['坦洲中学']);
    // the file is a census: importing it back reads every row as valid, each an update of its shelter
    const back = await h.call('POST', '/api/shelters/import?fileName=census.xlsx', {
      cookie: f.keeper,
      body: city.res.rawPayload,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().counts).toEqual({
      rows: city.rows.length,
      valid: city.rows.length,
      invalid: 0,
      create: 0,
      update: city.rows.length,
    });
  });

  it("is seen only within the shelter's town", async () => {
    expect((await h.call('GET', `/api/shelters/${tanzhouShelter}/stock`, { cookie: shiqiOfficer })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/shelters/${shiqiShelter}/stock`, { cookie: f.town })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/shelters/${tanzhouShelter}/stock`, { cookie: f.keeper })).statusCode).toBe(200);
  });
});
