import { describe, expect, it } from 'vitest';
import { matchColumns } from '../shared/columns';
import { SHELTER_IMPORT_FIELDS, readCensusRow } from './shelter-import.rules';

const HEADERS = Object.values(SHELTER_IMPORT_FIELDS).map((f) => f.label);
const GOOD = [
  '小榄镇',
  '小榄体育馆',
  '体育馆',
  '室内',
  '乡镇（街道）级',
  '短期',
  '小榄镇某路',
  '113.25',
  '22.66',
  '2,000',
  '',
  '',
  '小榄镇文体中心',
  '何',
  '0760-22000000',
  '可启用',
  '否',
  '疏散指示标识、安全出口灯',
  '2025-03-20',
];
const towns = new Map([
  ['小榄镇', '442000118'],
  ['442000118', '442000118'],
]);
const { columns } = matchColumns(SHELTER_IMPORT_FIELDS, HEADERS);
const withCell = (label: string, value: string) => GOOD.map((v, i) => (HEADERS[i] === label ? value : v));

describe('the census columns', () => {
  it('recognise usual headers, let a chosen one win, and name the required ones missing', () => {
    const m = matchColumns(SHELTER_IMPORT_FIELDS, ['镇街', ' 场所 名称', '面积', '位置'], { address: '位置' });
    expect(m.columns).toMatchObject({ town: 0, name: 1, areaM2: 2, address: 3 });
    expect(m.missing).toEqual([
      'kind',
      'indoor',
      'level',
      'shelterClass',
      'longitude',
      'latitude',
      'managingUnit',
      'contact',
      'contactPhone',
    ]);
  });
});

describe('a census row', () => {
  it('reads a good row into the registry input', () => {
    const r = readCensusRow(GOOD, columns, towns);
    expect(r).toMatchObject({
      ok: true,
      input: {
        divisionCode: '442000118',
        kind: 'stadium',
        indoor: true,
        areaM2: 2000,
        status: 'open',
        centralCity: false,
        facilities: { evacuation_signs: '2025-03-20', exit_lights: '2025-03-20' },
      },
    });
  });
  it.each([
    ['a negative area', '有效避难面积（平方米）', '-5', '有效避难面积不能为负数'],
    ['an area in words', '有效避难面积（平方米）', '两千', '有效避难面积（平方米）应为数字，不是“两千”'],
    ['no longitude', '经度', '', '经度必须填写'],
    ['a town not in scope', '所在镇街', '坦洲镇', '所在镇街“坦洲镇”不存在或不在您的管辖范围内'],
    ['an unknown kind', '场所类型', '商场', '场所类型不正确'],
    ['open air spelt otherwise', '室内/室外', '露天', '室内/室外只能填“室内”或“室外”，不是“露天”'],
    ['an unknown facility', '已有设施', '广播', '已有设施：不认识“广播”'],
    ['facilities without their check date', '设施检查日期', '', '设施检查日期必须填写（填了已有设施时）'],
    ['a central-city flag in words', '中心城区', '不是', '中心城区只能填“是”或“否”，不是“不是”'],
    ['no name', '场所名称', '', '场所名称必须填写'],
  ])('refuses %s in Chinese', (_what, label, value, message) => {
    const r = readCensusRow(withCell(label, value), columns, towns);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([message]);
  });
});
