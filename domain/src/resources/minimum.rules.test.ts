import { describe, expect, it } from 'vitest';
import {
  ZReserveGuidanceSchema,
  effectiveMinimum,
  guidanceFor,
  minimumLabel,
  readGuidanceRow,
  type TReserveGuidanceRow,
} from './minimum.rules';

const doc = '广东省应急物资储备指导标准（粤应急〔2024〕1号）';
const guidance: TReserveGuidanceRow[] = [
  { kind: 'town', itemCode: 'FL-PUMP', quantity: 10, source: doc },
  { kind: 'city', itemCode: 'FL-PUMP', quantity: 40, source: doc },
];

describe('effectiveMinimum', () => {
  it.each([
    ['guidance only', null, guidance[0]!, { quantity: 10, origin: 'guidance', source: doc }],
    ['override only', 6, null, { quantity: 6, origin: 'warehouse', source: null }],
    ['both: the warehouse overrides, higher or lower', 4, guidance[0]!, { quantity: 4, origin: 'warehouse', source: null }],
    ['both: an override of 0 says none here', 0, guidance[0]!, { quantity: 0, origin: 'warehouse', source: null }],
    ['neither', null, null, null],
  ] as const)('%s', (_, own, g, expected) => {
    expect(effectiveMinimum(own, g)).toEqual(expected);
  });

  it('finds the guidance by level and item, and says where a minimum comes from', () => {
    expect(guidanceFor(guidance, 'city', 'FL-PUMP')?.quantity).toBe(40);
    expect(guidanceFor(guidance, 'prepositioned', 'FL-PUMP')).toBeNull();
    expect(minimumLabel(effectiveMinimum(null, guidance[0]!)!, '台')).toBe(`10台（指导标准：${doc}）`);
    expect(minimumLabel(effectiveMinimum(6, null)!)).toBe('6（本库设定）');
  });
});

describe('ZReserveGuidanceSchema', () => {
  it('refuses a second row for the same level and item, a negative quantity and a missing source, naming the field', () => {
    const twice = ZReserveGuidanceSchema.safeParse([...guidance, { ...guidance[0]!, quantity: 3 }]);
    expect(twice.error?.issues[0]).toMatchObject({ path: [2, 'itemCode'], message: '镇街仓库的 FL-PUMP 重复' });
    const negative = ZReserveGuidanceSchema.safeParse([{ ...guidance[0]!, quantity: -1 }]);
    expect(negative.error?.issues[0]?.message).toBe('最低储备不能为负数');
    const unsourced = ZReserveGuidanceSchema.safeParse([{ ...guidance[0]!, source: ' ' }]);
    expect(unsourced.error?.issues[0]?.message).toBe('依据文件（文件名或文号）必须填写');
    expect(ZReserveGuidanceSchema.safeParse(guidance).success).toBe(true);
  });
});

describe('readGuidanceRow', () => {
  const row = (cells: Record<string, string>) => readGuidanceRow((h) => cells[h] ?? '');
  it.each([
    ['a full row', { 仓库层级: '镇街仓库', 物资编码: 'FL-PUMP', 最低储备: '10', 依据文件: doc }, guidance[0]],
    ['the short level name', { 仓库层级: '市级库', 物资编码: 'FL-PUMP', 最低储备: '40', 依据文件: doc }, guidance[1]],
    [
      'an unknown level',
      { 仓库层级: '省级库', 物资编码: 'FL-PUMP', 最低储备: '1', 依据文件: doc },
      '仓库层级“省级库”不正确，应为市级仓库、镇街仓库或前置点',
    ],
    ['a fraction', { 仓库层级: '前置点', 物资编码: 'FL-PUMP', 最低储备: '2.5', 依据文件: doc }, '最低储备：最低储备必须是整数'],
    ['no quantity', { 仓库层级: '前置点', 物资编码: 'FL-PUMP', 最低储备: '', 依据文件: doc }, '最低储备：最低储备必须填写'],
    ['no source', { 仓库层级: '前置点', 物资编码: 'FL-PUMP', 最低储备: '3', 依据文件: '' }, '依据文件：依据文件（文件名或文号）必须填写'],
  ])('%s', (_, cells, expected) => {
    expect(row(cells)).toEqual(expected);
  });
});
