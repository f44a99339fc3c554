/**
 * Loans on a real database: request, approval by someone else (second level above the value), issue earliest expiry
 * first, partial and full returns with their condition, overdue on the workbench and in the alerts, the ledger.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let keeper: string;
let leader: string;
let leader2: string;
let applicant: string;
let warehouse: number;
let pump: number;
let boat: number;

const snapshot = async () =>
  Promise.all(
    ['resource_loans', 'resource_loan_lines', 'resource_loan_returns', 'resource_movements', 'audit_log'].map(
      async (t) => (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]!.n,
    ),
  );
const request = (lines: { itemId: number; quantity: number }[], expectedReturnOn = '2026-03-20') =>
  h.call('POST', '/api/resources/loans', {
    cookie: applicant,
    body: {
      warehouseId: warehouse,
      borrowerUnit: '坦洲镇应急管理办公室',
      borrowerDivisionCode: TOWNS.tanzhou,
      contact: '陈主任',
      contactPhone: '13800000001',
      purpose: '低洼地段排涝',
      expectedReturnOn,
      lines,
    },
  });
const step = (id: number, action: string, cookie: string, body: object = {}) =>
  h.call('POST', `/api/resources/loans/${id}/${action}`, { cookie, body });

beforeAll(async () => {
  h = await createHarness();
  keeper = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  leader2 = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  applicant = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  warehouse = (
    await h.call('POST', '/api/resources/warehouses', {
      cookie: keeper,
      body: {
        name: '市三防物资仓库',
        kind: 'city',
        divisionCode: '4420',
        address: '石岐街道',
        keeper: '王保管',
        keeperPhone: '0760-88881234',
        longitude: 113.38,
        latitude: 22.52,
      },
    })
  ).json().id;
  const item = async (code: string, name: string, unitPriceFen: number) =>
    (
      await h.call('POST', '/api/resources/items', {
        cookie: keeper,
        body: { code, name, category: 'flood', unit: '台', requires3c: false, unitPriceFen },
      })
    ).json().id;
  pump = await item('FL-PUMP', '排涝水泵', 800_000);
  boat = await item('RB-BOAT', '冲锋舟', 5_000_000);
  const r = await h.call('POST', '/api/resources/receipts', {
    cookie: keeper,
    body: {
      warehouseId: warehouse,
      source: 'allocation',
      receivedOn: '2026-03-01',
      acceptors: ['王保管', '李验收'],
      lines: [
        { itemId: pump, quantity: 4, unitPriceFen: 800_000, expiresOn: '2030-01-01' },
        { itemId: pump, quantity: 2, unitPriceFen: 800_000, expiresOn: '2028-01-01' },
        { itemId: boat, quantity: 1, unitPriceFen: 5_000_000 },
      ],
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  expect(
    (await h.call('PUT', `/api/resources/warehouses/${warehouse}/minimums`, { cookie: keeper, body: { itemId: pump, quantity: 4 } }))
      .statusCode,
  ).toBe(204);
});
afterAll(() => h.close());

describe('a loan from request to closing', () => {
  let id: number;
  it('is requested by a town and refused approval by its applicant', async () => {
    const res = await request([{ itemId: pump, quantity: 3 }]);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ state: 'requested', needsSecondApproval: false, summary: '排涝水泵 3台', valueFen: 2_400_000 });
    const before = await snapshot();
    // the town officer has no approval permission at all; a bureau officer applying for himself is refused by the rule
    expect((await step(id, 'approve', applicant)).statusCode).toBe(403);
    const own = await h.call('POST', '/api/resources/loans', {
      cookie: keeper,
      body: {
        warehouseId: warehouse,
        borrowerUnit: '市局',
        borrowerDivisionCode: '4420',
        contact: '王',
        contactPhone: '13800000002',
        purpose: '演练',
        expectedReturnOn: '2026-03-05',
        lines: [{ itemId: pump, quantity: 1 }],
      },
    });
    const b2 = await snapshot();
    const self = await step(own.json().id, 'approve', keeper);
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toBe('申请人不能审批自己的出借申请');
    expect(await snapshot()).toEqual(b2);
    expect(before[0]).toBe(b2[0]! - 1);
    expect((await step(own.json().id, 'cancel', keeper)).json().state).toBe('cancelled');
  });

  it('cannot be issued before approval; approved, issued earliest expiry first', async () => {
    const early = await step(id, 'issue', keeper);
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toBe('出借申请尚未审批完毕，不能出库');
    const approved = await step(id, 'approve', leader, { note: '同意' });
    expect(approved.json()).toMatchObject({ state: 'approved', can: { approve: false } });
    const issued = await step(id, 'issue', keeper);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().state).toBe('issued');
    const lots = (
      await h.call('GET', `/api/resources/lots?warehouseId=${warehouse}&itemId=${pump}&withEmpty=true`, { cookie: keeper })
    ).json().items;
    expect(lots.map((l: { expiresOn: string; balance: number }) => [l.expiresOn, l.balance])).toEqual([
      ['2028-01-01', 0],
      ['2030-01-01', 3],
    ]);
  });

  it('refuses a return larger than what was lent, then takes a partial damaged return and a full one', async () => {
    const detail = (await h.call('GET', `/api/resources/loans/${id}`, { cookie: applicant })).json();
    const lineId = detail.lines[0].id;
    const before = await snapshot();
    const tooMany = await step(id, 'returns', keeper, { returnedOn: '2026-03-02', items: [{ lineId, quantity: 4, condition: 'good' }] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().message).toBe('排涝水泵归还数量 4 超过未归还数量 3');
    expect(await snapshot()).toEqual(before);

    const part = await step(id, 'returns', keeper, {
      returnedOn: '2026-03-02',
      items: [
        { lineId, quantity: 1, condition: 'good' },
        { lineId, quantity: 1, condition: 'damaged', note: '叶轮破损' },
      ],
    });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ state: 'returning', lines: [{ returnedGood: 1, returnedDamaged: 1, outstanding: 1 }] });
    // the good one went back into stock, the damaged one did not: 3 + 1 = 4, at the minimum
    const stock = (await h.call('GET', `/api/resources/stock?warehouseId=${warehouse}`, { cookie: keeper })).json().items;
    expect(stock.find((r: { itemId: number }) => r.itemId === pump)).toMatchObject({ balance: 4, minimum: 4 });
    expect((await h.call('GET', '/api/resources/balance-check', { cookie: keeper })).json()).toMatchObject({
      mismatches: [],
      stockMismatches: [],
    });

    const rest = await step(id, 'returns', keeper, { returnedOn: '2026-03-02', items: [{ lineId, quantity: 1, condition: 'consumed' }] });
    expect(rest.json()).toMatchObject({ state: 'closed', can: { return: false } });
    expect(rest.json().steps.map((s: { action: string }) => s.action)).toEqual([
      '提出申请',
      '审批同意',
      '出库',
      '部分归还',
      '全部归还，结清',
    ]);
  });
});

describe('second-level approval, overdue and the ledger', () => {
  it('needs a second approver, not the first, for a listed item', async () => {
    const res = await request([{ itemId: boat, quantity: 1 }], '2026-03-03');
    const id = res.json().id;
    expect(res.json().needsSecondApproval).toBe(true);
    expect((await step(id, 'approve', leader)).json()).toMatchObject({ state: 'requested', firstApproverName: expect.any(String) });
    const same = await step(id, 'approve', leader);
    expect(same.json().message).toBe('第二级审批须由第一级审批人以外的人进行');
    expect((await step(id, 'approve', leader2)).json().state).toBe('approved');
    expect((await step(id, 'issue', keeper)).json().state).toBe('issued');
  });

  it('is overdue the day after its expected return: on the workbench and in the alerts', async () => {
    const key = 'resources.loans_overdue';
    const count = async (cookie: string) =>
      (await h.call('GET', '/api/workbench', { cookie })).json().items.find((i: { key: string }) => i.key === key)?.count;
    expect(await count(applicant)).toBe(0);
    h.clock.advanceDays(2); // 2026-03-04: sessions idle that long are gone, sign in again
    const town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    const bureau = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
    expect(await count(town)).toBe(1);
    expect(await count(bureau)).toBe(1);
    const alerts = (await h.call('GET', '/api/resources/alerts', { cookie: bureau })).json();
    expect(alerts.byKind.loan_overdue).toBe(1);
    expect(alerts.items.find((a: { kind: string }) => a.kind === 'loan_overdue').detail).toBe(
      '坦洲镇应急管理办公室 借用，应于 2026-03-03 归还',
    );
    const list = (await h.call('GET', '/api/resources/loans?overdue=true', { cookie: town })).json();
    expect(list.total).toBe(1);
    leader = bureau;
  });

  it('reminds the applicant and both approvers of the overdue loan, once, through the notification centre', async () => {
    const scan = h.services.modules.notification.scanReminders;
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    const sent = await queryRows<{ user_id: number; title: string; href: string }>(
      h.db,
      sql`SELECT user_id, title, href FROM notifications WHERE kind = 'resources.loan_overdue' ORDER BY user_id`,
    );
    expect(sent).toHaveLength(3); // the applicant, the first and the second approver
    expect(new Set(sent.map((n) => n.title))).toEqual(new Set(['出借物资逾期未还（应于 2026-03-03 归还）']));
    expect(sent[0]!.href).toMatch(/^\/resources\/loans\/\d+$/);
  });

  it('exports the loan ledger with name, spec, quantity and term', async () => {
    const res = await h.call('GET', '/api/resources/loans/export', { cookie: leader });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('出借台账')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['物资名称', '规格型号', '出借数量', '使用期限（预计归还）', '审批人', '损坏', '未归还']),
    );
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[header.indexOf('物资名称') + 1], r[header.indexOf('出借数量') + 1], r[header.indexOf('状态') + 1]])).toEqual([
      ['冲锋舟', 1, '已出借'],
      ['排涝水泵', 1, '已撤回'],
      ['排涝水泵', 3, '已结清'],
    ]);
  });
});
