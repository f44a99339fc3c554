import { describe, expect, it } from 'vitest';
import type { THazardAction, THazardState } from './hazard.schema';
import { HAZARD_ACTIONS, HAZARD_STATES } from './hazard.schema';
import { DEFAULT_HAZARD_SETTINGS } from './hazard.settings';
import {
  availableHazardActions,
  hazardActionAllowed,
  hazardActionProblem,
  hazardCreateProblem,
  hazardNextState,
  hazardPlanProblem,
  isHazardOverdue,
  isResumptionReviewOverdue,
  resumptionReviewDueOn,
  supervisionCreateProblem,
  supervisionLiftProblem,
  type THazardActor,
  type THazardForRules,
} from './hazard.rules';

const NOW = new Date('2026-11-27T04:00:00Z'); // 12:00 in Asia/Shanghai
const S = DEFAULT_HAZARD_SETTINGS;
const officer: THazardActor = { id: 10, role: 'town_officer', divisionCode: '442000107', enterpriseId: null };
const colleague: THazardActor = { ...officer, id: 11 };
const firmUser: THazardActor = { id: 20, role: 'enterprise_user', divisionCode: '442000107', enterpriseId: 5 };
const FULL_PLAN = {
  measures: '更换泄爆片',
  fundsFen: 2_000_000,
  deadline: '2026-12-20',
  responsiblePerson: '张三',
  contingency: '停用除尘系统',
};

const hazard = (over: Partial<THazardForRules> = {}): THazardForRules => ({
  state: 'found',
  level: 'general',
  deadline: '2026-12-10',
  enterpriseId: 5,
  divisionCode: '442000107',
  plan: null,
  submittedBy: null,
  pendingExtension: null,
  ...over,
});

describe('hazard state machine: which action is allowed from which state', () => {
  // [action, states it is allowed from, resulting state (null = unchanged)]
  const table: [THazardAction, THazardState[], THazardState | null][] = [
    ['order', ['found'], 'ordered'],
    ['start', ['ordered'], 'rectifying'],
    ['plan', ['found', 'ordered', 'rectifying'], null],
    ['submit', ['rectifying'], 'submitted'],
    ['recheck_pass', ['submitted'], 'closed'],
    ['recheck_fail', ['submitted'], 'rectifying'],
    ['request_extension', ['ordered', 'rectifying'], null],
    ['approve_extension', ['ordered', 'rectifying'], null],
    ['reject_extension', ['ordered', 'rectifying'], null],
  ];
  it('covers every action', () => expect(table.map(([a]) => a).sort()).toEqual([...HAZARD_ACTIONS].sort()));

  for (const [action, from, to] of table) {
    for (const state of HAZARD_STATES) {
      const allowed = from.includes(state);
      it(`${action} from ${state}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const actor =
          action === 'recheck_pass' ||
          action === 'recheck_fail' ||
          action === 'order' ||
          (action.endsWith('_extension') && action !== 'request_extension')
            ? colleague
            : firmUser;
        const h = hazard({
          state,
          submittedBy: officer.id,
          pendingExtension: action === 'request_extension' ? null : { requestedBy: firmUser.id },
        });
        const problem = hazardActionAllowed(h, action, actor);
        if (allowed) {
          expect(problem).toBeNull();
          expect(hazardNextState(state, action)).toBe(to ?? state);
        } else {
          expect(problem?.message).toMatch(/^隐患当前为".+"，不能/);
        }
      });
    }
  }
});

describe('hazard transitions: the rules behind each action', () => {
  const act = (h: THazardForRules, input: Parameters<typeof hazardActionProblem>[1], actor: THazardActor = officer) =>
    hazardActionProblem(h, input, actor, NOW, S);

  it.each([
    ['2026-11-26', '整改期限不能早于今天（2026-11-27）'],
    [undefined, '请填写整改期限'],
    ['2027-11-28', '整改期限最长 365 天（至 2027-11-27）'],
  ])('an order with deadline %s is refused: %s', (deadline, message) => {
    expect(act(hazard(), { action: 'order', deadline })).toEqual({ message, field: 'deadline' });
  });
  it('an order due today or within the bound goes ahead', () => {
    expect(act(hazard(), { action: 'order', deadline: '2026-11-27' })).toBeNull();
    expect(act(hazard(), { action: 'order', deadline: '2027-11-27' })).toBeNull();
  });
  it('an enterprise user cannot order, nor close', () => {
    expect(act(hazard(), { action: 'order', deadline: '2026-12-01' }, firmUser)?.message).toBe('您没有"下达整改指令"的权限');
    expect(act(hazard({ state: 'submitted' }), { action: 'recheck_pass', note: '好' }, firmUser)?.message).toBe(
      '您没有"复查通过并销号"的权限',
    );
  });
  it('submission without evidence is refused, naming the field', () => {
    expect(act(hazard({ state: 'rectifying' }), { action: 'submit', note: '已整改' }, firmUser)).toEqual({
      message: '提交整改时须上传整改后的照片或证明材料',
      field: 'photos',
    });
    expect(act(hazard({ state: 'rectifying' }), { action: 'submit', photos: ['a'.repeat(64)] }, firmUser)).toEqual({
      message: '请填写整改情况说明',
      field: 'note',
    });
    expect(act(hazard({ state: 'rectifying' }), { action: 'submit', note: '已整改', documents: ['b'.repeat(64)] }, firmUser)).toBeNull();
  });
  it('sign-off by the submitter is refused; by another officer it closes', () => {
    const h = hazard({ state: 'submitted', submittedBy: officer.id });
    expect(act(h, { action: 'recheck_pass', note: '复查合格' })?.message).toBe('复查销号须由整改材料提交人以外的人员进行');
    expect(act(h, { action: 'recheck_pass', note: '复查合格' }, colleague)).toBeNull();
    expect(act(h, { action: 'recheck_pass' }, colleague)).toEqual({ message: '请填写复查意见', field: 'note' });
  });
  it('a failed re-check needs a reason and a new deadline not in the past', () => {
    const h = hazard({ state: 'submitted', submittedBy: firmUser.id });
    expect(act(h, { action: 'recheck_fail', deadline: '2026-12-30' })).toEqual({ message: '请填写复查不通过的原因', field: 'note' });
    expect(act(h, { action: 'recheck_fail', note: '泄爆片未更换', deadline: '2026-11-20' })?.field).toBe('deadline');
    expect(act(h, { action: 'recheck_fail', note: '泄爆片未更换', deadline: '2026-12-30' })).toBeNull();
  });
  it('an extension must be later than the current deadline, with a reason, one at a time, decided by someone else', () => {
    const h = hazard({ state: 'rectifying', deadline: '2026-12-10' });
    expect(act(h, { action: 'request_extension', note: '设备到货延迟', deadline: '2026-12-10' }, firmUser)?.message).toBe(
      '延期后的期限须晚于原期限（2026-12-10）',
    );
    expect(act(h, { action: 'request_extension', deadline: '2026-12-31' }, firmUser)?.field).toBe('note');
    expect(act(h, { action: 'request_extension', note: '设备到货延迟', deadline: '2026-12-31' }, firmUser)).toBeNull();
    const pending = hazard({ state: 'rectifying', pendingExtension: { requestedBy: officer.id } });
    expect(act(pending, { action: 'request_extension', note: '再延', deadline: '2027-01-31' }, firmUser)?.message).toBe(
      '已有一份延期申请等待审批，不能重复申请',
    );
    expect(act(pending, { action: 'approve_extension' })?.message).toBe('延期申请须由申请人以外的人员审批');
    expect(act(pending, { action: 'approve_extension' }, colleague)).toBeNull();
    expect(act(pending, { action: 'reject_extension' }, colleague)?.field).toBe('note');
    expect(act(hazard({ state: 'rectifying' }), { action: 'approve_extension' }, colleague)?.message).toBe('没有待审批的延期申请');
  });
  it('an enterprise user touching another firm is refused; an officer outside the town too', () => {
    const other = hazard({ state: 'rectifying', enterpriseId: 6 });
    expect(act(other, { action: 'submit', note: 'x', photos: ['a'.repeat(64)] }, firmUser)?.message).toBe(
      '企业用户只能查看和处理本企业的隐患',
    );
    const elsewhere = hazard({ divisionCode: '442000118' });
    expect(act(elsewhere, { action: 'order', deadline: '2026-12-01' })?.message).toBe('该隐患不在您的管辖范围内');
    const bureau: THazardActor = { id: 1, role: 'bureau_officer', divisionCode: '4420', enterpriseId: null };
    expect(act(elsewhere, { action: 'order', deadline: '2026-12-01' }, bureau)).toBeNull();
  });
});

describe('五到位: a major hazard needs its whole plan before rectification starts and before submission', () => {
  it.each([
    [{}, '整改措施、整改资金、整改时限、整改责任人、应急预案（防范措施）'],
    [{ ...FULL_PLAN, fundsFen: null }, '整改资金'],
    [{ ...FULL_PLAN, contingency: '  ' }, '应急预案（防范措施）'],
    [{ ...FULL_PLAN, measures: '', responsiblePerson: undefined }, '整改措施、整改责任人'],
  ])('plan %j lacks %s', (plan, missing) => {
    expect(hazardPlanProblem(plan)?.message).toContain(`尚缺：${missing}`);
  });
  it('a complete plan passes, funds of 0 included', () => {
    expect(hazardPlanProblem(FULL_PLAN)).toBeNull();
    expect(hazardPlanProblem({ ...FULL_PLAN, fundsFen: 0 })).toBeNull();
  });
  it('start and submit of a major hazard need it; of a general hazard they do not', () => {
    const major = hazard({ state: 'ordered', level: 'major' });
    expect(hazardActionProblem(major, { action: 'start' }, firmUser, NOW, S)?.field).toBe('plan');
    expect(hazardActionProblem(major, { action: 'start', plan: FULL_PLAN }, firmUser, NOW, S)).toBeNull();
    expect(hazardActionProblem(hazard({ state: 'ordered' }), { action: 'start' }, firmUser, NOW, S)).toBeNull();
    const submitting = hazard({ state: 'rectifying', level: 'major', plan: { ...FULL_PLAN, deadline: null } });
    expect(
      hazardActionProblem(submitting, { action: 'submit', note: '已整改', photos: ['a'.repeat(64)] }, firmUser, NOW, S)?.message,
    ).toContain('尚缺：整改时限');
  });
});

describe('overdue is derived from the deadline and the date in Asia/Shanghai', () => {
  it.each([
    // the deadline's last moment is 23:59:59.999 on 2026-12-10 +08:00 = 15:59:59.999Z
    ['2026-12-10T15:59:59.999Z', 'rectifying', false],
    ['2026-12-10T16:00:00.000Z', 'rectifying', true],
    ['2026-12-10T16:00:00.000Z', 'found', true],
    ['2026-12-10T16:00:00.000Z', 'ordered', true],
    ['2026-12-10T16:00:00.000Z', 'submitted', false],
    ['2026-12-10T16:00:00.000Z', 'closed', false],
  ] as const)('at %s a %s hazard due 2026-12-10 is overdue: %s', (at, state, expected) => {
    expect(isHazardOverdue({ state, deadline: '2026-12-10' }, new Date(at))).toBe(expected);
  });
});

describe('available actions: what the page offers each user', () => {
  it('offers the firm its own steps and the officer the bureau steps', () => {
    expect(availableHazardActions(hazard({ state: 'ordered' }), firmUser)).toEqual(['start', 'plan', 'request_extension']);
    expect(availableHazardActions(hazard({ state: 'ordered' }), officer)).toEqual(['start', 'plan', 'request_extension']);
    expect(availableHazardActions(hazard({ state: 'submitted', submittedBy: firmUser.id }), officer)).toEqual([
      'recheck_pass',
      'recheck_fail',
    ]);
    expect(availableHazardActions(hazard({ state: 'submitted', submittedBy: officer.id }), officer)).toEqual(['recheck_fail']);
    expect(availableHazardActions(hazard({ state: 'closed' }), officer)).toEqual([]);
    expect(availableHazardActions(hazard({ enterpriseId: 6 }), firmUser)).toEqual([]);
  });
});

describe('recording a hazard', () => {
  const input = {
    enterpriseId: 5,
    source: 'self_check' as const,
    category: 'dust' as const,
    description: '除尘器未设泄爆装置',
    location: '打磨车间',
    photos: [],
    foundOn: '2026-11-27',
    foundBy: '李四',
    responsiblePerson: '张三',
    deadline: '2026-12-10',
    campaignIds: [],
  };
  it('an enterprise user reports its own firm, as a self-check', () => {
    expect(hazardCreateProblem(input, firmUser, NOW, S)).toBeNull();
    expect(hazardCreateProblem({ ...input, enterpriseId: 6 }, firmUser, NOW, S)?.field).toBe('enterpriseId');
    expect(hazardCreateProblem({ ...input, source: 'inspection' }, firmUser, NOW, S)?.field).toBe('source');
    expect(hazardCreateProblem({ ...input, source: 'inspection', enterpriseId: 6 }, officer, NOW, S)).toBeNull();
  });
  it('refuses a deadline in the past and a finding in the future', () => {
    expect(hazardCreateProblem({ ...input, deadline: '2026-11-26' }, firmUser, NOW, S)?.field).toBe('deadline');
    expect(hazardCreateProblem({ ...input, foundOn: '2026-11-28', deadline: '2026-12-01' }, firmUser, NOW, S)?.field).toBe('foundOn');
  });
  it('refuses a role without hazard.report', () => {
    expect(hazardCreateProblem(input, { id: 3, role: 'bureau_leader', divisionCode: '4420', enterpriseId: null }, NOW, S)?.message).toBe(
      '您没有登记隐患的权限',
    );
  });
});

describe('listed supervision', () => {
  it('lists only an open major hazard, with a deadline not in the past', () => {
    expect(supervisionCreateProblem('hazard', { level: 'general', state: 'ordered' }, '2026-12-31', NOW)?.message).toBe(
      '挂牌督办的对象应为重大隐患',
    );
    expect(supervisionCreateProblem('hazard', { level: 'major', state: 'closed' }, '2026-12-31', NOW)?.message).toBe(
      '该隐患已销号，无需挂牌督办',
    );
    expect(supervisionCreateProblem('hazard', { level: 'major', state: 'ordered' }, '2026-11-26', NOW)?.field).toBe('deadline');
    expect(supervisionCreateProblem('hazard', { level: 'major', state: 'ordered' }, '2026-11-27', NOW)).toBeNull();
    expect(supervisionCreateProblem('town', null, '2026-12-31', NOW)).toBeNull();
  });
  it('is lifted only after the hazard is closed', () => {
    expect(supervisionLiftProblem({ status: 'active', target: 'hazard' }, 'submitted')?.message).toBe('督办的重大隐患尚未销号，不能摘牌');
    expect(supervisionLiftProblem({ status: 'active', target: 'hazard' }, 'closed')).toBeNull();
    expect(supervisionLiftProblem({ status: 'lifted', target: 'town' }, null)?.message).toBe('该督办已摘牌');
    expect(supervisionLiftProblem({ status: 'active', target: 'town' }, null)).toBeNull();
  });
  it('a resumption request is reviewed on site within 10 days (setting)', () => {
    expect(resumptionReviewDueOn('2026-11-20', S)).toBe('2026-11-30');
    expect(resumptionReviewDueOn('2026-11-20', { resumptionReviewDays: 5 })).toBe('2026-11-25');
    expect(isResumptionReviewOverdue('2026-11-30', null, new Date('2026-11-30T15:59:59Z'))).toBe(false);
    expect(isResumptionReviewOverdue('2026-11-30', null, new Date('2026-11-30T16:00:00Z'))).toBe(true);
    expect(isResumptionReviewOverdue('2026-11-30', '2026-11-30', new Date('2026-12-05T00:00:00Z'))).toBe(false);
    expect(isResumptionReviewOverdue('2026-11-30', '2026-12-01', new Date('2026-12-05T00:00:00Z'))).toBe(true);
  });
});
