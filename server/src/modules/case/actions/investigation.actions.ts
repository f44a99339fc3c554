/** The end of the investigation and the reviews before a decision: 提出处罚意见、法制审核、集体讨论. */
import { fineRangeOf, yuanText } from '@yingji/domain';
import { toRule } from '../catalogue/case-catalogue.service';
import * as repo from '../records/case.repo';
import { noteOnly, type TActionHandlers } from './case-action';

export const investigationActions: Pick<
  TActionHandlers,
  'propose' | 'request_legal_review' | 'legal_review' | 'request_deliberation' | 'deliberate'
> = {
  /**
   * 调查终结报告: the proposed fines with their tier, statutory range, discretion band and 减轻 ground; the order and
   * 复查 and the accident's grade as the case's own record; a new proposal clears earlier reviews.
   */
  propose: async ({ tx, id, action, catalogue, state }) => {
    const byCode = new Map(catalogue.map((v) => [v.code, v]));
    // art. 114: the accident record's grade when the case came from one (the rules refused any other)
    const accident = state.sourceAccidentGrade
      ? { grade: state.sourceAccidentGrade, aggravated: action.accident?.aggravated ?? false }
      : (action.accident ?? null);
    await repo.replacePenalties(
      tx,
      id,
      action.violations.map((v) => {
        const row = byCode.get(v.code)!;
        const tier = v.tier ?? 1;
        const band = row.bands.find((b) => b.tier === tier && b.target === v.target && b.circumstance === v.circumstance);
        const found = fineRangeOf(toRule(row), tier, v.target, { accident });
        const range = typeof found === 'string' ? null : found.range;
        return {
          code: v.code,
          target: v.target,
          circumstance: v.circumstance,
          tier,
          statutoryMinFen: range?.minFen ?? null,
          statutoryMaxFen: range?.maxFen ?? null,
          proposedFineFen: v.fineFen,
          bandMinFen: band?.minFen ?? null,
          bandMaxFen: band?.maxFen ?? null,
          outsideBandReason: v.outsideBandReason || null,
          reductionGround: range && v.fineFen < range.minFen ? (v.reductionGround ?? null) : null,
        };
      }),
    );
    const o = action.order ?? null;
    return {
      patch: {
        orderNo: o?.orderNo ?? null,
        orderedOn: o?.orderedOn ?? null,
        orderDeadline: o?.deadline ?? null,
        recheckedOn: o?.recheckedOn ?? null,
        recheckUnmet: o ? o.recheckUnmet : null,
        recheckNote: o?.recheckNote || null,
        accidentGrade: accident?.grade ?? null,
        accidentAggravated: accident?.aggravated ?? false,
        closureGround: action.otherPenalties.includes('propose_closure') ? (action.closureGround ?? null) : null,
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
