/** The end of the investigation and the reviews before a decision: 提出处罚意见、法制审核、集体讨论. */
import { yuanText } from '@yingji/domain';
import * as repo from '../records/case.repo';
import { noteOnly, type TActionHandlers } from './case-action';

export const investigationActions: Pick<
  TActionHandlers,
  'propose' | 'request_legal_review' | 'legal_review' | 'request_deliberation' | 'deliberate'
> = {
  /** 调查终结报告: the proposed fines with their discretion bands; a new proposal clears earlier reviews. */
  propose: async ({ tx, id, action, catalogue }) => {
    const byCode = new Map(catalogue.map((v) => [v.code, v]));
    await repo.replacePenalties(
      tx,
      id,
      action.violations.map((v) => {
        const band = byCode.get(v.code)!.bands.find((b) => b.target === v.target && b.circumstance === v.circumstance);
        return {
          code: v.code,
          target: v.target,
          circumstance: v.circumstance,
          proposedFineFen: v.fineFen,
          bandMinFen: band?.minFen ?? null,
          bandMaxFen: band?.maxFen ?? null,
          outsideBandReason: v.outsideBandReason || null,
        };
      }),
    );
    return {
      patch: {
        findings: action.findings,
        confiscationFen: action.confiscationFen,
        otherPenalties: action.otherPenalties,
        complex: action.complex,
        majorPublicInterest: action.majorPublicInterest,
        legalReviewPassedAt: null,
        deliberatedAt: null,
      },
      note: `拟罚款 ${yuanText(action.violations.reduce((a, v) => a + v.fineFen, 0))}`,
    };
  },

  request_legal_review: noteOnly,

  legal_review: ({ action, actor, at }) => ({
    patch: {
      legalReviewOpinion: action.opinion,
      legalReviewerId: actor.id,
      legalReviewPassedAt: action.result === 'pass' ? at : null,
    },
    note: `${action.result === 'pass' ? '审核通过' : '退回补充调查'}：${action.opinion}`,
  }),

  request_deliberation: noteOnly,

  deliberate: ({ action, at }) => ({
    patch: { deliberationConclusion: action.conclusion, deliberatedAt: action.result === 'agree' ? at : null },
    note: `${action.heldOn} 集体讨论（${action.participants.join('、')}）：${action.conclusion}`,
  }),
};
