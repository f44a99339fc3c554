import { describe, expect, it } from 'vitest';
import { DEFAULT_WORK_CALENDAR } from '../shared/workdays';
import type { TActor } from '../org/org.policy';
import { legalReviewReasons } from './case-clock.rules';
import { caseTransitionProblem, penaltyFacts, type TCaseRuleState } from './case.rules';
import type { TCaseAction, TPropose } from './case.schema';
import { DEFAULT_CASE_PROCEDURE } from './case.settings';
import { VIOLATION_CATALOGUE } from './violation.data';

// The proposal (调查终结) and decision against the fine tiers, art. 114 and arts. 32–33 of 行政处罚法.
const NOW = new Date('2026-03-20T04:00:00Z');
const settings = { procedure: DEFAULT_CASE_PROCEDURE, violations: VIOLATION_CATALOGUE, calendar: DEFAULT_WORK_CALENDAR };
const officer: TActor = { id: 1, role: 'town_officer', divisionCode: '442000107' };
const leader: TActor = { id: 5, role: 'bureau_leader', divisionCode: '4420' };
const W = 1_000_000;

const investigating = (o: Partial<TCaseRuleState> = {}): TCaseRuleState => ({
  procedure: 'general',
  stage: 'investigating',
  divisionCode: '442000107',
  officerIds: [1, 2],
  occurredOn: '2026-01-10',
  discoveredOn: '2026-01-15',
  harmsLifeOrHealth: false,
  filedOn: '2026-01-16',
  evidenceCount: 2,
  violationCodes: ['SAFL-99', 'SAFL-114'],
  penalty: null,
  legalReviewPassedAt: null,
  deliberatedAt: null,
  notifiedOn: null,
  noticeFineFen: null,
  rightsWaived: false,
  argued: false,
  hearingRequestedOn: null,
  hearingOn: null,
  hearingChairId: null,
  hearingHeldOn: null,
  extensionDays: [],
  decidedOn: null,
  fineDecidedFen: 0,
  finePaidFen: 0,
  servedOn: null,
  sourceAccidentGrade: null,
  paymentPlan: null,
  demandServedOn: null,
  demandComplyBy: null,
  enforcementAppliedOn: null,
  dailyFineRecorded: false,
  unitFinesByCode: {},
  firmPenaltyDates: [],
  ...o,
});

const ORDER = {
  orderNo: '坦洲应急责改〔2026〕3号',
  orderedOn: '2026-02-02',
  deadline: '2026-02-20',
  recheckedOn: '2026-02-21',
  recheckUnmet: true,
};
const propose = (violations: TPropose['violations'], o: Partial<TPropose> = {}): TCaseAction => ({
  kind: 'propose',
  findings: '逾期未改正',
  violations,
  confiscationFen: 0,
  otherPenalties: [],
  complex: false,
  majorPublicInterest: false,
  ...o,
});

describe('propose (and notice): tiers, art. 114, 减轻', () => {
  it.each<[string, TCaseRuleState, TCaseAction, string | null]>([
    [
      'person fine of art. 99 at the first offence',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'person', circumstance: 'general', fineFen: 1.5 * W }]),
      '《安全生产法》第九十九条：对直接负责的主管人员和其他直接责任人员罚款须以逾期未改正为前提，请先登记责令限期改正指令及复查情况',
    ],
    [
      'tier-2 person fine with the overdue order',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'person', tier: 2, circumstance: 'general', fineFen: 1.5 * W }], { order: ORDER }),
      null,
    ],
    [
      'a notice with no proposal',
      investigating({ stage: 'legal_review', legalReviewPassedAt: '2026-03-19T02:00:00Z' }),
      { kind: 'notify', notifiedOn: '2026-03-20', method: 'direct' },
      '尚未提出处罚意见',
    ],
    [
      'a 复查 dated after today',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'unit', tier: 2, circumstance: 'grave', fineFen: 20 * W }], {
        order: { ...ORDER, recheckedOn: '2026-03-21' },
      }),
      '复查日期 2026-03-21 晚于今天',
    ],
    [
      'tier-2 unit fine of 20万 with the overdue order',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'unit', tier: 2, circumstance: 'grave', fineFen: 20 * W }], { order: ORDER }),
      null,
    ],
    [
      'tier-2 unit fine whose 复查 found it corrected',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'unit', tier: 2, circumstance: 'grave', fineFen: 20 * W }], {
        order: { ...ORDER, recheckUnmet: false },
      }),
      '复查认定已经改正',
    ],
    [
      '停产停业整顿 with a first-tier fine of art. 99',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'unit', circumstance: 'general', fineFen: 2 * W }], { otherPenalties: ['suspend_production'] }),
      '责令停产停业整顿须以逾期未改正（拒不执行）为前提',
    ],
    [
      '停产停业整顿 with the second tier of art. 99',
      investigating(),
      propose([{ code: 'SAFL-99', target: 'unit', tier: 2, circumstance: 'grave', fineFen: 20 * W }], {
        order: ORDER,
        otherPenalties: ['suspend_production'],
      }),
      null,
    ],
    [
      'art. 114 typed by the officer when no accident record',
      investigating(),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'general', fineFen: 150 * W }], {
        accident: { grade: 'larger', aggravated: false },
      }),
      null,
    ],
    [
      'art. 114 against the accident record’s grade',
      investigating({ sourceAccidentGrade: 'general' }),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'general', fineFen: 150 * W }], {
        accident: { grade: 'larger', aggravated: false },
      }),
      '事故等级以事故记录为准（一般事故）',
    ],
    [
      'art. 114 from the accident record: 一般 caps at 100万',
      investigating({ sourceAccidentGrade: 'general' }),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'grave', fineFen: 150 * W }]),
      '超出法定幅度',
    ],
    [
      'art. 114 from the record, aggravated: 一般 up to 500万',
      investigating({ sourceAccidentGrade: 'general' }),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'grave', fineFen: 500 * W }], {
        accident: { grade: 'general', aggravated: true },
      }),
      null,
    ],
    [
      '减轻 under art. 114 without a ground',
      investigating({ sourceAccidentGrade: 'general' }),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'minor', fineFen: 20 * W }]),
      '第三十二条',
    ],
    [
      '减轻 under art. 114 with a ground',
      investigating({ sourceAccidentGrade: 'general' }),
      propose([{ code: 'SAFL-114', target: 'unit', circumstance: 'minor', fineFen: 20 * W, reductionGround: 'meritorious' }]),
      null,
    ],
  ])('%s', (_l, c, a, expected) => {
    const p = caseTransitionProblem(c, a, officer, NOW, settings);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('decide: 不予处罚 and 减轻', () => {
  const reduced = penaltyFacts('general', {
    violations: [{ code: 'SAFL-109', target: 'unit', fineFen: 4 * W, minFen: 5 * W, maxFen: 10 * W, reductionGround: 'eliminated_harm' }],
    confiscationFen: 0,
    otherPenalties: [],
    complex: false,
    majorPublicInterest: false,
  });
  const plain = penaltyFacts('general', {
    violations: [{ code: 'SAFL-109', target: 'unit', fineFen: 6 * W, minFen: 5 * W, maxFen: 10 * W }],
    confiscationFen: 0,
    otherPenalties: [],
    complex: false,
    majorPublicInterest: false,
  });
  const notified = (penalty = plain) =>
    investigating({
      stage: 'notified',
      penalty,
      notifiedOn: '2026-03-01',
      noticeFineFen: 6 * W,
      rightsWaived: true,
      legalReviewPassedAt: '2026-02-28T00:00:00Z',
      violationCodes: ['SAFL-109'],
    });
  const decide = (o: Partial<Extract<TCaseAction, { kind: 'decide' }>>): TCaseAction => ({
    kind: 'decide',
    decidedOn: '2026-03-20',
    outcome: 'penalty',
    ...o,
  });
  it.each<[string, TCaseRuleState, TCaseAction, string | null]>([
    ['不予处罚 without a ground', investigating(), decide({ outcome: 'no_penalty' }), '第三十三条'],
    [
      '不予处罚 with its ground, before legal review',
      investigating(),
      decide({ outcome: 'no_penalty', noPenaltyGround: 'no_fault' }),
      '须先经法制审核',
    ],
    [
      '不予处罚 with its ground, after legal review',
      investigating({ stage: 'legal_review', legalReviewPassedAt: '2026-03-19T02:00:00Z' }),
      decide({ outcome: 'no_penalty', noPenaltyGround: 'no_fault' }),
      null,
    ],
    ['as proposed', notified(), decide({}), null],
    [
      'below the minimum at decision, no ground',
      notified(),
      decide({ fines: [{ code: 'SAFL-109', target: 'unit', fineFen: 5 * W - 1 }] }),
      '减轻处罚',
    ],
    ['at the minimum', notified(), decide({ fines: [{ code: 'SAFL-109', target: 'unit', fineFen: 5 * W }] }), null],
    [
      'below the minimum with the ground recorded',
      notified(reduced),
      decide({ fines: [{ code: 'SAFL-109', target: 'unit', fineFen: 3 * W }] }),
      null,
    ],
  ])('%s', (_l, c, a, expected) => {
    const p = caseTransitionProblem(c, a, leader, NOW, settings);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
  it('a reduced fine goes to legal review', () => {
    expect(
      legalReviewReasons(reduced, { ...DEFAULT_CASE_PROCEDURE, legalReviewAllGeneral: false, legalReviewFineFen: 0 }).join(),
    ).toContain('减轻处罚');
    expect(
      legalReviewReasons(plain, { ...DEFAULT_CASE_PROCEDURE, legalReviewAllGeneral: false, legalReviewFineFen: 0 }).join(),
    ).not.toContain('减轻处罚');
  });
});
