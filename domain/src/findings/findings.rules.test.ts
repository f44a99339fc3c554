import { describe, expect, it } from 'vitest';
import { measureActionProblem, measureDue, measureStateAfter, type TMeasureAction, type TMeasureState } from './findings.rules';

const OWNER = { id: 1, manages: false };
const OFFICE = { id: 2, manages: true };
const REVIEWER = { id: 3, manages: false };
const OTHER = { id: 4, manages: false };

const m = (state: TMeasureState, progressCount = 1, reviewerId: number | null = 3) => ({ state, ownerId: 1, reviewerId, progressCount });

describe('measure actions: allowed and refused', () => {
  const table: [
    TMeasureState,
    TMeasureAction,
    { id: number; manages: boolean },
    { reviewerId?: number; lookBackRound?: boolean },
    string | null,
  ][] = [
    ['open', 'progress', OWNER, {}, null],
    ['open', 'progress', OFFICE, {}, null],
    ['open', 'progress', OTHER, {}, '只有整改责任人可以报送整改进展'],
    ['in_progress', 'progress', OWNER, {}, null],
    ['submitted', 'progress', OWNER, {}, '该措施已提请销号，待审核退回后才能继续报送进展'],
    ['signed_off', 'progress', OWNER, {}, '该措施已销号，须经回头看重新打开后才能报送进展'],
    ['in_progress', 'submit', OWNER, { reviewerId: 3 }, null],
    ['in_progress', 'submit', OWNER, { reviewerId: 1 }, '销号审核人不能是整改责任人本人'],
    ['in_progress', 'submit', OWNER, {}, '请指定销号审核人'],
    ['in_progress', 'submit', OTHER, { reviewerId: 3 }, '只有整改责任人可以提请销号'],
    ['submitted', 'submit', OWNER, { reviewerId: 3 }, '该措施已提请销号，请勿重复提交'],
    ['signed_off', 'submit', OWNER, { reviewerId: 3 }, '该措施已销号'],
    ['submitted', 'sign_off', REVIEWER, {}, null],
    ['submitted', 'sign_off', OWNER, {}, '整改责任人不能为自己的措施销号'],
    ['submitted', 'sign_off', OTHER, {}, '只有指定的销号审核人可以审核'],
    ['submitted', 'sign_off', OFFICE, {}, '只有指定的销号审核人可以审核'],
    ['in_progress', 'sign_off', REVIEWER, {}, '该措施未提请销号'],
    ['signed_off', 'sign_off', REVIEWER, {}, '该措施未提请销号'],
    ['submitted', 'return', REVIEWER, {}, null],
    ['submitted', 'return', OWNER, {}, '整改责任人不能为自己的措施销号'],
    ['in_progress', 'return', REVIEWER, {}, '该措施未提请销号'],
    ['signed_off', 'reopen', OFFICE, { lookBackRound: true }, null],
    ['signed_off', 'reopen', OFFICE, { lookBackRound: false }, '重新打开须依据对本轮反馈的回头看'],
    ['signed_off', 'reopen', OWNER, { lookBackRound: true }, '只有整改牵头部门可以重新打开措施'],
    ['in_progress', 'reopen', OFFICE, { lookBackRound: true }, '只有已销号的措施可以在回头看中重新打开'],
  ];
  it.each(table)('%s + %s by %o %o → %s', (state, action, actor, extra, expected) => {
    expect(measureActionProblem(m(state), action, actor, extra)).toBe(expected);
  });

  it('refuses a sign-off request without any progress or evidence', () => {
    expect(measureActionProblem(m('open', 0), 'submit', OWNER, { reviewerId: 3 })).toBe('尚无整改进展和佐证材料，不能提请销号');
  });

  it('moves to the state each action leads to', () => {
    expect(measureStateAfter('progress')).toBe('in_progress');
    expect(measureStateAfter('submit')).toBe('submitted');
    expect(measureStateAfter('sign_off')).toBe('signed_off');
    expect(measureStateAfter('return')).toBe('in_progress');
    expect(measureStateAfter('reopen')).toBe('in_progress');
  });
});

describe('measure deadlines: overdue and due soon', () => {
  const due = (deadline: string, today: string, state: TMeasureState = 'in_progress', term: 'immediate' | 'long_term' = 'immediate') =>
    measureDue({ state, deadline, term }, today);
  it.each([
    ['2025-09-30', '2025-09-22', 'on_time'],
    ['2025-09-30', '2025-09-23', 'due_soon'],
    ['2025-09-30', '2025-09-30', 'due_soon'],
    ['2025-09-30', '2025-10-01', 'overdue'],
    ['2025-12-31', '2026-01-01', 'overdue'],
  ])('deadline %s on %s → %s', (deadline, today, expected) => {
    expect(due(deadline, today)).toBe(expected);
  });
  it('a signed-off measure is done and a long-term one never overdue', () => {
    expect(due('2025-09-30', '2025-10-05', 'signed_off')).toBe('done');
    expect(due('2025-09-30', '2025-10-05', 'in_progress', 'long_term')).toBe('long_term');
  });
});
