import { describe, expect, it } from 'vitest';
import { DEFAULT_WORK_CALENDAR } from '../shared/workdays';
import type { TActor } from '../org/org.policy';
import { discretionProblem } from './case-discretion.rules';
import { bodyAbbreviation, formatDocumentNumber } from './case-document.rules';
import { availableCaseActions, caseTransitionProblem, penaltyFacts, type TCaseRuleState } from './case.rules';
import { nextStage } from './case-stage.rules';
import type { TCaseAction, TCaseStage } from './case.schema';
import { DEFAULT_CASE_DOCUMENTS, DEFAULT_CASE_PROCEDURE } from './case.settings';
import { VIOLATION_CATALOGUE } from './violation.data';

const NOW = new Date('2026-03-20T04:00:00Z'); // 2026-03-20 in Shanghai
const settings = { procedure: DEFAULT_CASE_PROCEDURE, violations: VIOLATION_CATALOGUE, calendar: DEFAULT_WORK_CALENDAR };
const TOWN = '442000107';
const officer: TActor = { id: 1, role: 'town_officer', divisionCode: TOWN };
const otherOfficer: TActor = { id: 9, role: 'town_officer', divisionCode: TOWN };
const leader: TActor = { id: 5, role: 'bureau_leader', divisionCode: '4420' };
const reviewer: TActor = { id: 6, role: 'legal_reviewer', divisionCode: '4420' };
const reviewerWhoInvestigated: TActor = { id: 2, role: 'legal_reviewer', divisionCode: '4420' };
const otherTown: TActor = { id: 1, role: 'town_officer', divisionCode: '442000118' };

const smallFine = penaltyFacts('general', {
  violations: [{ code: 'SAFL-99', target: 'unit', fineFen: 500_000 }],
  confiscationFen: 0,
  otherPenalties: [],
  complex: false,
  majorPublicInterest: false,
});
const bigPersonFine = penaltyFacts('general', {
  violations: [{ code: 'SAFL-99', target: 'person', fineFen: 1_500_000 }],
  confiscationFen: 0,
  otherPenalties: [],
  complex: false,
  majorPublicInterest: false,
});

function state(stage: TCaseStage, o: Partial<TCaseRuleState> = {}): TCaseRuleState {
  const later = (s: TCaseStage[]) => s.includes(stage);
  return {
    procedure: 'general',
    stage,
    divisionCode: TOWN,
    officerIds: [1, 2],
    occurredOn: '2026-01-10',
    discoveredOn: '2026-01-15',
    harmsLifeOrHealth: false,
    filedOn: stage === 'pending_filing' ? null : '2026-01-16',
    evidenceCount: 2,
    violationCodes: ['SAFL-99'],
    penalty: later(['pending_filing', 'filed', 'investigating']) ? null : smallFine,
    legalReviewPassedAt: null,
    deliberatedAt: null,
    notifiedOn: later(['notified', 'hearing', 'decided', 'served', 'executing', 'paid']) ? '2026-03-01' : null,
    noticeFineFen: later(['notified', 'hearing', 'decided', 'served', 'executing', 'paid']) ? 500_000 : null,
    rightsWaived: false,
    argued: false,
    hearingRequestedOn: null,
    hearingOn: null,
    hearingChairId: null,
    hearingHeldOn: null,
    extensionDays: [],
    decidedOn: later(['decided', 'served', 'executing', 'paid']) ? '2026-03-10' : null,
    fineDecidedFen: later(['decided', 'served', 'executing', 'paid']) ? 500_000 : 0,
    finePaidFen: stage === 'paid' ? 500_000 : 0,
    servedOn: later(['served', 'executing', 'paid']) ? '2026-03-11' : null,
    sourceAccidentGrade: null,
    paymentPlan: null,
    demandServedOn: null,
    demandComplyBy: null,
    enforcementAppliedOn: null,
    dailyFineRecorded: false,
    unitFinesByCode: {},
    firmPenaltyDates: [],
    ...o,
  };
}

const A = {
  approve_filing: { kind: 'approve_filing' },
  start_investigation: { kind: 'start_investigation' },
  propose: {
    kind: 'propose',
    findings: '未设置警示标志',
    violations: [{ code: 'SAFL-99', target: 'unit', circumstance: 'general', fineFen: 1_500_000 }],
    confiscationFen: 0,
    otherPenalties: [],
    complex: false,
    majorPublicInterest: false,
  },
  request_legal_review: { kind: 'request_legal_review' },
  legal_review_pass: { kind: 'legal_review', result: 'pass', opinion: '事实清楚' },
  legal_review_return: { kind: 'legal_review', result: 'return', opinion: '证据不足' },
  request_deliberation: { kind: 'request_deliberation' },
  deliberate: { kind: 'deliberate', result: 'agree', heldOn: '2026-03-19', participants: ['甲', '乙', '丙'], conclusion: '同意' },
  notify: { kind: 'notify', notifiedOn: '2026-03-20', method: 'direct' },
  record_statement: { kind: 'record_statement', statement: '已整改', receivedOn: '2026-03-20' },
  waive_rights: { kind: 'waive_rights', waivedOn: '2026-03-20' },
  request_hearing: { kind: 'request_hearing', requestedOn: '2026-03-04' },
  schedule_hearing: { kind: 'schedule_hearing', hearingOn: '2026-03-31', chairId: 7, place: '局会议室' },
  conclude_hearing: { kind: 'conclude_hearing', heldOn: '2026-03-20', summary: '听证' },
  decide: { kind: 'decide', decidedOn: '2026-03-20', outcome: 'penalty' },
  no_penalty: { kind: 'decide', decidedOn: '2026-03-20', outcome: 'no_penalty', noPenaltyGround: 'minor_corrected' },
  decide_on_spot: {
    kind: 'decide_on_spot',
    decidedOn: '2026-03-20',
    violation: { code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen: 200_000 },
    warningOnly: false,
  },
  serve: { kind: 'serve', servedOn: '2026-03-12', method: 'direct', recipient: '张三' },
  pay_part: { kind: 'record_payment', paidOn: '2026-03-20', principalFen: 200_000 },
  pay_all: { kind: 'record_payment', paidOn: '2026-03-20', principalFen: 500_000 },
  extend: { kind: 'extend', days: 30, reason: '案情复杂' },
  close: { kind: 'close', closedOn: '2026-03-20' },
  withdraw: { kind: 'withdraw', reason: '不构成违法' },
} satisfies Record<string, TCaseAction>;
type TA = keyof typeof A;

describe('allowed transitions', () => {
  it.each<[string, TCaseRuleState, TA, TActor, TCaseStage]>([
    ['filing approved by a leader', state('pending_filing'), 'approve_filing', leader, 'filed'],
    ['investigation starts', state('filed'), 'start_investigation', officer, 'investigating'],
    ['proposal within the band', state('investigating'), 'propose', officer, 'proposed'],
    ['sent to legal review', state('proposed'), 'request_legal_review', officer, 'legal_review'],
    ['legal review passes', state('legal_review'), 'legal_review_pass', reviewer, 'legal_review'],
    ['legal review returns the case', state('legal_review'), 'legal_review_return', reviewer, 'investigating'],
    ['to deliberation after review', state('legal_review', { legalReviewPassedAt: 'x' }), 'request_deliberation', officer, 'deliberation'],
    ['deliberation agrees', state('deliberation'), 'deliberate', leader, 'deliberation'],
    ['notice of a small fine, no review needed', state('proposed'), 'notify', officer, 'notified'],
    [
      'notice after review and deliberation',
      state('deliberation', { penalty: bigPersonFine, legalReviewPassedAt: 'x', deliberatedAt: 'y' }),
      'notify',
      officer,
      'notified',
    ],
    ['statement recorded', state('notified'), 'record_statement', officer, 'notified'],
    ['rights waived', state('notified'), 'waive_rights', officer, 'notified'],
    [
      'hearing asked on day 3',
      state('notified', { penalty: bigPersonFine, legalReviewPassedAt: 'x', deliberatedAt: 'y' }),
      'request_hearing',
      officer,
      'hearing',
    ],
    [
      'hearing scheduled 7 working days ahead (Friday → Tuesday after next), chair not an officer',
      state('hearing', { hearingRequestedOn: '2026-03-03' }),
      'schedule_hearing',
      officer,
      'hearing',
    ],
    [
      'hearing concluded',
      state('hearing', { hearingRequestedOn: '2026-03-03', hearingOn: '2026-03-18' }),
      'conclude_hearing',
      officer,
      'legal_review',
    ],
    ['decision after the rights period', state('notified'), 'decide', leader, 'decided'],
    ['不予处罚 sent to legal review from the investigation', state('investigating'), 'request_legal_review', officer, 'legal_review'],
    [
      '不予处罚 after the legal review, without a proposal',
      state('legal_review', { penalty: null, legalReviewPassedAt: '2026-03-19T02:00:00Z' }),
      'no_penalty',
      leader,
      'decided',
    ],
    [
      'decision after a hearing, reviewed and deliberated again on its record',
      state('deliberation', {
        penalty: bigPersonFine,
        notifiedOn: '2026-03-01',
        legalReviewPassedAt: 'x',
        deliberatedAt: 'y',
        noticeFineFen: 1_500_000,
        hearingRequestedOn: '2026-03-03',
        hearingOn: '2026-03-18',
        hearingHeldOn: '2026-03-18',
      }),
      'decide',
      leader,
      'decided',
    ],
    ['served', state('decided'), 'serve', officer, 'served'],
    ['part paid', state('served'), 'pay_part', officer, 'executing'],
    ['all paid', state('executing', { finePaidFen: 300_000 }), 'pay_part', officer, 'paid'],
    ['closed when paid', state('paid'), 'close', leader, 'closed'],
    ['closed: no fine', state('served', { fineDecidedFen: 0 }), 'close', leader, 'closed'],
    ['extension approved', state('investigating'), 'extend', leader, 'investigating'],
    ['filing withdrawn', state('investigating'), 'withdraw', leader, 'withdrawn'],
    ['on-the-spot fine of 2,000 yuan on a unit', state('pending_filing', { procedure: 'simple' }), 'decide_on_spot', officer, 'served'],
  ])('%s', (_l, c, a, actor, to) => {
    expect(caseTransitionProblem(c, A[a], actor, NOW, settings)).toBeNull();
    expect(nextStage(c, A[a])).toBe(to);
  });
});

// a 15,000-yuan fine on a person (hearing and deliberation case), heard on 03-18; conclude_hearing cleared the first reviews
const HEARD: Partial<TCaseRuleState> = {
  penalty: bigPersonFine,
  notifiedOn: '2026-03-01',
  noticeFineFen: 1_500_000,
  hearingRequestedOn: '2026-03-03',
  hearingOn: '2026-03-18',
  hearingHeldOn: '2026-03-18',
};

describe('after a hearing: legal review and collective deliberation again (行政处罚法 arts. 58, 65)', () => {
  it('walks review → deliberation → decision, each step refused until the one before it', () => {
    let c = state('legal_review', { ...HEARD });
    expect(availableCaseActions(c, reviewer)).toContain('legal_review');
    expect(caseTransitionProblem(c, A.legal_review_pass, reviewer, NOW, settings)).toBeNull();
    c = { ...c, stage: nextStage(c, A.legal_review_pass), legalReviewPassedAt: '2026-03-19T02:00:00Z' };
    expect(caseTransitionProblem(c, A.decide, leader, NOW, settings)).toContain('集体讨论');
    expect(caseTransitionProblem(c, A.request_deliberation, officer, NOW, settings)).toBeNull();
    c = { ...c, stage: nextStage(c, A.request_deliberation) };
    c = { ...c, stage: nextStage(c, A.deliberate), deliberatedAt: '2026-03-19T06:00:00Z' };
    expect(c.stage).toBe('deliberation');
    expect(caseTransitionProblem(c, A.decide, leader, NOW, settings)).toBeNull();
  });
  it('a hearing case that needs no deliberation is decided after the second review', () => {
    const unitFine = penaltyFacts('general', {
      violations: [{ code: 'SAFL-99', target: 'unit', fineFen: 10_000_000 }],
      confiscationFen: 0,
      otherPenalties: [],
      complex: false,
      majorPublicInterest: false,
    });
    const c = state('legal_review', { ...HEARD, penalty: unitFine, noticeFineFen: 10_000_000, legalReviewPassedAt: 'x' });
    expect(caseTransitionProblem(c, A.decide, leader, NOW, settings)).toBeNull();
    expect(caseTransitionProblem({ ...c, legalReviewPassedAt: null }, A.decide, leader, NOW, settings)).toContain('第六十五条');
  });
  it('a proposal changed after the hearing is notified again (art. 44)', () => {
    const lighter = penaltyFacts('general', {
      violations: [{ code: 'SAFL-99', target: 'person', fineFen: 1_200_000 }],
      confiscationFen: 0,
      otherPenalties: [],
      complex: false,
      majorPublicInterest: false,
    });
    const c = state('deliberation', { ...HEARD, penalty: lighter, legalReviewPassedAt: 'x', deliberatedAt: 'y' });
    expect(caseTransitionProblem(c, A.notify, officer, NOW, settings)).toBeNull();
  });
  it('a case without a hearing keeps the first pass: reviewed and deliberated before notice, decided after it', () => {
    const c = state('notified', {
      penalty: bigPersonFine,
      noticeFineFen: 1_500_000,
      legalReviewPassedAt: 'x',
      deliberatedAt: 'y',
      rightsWaived: true,
    });
    expect(caseTransitionProblem(c, A.decide, leader, NOW, settings)).toBeNull();
  });
});

describe('refused transitions', () => {
  it.each<[string, TCaseRuleState, TCaseAction, TActor, string]>([
    ['no permission', state('pending_filing'), A.approve_filing, officer, '没有“批准立案”的权限'],
    ['out of scope', state('filed'), A.start_investigation, otherTown, '不在您的管辖范围内'],
    ['not an officer of the case', state('filed'), A.start_investigation, otherOfficer, '只有本案承办人'],
    [
      'filing past the 2-year limitation',
      state('pending_filing', { occurredOn: '2024-01-14', discoveredOn: '2026-01-15' }),
      A.approve_filing,
      leader,
      '第三十六条',
    ],
    ['filing approver is an officer', state('pending_filing', { officerIds: [5, 2] }), A.approve_filing, leader, '不能是本案承办人'],
    ['wrong stage', state('filed'), A.propose, officer, '不能调查终结'],
    ['proposal without evidence', state('investigating', { evidenceCount: 0 }), A.propose, officer, '第四十条'],
    [
      'fine outside the band without reason',
      state('investigating'),
      { ...A.propose, violations: [{ code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen: 2_000_000 }] },
      officer,
      '须书面说明理由',
    ],
    [
      'fine above the law',
      state('investigating'),
      {
        ...A.propose,
        violations: [{ code: 'SAFL-99', target: 'unit', circumstance: 'grave', fineFen: 5_000_100, outsideBandReason: '严重' }],
      },
      officer,
      '超出法定幅度',
    ],
    [
      'violation not filed',
      state('investigating'),
      { ...A.propose, violations: [{ code: 'SAFL-97', target: 'unit', circumstance: 'minor', fineFen: 100 }] },
      officer,
      '不是本案立案的违法行为',
    ],
    [
      'reviewer who investigated (回避)',
      state('legal_review', { officerIds: [1, 2] }),
      A.legal_review_pass,
      reviewerWhoInvestigated,
      '第四十三条',
    ],
    [
      'deliberation before the required review',
      state('proposed', { penalty: bigPersonFine }),
      A.request_deliberation,
      officer,
      '第五十八条',
    ],
    [
      'notice before deliberation',
      state('legal_review', { penalty: bigPersonFine, legalReviewPassedAt: 'x' }),
      A.notify,
      officer,
      '第五十七条',
    ],
    ['decision before legal review', state('proposed', { penalty: bigPersonFine }), A.decide, leader, '第五十八条'],
    [
      'decision before deliberation',
      state('notified', { penalty: bigPersonFine, legalReviewPassedAt: 'x' }),
      A.decide,
      leader,
      '第五十七条',
    ],
    ['decision without notice', state('proposed'), A.decide, leader, '第六十二条'],
    ['decision inside the rights period', state('notified', { notifiedOn: '2026-03-18' }), A.decide, leader, '第四十四条'],
    [
      'decision heavier after argument',
      state('notified', { argued: true }),
      { ...A.decide, fines: [{ code: 'SAFL-99', target: 'unit', fineFen: 600_000 }] },
      leader,
      '第四十五条',
    ],
    ['decision after day 90', state('notified', { filedOn: '2025-12-19' }), A.decide, leader, '第六十条'],
    ['hearing not available for a small fine', state('notified'), A.request_hearing, officer, '第六十三条'],
    [
      'hearing asked on day 6',
      state('notified', { penalty: bigPersonFine }),
      { kind: 'request_hearing', requestedOn: '2026-03-07' },
      officer,
      '第六十四条第一项',
    ],
    [
      'hearing chaired by an officer',
      state('hearing', { hearingRequestedOn: '2026-03-03' }),
      { ...A.schedule_hearing, chairId: 2 },
      officer,
      '第六十四条第四项',
    ],
    [
      'hearing with 6 days notice',
      state('hearing', { hearingRequestedOn: '2026-03-03' }),
      { ...A.schedule_hearing, hearingOn: '2026-03-26' },
      officer,
      '第六十四条第二项',
    ],
    [
      'decision while a hearing is pending',
      state('hearing', { penalty: bigPersonFine, legalReviewPassedAt: 'x', deliberatedAt: 'y', hearingRequestedOn: '2026-03-03' }),
      A.decide,
      leader,
      '第六十五条',
    ],
    [
      'decision after a hearing without the second legal review',
      state('legal_review', { ...HEARD, legalReviewPassedAt: null, deliberatedAt: null }),
      A.decide,
      leader,
      '须根据听证笔录再次进行法制审核',
    ],
    [
      'decision after a hearing reviewed again but not deliberated again',
      state('legal_review', { ...HEARD, legalReviewPassedAt: 'x', deliberatedAt: null }),
      A.decide,
      leader,
      '须根据听证笔录再次由行政机关负责人集体讨论',
    ],
    [
      'a second notice after the hearing',
      state('legal_review', { ...HEARD, legalReviewPassedAt: 'x' }),
      A.notify,
      officer,
      '处罚意见未变，不再告知',
    ],
    ['served before decided', state('decided'), { ...A.serve, servedOn: '2026-03-09' }, officer, '早于决定日期'],
    ['overpayment', state('served'), { ...A.pay_all, principalFen: 500_001 }, officer, '超过尚欠罚款'],
    ['closing with the fine unpaid', state('served', { finePaidFen: 100 }), A.close, leader, '未缴清'],
    ['withdraw after decision', state('decided'), A.withdraw, leader, '不能撤销立案'],
    ['a penalty straight from the investigation', state('investigating'), A.decide, leader, '第六十二条'],
    ['decide twice', state('decided'), A.no_penalty, leader, '不能作出处罚决定'],
    [
      'on-the-spot fine of 3,001 yuan on a unit',
      state('pending_filing', { procedure: 'simple' }),
      {
        ...A.decide_on_spot,
        violation: { code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen: 300_100, outsideBandReason: null },
      },
      officer,
      '第五十一条',
    ],
    ['on the spot in a general case', state('pending_filing'), A.decide_on_spot, officer, '普通程序案件不能当场处罚'],
    ['simple case cannot be filed', state('pending_filing', { procedure: 'simple' }), A.approve_filing, leader, '简易程序案件不能'],
    ['a future date', state('decided'), { ...A.serve, servedOn: '2026-03-21' }, officer, '晚于今天'],
  ])('%s', (_l, c, a, actor, message) => {
    expect(caseTransitionProblem(c, a, actor, NOW, settings)).toContain(message);
  });
});

describe('available actions', () => {
  it('a notified case: the officer may record, waive, ask; the leader decides', () => {
    expect(availableCaseActions(state('notified'), officer)).toEqual(['record_statement', 'waive_rights', 'request_hearing']);
    expect(availableCaseActions(state('notified'), leader)).toEqual(['decide', 'extend']);
    expect(availableCaseActions(state('investigating'), leader)).toEqual(['decide', 'extend', 'withdraw']);
  });
});

describe('discretion and document numbers', () => {
  const v = VIOLATION_CATALOGUE.find((x) => x.code === 'SAFL-99')!;
  it('bands are the bureau defaults cut from the law', () => {
    expect(v.bands.filter((b) => b.target === 'unit' && b.tier === 1).map((b) => [b.minFen, b.maxFen])).toEqual([
      [0, 1_000_000],
      [1_000_000, 2_500_000],
      [2_500_000, 4_000_000],
      [4_000_000, 5_000_000],
    ]);
  });
  it.each([
    ['inside', 'general', 1_000_000, null, null],
    ['edge', 'general', 2_500_000, null, null],
    ['outside, no reason', 'general', 2_500_100, null, '须书面说明理由'],
    ['outside with a reason', 'general', 2_500_100, '多次违法', null],
    ['above the law even with a reason', 'grave', 5_000_100, '多次违法', '超出法定幅度'],
  ] as const)('%s', (_l, circumstance, fine, reason, expected) => {
    const p = discretionProblem(v, circumstance, fine, reason);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
  it('no unit fine for art. 94', () =>
    expect(discretionProblem(VIOLATION_CATALOGUE[0]!, 'general', 100, null, 'unit')).toContain('没有罚款规定'));
  it('formats 中应急罚〔2026〕12号', () => {
    expect(
      formatDocumentNumber(bodyAbbreviation(DEFAULT_CASE_DOCUMENTS, '4420', '中山市'), DEFAULT_CASE_DOCUMENTS.kindWords.decision, 2026, 12),
    ).toBe('中应急罚〔2026〕12号');
    expect(bodyAbbreviation(DEFAULT_CASE_DOCUMENTS, '442000107', '坦洲镇')).toBe('坦洲应急');
  });
  it.each([
    ['a city: name without 市', '4420', '中山市', null, {}, '中山应急'],
    ['the setting wins', '4420', '中山市', null, { '4420': '中应急' }, '中应急'],
    ['a town: name without 镇', '442000107', '坦洲镇', null, {}, '坦洲应急'],
    ['a street: name without 街道', '440106022', '新塘街道', null, {}, '新塘应急'],
    ['a shared name: the district in front', '440106022', '新塘街道', '天河区', {}, '天河新塘应急'],
    ['the other one of that name', '440118101', '新塘镇', '增城区', {}, '增城新塘应急'],
    ['a shared name in a city without districts: the city in front', '445122108', '新塘镇', '潮州市', {}, '潮州新塘应急'],
    ['the setting wins over a shared name', '440118101', '新塘镇', '增城区', { '440118101': '增新应急' }, '增新应急'],
    ['no name known: the code', '442000999', null, null, {}, '442000999应急'],
  ] as const)('机关代字 of %s', (_l, code, name, qualifier, set, expected) => {
    expect(bodyAbbreviation({ ...DEFAULT_CASE_DOCUMENTS, bodyAbbreviations: set }, code, name, qualifier)).toBe(expected);
  });
});
