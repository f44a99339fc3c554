/**
 * The public progress report on a round (整改进展情况公开): drafted by the office, approved by a leader, published with
 * a feedback window (公开期限) and contacts, during which the public may send opinions. Pure functions: the caller
 * passes the actor and today's bureau date.
 */
import { addDaysToDate } from '../shared/time';

export const REPORT_STATES = ['draft', 'approved', 'published'] as const;
export type TReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<TReportState, string> = { draft: '草稿', approved: '已审定', published: '已公开' };

export const REPORT_ACTIONS = ['edit', 'approve', 'publish'] as const;
export type TReportAction = (typeof REPORT_ACTIONS)[number];

/** The seed's window: published 2025-09-12, open to 2025-09-26 — 14 days after the publication day. */
export const DEFAULT_FEEDBACK_DAYS = 14;

export interface TReportActor {
  /** Holds findings.manage (the office drafts and publishes). */
  manages: boolean;
  /** Holds findings.approve (a leader approves before publishing). */
  approves: boolean;
}

/** Why the actor may not take the action on a report in this state (Chinese), or null when allowed. */
export function reportActionProblem(state: TReportState, action: TReportAction, actor: TReportActor): string | null {
  if (action === 'edit') {
    if (!actor.manages) return '只有整改工作牵头部门可以修改进展情况报告';
    if (state !== 'draft') return '报告已审定或已公开，不能再修改';
    return null;
  }
  if (action === 'approve') {
    if (!actor.approves) return '进展情况报告须由局领导审定';
    if (state !== 'draft') return state === 'approved' ? '报告已审定' : '报告已公开';
    return null;
  }
  if (!actor.manages) return '只有整改工作牵头部门可以公开进展情况报告';
  if (state === 'draft') return '报告未经领导审定，不能公开';
  if (state === 'published') return '报告已公开';
  return null;
}

/** The feedback window: from the publication day to `days` days after it, both inclusive. */
export const feedbackWindow = (publishedOn: string, days: number) => ({ from: publishedOn, to: addDaysToDate(publishedOn, days) });

export type TWindowState = 'unpublished' | 'before' | 'open' | 'closed';

/** Where today stands against the window; feedback is taken only while it is open. */
export function windowState(window: { from: string | null; to: string | null }, today: string): TWindowState {
  if (!window.from || !window.to) return 'unpublished';
  if (today < window.from) return 'before';
  return today > window.to ? 'closed' : 'open';
}

export const WINDOW_PROBLEMS: Record<Exclude<TWindowState, 'open'>, string> = {
  unpublished: '报告尚未公开',
  before: '公开期限尚未开始',
  closed: '公开期限已结束，不再受理意见建议',
};

/** A small arithmetic question for the feedback form (no external captcha): two numbers from 1 to 20, added. */
export function challengeQuestion(a: number, b: number): { question: string; answer: number } {
  return { question: `${a} 加 ${b} 等于多少？`, answer: a + b };
}
