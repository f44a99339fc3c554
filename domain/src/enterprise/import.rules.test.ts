import { describe, expect, it } from 'vitest';
import { completeCreditCode } from './credit-code.rules';
import {
  diffCounts,
  diffImport,
  mapColumns,
  normaliseRegistrationStatus,
  readFeedRow,
  type TRegistryFirm,
  type TRowResult,
} from './import.rules';
import { buildTownNames } from './town.rules';

const towns = [
  { code: '442000107', name: '坦洲镇' },
  { code: '442000118', name: '小榄镇' },
  { code: '442000114', name: '三乡镇' },
];
const townIndex = {
  names: buildTownNames(towns, [{ oldName: '东升镇', newCode: '442000118' }]),
  byCode: new Map(towns.map((t) => [t.code, t.name])),
};
const code = (n: number) => completeCreditCode(`91442000${String(n).padStart(8, '0')}`);

describe('column recognition', () => {
  it('recognises the usual headers with spaces and full-width brackets', () => {
    const { columns, missing } = mapColumns([
      '序号',
      '统一社会信用代码',
      '企业名称',
      '法定代表人（负责人）',
      '经营状态',
      '住所',
      '行业代码',
    ]);
    expect(columns).toEqual({ creditCode: 1, name: 2, legalRepresentative: 3, registrationStatus: 4, address: 5, industryCode: 6 });
    expect(missing).toEqual([]);
  });
  it('prefers a remembered mapping', () => {
    expect(mapColumns(['代码', '单位', '名称'], { creditCode: '代码', name: '单位' }).columns).toMatchObject({ creditCode: 0, name: 1 });
  });
  it('names the required columns it cannot find', () => {
    expect(mapColumns(['A', 'B']).missing).toEqual(['creditCode', 'name']);
  });
});

describe('registration status wording', () => {
  it.each([
    ['存续（在营、开业、在册）', '存续'],
    ['在营（开业）企业', '存续'],
    ['', '存续'],
    ['注销', '注销'],
    ['吊销，未注销', '吊销'],
    ['吊销，已注销', '注销'],
    ['停业', '停业'],
    ['歇业', '停业'],
    ['不知道', null],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseRegistrationStatus(raw)).toBe(expected);
  });
});

describe('reading a row', () => {
  const columns = { creditCode: 0, name: 1, registrationStatus: 2, address: 3, industryCode: 4 };
  const read = (cells: unknown[], cols: object = columns) => readFeedRow(7, cells, cols, townIndex);
  it('reads a good row and takes the town from the address, current or historical name', () => {
    expect(read([code(1), '中山市甲五金有限公司', '存续', '中山市坦洲镇界狮南路1号', 'C3311'])).toEqual({
      ok: true,
      value: {
        row: 7,
        creditCode: code(1),
        name: '中山市甲五金有限公司',
        legalRepresentative: null,
        registrationStatus: '存续',
        address: '中山市坦洲镇界狮南路1号',
        industryCode: '3311',
        divisionCode: '442000107',
      },
    });
    expect(read([code(2), '乙厂', '在营', '中山市东升镇同茂路', ''])).toMatchObject({ ok: true, value: { divisionCode: '442000118' } });
  });
  it.each([
    [[code(1).slice(0, 17) + 'X', '甲厂', '', '坦洲镇'], '统一社会信用代码第 18 位校验码'],
    [[code(1), '', '', '坦洲镇'], '企业名称为空或过短'],
    [[code(1), '甲厂', '冻结', '坦洲镇'], '无法识别的登记状态“冻结”'],
    [[code(1), '甲厂', '', ''], '没有所属镇街，也没有地址'],
    [[code(1), '甲厂', '', '广州市天河区'], '无法从地址“广州市天河区”确定所属镇街'],
    [[code(1), '甲厂', '', '坦洲镇与三乡镇交界'], '同时包含 坦洲镇、三乡镇'],
    [[code(1), '甲厂', '', '坦洲镇', 'ABC'], '国民经济行业代码“ABC”格式不正确'],
  ])('refuses %j: %s', (cells, reason) => {
    const r = read(cells);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
    expect(!r.ok && r.row).toBe(7);
  });
  it('uses a town column, by name or code, before the address', () => {
    const cols = { ...columns, town: 5 };
    expect(read([code(3), '丙厂', '', '中山市坦洲镇', '', '小榄镇'], cols)).toMatchObject({
      ok: true,
      value: { divisionCode: '442000118' },
    });
    expect(read([code(3), '丙厂', '', '', '', '442000114'], cols)).toMatchObject({ ok: true, value: { divisionCode: '442000114' } });
    expect(read([code(3), '丙厂', '', '', '', '月球镇'], cols)).toMatchObject({ ok: false, reason: '所属镇街“月球镇”无法识别' });
  });
});

describe('diff against the registry', () => {
  const firm = (n: number, over: Partial<TRegistryFirm> = {}): TRegistryFirm => ({
    id: n,
    creditCode: code(n),
    name: `企业${n}`,
    legalRepresentative: '张三',
    registrationStatus: '存续',
    address: '中山市坦洲镇',
    industryCode: '3311',
    divisionCode: '442000107',
    supervisionStatus: '在管',
    ...over,
  });
  const row = (n: number, r: number, over: object = {}): TRowResult => ({
    ok: true,
    value: {
      row: r,
      creditCode: code(n),
      name: `企业${n}`,
      legalRepresentative: '张三',
      registrationStatus: '存续',
      address: '中山市坦洲镇',
      industryCode: '3311',
      divisionCode: '442000107',
      ...over,
    },
  });
  const registry = [
    firm(1),
    firm(2),
    firm(3),
    firm(4),
    firm(5, { supervisionStatus: '待核实' }),
    firm(6, { registrationStatus: '注销', supervisionStatus: '移出' }),
  ];
  const feed: TRowResult[] = [
    row(1, 2),
    row(2, 3, { name: '企业2（更名）', address: null }),
    row(3, 4, { registrationStatus: '注销' }),
    row(10, 5),
    row(11, 6, { registrationStatus: '吊销' }),
    { ok: false, row: 7, reason: '统一社会信用代码第 18 位校验码应为 6，实际为 7' },
    row(10, 8, { name: '重复' }),
    row(6, 9, { registrationStatus: '注销' }),
  ];
  const diff = diffImport(registry, feed);

  it('sorts the feed into new, changed, unchanged, missing, deregistered and invalid', () => {
    expect(diffCounts(diff)).toEqual({ new: 1, changed: 2, unchanged: 2, missing: 1, deregistered: 1, skippedDeregistered: 1, invalid: 2 });
    expect(diff.new.map((r) => r.creditCode)).toEqual([code(10)]);
    expect(diff.missing.map((f) => f.id)).toEqual([4]);
    expect(diff.deregistered).toEqual([{ id: 3, creditCode: code(3), name: '企业3', divisionCode: '442000107', status: '注销' }]);
  });
  it('lists changes field by field, and an empty feed column keeps the registry value', () => {
    expect(diff.changed.find((c) => c.id === 2)!.changes).toEqual([{ field: 'name', before: '企业2', after: '企业2（更名）' }]);
    expect(diff.changed.find((c) => c.id === 3)!.changes).toEqual([{ field: 'registrationStatus', before: '存续', after: '注销' }]);
  });
  it('does not take a firm whose row is unreadable for missing from the feed', () => {
    const unreadable: TRowResult = { ok: false, row: 3, reason: '无法从地址“火星”确定所属镇街', creditCode: code(4) };
    const d = diffImport([firm(4)], [unreadable]);
    expect(d.missing).toEqual([]);
    expect(d.invalid).toEqual([{ row: 3, reason: '无法从地址“火星”确定所属镇街' }]);
  });

  it('names duplicate codes with both row numbers', () => {
    expect(diff.invalid).toEqual([
      { row: 7, reason: '统一社会信用代码第 18 位校验码应为 6，实际为 7' },
      { row: 8, reason: `统一社会信用代码 ${code(10)} 与第 5 行重复` },
    ]);
  });
  it('finds nothing to do when the feed is imported again after apply', () => {
    const applied: TRegistryFirm[] = [
      firm(1),
      firm(2, { name: '企业2（更名）' }),
      firm(3, { registrationStatus: '注销' }),
      firm(4, { supervisionStatus: '待核实' }),
      firm(5, { supervisionStatus: '待核实' }),
      firm(6, { registrationStatus: '注销', supervisionStatus: '移出' }),
      { ...firm(10), id: 10 },
    ];
    expect(diffCounts(diffImport(applied, feed))).toEqual({
      new: 0,
      changed: 0,
      unchanged: 5,
      missing: 0,
      deregistered: 0,
      skippedDeregistered: 1,
      invalid: 2,
    });
  });
});

describe('category and supervising level', async () => {
  const { categoryForIndustry, DEFAULT_INDUSTRY_MAP, supervisingLevel } = await import('./supervision.rules');
  it.each([
    ['2614', 'hc_production'],
    ['2671', 'other'],
    ['2672', 'fw_production'],
    ['2679', 'hc_production'],
    ['3311', 'it_machinery'],
    ['5162', 'hc_trade'],
    ['5169', 'hc_trade'],
    ['5166', 'it_commerce'],
    ['5265', 'hc_trade_storage'],
    ['5161', 'it_commerce'],
    ['9999', 'other'],
    [null, 'other'],
  ])('industry %s → %s (longest prefix)', (code, category) => {
    expect(categoryForIndustry(code, DEFAULT_INDUSTRY_MAP)).toBe(category);
  });
  it('derives the supervising level from the powers list, with the bureau’s overrides', () => {
    expect(supervisingLevel('hc_production', {})).toBe('city');
    expect(supervisingLevel('it_light', {})).toBe('town');
    expect(supervisingLevel('it_light', { it_light: 'city' })).toBe('city');
  });
});

describe('keyword grams', async () => {
  const { keywordGrams, searchGrams } = await import('./search.rules');
  it('a keyword’s grams are all among the grams of any text that contains it', () => {
    const grams = new Set(searchGrams(['中山市坦洲五金制品有限公司', '旧名 坦洲五金厂', code(7)]));
    for (const kw of ['坦洲五金', '五金', '洲', '旧名坦洲', code(7).slice(3, 11).toLowerCase()]) {
      expect(
        keywordGrams(kw).every((g) => grams.has(g)),
        kw,
      ).toBe(true);
    }
    expect(keywordGrams('小榄').every((g) => grams.has(g))).toBe(false);
    expect(keywordGrams('  ')).toEqual([]);
  });
});
