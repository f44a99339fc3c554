/** The party's rights before a decision: 告知、陈述申辩、放弃、申请听证、安排听证、听证结束. */
import { hearingEligible } from '@yingji/domain';
import type { TActionHandlers } from './case-action';

export const hearingActions: Pick<
  TActionHandlers,
  'notify' | 'record_statement' | 'waive_rights' | 'request_hearing' | 'schedule_hearing' | 'conclude_hearing'
> = {
  // 行政处罚法 art. 63: a fine large enough for a hearing is notified with the hearing notice
  notify: ({ action, state, procedure }) => ({
    patch: {
      notifiedOn: action.notifiedOn,
      noticeFineFen: state.penalty ? state.penalty.fines.reduce((a, f) => a + f.fineFen, 0) : 0,
    },
    note: null,
    document: {
      kind: state.penalty && hearingEligible(state.penalty, procedure) ? 'hearing_notice' : 'notice',
      on: action.notifiedOn,
    },
  }),

  record_statement: ({ action }) => ({ patch: { statement: action.statement }, note: action.statement }),

  waive_rights: ({ action }) => ({ patch: { rightsWaived: true }, note: action.note ?? null }),

  request_hearing: ({ action }) => ({ patch: { hearingRequestedOn: action.requestedOn }, note: null }),

  schedule_hearing: ({ action }) => ({
    patch: { hearingOn: action.hearingOn, hearingChairId: action.chairId, hearingPlace: action.place },
    note: `${action.hearingOn} ${action.place}`,
  }),

  // arts. 58 (1)(2), 65: the hearing record goes to legal review, and to deliberation where the case needs it, again; the
  // first round's opinions stay in the case's events
  conclude_hearing: ({ action }) => ({
    patch: { hearingHeldOn: action.heldOn, legalReviewPassedAt: null, deliberatedAt: null },
    note: action.summary,
  }),
};
