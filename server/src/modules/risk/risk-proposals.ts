import { AppError, inScope, RISK_COLOUR_LABELS, type TRiskColour, type TRiskDecision, type TRiskProposal } from '@yingji/domain';
import type { Db } from '../../db/client';
import { requirePermission } from '../../kit/access';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import * as repo from './risk.repo';
import { toProposalDto } from './risk.present';

/**
 * The grade-change proposals the dynamic evaluation makes (risk-evaluate.ts): listed in the actor's scope, and
 * decided by someone allowed to decide: approved (the grade changes, basis dynamic, history written) or rejected.
 */
export function createRiskProposals(deps: { db: Db; audit: TAuditService; clock: TClock }) {
  const { db, audit, clock } = deps;

  async function listProposals(ctx: TRequestContext, query: { status: string; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'risk.read');
    const { items, total } = await repo.listProposals(db, actor.divisionCode, query.status, query.page, query.pageSize);
    return { items: items.map(toProposalDto), total };
  }

  /** Approve (the grade changes, basis dynamic, history written) or reject with a comment. */
  async function decide(ctx: TRequestContext, id: number, input: TRiskDecision): Promise<TRiskProposal> {
    const actor = requirePermission(ctx, 'risk.decide');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const view = await repo.findProposal(tx, id);
      if (!view || !inScope(actor.divisionCode, view.proposal.divisionCode)) throw new AppError('not_found', '调整建议不存在');
      const p = view.proposal;
      if (p.status !== 'pending')
        throw new AppError('conflict', p.status === 'superseded' ? '该建议已被更新的评估取代，请刷新后查看最新建议' : '该建议已经审批过了');
      const grade = await repo.findGrade(tx, p.enterpriseId);
      if (input.approve && grade?.colour !== p.fromColour) throw new AppError('conflict', '企业的风险等级已经变化，请重新评估后再审批');
      const comment = input.comment?.trim() || null;
      if (
        !(await repo.decideProposal(tx, id, {
          status: input.approve ? 'approved' : 'rejected',
          decidedBy: actor.id,
          decidedAt: now,
          comment,
        }))
      )
        throw new AppError('conflict', '该建议已经审批过了');
      const arrow = `${RISK_COLOUR_LABELS[p.fromColour as TRiskColour]} → ${RISK_COLOUR_LABELS[p.toColour as TRiskColour]}`;
      if (input.approve) {
        await repo.setColour(tx, p.enterpriseId, {
          colour: p.toColour as TRiskColour,
          basis: 'dynamic',
          divisionCode: p.divisionCode,
          updatedAt: now,
        });
        await repo.insertHistory(tx, [
          {
            enterpriseId: p.enterpriseId,
            divisionCode: p.divisionCode,
            fromColour: p.fromColour,
            toColour: p.toColour,
            score: grade!.score,
            basis: 'dynamic',
            reasons: p.reasons,
            comment,
            proposalId: id,
            decidedBy: actor.id,
            at: now,
          },
        ]);
      }
      await repo.addTimelineEvent(tx, {
        enterpriseId: p.enterpriseId,
        at: now,
        module: 'risk',
        kind: input.approve ? 'risk_grade' : 'risk_proposal',
        summary: input.approve
          ? `风险等级动态调整 ${arrow}（已审批${comment ? `：${comment}` : ''}）`
          : `风险等级调整建议 ${arrow} 未获同意：${comment}`,
        ref: `risk_proposal:${id}`,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: input.approve ? 'risk_grade' : 'risk_proposal',
        entityId: input.approve ? p.enterpriseId : id,
        before: input.approve ? { colour: p.fromColour, basis: grade!.basis } : { status: 'pending' },
        after: input.approve
          ? { colour: p.toColour, basis: 'dynamic', proposalId: id, reasons: p.reasons, comment }
          : { status: 'rejected', comment },
        divisionCode: p.divisionCode,
      });
      return toProposalDto((await repo.findProposal(tx, id))!);
    });
  }

  return { listProposals, decide };
}
