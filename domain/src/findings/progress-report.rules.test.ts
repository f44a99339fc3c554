import { describe, expect, it } from 'vitest';
import {
  challengeQuestion,
  feedbackWindow,
  reportActionProblem,
  windowState,
  type TReportAction,
  type TReportState,
} from './progress-report.rules';

const office = { manages: true, approves: false };
const leader = { manages: true, approves: true };
const town = { manages: false, approves: false };

describe('the progress report: edit, approve, publish', () => {
  it.each<[TReportState, TReportAction, typeof office, string | null]>([
    ['draft', 'edit', office, null],
    ['draft', 'edit', town, '只有整改工作牵头部门可以修改进展情况报告'],
    ['approved', 'edit', office, '报告已审定或已公开，不能再修改'],
    ['published', 'edit', leader, '报告已审定或已公开，不能再修改'],
    ['draft', 'approve', leader, null],
    ['draft', 'approve', office, '进展情况报告须由局领导审定'],
    ['approved', 'approve', leader, '报告已审定'],
    ['published', 'approve', leader, '报告已公开'],
    ['draft', 'publish', office, '报告未经领导审定，不能公开'],
    ['approved', 'publish', office, null],
    ['approved', 'publish', town, '只有整改工作牵头部门可以公开进展情况报告'],
    ['published', 'publish', office, '报告已公开'],
  ])('%s, %s → %s', (state, action, actor, expected) => {
    expect(reportActionProblem(state, action, actor)).toBe(expected);
  });
});

describe('the feedback window', () => {
  it('runs 14 days after the publication day, as the seed’s 9月12日至9月26日', () => {
    expect(feedbackWindow('2025-09-12', 14)).toEqual({ from: '2025-09-12', to: '2025-09-26' });
    expect(feedbackWindow('2025-12-25', 14)).toEqual({ from: '2025-12-25', to: '2026-01-08' });
  });
  it.each([
    [null, null, '2025-09-12', 'unpublished'],
    ['2025-09-12', '2025-09-26', '2025-09-11', 'before'],
    ['2025-09-12', '2025-09-26', '2025-09-12', 'open'],
    ['2025-09-12', '2025-09-26', '2025-09-26', 'open'],
    ['2025-09-12', '2025-09-26', '2025-09-27', 'closed'],
  ] as const)('%s–%s on %s: %s', (from, to, today, expected) => {
    expect(windowState({ from, to }, today)).toBe(expected);
  });
});

describe('the feedback challenge', () => {
  it('asks for a sum', () => {
    expect(challengeQuestion(7, 12)).toEqual({ question: '7 加 12 等于多少？', answer: 19 });
  });
});
