import { describe, expect, it } from 'vitest';
import {
  caseClocks,
  continuingFineFen,
  decisionDeadlineProblem,
  decisionDueOn,
  deliberationReasons,
  hearingEligible,
  hearingNoticeProblem,
  hearingRequestProblem,
  heavierPenaltyProblem,
  legalReviewReasons,
  limitationProblem,
  noticeProblem,
  paymentDueOn,
  serviceDueOn,
  simpleProcedureProblem,
  surchargeFen,
  type TClockFacts,
} from './case-clock.rules';
import { DEFAULT_WORK_CALENDAR as CAL } from '../shared/workdays';
import { DEFAULT_CASE_PROCEDURE as S } from './case.settings';
import { penaltyFacts } from './case-penalty-facts.fixture';

const facts = penaltyFacts;

describe('collective deliberation (art. 57 + bureau rule)', () => {
  it.each([
    ['individual fine 4,999 yuan', facts({ fines: [{ target: 'person', fineFen: 499_900 }] }), false],
    ['individual fine 5,000 yuan', facts({ fines: [{ target: 'person', fineFen: 500_000 }] }), true],
    ['unit fine 50,000 yuan (no unit threshold by default)', facts({ fines: [{ target: 'unit', fineFen: 5_000_000 }] }), false],
    ['any confiscation', facts({ confiscationFen: 1 }), true],
    ['complex case', facts({ complex: true }), true],
    ['simple procedure never', facts({ procedure: 'simple', complex: true }), false],
  ])('%s', (_l, f, required) => {
    expect(deliberationReasons(f, S).length > 0).toBe(required);
  });
  it('a unit threshold when the bureau sets one', () => {
    expect(
      deliberationReasons(facts({ fines: [{ target: 'unit', fineFen: 5_000_000 }] }), { ...S, deliberationUnitFineFen: 5_000_000 }),
    ).toHaveLength(1);
    expect(
      deliberationReasons(facts({ fines: [{ target: 'unit', fineFen: 4_999_999 }] }), { ...S, deliberationUnitFineFen: 5_000_000 }),
    ).toHaveLength(0);
  });
  it('names the threshold in yuan', () => {
    expect(deliberationReasons(facts({ fines: [{ target: 'person', fineFen: 500_000 }] }), S)[0]).toContain('5,000 元');
  });
});

describe('legal review (art. 58) and hearing eligibility (art. 63)', () => {
  it.each([
    ['plain small fine', facts({ fines: [{ target: 'unit', fineFen: 100_000 }] }), false],
    ['major public interest', facts({ majorPublicInterest: true }), true],
    ['complex', facts({ complex: true }), true],
    ['unit fine 99,999.99 yuan', facts({ fines: [{ target: 'unit', fineFen: 9_999_999 }] }), false],
    ['unit fine 100,000 yuan (hearing case)', facts({ fines: [{ target: 'unit', fineFen: 10_000_000 }] }), true],
    ['person fine 5,000 yuan (hearing case)', facts({ fines: [{ target: 'person', fineFen: 500_000 }] }), true],
    ['停产停业', facts({ otherPenalties: ['suspend_production'] }), true],
    ['simple procedure', facts({ procedure: 'simple', majorPublicInterest: true }), false],
  ])('%s', (_l, f, required) => {
    expect(legalReviewReasons(f, S).length > 0).toBe(required);
  });
  it('bureau additions: every general case, or from a fine amount', () => {
    expect(legalReviewReasons(facts(), { ...S, legalReviewAllGeneral: true })).toHaveLength(1);
    expect(
      legalReviewReasons(facts({ fines: [{ target: 'unit', fineFen: 200_000 }] }), { ...S, legalReviewFineFen: 200_000 }),
    ).toHaveLength(1);
    expect(
      legalReviewReasons(facts({ fines: [{ target: 'unit', fineFen: 199_999 }] }), { ...S, legalReviewFineFen: 200_000 }),
    ).toHaveLength(0);
  });
  it('hearing: confiscation threshold; warning alone is not', () => {
    expect(hearingEligible(facts({ confiscationFen: 3_000_000 }), S)).toBe(true);
    expect(hearingEligible(facts({ confiscationFen: 2_999_999 }), S)).toBe(false);
    expect(hearingEligible(facts({ otherPenalties: ['warning'] }), S)).toBe(false);
  });
});

describe('the 90-day decision clock (art. 60)', () => {
  it('day 90 allowed, day 91 refused; extensions add days', () => {
    expect(decisionDueOn('2026-01-01', [], S)).toBe('2026-04-01');
    expect(decisionDeadlineProblem('2026-01-01', [], '2026-04-01', S)).toBeNull();
    expect(decisionDeadlineProblem('2026-01-01', [], '2026-04-02', S)).toContain('第六十条');
    expect(decisionDeadlineProblem('2026-01-01', [30], '2026-04-02', S)).toBeNull();
    expect(decisionDueOn('2026-01-01', [30, 15], S)).toBe('2026-05-16');
  });
});

// Art. 85: the procedure's periods of up to ten days count working days (2026: 9-25…9-27 and 10-1…10-7 off, 10-10 worked).
describe('hearing request within 5 working days, notice 7 working days before (arts. 63–64, 85)', () => {
  it.each([
    ['2026-09-24', '2026-09-24', null, 'on the day of the notice'],
    ['2026-09-24', '2026-09-29', null, 'five calendar days on: only two working days'],
    ['2026-09-24', '2026-10-09', null, 'the fifth working day, after National Day'],
    ['2026-09-24', '2026-10-10', '第六十四条', 'the day after, a Saturday worked'],
    ['2026-03-01', '2026-03-06', null, 'notified on a Sunday: the Friday is the fifth working day'],
    ['2026-03-01', '2026-03-07', '第六十四条', 'the Saturday after'],
    ['2026-03-01', '2026-02-28', '早于告知日期', 'before the notice'],
  ])('notified %s, requested %s → %s (%s)', (notifiedOn, requestedOn, expected, _why) => {
    const p = hearingRequestProblem(notifiedOn, requestedOn, S, CAL);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
  it.each([
    ['2026-03-02', '2026-03-11', null, 'the seventh working day after a Monday notice'],
    ['2026-03-02', '2026-03-10', '第六十四条第二项', 'the sixth: too soon'],
    ['2026-03-02', '2026-03-09', '第六十四条第二项', 'seven calendar days: too soon in working days'],
    ['2026-02-13', '2026-03-02', null, 'over the Spring Festival, counting the two Saturdays worked'],
    ['2026-02-13', '2026-02-28', '第六十四条第二项', 'the sixth working day'],
  ])('hearing noticed %s, held %s → %s (%s)', (noticeOn, hearingOn, expected, _why) => {
    const p = hearingNoticeProblem(noticeOn, hearingOn, S, CAL);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('notice before decision (arts. 44, 62, 85) and no heavier penalty (art. 45)', () => {
  const base = { notifiedOn: '2026-03-06', rightsWaived: false, hearingEligible: false, hearingRequestedOn: null, hearingHeldOn: null };
  it('no notice: refused', () => expect(noticeProblem({ ...base, notifiedOn: null }, '2026-03-10', S, CAL)).toContain('第六十二条'));
  it('statement period of 3 working days after a Friday notice: Wednesday refused, Thursday allowed', () => {
    expect(noticeProblem(base, '2026-03-09', S, CAL)).toContain('第四十四条');
    expect(noticeProblem(base, '2026-03-11', S, CAL)).toContain('第四十四条');
    expect(noticeProblem(base, '2026-03-12', S, CAL)).toBeNull();
  });
  it('hearing case: 5 working days, the next Friday refused, the Saturday after allowed; waived at once allowed', () => {
    expect(noticeProblem({ ...base, hearingEligible: true }, '2026-03-13', S, CAL)).not.toBeNull();
    expect(noticeProblem({ ...base, hearingEligible: true }, '2026-03-14', S, CAL)).toBeNull();
    expect(noticeProblem({ ...base, hearingEligible: true, rightsWaived: true }, '2026-03-06', S, CAL)).toBeNull();
  });
  it('a requested hearing must be held first', () => {
    expect(noticeProblem({ ...base, hearingEligible: true, hearingRequestedOn: '2026-03-09' }, '2026-03-30', S, CAL)).toContain(
      '第六十五条',
    );
  });
  it('heavier than noticed', () => {
    expect(heavierPenaltyProblem(500_000, 500_000, true)).toBeNull();
    expect(heavierPenaltyProblem(500_000, 400_000, true)).toBeNull();
    expect(heavierPenaltyProblem(500_000, 500_001, true)).toContain('第四十五条');
    expect(heavierPenaltyProblem(500_000, 500_001, false)).toContain('重新告知');
  });
});

describe('service, payment, surcharge (arts. 61, 67, 72)', () => {
  it('due dates', () => {
    // service: 7 working days (art. 85); payment: 15 calendar days
    expect(serviceDueOn('2026-03-01', S, CAL)).toBe('2026-03-10');
    expect(serviceDueOn('2026-02-13', S, CAL)).toBe('2026-03-02');
    expect(serviceDueOn('2026-09-30', S, CAL)).toBe('2026-10-15');
    expect(paymentDueOn('2026-03-01', S)).toBe('2026-03-16');
  });
  it.each([
    ['on the due day', '2026-03-16', 0],
    ['1 day late', '2026-03-17', 3_000],
    ['10 days late', '2026-03-26', 30_000],
    ['33 days late: 99 %', '2026-04-18', 99_000],
    ['34 days late: capped at the fine', '2026-04-19', 100_000],
    ['a year late: capped', '2027-03-16', 100_000],
  ])('%s', (_l, paidOn, expected) => {
    expect(surchargeFen(100_000, '2026-03-16', paidOn, S)).toBe(expected);
  });
});

describe('limitation (art. 36) and simple procedure (art. 51)', () => {
  it('2 years: the last day allowed, the next refused; 5 years for harm', () => {
    expect(limitationProblem({ occurredOn: '2024-03-01', discoveredOn: '2026-03-01', harmsLifeOrHealth: false }, S)).toBeNull();
    expect(limitationProblem({ occurredOn: '2024-03-01', discoveredOn: '2026-03-02', harmsLifeOrHealth: false }, S)).toContain(
      '第三十六条',
    );
    expect(limitationProblem({ occurredOn: '2021-03-01', discoveredOn: '2026-03-01', harmsLifeOrHealth: true }, S)).toBeNull();
    expect(limitationProblem({ occurredOn: '2021-03-01', discoveredOn: '2026-03-02', harmsLifeOrHealth: true }, S)).toContain('5 年');
  });
  it.each([
    ['person 200 yuan', 'person', 20_000, false, null],
    ['person 201 yuan', 'person', 20_100, false, '第五十一条'],
    ['unit 3,000 yuan', 'unit', 300_000, false, null],
    ['unit 3,000.01 yuan', 'unit', 300_001, false, '第五十一条'],
    ['warning only', 'unit', 0, true, null],
  ] as const)('%s', (_l, target, fineFen, warningOnly, expected) => {
    const p = simpleProcedureProblem({ target, fineFen, warningOnly }, S);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('continuing fine (安全生产法 art. 112)', () => {
  it('the original fine per day from the day after the order', () => {
    expect(continuingFineFen(1_000_000, '2026-03-01', '2026-03-01')).toBe(0);
    expect(continuingFineFen(1_000_000, '2026-03-01', '2026-03-02')).toBe(1_000_000);
    expect(continuingFineFen(1_000_000, '2026-03-01', '2026-03-11')).toBe(10_000_000);
  });
});

describe('clocks on read', () => {
  const c: TClockFacts = {
    stage: 'investigating',
    filedOn: '2026-01-01',
    extensionDays: [],
    decidedOn: null,
    notifiedOn: null,
    hearingEligible: false,
    hearingRequestedOn: null,
    servedOn: null,
    fineDecidedFen: 0,
    finePaidFen: 0,
    paidOffOn: null,
    occurredOn: '2025-12-01',
    harmsLifeOrHealth: false,
    discoveredOn: '2025-12-20',
  };
  it.each([
    ['2026-03-24', 'running', 8],
    ['2026-03-25', 'due_soon', 7],
    ['2026-04-01', 'due_soon', 0],
    ['2026-04-02', 'overdue', -1],
  ])('decision clock on %s', (today, state, daysLeft) => {
    const [clock] = caseClocks(c, today, S, CAL);
    expect(clock).toMatchObject({ kind: 'decision', dueOn: '2026-04-01', state, daysLeft });
  });
  it('met / missed once decided; payment clock after service', () => {
    const served = (servedOn: string) =>
      caseClocks({ ...c, stage: 'served', decidedOn: '2026-03-01', servedOn, fineDecidedFen: 100 }, '2026-04-10', S, CAL);
    // decided on a Sunday: the seventh working day is Tuesday 03-10
    expect(served('2026-03-10').map((x) => [x.kind, x.state])).toEqual([
      ['decision', 'met'],
      ['service', 'met'],
      ['payment', 'overdue'],
    ]);
    expect(served('2026-03-11').map((x) => [x.kind, x.state])).toEqual([
      ['decision', 'met'],
      ['service', 'missed'],
      ['payment', 'overdue'],
    ]);
  });
});
