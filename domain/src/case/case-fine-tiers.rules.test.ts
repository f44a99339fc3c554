import { describe, expect, it } from 'vitest';
import { finePenaltyProblem, overdueOrderProblem, type TCaseOrder, type TFineLine } from './case-discretion.rules';
import { accidentFineRange, statutoryPenalty } from './case-fine-tiers.rules';
import { CORRECTED_VIOLATIONS, correctedBands, VIOLATION_CATALOGUE } from './violation.data';

const W = 1_000_000; // 1 万元 in fen
const r = (a: number, b: number) => ({ minFen: a * W, maxFen: b * W });
const rule = (code: string) => VIOLATION_CATALOGUE.find((v) => v.code === code)!;
const OVERDUE: TCaseOrder = {
  orderNo: '坦洲应急责改〔2026〕3号',
  orderedOn: '2026-02-02',
  deadline: '2026-02-20',
  recheckedOn: '2026-02-21',
  recheckUnmet: true,
};

describe('安全生产法 tiers: statutoryPenalty(article, tier, target)', () => {
  it.each([
    [94, 1, 'unit', null, []],
    [94, 1, 'person', r(2, 5), []],
    [94, 2, 'person', r(5, 10), ['suspend_production']],
    [97, 1, 'unit', r(0, 10), []],
    [97, 1, 'person', null, []],
    [97, 2, 'unit', r(10, 20), ['suspend_production']],
    [97, 2, 'person', r(2, 5), ['suspend_production']],
    [99, 1, 'unit', r(0, 5), []],
    [99, 1, 'person', null, []],
    [99, 2, 'unit', r(5, 20), ['suspend_production']],
    [99, 2, 'person', r(1, 2), ['suspend_production']],
    [101, 1, 'unit', r(0, 10), []],
    [101, 1, 'person', null, []],
    [101, 2, 'unit', r(10, 20), ['suspend_production']],
    [101, 2, 'person', r(2, 5), ['suspend_production']],
    [102, 1, 'unit', r(0, 5), []],
    [102, 1, 'person', null, []],
    [102, 2, 'unit', null, ['suspend_production']],
    [102, 2, 'person', r(5, 10), ['suspend_production']],
    [105, 1, 'unit', r(0, 5), []],
    [105, 1, 'person', r(0, 1), []],
    [105, 2, 'unit', null, ['suspend_production']],
    [105, 2, 'person', null, ['suspend_production']],
    [108, 1, 'unit', null, []],
    [108, 1, 'person', null, []],
    [108, 2, 'unit', r(2, 20), []],
    [108, 2, 'person', r(1, 2), []],
    [109, 1, 'unit', r(5, 10), []],
    [109, 2, 'unit', r(10, 20), []],
    [109, 2, 'person', null, []],
  ] as const)('art. %i tier %i %s', (article, tier, target, range, other) => {
    expect(statutoryPenalty(article, tier, target)).toEqual({ range, otherPenalties: other });
  });
  it('an article without tiers', () => expect(statutoryPenalty(114, 1, 'unit')).toBeNull());
  it('the catalogue reads the table', () => {
    expect(rule('SAFL-99')).toMatchObject({ unitRange: r(0, 5), personRange: null, tier2: { unitRange: r(5, 20), personRange: r(1, 2) } });
    expect(
      rule('SAFL-99')
        .bands.filter((b) => b.tier === 2 && b.target === 'unit')
        .map((b) => [b.minFen, b.maxFen]),
    ).toEqual([
      [5 * W, 8 * W],
      [8 * W, 12.5 * W],
      [12.5 * W, 17 * W],
      [17 * W, 20 * W],
    ]);
  });
});

describe('art. 114: accidentFineRange(grade, aggravated)', () => {
  it.each([
    ['general', false, r(30, 100)],
    ['larger', false, r(100, 200)],
    ['major', false, r(200, 1000)],
    ['especially_major', false, r(1000, 2000)],
    ['general', true, r(60, 500)],
    ['larger', true, r(200, 1000)],
    ['major', true, r(400, 5000)],
    ['especially_major', true, r(2000, 10000)],
  ] as const)('%s, aggravated %s', (grade, aggravated, range) => expect(accidentFineRange(grade, aggravated)).toEqual(range));
});

describe('逾期未改正: overdueOrderProblem', () => {
  it.each([
    ['order rechecked the day after the deadline, unmet', OVERDUE, null],
    ['no order', null, '未登记责令限期改正指令书'],
    ['no number', { ...OVERDUE, orderNo: ' ' }, '未登记责令限期改正指令书'],
    ['deadline before the order', { ...OVERDUE, deadline: '2026-02-01' }, '早于指令日期'],
    ['no recheck', { ...OVERDUE, recheckedOn: null }, '未登记复查'],
    ['recheck on the deadline', { ...OVERDUE, recheckedOn: '2026-02-20' }, '不能认定逾期未改正'],
    ['recheck before the order', { ...OVERDUE, recheckedOn: '2026-02-01' }, '早于指令日期'],
    ['recheck found it corrected', { ...OVERDUE, recheckUnmet: false }, '已经改正'],
  ] as const)('%s', (_l, order, expected) => {
    const p = overdueOrderProblem(order);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('finePenaltyProblem: tier, range, 减轻, band', () => {
  const line = (o: Partial<TFineLine>): TFineLine => ({ code: 'SAFL-99', target: 'unit', circumstance: 'general', fineFen: 0, ...o });
  const accident = { grade: 'general', aggravated: false } as const;
  it.each([
    // art. 99 tier 1: unit ≤ 5万, no person fine
    ['99 unit tier 1 at the maximum (band grave)', 'SAFL-99', line({ circumstance: 'grave', fineFen: 5 * W }), {}, null],
    ['99 unit tier 1 one fen above', 'SAFL-99', line({ circumstance: 'grave', fineFen: 5 * W + 1 }), {}, '超出法定幅度'],
    [
      '99 person tier 1: only after 逾期未改正',
      'SAFL-99',
      line({ target: 'person', fineFen: 1 * W }),
      {},
      '《安全生产法》第九十九条：对直接负责的主管人员和其他直接责任人员罚款须以逾期未改正为前提，请先登记责令限期改正指令及复查情况',
    ],
    [
      '99 person tier 2 without an order',
      'SAFL-99',
      line({ target: 'person', tier: 2, fineFen: 1 * W }),
      {},
      '第九十九条：对直接负责的主管人员和其他直接责任人员罚款须以逾期未改正为前提',
    ],
    [
      '99 person tier 2 with the overdue order, at 1万 (minor band 1–1.2万)',
      'SAFL-99',
      line({ target: 'person', tier: 2, circumstance: 'minor', fineFen: 1 * W }),
      { order: OVERDUE },
      null,
    ],
    [
      '99 person tier 2 at 2万',
      'SAFL-99',
      line({ target: 'person', tier: 2, circumstance: 'grave', fineFen: 2 * W }),
      { order: OVERDUE },
      null,
    ],
    [
      '99 person tier 2 one fen above 2万',
      'SAFL-99',
      line({ target: 'person', tier: 2, circumstance: 'grave', fineFen: 2 * W + 1 }),
      { order: OVERDUE },
      '超出法定幅度',
    ],
    ['99 unit tier 2 without an order', 'SAFL-99', line({ tier: 2, fineFen: 10 * W }), {}, '对单位处第二档罚款须以逾期未改正为前提'],
    [
      '99 unit tier 2 recheck on the deadline',
      'SAFL-99',
      line({ tier: 2, fineFen: 10 * W }),
      { order: { ...OVERDUE, recheckedOn: OVERDUE.deadline } },
      '不能认定逾期未改正',
    ],
    ['99 unit tier 2 at 20万 (lawful now)', 'SAFL-99', line({ tier: 2, circumstance: 'grave', fineFen: 20 * W }), { order: OVERDUE }, null],
    ['99 unit tier 2 at 5万 (the minimum)', 'SAFL-99', line({ tier: 2, circumstance: 'minor', fineFen: 5 * W }), { order: OVERDUE }, null],
    [
      '99 unit tier 2 below 5万 without a ground',
      'SAFL-99',
      line({ tier: 2, circumstance: 'minor', fineFen: 5 * W - 1 }),
      { order: OVERDUE },
      '须记录《行政处罚法》第三十二条',
    ],
    [
      '99 unit tier 2 below 5万 with an art. 32 ground',
      'SAFL-99',
      line({ tier: 2, circumstance: 'minor', fineFen: 3 * W, reductionGround: 'eliminated_harm' }),
      { order: OVERDUE },
      null,
    ],
    // art. 97 / 101 tier 2: unit 10–20万, persons 2–5万
    [
      '97 unit tier 2 at 20万',
      'SAFL-97',
      line({ code: 'SAFL-97', tier: 2, circumstance: 'grave', fineFen: 20 * W }),
      { order: OVERDUE },
      null,
    ],
    [
      '97 person tier 1',
      'SAFL-97',
      line({ code: 'SAFL-97', target: 'person', fineFen: 2 * W }),
      {},
      '第九十七条：对直接负责的主管人员和其他直接责任人员罚款须以逾期未改正为前提',
    ],
    [
      '101 person tier 2 at 5万',
      'SAFL-101',
      line({ code: 'SAFL-101', target: 'person', tier: 2, circumstance: 'grave', fineFen: 5 * W }),
      { order: OVERDUE },
      null,
    ],
    // art. 102: 拒不执行 → persons 5–10万, no unit fine in tier 2
    ['102 person tier 1', 'SAFL-102', line({ code: 'SAFL-102', target: 'person', fineFen: 5 * W }), {}, '须以拒不执行为前提'],
    ['102 unit tier 2', 'SAFL-102', line({ code: 'SAFL-102', tier: 2, fineFen: 1 * W }), { order: OVERDUE }, '没有罚款规定'],
    [
      '105 tier 2 (停产停业整顿, no fine) without an order',
      'SAFL-105',
      line({ code: 'SAFL-105', tier: 2 }),
      {},
      '第一百零五条：对单位适用第二档须以逾期未改正为前提',
    ],
    [
      '105 tier 2 (停产停业整顿, no fine) with the overdue order',
      'SAFL-105',
      line({ code: 'SAFL-105', tier: 2 }),
      { order: OVERDUE },
      null,
    ],
    // art. 108: tier 1 责令改正 only; 拒不改正 unit 2–20万
    ['108 unit tier 1 fine', 'SAFL-108', line({ code: 'SAFL-108', fineFen: 2 * W }), {}, '须以拒不改正为前提'],
    ['108 unit tier 1 no fine (责令改正)', 'SAFL-108', line({ code: 'SAFL-108', fineFen: 0 }), {}, null],
    [
      '108 unit tier 2 at 2万',
      'SAFL-108',
      line({ code: 'SAFL-108', tier: 2, circumstance: 'minor', fineFen: 2 * W }),
      { order: OVERDUE },
      null,
    ],
    // art. 109: 5–10万, 逾期 10–20万
    ['109 tier 1 at 10万 + 1 fen', 'SAFL-109', line({ code: 'SAFL-109', circumstance: 'grave', fineFen: 10 * W + 1 }), {}, '超出法定幅度'],
    [
      '109 tier 2 at 20万',
      'SAFL-109',
      line({ code: 'SAFL-109', tier: 2, circumstance: 'grave', fineFen: 20 * W }),
      { order: OVERDUE },
      null,
    ],
    [
      '109 tier 1 below 5万 without a ground',
      'SAFL-109',
      line({ code: 'SAFL-109', circumstance: 'minor', fineFen: 4 * W }),
      {},
      '减轻处罚',
    ],
    ['94 no unit fine', 'SAFL-94', line({ code: 'SAFL-94', fineFen: 100 }), {}, '没有罚款规定'],
    ['114 without a grade', 'SAFL-114', line({ code: 'SAFL-114', fineFen: 50 * W }), {}, '须先确定事故等级'],
    ['114 一般 at 100万', 'SAFL-114', line({ code: 'SAFL-114', circumstance: 'grave', fineFen: 100 * W }), { accident }, null],
    [
      '114 一般 above 100万',
      'SAFL-114',
      line({ code: 'SAFL-114', circumstance: 'grave', fineFen: 100 * W + 1 }),
      { accident },
      '超出法定幅度',
    ],
    [
      '114 一般 aggravated at 500万',
      'SAFL-114',
      line({ code: 'SAFL-114', circumstance: 'grave', fineFen: 500 * W }),
      { accident: { ...accident, aggravated: true } },
      null,
    ],
    [
      '114 特别重大 aggravated at 1亿',
      'SAFL-114',
      line({ code: 'SAFL-114', circumstance: 'grave', fineFen: 10_000 * W }),
      { accident: { grade: 'especially_major', aggravated: true } },
      null,
    ],
    [
      '114 特别重大 aggravated above 1亿',
      'SAFL-114',
      line({ code: 'SAFL-114', circumstance: 'grave', fineFen: 10_000 * W + 1 }),
      { accident: { grade: 'especially_major', aggravated: true } },
      '超出法定幅度',
    ],
    ['114 一般 below 30万', 'SAFL-114', line({ code: 'SAFL-114', circumstance: 'minor', fineFen: 30 * W - 1 }), { accident }, '第三十二条'],
    ['114 no person fine', 'SAFL-114', line({ code: 'SAFL-114', target: 'person', fineFen: 1 }), { accident }, '没有罚款规定'],
  ] as const)('%s', (_l, code, l, ctx, expected) => {
    const p = finePenaltyProblem(rule(code), l, ctx);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('correcting the shipped rows', () => {
  it('every corrected code is in the catalogue', () =>
    expect(CORRECTED_VIOLATIONS.every((c) => VIOLATION_CATALOGUE.some((v) => v.code === c.code))).toBe(true));
  it('keeps a bureau band inside the lawful range, moves person bands to tier 2, resets what no longer fits', () => {
    const v = rule('SAFL-99');
    const bands = correctedBands(
      [
        { target: 'unit', circumstance: 'minor', minFen: 0, maxFen: 5 * W * 0.1, description: '本局：轻微' },
        { target: 'unit', circumstance: 'grave', minFen: 4 * W, maxFen: 6 * W, description: '越界' },
        { target: 'person', circumstance: 'general', minFen: 1.2 * W, maxFen: 1.5 * W, description: '本局：个人一般' },
      ],
      v,
    );
    const find = (tier: number, target: string, c: string) =>
      bands.find((b) => b.tier === tier && b.target === target && b.circumstance === c)!;
    expect(find(1, 'unit', 'minor')).toMatchObject({ maxFen: 0.5 * W, description: '本局：轻微' });
    expect(find(1, 'unit', 'grave')).toMatchObject({ minFen: 4 * W, maxFen: 5 * W });
    expect(find(2, 'person', 'general')).toMatchObject({ minFen: 1.2 * W, maxFen: 1.5 * W, description: '本局：个人一般' });
    expect(bands.some((b) => b.tier === 1 && b.target === 'person')).toBe(false);
    expect(bands).toHaveLength(v.bands.length);
  });
});
