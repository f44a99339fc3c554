/**
 * The findings loop (整改销号): a measure is taken by its owner, updated with evidence, submitted for sign-off,
 * signed off by a reviewer who is not the owner, and reopened when a look-back round (回头看) finds it undone.
 * Pure functions: the caller passes the actor and today's bureau date.
 */
import { daysBetween } from '../shared/time';

export const MEASURE_STATES = ['open', 'in_progress', 'submitted', 'signed_off'] as const;
export type TMeasureState = (typeof MEASURE_STATES)[number];
export const MEASURE_STATE_LABELS: Record<TMeasureState, string> = {
  open: '未启动',
  in_progress: '整改中',
  submitted: '待销号',
  signed_off: '已销号',
};

export const MEASURE_ACTIONS = ['progress', 'submit', 'sign_off', 'return', 'reopen'] as const;
export type TMeasureAction = (typeof MEASURE_ACTIONS)[number];

export interface TMeasureFacts {
  state: TMeasureState;
  ownerId: number;
  reviewerId: number | null;
  progressCount: number;
}

export interface TMeasureActor {
  id: number;
  /** Holds findings.manage: may act for an owner (the office keeps the lists). */
  manages: boolean;
}

/** Why the actor may not take the action on the measure (Chinese), or null when allowed. */
export function measureActionProblem(
  m: TMeasureFacts,
  action: TMeasureAction,
  actor: TMeasureActor,
  extra: { reviewerId?: number; lookBackRound?: boolean } = {},
): string | null {
  const isOwner = actor.id === m.ownerId;
  switch (action) {
    case 'progress':
      if (!isOwner && !actor.manages) return '只有整改责任人可以报送整改进展';
      if (m.state === 'submitted') return '该措施已提请销号，待审核退回后才能继续报送进展';
      if (m.state === 'signed_off') return '该措施已销号，须经回头看重新打开后才能报送进展';
      return null;
    case 'submit':
      if (!isOwner && !actor.manages) return '只有整改责任人可以提请销号';
      if (m.state === 'signed_off') return '该措施已销号';
      if (m.state === 'submitted') return '该措施已提请销号，请勿重复提交';
      if (m.progressCount === 0) return '尚无整改进展和佐证材料，不能提请销号';
      if (extra.reviewerId === undefined) return '请指定销号审核人';
      if (extra.reviewerId === m.ownerId) return '销号审核人不能是整改责任人本人';
      return null;
    case 'sign_off':
    case 'return':
      if (m.state !== 'submitted') return '该措施未提请销号';
      if (isOwner) return '整改责任人不能为自己的措施销号';
      if (m.reviewerId !== actor.id) return '只有指定的销号审核人可以审核';
      return null;
    case 'reopen':
      if (m.state !== 'signed_off') return '只有已销号的措施可以在回头看中重新打开';
      if (!actor.manages) return '只有整改牵头部门可以重新打开措施';
      if (!extra.lookBackRound) return '重新打开须依据对本轮反馈的回头看';
      return null;
  }
}

const NEXT: Record<TMeasureAction, TMeasureState> = {
  progress: 'in_progress',
  submit: 'submitted',
  sign_off: 'signed_off',
  return: 'in_progress',
  reopen: 'in_progress',
};

/** The state after an allowed action. */
export const measureStateAfter = (action: TMeasureAction): TMeasureState => NEXT[action];

/** Days before the deadline from which a measure counts as due soon (临期). */
export const DUE_SOON_DAYS = 7;

export type TMeasureDue = 'done' | 'overdue' | 'due_soon' | 'on_time' | 'long_term';

/**
 * Where a measure stands against its deadline on `today` (bureau date): a measure due today is due soon, from the
 * day after its deadline it is overdue; a long-term measure (长期坚持) is never overdue; a signed-off one is done.
 */
export function measureDue(m: { state: TMeasureState; deadline: string; term: 'immediate' | 'long_term' }, today: string): TMeasureDue {
  if (m.state === 'signed_off') return 'done';
  if (m.term === 'long_term') return 'long_term';
  const left = daysBetween(today, m.deadline);
  if (left < 0) return 'overdue';
  if (left <= DUE_SOON_DAYS) return 'due_soon';
  return 'on_time';
}
