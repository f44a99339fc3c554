/** Filing and the case as a whole: 批准立案、开始调查、延长办案期限、撤销立案. */
import { decisionDueOn } from '@yingji/domain';
import * as repo from '../records/case.repo';
import { noteOnly, type TActionHandlers } from './case-action';

export const filingActions: Pick<TActionHandlers, 'approve_filing' | 'start_investigation' | 'extend' | 'withdraw'> = {
  approve_filing: ({ action, today, procedure }) => ({
    patch: { filedOn: today, decisionDueOn: decisionDueOn(today, [], procedure) },
    note: action.opinion ?? null,
    document: { kind: 'filing', on: today },
    raises: 'case.filed',
  }),

  start_investigation: noteOnly,

  // 行政处罚法 art. 60: the 90 days run from filing, plus every approved extension
  extend: async ({ tx, id, row, state, action, actor, at, procedure }) => {
    await repo.insertExtension(tx, { caseId: id, days: action.days, reason: action.reason, approvedBy: actor.id, approvedAt: at });
    return {
      patch: { decisionDueOn: decisionDueOn(row.filedOn!, [...state.extensionDays, action.days], procedure) },
      note: `延长 ${action.days} 天：${action.reason}`,
    };
  },

  withdraw: ({ action }) => ({ patch: { withdrawnReason: action.reason }, note: action.reason }),
};
