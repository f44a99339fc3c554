import { REVIEW_CRITERIA, type TReviewCriterion } from './case.schema';

/** 案卷评查: a file's total is the mean of the six criteria (each 0–100), rounded to a whole point. */
export function reviewTotal(scores: Partial<Record<TReviewCriterion, number>>): number | null {
  const values = REVIEW_CRITERIA.map((c) => scores[c]);
  if (values.some((v) => v === undefined)) return null;
  return Math.round((values as number[]).reduce((a, b) => a + b, 0) / values.length);
}

/**
 * Assigns each picked file a reviewer, in turn, skipping anyone who handled that case (回避, 行政处罚法 art. 43):
 * returns null for a file no reviewer may take.
 */
export function assignReviewers(
  files: { caseId: number; officerIds: number[] }[],
  reviewerIds: number[],
): { caseId: number; reviewerId: number | null }[] {
  let turn = 0;
  return files.map((f) => {
    for (let i = 0; i < reviewerIds.length; i++) {
      const r = reviewerIds[(turn + i) % reviewerIds.length]!;
      if (!f.officerIds.includes(r)) {
        turn = (turn + i + 1) % reviewerIds.length;
        return { caseId: f.caseId, reviewerId: r };
      }
    }
    return { caseId: f.caseId, reviewerId: null };
  });
}

/** A natural person's name as published (双公示): the surname and one mark per remaining character. */
export const maskPersonName = (name: string): string => (name.length <= 1 ? name : name[0] + '*'.repeat(name.length - 1));
