import { describe, expect, it } from 'vitest';
import { assignReviewers, maskPersonName, reviewTotal } from './case-review.rules';

describe('case-file review rules', () => {
  it('totals the six criteria as a rounded mean; incomplete is null', () => {
    expect(reviewTotal({ filing: 90, evidence: 70, procedure: 80, legal_basis: 100, documents: 60, discretion: 80 })).toBe(80);
    expect(reviewTotal({ filing: 100, evidence: 100, procedure: 100, legal_basis: 100, documents: 100, discretion: 97 })).toBe(100);
    expect(reviewTotal({ filing: 90 })).toBeNull();
  });
  it('assigns reviewers in turn, never to their own case (回避)', () => {
    expect(
      assignReviewers(
        [
          { caseId: 1, officerIds: [7] },
          { caseId: 2, officerIds: [8] },
          { caseId: 3, officerIds: [] },
          { caseId: 4, officerIds: [7, 8] },
        ],
        [7, 8],
      ),
    ).toEqual([
      { caseId: 1, reviewerId: 8 },
      { caseId: 2, reviewerId: 7 },
      { caseId: 3, reviewerId: 8 },
      { caseId: 4, reviewerId: null },
    ]);
  });
  it('masks a person for publication', () => {
    expect(maskPersonName('王五')).toBe('王*');
    expect(maskPersonName('欧阳小明')).toBe('欧***');
  });
});
