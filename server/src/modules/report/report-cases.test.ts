/**
 * Cases and fines by body and by sector, and the resource figures at the period's end, each equal to the number
 * computed here from the rows the test inserts (not by the figure's SQL), for Q1, a year and a span across New Year,
 * for the city and a town; the case drill lists exactly the cases counted; the bureau's name in the exports is a setting.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { CITY, createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let town: string;
let admin: string;

type TSector = 'hc' | 'fw' | 'mine' | 'it' | 'other';
/** The firm of each sector and the category it is registered under. */
const FIRMS: Record<TSector, string> = { hc: 'hc_trade_storage', fw: 'fw_retail', mine: 'mine', it: 'it_machinery', other: 'other' };

// (filed on, decided on, handling body's division, fine decided in yuan, the firm's sector or null for a person)
const CASES: [string | null, string | null, string, number, TSector | null][] = [
  ['2024-01-01', '2024-03-31', CITY, 10_000, 'hc'],
  ['2024-03-31', '2024-04-01', TOWNS.tanzhou, 2_000, 'it'],
  ['2024-12-31', '2024-12-31', TOWNS.tanzhou, 300, 'fw'],
  ['2024-12-31', '2025-01-01', CITY, 5_000, 'hc'],
  ['2025-01-01', '2025-03-31', TOWNS.tanzhou, 1_200, 'fw'],
  ['2025-02-14', '2025-02-20', CITY, 800.5, null],
  ['2025-03-31', null, TOWNS.tanzhou, 0, 'mine'],
  ['2025-04-01', '2025-06-30', TOWNS.xiaolan, 30_000, 'it'],
  ['2025-12-31', null, TOWNS.xiaolan, 0, 'other'],
  [null, null, TOWNS.tanzhou, 0, 'other'],
];
const caseIds: number[] = [];

// warehouses: (registered at, in Asia/Shanghai; division)
const WAREHOUSES: [string, string][] = [
  ['2024-06-01T09:00:00+08:00', TOWNS.tanzhou],
  ['2024-12-31T23:30:00+08:00', CITY],
  ['2025-01-01T00:10:00+08:00', TOWNS.tanzhou],
  ['2025-03-31T12:00:00+08:00', TOWNS.xiaolan],
  ['2025-04-01T08:00:00+08:00', TOWNS.tanzhou],
];
// lots: (warehouse index, balance now, expires on)
const LOTS: [number, number, string | null][] = [
  [1, 10, '2025-01-15'],
  [0, 0, '2025-01-10'],
  [0, 5, '2025-04-30'],
  [2, 5, '2025-05-01'],
  [3, 3, null],
  [0, 2, '2024-12-01'],
  [2, 1, '2026-01-30'],
];
// loans: (warehouse index, issued on, to return by, closed on, state)
const LOANS: [number, string | null, string, string | null, string][] = [
  [0, '2025-01-05', '2025-02-01', null, 'issued'],
  [0, '2024-12-01', '2024-12-20', '2025-01-10', 'closed'],
  [1, '2025-03-01', '2025-03-31', null, 'returning'],
  [0, null, '2025-01-01', null, 'approved'],
  [3, '2025-02-01', '2025-02-10', '2025-02-11', 'closed'],
  [2, '2025-06-01', '2025-06-15', null, 'issued'],
];

const PERIODS = [
  ['kind=quarter&year=2025&part=1', '2025-01-01', '2025-03-31'],
  ['kind=year&year=2025', '2025-01-01', '2025-12-31'],
  ['kind=custom&from=2024-12-31&to=2025-01-01', '2024-12-31', '2025-01-01'],
] as const;
const SCOPES = () =>
  [
    [bureau, CITY],
    [town, TOWNS.tanzhou],
  ] as const;

beforeAll(async () => {
  h = await createHarness();
  const officer = await h.userWithSession({ role: 'bureau_officer' });
  bureau = officer.cookie;
  town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
  const at = '2024-01-01T00:00:00+08:00';
  const firmIds: Partial<Record<TSector, number>> = {};
  for (const [i, [sector, category]] of Object.entries(FIRMS).entries()) {
    const [row] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into enterprises (credit_code, name, division_code, supervision_category, supervising_level, search_grams,
            created_at, updated_at)
          values (${`91442000TESTFIRM${i}X`}, ${`测试企业${i}`}, ${TOWNS.tanzhou}, ${category}, 'town', '{}', ${at}, ${at}) returning id`,
    );
    firmIds[sector as TSector] = row!.id;
  }
  for (const [filed, decided, division, yuan, sector] of CASES) {
    const [row] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into cases (division_code, procedure, stage, party_name, source_kind, summary, violation_codes, occurred_on,
            discovered_on, filed_on, decided_on, fine_decided_fen, enterprise_id, case_no, created_at, updated_at)
          values (${division}, 'general', ${decided ? 'decided' : 'investigating'}, '测试当事人', 'inspection', '测试案情',
            '{}', '2024-01-01', '2024-01-01', ${filed}, ${decided}, ${Math.round(yuan * 100)},
            ${sector ? firmIds[sector]! : null}, ${filed ? `中应急罚〔${filed.slice(0, 4)}〕${caseIds.length + 1}号` : null},
            ${at}, ${at}) returning id`,
    );
    caseIds.push(row!.id);
  }
  const [item] = await queryRows<{ id: number }>(
    h.db,
    sql`insert into resource_items (code, name, category, unit) values ('T-001', '测试物资', 'flood', '件') returning id`,
  );
  const warehouseIds: number[] = [];
  for (const [created, division] of WAREHOUSES) {
    const [row] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into resource_warehouses (name, kind, division_code, address, keeper, keeper_phone, longitude, latitude,
            created_at, updated_at)
          values ('测试仓库', ${division.length === 4 ? 'city' : 'town'}, ${division}, '测试地址', '保管员', '13800000000',
            113.4, 22.5, ${created}, ${created}) returning id`,
    );
    warehouseIds.push(row!.id);
  }
  for (const [w, balance, expires] of LOTS)
    await h.db.execute(sql`insert into resource_lots (warehouse_id, item_id, division_code, source, received, balance, expires_on,
      received_on) values (${warehouseIds[w]!}, ${item!.id}, ${WAREHOUSES[w]![1]}, 'purchase', 10, ${balance}, ${expires},
      '2024-01-01')`);
  for (const [w, issued, due, closed, state] of LOANS)
    await h.db.execute(sql`insert into resource_loans (warehouse_id, division_code, borrower_division_code, borrower_unit, contact,
      contact_phone, purpose, expected_return_on, state, applicant_id, needs_second_approval, value_fen, issued_on, closed_on,
      requested_at) values (${warehouseIds[w]!}, ${WAREHOUSES[w]![1]}, ${TOWNS.shiqi}, '借用单位', '联系人', '13800000000',
      '抢险', ${due}, ${state}, ${officer.user.id}, false, 0, ${issued}, ${closed}, ${at})`);
});
afterAll(() => h.close());

const between = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;
const plus30 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

/** What each figure should be, worked out from the arrays above. */
function expected(from: string, to: string, scope: string) {
  const inScope = (division: string) => division.startsWith(scope);
  const cases = CASES.map(([filed, decided, division, yuan, sector], i) => ({ filed, decided, division, yuan, sector, id: caseIds[i]! }));
  const filed = cases.filter((c) => between(c.filed, from, to) && inScope(c.division));
  const decided = cases.filter((c) => between(c.decided, from, to) && inScope(c.division));
  const fines = (list: typeof cases) => list.reduce((sum, c) => sum + c.yuan, 0);
  const out: Record<string, number> = {
    'case.filed': filed.length,
    'case.fines': fines(decided),
    'case.filed.city': filed.filter((c) => c.division.length === 4).length,
    'case.fines.city': fines(decided.filter((c) => c.division.length === 4)),
    'case.filed.town': filed.filter((c) => c.division.length === 9).length,
    'case.fines.town': fines(decided.filter((c) => c.division.length === 9)),
    'resources.warehouses': WAREHOUSES.filter(([created, d]) => created.slice(0, 10) <= to && inScope(d)).length,
    'resources.lots_expiring': LOTS.filter(
      ([w, balance, exp]) => balance > 0 && exp !== null && exp <= plus30(to) && inScope(WAREHOUSES[w]![1]),
    ).length,
    'resources.loans_overdue': LOANS.filter(
      ([w, issued, due, closed, state]) =>
        issued !== null &&
        issued <= to &&
        due < to &&
        (closed === null || closed > to) &&
        ['issued', 'returning', 'closed'].includes(state) &&
        inScope(WAREHOUSES[w]![1]),
    ).length,
  };
  for (const s of ['hc', 'fw', 'mine', 'it', 'other'] as const) {
    const of = (c: (typeof cases)[number]) => (c.sector ?? 'other') === s;
    out[`case.filed.sector.${s}`] = filed.filter(of).length;
    out[`case.fines.sector.${s}`] = fines(decided.filter(of));
  }
  return { values: out, filed, decided };
}

describe('cases, fines and resources in the report', () => {
  it.each(PERIODS)('%s: each figure equals the rows counted here, this year and last, for the city and a town', async (query, from, to) => {
    for (const [cookie, scope] of SCOPES()) {
      const body = (await h.call('GET', `/api/reports/figures?${query}`, { cookie })).json();
      expect([body.from, body.to, body.scope]).toEqual([from, to, scope]);
      const now = expected(from, to, scope).values;
      const before = expected(body.lastYearFrom, body.lastYearTo, scope).values;
      const got = Object.fromEntries(
        body.figures
          .filter((f: { id: string }) => f.id in now)
          .map((f: { id: string; value: number; lastYear: number }) => [f.id, [f.value, f.lastYear]]),
      );
      expect(got).toEqual(Object.fromEntries(Object.keys(now).map((id) => [id, [now[id], before[id]]])));
    }
  });

  it('has figures worth checking: the rows give non-zero counts for each body and several sectors in 2025', () => {
    const { values } = expected('2025-01-01', '2025-12-31', CITY);
    expect(values).toMatchObject({
      'case.filed.city': 1,
      'case.filed.town': 4,
      'case.fines.sector.hc': 5_000,
      'case.fines.sector.other': 800.5,
    });
    expect(values['resources.loans_overdue']).toBe(3);
  });

  it('drills a case figure down to exactly the cases it counts, their fines adding up to it', async () => {
    for (const [cookie, scope] of SCOPES()) {
      const body = (await h.call('GET', '/api/reports/figures?kind=year&year=2025', { cookie })).json();
      for (const id of ['case.filed.town', 'case.fines.city', 'case.fines.sector.hc', 'case.filed.sector.other', 'case.fines']) {
        const figure = body.figures.find((f: { id: string }) => f.id === id);
        expect(figure.drill).toBe(`/reports/records/${id}?kind=custom&from=2025-01-01&to=2025-12-31&divisionCode=${scope}`);
        const res = await h.call('GET', figure.drill.replace('/reports/records/', '/api/reports/figures/').replace('?', '/records?'), {
          cookie,
        });
        expect(res.statusCode).toBe(200);
        const list = res.json();
        const { filed, decided } = expected('2025-01-01', '2025-12-31', scope);
        const sector = id.split('.')[3];
        const source = (id.startsWith('case.filed') ? filed : decided).filter(
          (c) =>
            (id.endsWith('.city') ? c.division.length === 4 : id.endsWith('.town') ? c.division.length === 9 : true) &&
            (sector ? (c.sector ?? 'other') === sector : true),
        );
        expect(list.items.map((r: { id: number }) => r.id).sort()).toEqual(source.map((c) => c.id).sort());
        expect([list.total, list.value]).toEqual([source.length, figure.value]);
        if (id.includes('fines'))
          expect(list.items.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBeCloseTo(figure.value, 2);
        for (const r of list.items) expect(r.link).toBe(`/cases/${r.id}`);
      }
    }
  });

  it('refuses a drill for an unknown figure, one without a list of its own, and a scope outside the user’s', async () => {
    const unknown = await h.call('GET', '/api/reports/figures/nothing/records?kind=year&year=2025', { cookie: bureau });
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, '没有这项统计指标']);
    const listed = await h.call('GET', '/api/reports/figures/accident.count/records?kind=year&year=2025', { cookie: bureau });
    expect([listed.statusCode, listed.json().message]).toEqual([400, '“生产安全事故”请从统计表的链接进入相应列表查看']);
    const other = await h.call('GET', `/api/reports/figures/case.filed/records?kind=year&year=2025&divisionCode=${TOWNS.xiaolan}`, {
      cookie: town,
    });
    expect([other.statusCode, other.json().message]).toEqual([400, '统计范围超出您的管辖范围']);
  });
});

describe('the bureau’s name in the exports', () => {
  const excelHeader = async () => {
    const res = await h.call('GET', '/api/reports/figures/export?kind=quarter&year=2025&part=1', { cookie: bureau });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return String(book.getWorksheet('统计表')!.getCell('A2').value);
  };
  const wordText = async () => {
    const res = await h.call('GET', '/api/reports/figures/summary?kind=quarter&year=2025&part=1', { cookie: bureau });
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    return xml.replace(/<[^>]+>/g, '');
  };

  it('is 中山市应急管理局 by default, and the setting once changed', async () => {
    expect((await h.call('GET', '/api/settings', { cookie: admin })).json().report).toEqual({ bureauName: '中山市应急管理局' });
    expect(await excelHeader()).toMatch(/^中山市应急管理局 2025年第一季度/);
    expect(await wordText()).toContain('中山市应急管理局');

    const saved = await h.call('PUT', '/api/settings/report', { cookie: admin, body: { value: { bureauName: ' 江门市应急管理局 ' } } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().report).toEqual({ bureauName: '江门市应急管理局' });
    expect(await excelHeader()).toMatch(/^江门市应急管理局 2025年第一季度/);
    const text = await wordText();
    expect(text).toContain('江门市应急管理局');
    expect(text).not.toContain('中山市应急管理局');
  });

  it('refuses an empty name in Chinese and keeps the one saved', async () => {
    const before = (await h.call('GET', '/api/settings', { cookie: admin })).json().report;
    const bad = await h.call('PUT', '/api/settings/report', { cookie: admin, body: { value: { bureauName: ' ' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('机关名称至少 2 个字');
    expect((await h.call('GET', '/api/settings', { cookie: admin })).json().report).toEqual(before);
  });
});
