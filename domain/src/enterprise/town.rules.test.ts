import { describe, expect, it } from 'vitest';
import { buildTownNames, resolveTown, shortTownName } from './town.rules';

// Zhongshan's towns (DOMAIN.md §9), a few aliases and the code history.
const towns = [
  ['442000001', '石岐街道'],
  ['442000002', '东区街道'],
  ['442000003', '中山港街道'],
  ['442000004', '西区街道'],
  ['442000005', '南区街道'],
  ['442000006', '五桂山街道'],
  ['442000007', '民众街道'],
  ['442000008', '南朗街道'],
  ['442000101', '黄圃镇'],
  ['442000103', '东凤镇'],
  ['442000105', '古镇镇'],
  ['442000106', '沙溪镇'],
  ['442000107', '坦洲镇'],
  ['442000108', '港口镇'],
  ['442000109', '三角镇'],
  ['442000110', '横栏镇'],
  ['442000111', '南头镇'],
  ['442000112', '阜沙镇'],
  ['442000114', '三乡镇'],
  ['442000115', '板芙镇'],
  ['442000116', '大涌镇'],
  ['442000117', '神湾镇'],
  ['442000118', '小榄镇'],
].map(([code, name]) => ({ code: code!, name: name! }));
const history = [
  { oldName: '东升镇', newCode: '442000118' },
  { oldName: '民众镇', newCode: '442000007' },
  { oldName: '南朗镇', newCode: '442000008' },
];
const aliases = [
  { code: '442000003', name: '火炬开发区' },
  { code: '442000008', name: '翠亨新区' },
];
const names = buildTownNames(towns, history, aliases);

describe('town from address', () => {
  it.each([
    ['广东省中山市坦洲镇界狮南路 38 号', '442000107'],
    ['中山市坦洲界狮南路38号', '442000107'],
    ['中山市古镇镇曹二村', '442000105'],
    ['中山市东升镇同茂工业区', '442000118'],
    ['中山市小榄镇东升社区', '442000118'],
    ['中山市民众镇浪网村', '442000007'],
    ['中山市火炬开发区江陵西路', '442000003'],
    ['中山市翠亨新区和耀路', '442000008'],
    ['中山市石岐区悦来南路', '442000001'],
    ['中山市东区 起湾道', '442000002'],
  ])('%s → %s', (address, code) => {
    expect(resolveTown(address, names)).toMatchObject({ kind: 'resolved', code });
  });

  it('reports no match', () => {
    expect(resolveTown('广州市天河区体育西路', names)).toEqual({ kind: 'none' });
  });

  it('reports two towns as ambiguous, naming both', () => {
    expect(resolveTown('中山市坦洲镇与三乡镇交界处', names)).toEqual({
      kind: 'ambiguous',
      codes: ['442000107', '442000114'],
      matched: ['坦洲镇', '三乡镇'],
    });
  });

  it('keeps one-character short names out', () => {
    expect(shortTownName('古镇镇')).toBe('古镇');
    expect(shortTownName('X镇')).toBeNull();
    expect(shortTownName('五桂山街道')).toBe('五桂山');
  });
});
