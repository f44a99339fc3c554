import { describe, expect, it } from 'vitest';
import {
  colourForScore,
  evaluateDynamic,
  gradeValidUntil,
  lowerColour,
  raiseColour,
  scoreGradeProblem,
  windowStart,
  type TDynamicInput,
  type TRiskEventFact,
} from './risk.rules';
import { RISK_COLOUR_NAMES } from './risk.schema';
import { DEFAULT_RISK_ASSESSMENT, DEFAULT_RISK_DYNAMIC } from './risk.settings';
import { CATEGORY_LABELS, type TSupervisionCategory } from '../enterprise/enterprise.schema';
import { completeCreditCode } from '../enterprise/credit-code.rules';
import { cellText, mapAssessmentColumns, readAssessmentRow, readSheetDate } from './risk-import.rules';

describe('grade thresholds (指南 2018: 红 < 60, 橙 60–<75, 黄 75–<90, 蓝 ≥ 90)', () => {
  it.each([
    [0, 'red'],
    [59.9, 'red'],
    [60, 'orange'],
    [74.9, 'orange'],
    [75, 'yellow'],
    [89.9, 'yellow'],
    [90, 'blue'],
    [100, 'blue'],
  ] as const)('%d → %s', (score, colour) => expect(colourForScore(score, DEFAULT_RISK_ASSESSMENT)).toBe(colour));

  it('a forced-red condition makes any score red', () => {
    expect(colourForScore(100, DEFAULT_RISK_ASSESSMENT, ['涉及重点监管危险化工工艺未实现自动化控制'])).toBe('red');
  });

  it('follows changed thresholds', () => {
    expect(colourForScore(64, { redBelow: 65, orangeBelow: 80, yellowBelow: 95 })).toBe('red');
    expect(colourForScore(94.9, { redBelow: 65, orangeBelow: 80, yellowBelow: 95 })).toBe('yellow');
  });

  it('names the grades 重大/较大/一般/低 with their colours 红橙黄蓝', () => {
    expect(RISK_COLOUR_NAMES).toEqual({
      red: '红色（重大风险）',
      orange: '橙色（较大风险）',
      yellow: '黄色（一般风险）',
      blue: '蓝色（低风险）',
    });
  });

  it.each([
    ['hc_production', true],
    ['hc_trade_storage', true],
    ['hc_trade', true],
    ['hc_use', true],
    ['fw_retail', false],
    ['mine', false],
    ['it_machinery', false],
  ] as const)('score bands for %s: %s', (category: TSupervisionCategory, allowed) => {
    const problem = scoreGradeProblem(category, CATEGORY_LABELS[category]);
    if (allowed) expect(problem).toBeNull();
    else
      expect(problem).toBe(
        `“评估得分”只适用于危险化学品企业（按 60/75/90 分档定级），该企业监管类别为“${CATEGORY_LABELS[category]}”，请按行业风险分级表人工定级，不填得分`,
      );
  });

  it('an assessment is valid for validityYears, through the day before its anniversary', () => {
    expect(gradeValidUntil('2026-03-02', 3)).toBe('2029-03-01');
    expect(gradeValidUntil('2024-02-29', 1)).toBe('2025-02-27');
  });

  it.each([
    ['blue', 1, 'yellow'],
    ['blue', 2, 'orange'],
    ['yellow', 5, 'red'],
    ['red', 1, 'red'],
  ] as const)('%s raised %i → %s', (c, n, r) => expect(raiseColour(c, n)).toBe(r));
  it('lowers one level, not below blue nor the floor', () => {
    expect(lowerColour('red')).toBe('orange');
    expect(lowerColour('blue')).toBe('blue');
    expect(lowerColour('orange', 'orange')).toBe('orange');
  });
});

const NOW = new Date('2026-11-27T02:00:00.000Z'); // 2026-11-27 10:00 in Shanghai
const ev = (kind: string, occurredAt: string, ref: string, category?: string): TRiskEventFact => ({
  kind,
  occurredAt,
  ref,
  category: category ?? null,
});
const base = (over: Partial<TDynamicInput> = {}): TDynamicInput => ({
  current: 'yellow',
  floor: 'yellow',
  assessedOn: '2024-01-10',
  heldSince: '2024-01-10',
  events: [],
  decidedRefs: new Set(),
  settings: DEFAULT_RISK_DYNAMIC,
  now: NOW,
  ...over,
});

describe('dynamic triggers (seed §二(二)2(5))', () => {
  it('nothing happened and the grade is the experts’: no proposal', () => expect(evaluateDynamic(base())).toBeNull());

  it.each([
    ['an accident', [ev('accident', '2026-03-02T03:00:00Z', 'accident:1')], 'accident', '近12个月内发生生产安全事故1起（2026-03-02）'],
    [
      'an open major hazard',
      [ev('major_hazard_opened', '2026-05-01T03:00:00Z', 'hazard:7')],
      'major_hazard',
      '存在未整改销号的重大事故隐患1项（2026-05-01 发现）',
    ],
    [
      'the same hazard three times',
      [1, 2, 3].map((i) => ev('hazard_found', `2026-0${i}-05T03:00:00Z`, `hazard:${i}`, '消防安全')),
      'recurrence',
      '近12个月内同类隐患反复出现：“消防安全”3次（达到3次即上调）',
    ],
    [
      'two penalties',
      [ev('penalty', '2026-04-01T03:00:00Z', 'case:1'), ev('penalty', '2026-06-01T03:00:00Z', 'case:2')],
      'penalty',
      '近12个月内受到行政处罚2次（2026-04-01、2026-06-01；达到2次即上调）',
    ],
    [
      'a refused directive',
      [ev('directive_refused', '2026-10-01T03:00:00Z', 'manual:1')],
      'directive_refused',
      '近12个月内拒不执行监管指令1次（2026-10-01）',
    ],
  ])('%s raises one level with its reason and refs', (_, events, rule, text) => {
    const p = evaluateDynamic(base({ events }))!;
    expect(p).toMatchObject({ direction: 'up', from: 'yellow', to: 'orange' });
    expect(p.reasons).toEqual([{ rule, text, refs: events.map((e) => e.ref) }]);
  });

  it.each([
    ['two hazards of one kind', [1, 2].map((i) => ev('hazard_found', `2026-0${i}-05T03:00:00Z`, `hazard:${i}`, '消防安全'))],
    [
      'three hazards of three kinds',
      ['消防安全', '用电安全', '有限空间'].map((c, i) => ev('hazard_found', `2026-0${i + 1}-05T03:00:00Z`, `hazard:${i}`, c)),
    ],
    ['one penalty', [ev('penalty', '2026-04-01T03:00:00Z', 'case:1')]],
    [
      'a major hazard closed',
      [ev('major_hazard_opened', '2026-05-01T03:00:00Z', 'hazard:7'), ev('major_hazard_closed', '2026-06-01T03:00:00Z', 'hazard:7')],
    ],
  ])('%s does not raise', (_, events) => expect(evaluateDynamic(base({ events }))).toBeNull());

  it('each trigger raises one level: an accident and a refused directive take yellow to red', () => {
    const p = evaluateDynamic(
      base({ events: [ev('accident', '2026-03-02T03:00:00Z', 'accident:1'), ev('directive_refused', '2026-10-01T03:00:00Z', 'm:1')] }),
    )!;
    expect(p).toMatchObject({ from: 'yellow', to: 'red' });
    expect(p.reasons.map((r) => r.rule)).toEqual(['accident', 'directive_refused']);
  });

  it('all five triggers on blue stop at red', () => {
    const events = [
      ev('accident', '2026-03-02T03:00:00Z', 'a:1'),
      ev('major_hazard_opened', '2026-05-01T03:00:00Z', 'h:9'),
      ...[1, 2, 3].map((i) => ev('hazard_found', `2026-0${i}-05T03:00:00Z`, `h:${i}`, '消防安全')),
      ev('penalty', '2026-04-01T03:00:00Z', 'c:1'),
      ev('penalty', '2026-04-02T03:00:00Z', 'c:2'),
      ev('directive_refused', '2026-10-01T03:00:00Z', 'm:1'),
    ];
    const p = evaluateDynamic(base({ current: 'blue', floor: 'blue', events }))!;
    expect(p).toMatchObject({ from: 'blue', to: 'red' });
    expect(p.reasons).toHaveLength(5);
  });

  it('red with a trigger stays red: no proposal', () => {
    expect(evaluateDynamic(base({ current: 'red', floor: 'red', events: [ev('accident', '2026-03-02T03:00:00Z', 'a:1')] }))).toBeNull();
  });

  it('an event a decided proposal already cited does not raise again; a new one does', () => {
    const first = ev('accident', '2026-03-02T03:00:00Z', 'a:1');
    expect(evaluateDynamic(base({ current: 'orange', events: [first], decidedRefs: new Set(['accident:a:1']) }))).toBeNull();
    const p = evaluateDynamic(
      base({ current: 'orange', events: [first, ev('accident', '2026-09-02T03:00:00Z', 'a:2')], decidedRefs: new Set(['accident:a:1']) }),
    )!;
    expect(p).toMatchObject({ from: 'orange', to: 'red' });
    expect(p.reasons[0]!.text).toBe('近12个月内发生生产安全事故2起（2026-03-02、2026-09-02）');
  });

  it('events before the latest assessment were weighed by it', () => {
    expect(evaluateDynamic(base({ assessedOn: '2026-04-01', events: [ev('accident', '2026-03-02T03:00:00Z', 'a:1')] }))).toBeNull();
  });
});

describe('window edges in Asia/Shanghai (now 2026-11-27)', () => {
  it('twelve months start at 2025-11-28 00:00 +08:00', () => expect(windowStart(NOW, 12).toISOString()).toBe('2025-11-27T16:00:00.000Z'));
  it.each([
    ['2025-11-27T16:00:00.000Z', true],
    ['2025-11-27T15:59:59.999Z', false],
  ])('an accident at %s counts: %s', (at, counts) => {
    expect(evaluateDynamic(base({ events: [ev('accident', at, 'a:1')] })) !== null).toBe(counts);
  });
  it('a shorter window setting narrows it', () => {
    const events = [ev('accident', '2026-03-02T03:00:00Z', 'a:1')];
    expect(evaluateDynamic(base({ events, settings: { ...DEFAULT_RISK_DYNAMIC, windowMonths: 6 } }))).toBeNull();
  });
  it('penalties count only inside the window', () => {
    const events = [ev('penalty', '2025-11-27T15:00:00Z', 'c:1'), ev('penalty', '2026-04-01T03:00:00Z', 'c:2')];
    expect(evaluateDynamic(base({ events }))).toBeNull();
  });
});

describe('clean-period lowering', () => {
  const raised = { current: 'orange', floor: 'yellow', heldSince: '2025-06-01' } as const;
  it('a raised firm clean for 12 months, hazards closed, goes one level down', () => {
    const events = [
      ev('accident', '2025-05-01T03:00:00Z', 'a:1'),
      ev('hazard_found', '2026-02-01T03:00:00Z', 'h:1', '消防安全'),
      ev('hazard_closed', '2026-02-10T03:00:00Z', 'h:1'),
    ];
    const p = evaluateDynamic(base({ ...raised, assessedOn: '2024-01-10', events }))!;
    expect(p).toMatchObject({ direction: 'down', from: 'orange', to: 'yellow' });
    expect(p.reasons[0]!.rule).toBe('clean_period');
    expect(p.reasons[0]!.text).toContain('近12个月内未发生事故');
  });
  it.each([
    ['a hazard still open', [ev('hazard_found', '2026-02-01T03:00:00Z', 'h:1', '消防安全')]],
    ['a major hazard still open from long ago', [ev('major_hazard_opened', '2023-02-01T03:00:00Z', 'h:1')]],
    ['a penalty this year', [ev('penalty', '2026-02-01T03:00:00Z', 'c:1')]],
  ])('%s: no lowering', (_, events) => {
    expect(evaluateDynamic(base({ ...raised, events, decidedRefs: new Set(['penalty:c:1']) }))).toBeNull();
  });
  it('not before the colour has stood for the clean period', () => {
    expect(evaluateDynamic(base({ ...raised, heldSince: '2025-11-28' }))).toBeNull();
    expect(evaluateDynamic(base({ ...raised, heldSince: '2025-11-27' }))).toMatchObject({ to: 'yellow' });
  });
  it('never below the experts’ colour, and never below blue', () => {
    expect(evaluateDynamic(base({ current: 'yellow', floor: 'yellow' }))).toBeNull();
    expect(evaluateDynamic(base({ current: 'blue', floor: 'blue' }))).toBeNull();
    expect(evaluateDynamic(base({ current: 'yellow', floor: 'blue', heldSince: '2020-01-01' }))).toMatchObject({
      from: 'yellow',
      to: 'blue',
    });
  });
});

describe('assessment sheet rows', () => {
  const { columns } = mapAssessmentColumns(['统一社会信用代码', '企业名称', '评估得分', '评估日期', '强制红色条件']);
  const code = completeCreditCode('9144200012345678');
  it('finds the columns by header and lists the missing ones', () => {
    expect(columns).toEqual({ creditCode: 0, name: 1, score: 2, assessedOn: 3, forcedRed: 4 });
    expect(mapAssessmentColumns(['统一社会信用代码', '企业名称', '得分']).missing).toEqual(['评估得分', '评估日期']);
  });
  it('reads numbers, Excel dates and forced-red lists', () => {
    const r = readAssessmentRow(
      2,
      [code.toLowerCase(), '测试公司', 85.5, new Date('2026-03-01T00:00:00Z'), '未设置紧急切断；无自动化控制'],
      columns,
      '2026-11-27',
    );
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ score: 85.5, assessedOn: '2026-03-01', forcedRed: ['未设置紧急切断', '无自动化控制'] });
  });
  it.each([
    [[code, '测试公司', '100.5', '2026-03-01'], '第 3 行“评估得分”应在 0–100 之间（现为 100.5）'],
    [[code, '测试公司', -1, '2026-03-01'], '第 3 行“评估得分”应在 0–100 之间（现为 -1）'],
    [[code, '测试公司', '八十', '2026-03-01'], '第 3 行“评估得分”不是数字（现为“八十”）'],
    [[code, '测试公司', 80, '2026-02-30'], '第 3 行“评估日期”不是有效日期（现为“2026-02-30”，应为 YYYY-MM-DD）'],
    [[code, '测试公司', 80, '2026-12-01'], '第 3 行“评估日期” 2026-12-01 晚于今天'],
    [['91442000MA4UJ6AX2I', '测试公司', 80, '2026-03-01'], '第 3 行“统一社会信用代码”不正确'],
    [[code, '', 80, '2026-03-01'], '第 3 行“企业名称”为空'],
  ])('%j: %s', (cells, message) => {
    const r = readAssessmentRow(3, cells, columns, '2026-11-27');
    expect(r.problems.join('；')).toContain(message);
  });
  it.each([
    ['2026/3/2', '2026-03-02'],
    ['2026年3月2日', '2026-03-02'],
    [46083, '2026-03-02'],
    ['3/2/2026', null],
  ] as const)('date %s → %s', (cell, date) => expect(readSheetDate(cell)).toBe(date));
  it('reads rich text and formula cells', () => {
    expect(cellText({ richText: [{ text: '测试' }, { text: '公司' }] })).toBe('测试公司');
    expect(cellText({ formula: 'A1', result: 88 })).toBe('88');
  });
});
