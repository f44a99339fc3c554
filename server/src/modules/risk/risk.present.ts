import type { TRiskColour, TRiskProposal } from '@yingji/domain';
import { iso } from '../../shared/iso';
import type * as repo from './risk.repo';

/** Presenters: what leaves the server about grades and proposals. */
export const toGradeDto = (g: repo.TGradeRow) => ({
  enterpriseId: g.enterpriseId,
  colour: g.colour,
  score: g.score,
  basis: g.basis,
  forcedRed: g.forcedRed,
  assessedOn: g.assessedOn,
  validUntil: g.validUntil,
  updatedAt: iso(g.updatedAt),
});
export const toProposalDto = (v: NonNullable<repo.TProposalView>): TRiskProposal => ({
  id: v.proposal.id,
  enterpriseId: v.proposal.enterpriseId,
  enterpriseName: v.enterpriseName,
  creditCode: v.creditCode,
  divisionCode: v.proposal.divisionCode,
  divisionName: v.divisionName,
  fromColour: v.proposal.fromColour as TRiskColour,
  toColour: v.proposal.toColour as TRiskColour,
  direction: v.proposal.direction,
  reasons: v.proposal.reasons,
  status: v.proposal.status,
  createdAt: iso(v.proposal.createdAt),
  decidedAt: v.proposal.decidedAt ? iso(v.proposal.decidedAt) : null,
  decidedByName: v.decidedByName,
  comment: v.proposal.comment,
});
