/** Flood-season checks on a real database: rounds, 九必检 / 十个有 recorded, refusals, fixes, the city summary, the ledger. */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOD_CHECK_DEFAULTS } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { villages } from '../../db/schema';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let tanzhou: string;
let roundId: number;
const V1 = `${TOWNS.tanzhou}001`;
const V2 = `${TOWNS.tanzhou}002`;
const DEPT = '市水务局';

const count = async () =>
  (
    await queryRows<{ n: number }>(
      h.db,
      sql`SELECT (SELECT count(*) FROM flood_check_rounds) + (SELECT count(*) FROM flood_check_results) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM flood_check_results WHERE fixed_on IS NOT NULL) AS n`,
    )
  )[0]!.n;

const round = (over: object = {}) => ({
  name: '2026年汛前检查',
  season: 2026,
  startsOn: '2026-02-01',
  endsOn: '2026-03-31',
  ...FLOOD_CHECK_DEFAULTS,
  ...over,
});
const allPresent = (codes: string[]) => codes.map((itemCode) => ({ itemCode, present: true }));

beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  await h.db.insert(villages).values([
    { code: V1, townCode: TOWNS.tanzhou, name: '永一村' },
    { code: V2, townCode: TOWNS.tanzhou, name: '坦洲村' },
  ]);
});
afterAll(() => h.close());

describe('a round of flood-season checks', () => {
  it('offers the nine and ten items as the default checklists', async () => {
    const res = await h.call('GET', '/api/flood-checks', { cookie: tanzhou });
    expect(res.statusCode).toBe(200);
    expect(res.json().defaults.townItems).toHaveLength(9);
    expect(res.json().defaults.villageItems).toHaveLength(10);
  });

  it.each([
    ['a town opening a round', 'town', {}, 403, '汛前检查由市应急管理局（市三防办）发起'],
    ['an end before the start', 'bureau', { endsOn: '2026-01-31' }, 400, '结束日期不能早于开始日期'],
    [
      'a checklist code twice',
      'bureau',
      {
        townItems: [
          { code: 'T1', label: '甲' },
          { code: 'T1', label: '乙' },
        ],
      },
      400,
      '编号「T1」重复',
    ],
    ['an empty village checklist', 'bureau', { villageItems: [] }, 400, '村居“十个有”至少要有一项'],
  ])('refuses %s, changing nothing', async (_what, who, over, status, message) => {
    const before = await count();
    const res = await h.call('POST', '/api/flood-checks', { cookie: who === 'town' ? tanzhou : bureau, body: round(over) });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toContain(message);
    expect(await count()).toBe(before);
  });

  it('is opened by the bureau with its checklists, and the next round starts from them', async () => {
    const res = await h.call('POST', '/api/flood-checks', { cookie: bureau, body: round() });
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    expect(res.json()).toMatchObject({ season: 2026, townItems: FLOOD_CHECK_DEFAULTS.townItems });
    expect((await h.call('GET', '/api/flood-checks', { cookie: bureau })).json().items).toHaveLength(1);
  });
});

describe('recording a town and its villages', () => {
  const put = (cookie: string, code: string, entries: object[], over: object = {}) =>
    h.call('PUT', `/api/flood-checks/${roundId}/units/${code}`, {
      cookie,
      body: { department: DEPT, checkedOn: '2026-03-01', entries, ...over },
    });

  it.each([
    [
      'a missing item without a note',
      TOWNS.tanzhou,
      [{ itemCode: 'T2', present: false }],
      {},
      400,
      '检查项「三防应急预案修订完善」缺失，请写明情况',
    ],
    ['an item not on the list', TOWNS.tanzhou, [{ itemCode: 'V1', present: true }], {}, 400, '检查表中没有编号为「V1」的检查项'],
    [
      'a department not in the round',
      TOWNS.tanzhou,
      [{ itemCode: 'T1', present: true }],
      { department: '市民政局' },
      400,
      '不是本轮参检部门',
    ],
    ['a date after today', TOWNS.tanzhou, [{ itemCode: 'T1', present: true }], { checkedOn: '2026-03-03' }, 400, '检查日期不能晚于今天'],
    ['a photo never uploaded', TOWNS.tanzhou, [{ itemCode: 'T1', present: true, photos: ['a'.repeat(64)] }], {}, 400, ''],
    ['another town', TOWNS.xiaolan, [{ itemCode: 'T1', present: true }], {}, 404, '该镇街或村居不存在'],
    ['a village of no town of ours', `${TOWNS.xiaolan}001`, [{ itemCode: 'V1', present: true }], {}, 404, '该镇街或村居不存在'],
  ])('refuses %s, changing nothing', async (_what, code, entries, over, status, message) => {
    const before = await count();
    const res = await put(tanzhou, code, entries, over);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(message);
    expect(await count()).toBe(before);
  });

  it('records the 九必检 item by item, present or missing with a note', async () => {
    const codes = FLOOD_CHECK_DEFAULTS.townItems.map((i) => i.code);
    const first = await put(tanzhou, TOWNS.tanzhou, allPresent(codes.slice(0, 5)));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().progress).toMatchObject({ total: 9, recorded: 5, state: 'in_progress' });
    const rest = await put(tanzhou, TOWNS.tanzhou, [
      ...allPresent(codes.slice(5, 7)),
      { itemCode: 'T8', present: false, note: '值班表未更新' },
      { itemCode: 'T9', present: false, note: '未开展演练' },
    ]);
    expect(rest.json().progress).toMatchObject({ recorded: 9, present: 7, missing: ['T8', 'T9'], open: ['T8', 'T9'], state: 'complete' });
    const t8 = rest.json().items.find((i: { code: string }) => i.code === 'T8');
    expect(t8.result).toMatchObject({ present: false, note: '值班表未更新', department: DEPT, checkedOn: '2026-03-01', fixedOn: null });
  });

  it('records a village’s 十个有, and the town sees its villages’ progress', async () => {
    const codes = FLOOD_CHECK_DEFAULTS.villageItems.map((i) => i.code);
    const res = await put(tanzhou, V1, [...allPresent(codes.slice(0, 9)), { itemCode: 'V10', present: false, note: '未组织宣传' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ level: 'village', name: '永一村', townName: expect.any(String) });
    expect(res.json().progress).toMatchObject({ total: 10, recorded: 10, missing: ['V10'], state: 'complete' });
    const town = (await h.call('GET', `/api/flood-checks/${roundId}/units/${TOWNS.tanzhou}`, { cookie: tanzhou })).json();
    expect(town.villages.map((v: { name: string; progress: { state: string } }) => [v.name, v.progress.state])).toEqual([
      ['永一村', 'complete'],
      ['坦洲村', 'not_started'],
    ]);
  });

  it('closes a missing item once it is put right, and refuses what cannot be closed', async () => {
    const fix = (code: string, item: string, body: object) =>
      h.call('POST', `/api/flood-checks/${roundId}/units/${code}/items/${item}/fix`, { cookie: tanzhou, body });
    for (const [code, item, body, status, message] of [
      [TOWNS.tanzhou, 'T1', { fixedOn: '2026-03-02', note: '无' }, 422, '该项检查时已具备，无需整改'],
      [TOWNS.tanzhou, 'T8', { fixedOn: '2026-02-28', note: '已更新' }, 422, '整改日期不能早于检查日期 2026-03-01'],
      [V2, 'V1', { fixedOn: '2026-03-02', note: '已建立' }, 404, '该项尚未检查'],
    ] as const) {
      const before = await count();
      const res = await fix(code, item, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toContain(message);
      expect(await count()).toBe(before);
    }
    const ok = await fix(TOWNS.tanzhou, 'T8', { fixedOn: '2026-03-02', note: '值班表已更新并公示' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().progress).toMatchObject({ missing: ['T8', 'T9'], open: ['T9'] });
    expect((await fix(TOWNS.tanzhou, 'T8', { fixedOn: '2026-03-02', note: '再次' })).json().message).toBe('该项已于 2026-03-02 整改完毕');
  });
});

describe('the summary and the ledger', () => {
  it('counts the towns and villages checked and the items missing, city-wide and for a town', async () => {
    const city = (await h.call('GET', `/api/flood-checks/${roundId}`, { cookie: bureau })).json();
    expect(city.towns).toMatchObject({ complete: 1, inProgress: 0, missingItems: 2, openProblems: 1 });
    expect(city.towns.units).toBe(city.byTown.length);
    expect(city.towns.notStarted).toBe(city.towns.units - 1);
    expect(city.villages).toEqual({ units: 2, complete: 1, inProgress: 0, notStarted: 1, missingItems: 1, openProblems: 1 });
    const own = (await h.call('GET', `/api/flood-checks/${roundId}`, { cookie: tanzhou })).json();
    expect(own.byTown.map((t: { divisionCode: string }) => t.divisionCode)).toEqual([TOWNS.tanzhou]);
  });

  it('exports every item of every town and village, unchecked ones too', async () => {
    const res = await h.call('GET', `/api/flood-checks/${roundId}/export`, { cookie: tanzhou });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('检查明细')!.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(9 + 2 * 10);
    const t8 = rows.find((r) => r[4] === 'T8')!;
    expect(t8.slice(1, 13)).toEqual([
      expect.any(String),
      '',
      '九必检',
      'T8',
      '值班值守与信息报送',
      '缺（已整改）',
      '值班表未更新',
      DEPT,
      expect.any(String),
      '2026-03-01',
      '2026-03-02',
      '值班表已更新并公示',
    ]);
    expect(rows.filter((r) => r[6] === '未检查')).toHaveLength(10);
    const sum = book.getWorksheet('镇街汇总')!.getRow(2).values as unknown[];
    expect(sum.slice(2, 10)).toEqual(['已完成', '9/9', 2, 2, 1, 1, 2]);
  });
});
