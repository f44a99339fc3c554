import { describe, expect, it } from 'vitest';
import {
  closureProblem,
  dailyFine,
  dailyFineProblem,
  demandEarliestComplyBy,
  demandProblem,
  enforcementProblem,
  enforcementWindow,
  nextDueOn,
  overdueFen,
  paymentPlanProblem,
  paymentSchedule,
  scheduledSurchargeFen,
} from './case-execution.rules';
import type { TArrangePayment, TPaymentPlan } from './case-execution.schema';
import { DEFAULT_WORK_CALENDAR as CAL } from '../shared/workdays';
import { DEFAULT_CASE_PROCEDURE as S } from './case.settings';

const FINE = 1_000_000; // 10,000 yuan
const SERVED = '2026-03-11'; // due 2026-03-26 (art. 67: 15 days)
const plan = (type: TPaymentPlan['type'], instalments: [string, number][], approvedOn = '2026-03-20'): TPaymentPlan => ({
  type,
  appliedOn: '2026-03-18',
  approvedOn,
  reason: '经营困难',
  instalments: instalments.map(([dueOn, amountFen]) => ({ dueOn, amountFen })),
});
const facts = (o: { plan?: TPaymentPlan | null; paid?: number } = {}) => ({
  servedOn: SERVED,
  fineDecidedFen: FINE,
  finePaidFen: o.paid ?? 0,
  plan: o.plan ?? null,
});

describe('加处罚款 follows the schedule (行政处罚法 arts. 66, 67, 72 (1))', () => {
  const two = plan('instalment', [
    ['2026-04-30', 500_000],
    ['2026-05-31', 500_000],
  ]);
  const deferred = plan('deferral', [['2026-06-30', FINE]]);
  it.each([
    ['no plan, paid on the 15th day', null, 0, FINE, '2026-03-26', 0],
    ['no plan, one day late: 3 %', null, 0, FINE, '2026-03-27', 30_000],
    ['no plan, 33 days late: 99 %', null, 0, FINE, '2026-04-28', 990_000],
    ['no plan, 34 days late: capped at the fine', null, 0, FINE, '2026-04-29', FINE],
    ['deferral running: none though the 15 days passed', deferred, 0, FINE, '2026-06-30', 0],
    ['deferral, one day after its date', deferred, 0, FINE, '2026-07-01', 30_000],
    ['first instalment on its date', two, 0, 500_000, '2026-04-30', 0],
    ['first instalment two days late', two, 0, 500_000, '2026-05-02', 30_000],
    ['all at once a day after the first date: only the first part is late', two, 0, FINE, '2026-05-01', 15_000],
    ['second instalment on its date', two, 500_000, 500_000, '2026-05-31', 0],
  ])('%s', (_n, p, paidBefore, principal, paidOn, expected) => {
    const schedule = paymentSchedule(facts({ plan: p }), S);
    expect(scheduledSurchargeFen(schedule, paidBefore, principal, paidOn, S)).toBe(expected);
  });

  it('a part paid before the approval keeps the original date; the plan covers the rest', () => {
    const p = plan('deferral', [['2026-06-30', 800_000]]);
    const schedule = paymentSchedule(facts({ plan: p, paid: 200_000 }), S);
    expect(schedule).toEqual([
      { dueOn: '2026-03-26', amountFen: 200_000 },
      { dueOn: '2026-06-30', amountFen: 800_000 },
    ]);
    expect(nextDueOn(schedule, 200_000)).toBe('2026-06-30');
    expect(overdueFen(schedule, 200_000, '2026-06-30')).toBe(0);
    expect(overdueFen(schedule, 200_000, '2026-07-01')).toBe(800_000);
  });
});

describe('approving a deferral or instalments (行政处罚法 art. 66 (2))', () => {
  const ask = (o: Partial<TArrangePayment> = {}): TArrangePayment => ({
    type: 'instalment',
    appliedOn: '2026-03-18',
    approvedOn: '2026-03-20',
    reason: '经营困难',
    instalments: [
      { dueOn: '2026-04-30', amountFen: 500_000 },
      { dueOn: '2026-05-31', amountFen: 500_000 },
    ],
    ...o,
  });
  const c = { ...facts(), enforcementAppliedOn: null };
  it.each([
    ['two instalments adding up to the fine', c, ask(), null],
    ['a deferral of the whole sum', c, ask({ type: 'deferral', instalments: [{ dueOn: '2026-06-30', amountFen: FINE }] }), null],
    ['a second plan', { ...c, plan: plan('deferral', [['2026-06-30', FINE]]) }, ask(), '不能再次批准'],
    ['after the application to the court', { ...c, enforcementAppliedOn: '2026-10-01' }, ask(), '申请人民法院强制执行'],
    ['nothing owed', { ...c, finePaidFen: FINE }, ask(), '罚款已缴清'],
    ['applied before service', c, ask({ appliedOn: '2026-03-10' }), '早于决定书送达日期'],
    ['approved before the application', c, ask({ approvedOn: '2026-03-17' }), '经当事人申请和行政机关批准'],
    ['approved in the future', c, ask({ approvedOn: '2026-03-21' }), '晚于今天'],
    ['a deferral with two dates', c, ask({ type: 'deferral' }), '暂缓缴纳只有一个缴纳期限'],
    ['one instalment', c, ask({ instalments: [{ dueOn: '2026-04-30', amountFen: FINE }] }), '至少分两期'],
    [
      'first date on the approval day',
      c,
      ask({
        instalments: [
          { dueOn: '2026-03-20', amountFen: 500_000 },
          { dueOn: '2026-05-31', amountFen: 500_000 },
        ],
      }),
      '应晚于批准日期',
    ],
    [
      'dates out of order',
      c,
      ask({
        instalments: [
          { dueOn: '2026-05-31', amountFen: 500_000 },
          { dueOn: '2026-04-30', amountFen: 500_000 },
        ],
      }),
      '应晚于第 1 期',
    ],
    ['last date 12 months after approval', c, ask({ type: 'deferral', instalments: [{ dueOn: '2027-03-20', amountFen: FINE }] }), null],
    [
      'last date a day past 12 months',
      c,
      ask({ type: 'deferral', instalments: [{ dueOn: '2027-03-21', amountFen: FINE }] }),
      '超过批准之日起 12 个月',
    ],
    [
      'sum short of the fine',
      c,
      ask({
        instalments: [
          { dueOn: '2026-04-30', amountFen: 500_000 },
          { dueOn: '2026-05-31', amountFen: 499_999 },
        ],
      }),
      '应等于尚欠罚款',
    ],
    [
      'sum of what is owed after a part payment',
      { ...c, finePaidFen: 200_000 },
      ask({
        instalments: [
          { dueOn: '2026-04-30', amountFen: 400_000 },
          { dueOn: '2026-05-31', amountFen: 400_000 },
        ],
      }),
      null,
    ],
  ])('%s', (_n, state, a, expected) => {
    const p = paymentPlanProblem(state, a, '2026-03-20', S);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('催告: at least ten working days (行政强制法 arts. 54, 69)', () => {
  it.each([
    // Mon 2026-03-02: ten working days end Mon 03-16 (ten calendar days would end 03-12)
    ['an ordinary fortnight', '2026-03-02', '2026-03-16'],
    // Mon 09-28: 9-29, 9-30, then 10.1–10.7 off, 10-8, 10-9, Sat 10-10 (调休上班), 10-12 … 10-16
    ['across the National Day holiday with its adjusted Saturday', '2026-09-28', '2026-10-16'],
    // Fri 2026-02-13: Sat 2.14 (1), 2.15–2.23 off, 2.24–2.27 (5), Sat 2.28 (6), 3.2–3.5 (10)
    ['across the Spring Festival', '2026-02-13', '2026-03-05'],
  ])('%s', (_n, servedOn, earliest) => {
    expect(demandEarliestComplyBy(servedOn, S, CAL)).toBe(earliest);
  });

  const c = { ...facts(), demandServedOn: null, enforcementAppliedOn: null };
  it.each([
    ['after the payment date, ten working days', c, '2026-04-01', '2026-04-16', null],
    ['one working day short', c, '2026-04-01', '2026-04-15', '最早至 2026-04-16'],
    ['on the payment date itself: not yet overdue', c, '2026-03-26', '2026-04-20', '尚未届满'],
    ['the day after the payment date', c, '2026-03-27', '2026-04-13', null],
    [
      'while an approved deferral runs',
      { ...c, plan: plan('deferral', [['2026-06-30', FINE]]) },
      '2026-04-01',
      '2026-04-16',
      '经批准暂缓缴纳',
    ],
    ['a second demand', { ...c, demandServedOn: '2026-04-01' }, '2026-04-02', '2026-04-20', '已于 2026-04-01 送达催告书'],
    ['paid off', { ...c, finePaidFen: FINE }, '2026-04-01', '2026-04-16', '无需催告'],
    ['served in the future', c, '2026-12-02', '2026-12-20', '晚于今天'],
  ])('%s', (_n, state, servedOn, complyBy, expected) => {
    const p = demandProblem(state, { servedOn, complyBy }, '2026-12-01', S, CAL);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('application to the court (行政强制法 art. 53; 行政诉讼法 art. 46: six months to sue)', () => {
  it.each([
    ['mid-month', '2026-03-11', '2026-09-12', '2026-12-11'],
    ['served on the 31st: the month ends the period', '2026-08-31', '2027-03-01', '2027-05-28'],
  ])('%s', (_n, servedOn, opensOn, closesOn) => {
    expect(enforcementWindow(servedOn, S)).toEqual({ opensOn, closesOn });
  });

  const c = { ...facts(), demandServedOn: '2026-04-01', demandComplyBy: '2026-04-16', enforcementAppliedOn: null };
  it.each([
    ['the first day after the suit period', c, '2026-09-12', null],
    ['the last day of the suit period', c, '2026-09-11', '2026-09-12 起方可申请'],
    ['the last day of the three months', c, '2026-12-11', null],
    ['a day after the three months', c, '2026-12-12', '已于 2026-12-11 届满'],
    ['no 催告 first', { ...c, demandServedOn: null, demandComplyBy: null }, '2026-10-01', '应当催告当事人'],
    ["on the 催告's last day", { ...c, demandComplyBy: '2026-10-01' }, '2026-10-01', '期满当事人仍未履行的，方可申请'],
    ['already applied', { ...c, enforcementAppliedOn: '2026-10-01' }, '2026-10-02', '已于 2026-10-01 申请'],
    ['paid off', { ...c, finePaidFen: FINE }, '2026-10-01', '无需申请强制执行'],
  ])('%s', (_n, state, appliedOn, expected) => {
    const p = enforcementProblem(state, appliedOn, '2026-12-31', S);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('按日连续处罚 (安全生产法 art. 112: from the day after the order)', () => {
  const PER_DAY = 3_000_000;
  it.each([
    [
      'one 复查 ten days after the order',
      [['2026-04-11', false]],
      { fromOn: '2026-04-02', throughOn: '2026-04-11', days: 10, correctedOn: null },
    ],
    ['the next day', [['2026-04-02', false]], { fromOn: '2026-04-02', throughOn: '2026-04-02', days: 1, correctedOn: null }],
    [
      'refusing at two 复查',
      [
        ['2026-04-11', false],
        ['2026-04-21', false],
      ],
      { fromOn: '2026-04-02', throughOn: '2026-04-21', days: 20, correctedOn: null },
    ],
    [
      'corrected at the second',
      [
        ['2026-04-21', true],
        ['2026-04-11', false],
      ],
      { fromOn: '2026-04-02', throughOn: '2026-04-11', days: 10, correctedOn: '2026-04-21' },
    ],
  ] as [string, [string, boolean][], object][])('%s', (_n, rechecks, expected) => {
    const r = dailyFine(PER_DAY, { orderedOn: '2026-04-01', rechecks: rechecks.map(([on, corrected]) => ({ on, corrected })) });
    expect(r).toEqual({ ...expected, totalFen: PER_DAY * (expected as { days: number }).days });
  });
  it.each([
    ['corrected at the first 复查', [['2026-04-11', true]], '不适用按日连续处罚'],
    ['a 复查 on the order day', [['2026-04-01', false]], '应晚于责令改正日期'],
    [
      'a refusal recorded after correction',
      [
        ['2026-04-11', true],
        ['2026-04-21', false],
      ],
      '之后不应再有复查记录',
    ],
    [
      'two 复查 on one day',
      [
        ['2026-04-11', false],
        ['2026-04-11', true],
      ],
      '同一天只能记录一次复查',
    ],
  ] as [string, [string, boolean][], string][])('refused: %s', (_n, rechecks, expected) => {
    expect(dailyFine(PER_DAY, { orderedOn: '2026-04-01', rechecks: rechecks.map(([on, corrected]) => ({ on, corrected })) })).toContain(
      expected,
    );
  });
  const a = {
    code: 'SAFL-99',
    orderNo: '中应急责改〔2026〕3号',
    orderedOn: '2026-04-01',
    rechecks: [{ on: '2026-04-11', corrected: false }],
  };
  it.each([
    ['fined, ordered after the decision', { decidedOn: '2026-03-10', unitFineFen: PER_DAY, recorded: false }, a, null],
    ['no unit fine for that violation', { decidedOn: '2026-03-10', unitFineFen: 0, recorded: false }, a, '受到罚款处罚为前提'],
    ['ordered before the fine', { decidedOn: '2026-04-02', unitFineFen: PER_DAY, recorded: false }, a, '早于罚款决定日期'],
    ['recorded already', { decidedOn: '2026-03-10', unitFineFen: PER_DAY, recorded: true }, a, '已记录'],
    [
      'a 复查 in the future',
      { decidedOn: '2026-03-10', unitFineFen: PER_DAY, recorded: false },
      { ...a, rechecks: [{ on: '2026-05-02', corrected: false }] },
      '晚于今天',
    ],
  ])('%s', (_n, c, action, expected) => {
    const p = dailyFineProblem(c, action, '2026-05-01');
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('提请关闭 (安全生产法 art. 113)', () => {
  const ON = '2026-06-20';
  it.each([
    ['no proposal, no ground', false, null, [], null],
    ['a ground without a proposal', false, 'major_accident', [], '不需要选择关闭情形'],
    ['a proposal without a ground', true, null, [], '须选择'],
    ['accident ground: no count', true, 'major_accident', [], null],
    // this case's penalty counts: two earlier within 180 days make three
    ['two earlier within 180 days (179 days back)', true, 'repeat_penalties', ['2025-12-23', '2026-03-01'], null],
    ['the earliest 180 days back', true, 'repeat_penalties', ['2025-12-22', '2026-03-01'], '一百八十日内 2 次'],
    ['three earlier within a year', true, 'repeat_penalties', ['2025-06-21', '2025-12-01', '2026-03-01'], null],
    ['the earliest a year back to the day', true, 'repeat_penalties', ['2025-06-20', '2025-12-01', '2026-03-01'], '一年内 3 次'],
  ] as [string, boolean, never, string[], string | null][])('%s', (_n, proposes, ground, dates, expected) => {
    const p = closureProblem(proposes, ground, dates, ON);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});
