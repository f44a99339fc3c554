import {
  bureauDate,
  evaluateDynamic,
  RISK_COLOUR_LABELS,
  type TDynamicProposal,
  type TRiskColour,
  type TRiskDynamicSettings,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import * as repo from './risk.repo';

export interface TEvaluationOutcome {
  enterpriseId: number;
  proposalId: number | null;
  withdrawnIds: number[];
  proposal: TDynamicProposal | null;
  /** The pending proposal already said the same: nothing was written. */
  unchanged: boolean;
}

const sameProposal = (p: repo.TProposalRow, next: TDynamicProposal) =>
  p.toColour === next.to &&
  p.fromColour === next.from &&
  JSON.stringify(p.reasons.map((r) => r.text)) === JSON.stringify(next.reasons.map((r) => r.text));

/**
 * Runs the dynamic rules for these firms inside the caller's transaction and keeps at most one pending proposal
 * per firm: an unchanged proposal stays, a different one supersedes it, and one whose reasons no longer hold is
 * withdrawn (superseded). Ungraded firms are skipped. Nothing here changes a grade.
 */
export async function evaluateFirms(tx: Db, ids: number[], settings: TRiskDynamicSettings, now: Date): Promise<TEvaluationOutcome[]> {
  const grades = await repo.findGrades(tx, ids);
  if (grades.length === 0) return [];
  const graded = grades.map((g) => g.enterpriseId);
  const [events, standing, decided, pending, firms] = await Promise.all([
    repo.eventsOf(tx, graded),
    repo.gradeStanding(tx, graded),
    repo.decidedReasonsOf(tx, graded),
    repo.pendingProposalsOf(tx, graded),
    repo.firmsOf(tx, graded),
  ]);
  const at = now.toISOString();
  const division = new Map(firms.map((f) => [f.id, f.divisionCode]));
  const out: TEvaluationOutcome[] = [];
  for (const grade of grades) {
    const id = grade.enterpriseId;
    const s = standing.get(id);
    const decidedRefs = new Set(
      decided
        .filter((d) => d.enterpriseId === id)
        .flatMap((d) => d.reasons.flatMap((r) => (r.refs ?? []).map((ref) => `${r.rule}:${ref}`))),
    );
    const lastChange = s?.lastChange ? bureauDate(new Date(s.lastChange)) : grade.assessedOn;
    const lastRejected = s?.lastRejectedDown ? bureauDate(new Date(s.lastRejectedDown)) : null;
    const proposal = evaluateDynamic({
      current: grade.colour,
      floor: (s?.floor ?? grade.colour) as TRiskColour,
      assessedOn: grade.assessedOn,
      heldSince: lastRejected && lastRejected > lastChange ? lastRejected : lastChange,
      events: events.filter((e) => e.enterpriseId === id),
      decidedRefs,
      settings,
      now,
    });
    const open = pending.find((p) => p.enterpriseId === id);
    if (open && proposal && sameProposal(open, proposal)) {
      out.push({ enterpriseId: id, proposalId: open.id, withdrawnIds: [], proposal, unchanged: true });
      continue;
    }
    const withdrawnIds = open ? [open.id] : [];
    await repo.supersedeProposals(tx, withdrawnIds, at);
    let proposalId: number | null = null;
    if (proposal) {
      proposalId = await repo.insertProposal(tx, {
        enterpriseId: id,
        divisionCode: division.get(id) ?? grade.divisionCode,
        fromColour: proposal.from,
        toColour: proposal.to,
        direction: proposal.direction,
        reasons: proposal.reasons,
        status: 'pending',
        createdAt: at,
      });
      await repo.addTimelineEvent(tx, {
        enterpriseId: id,
        at,
        module: 'risk',
        kind: 'risk_proposal',
        summary: `风险等级${proposal.direction === 'up' ? '上调' : '下调'}建议：${RISK_COLOUR_LABELS[proposal.from]} → ${RISK_COLOUR_LABELS[proposal.to]}（待审批）`,
        ref: `risk_proposal:${proposalId}`,
      });
    }
    if (proposal || withdrawnIds.length > 0) out.push({ enterpriseId: id, proposalId, withdrawnIds, proposal, unchanged: false });
  }
  return out;
}
