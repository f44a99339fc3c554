import {
  AppError,
  bureauDate,
  can,
  isResumptionReviewOverdue,
  resumptionReviewDueOn,
  supervisionCreateProblem,
  supervisionLiftProblem,
  type THazardLevel,
  type THazardState,
  type TSupervision,
  type TSupervisionActionCreate,
  type TSupervisionCreate,
} from '@yingji/domain';
import type { z } from 'zod';
import type { ZSupervisionListQuerySchema } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { readerInScope, type TAttachmentService } from '../../attachment/attachment.service';
import type { TAuditService } from '../../audit/audit.service';
import { actorSees, assertInScope, loadInScope, requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import { HAZARD_DOCUMENT_MIMES } from '../records/hazard-access';
import * as repo from './supervision.repo';

export type TSupervisionService = ReturnType<typeof createSupervisionService>;
type TListQuery = z.infer<typeof ZSupervisionListQuerySchema>;

const SUPERVISION_NOT_FOUND = '挂牌督办记录不存在';

/** A supervision locked for a change, inside the actor's scope, or 404. */
async function lockInScope(tx: Db, actor: { divisionCode: string }, id: number) {
  const s = await repo.lockSupervision(tx, id);
  if (!s) throw new AppError('not_found', SUPERVISION_NOT_FOUND);
  assertInScope(actor, s.divisionCode, SUPERVISION_NOT_FOUND);
  return s;
}

/**
 * 挂牌督办 of a major hazard or of a town: listing, 约谈 / 提醒函 / 复产申请 and its on-site review, and lifting
 * (摘牌) once the hazard is closed. The hazard's `supervised` flag follows its active supervisions in the same
 * transaction; every change is audited there too.
 */
export function createSupervisionService({
  db,
  audit,
  settings,
  attachments,
  clock,
}: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  clock: TClock;
}) {
  // The documents of 约谈, 提醒函 and 复产申请 are read by whoever may see the supervision (hazard.stats in scope).
  attachments.registerReader(
    'supervision',
    readerInScope('hazard.stats', async (tx, id) => (await repo.findSupervisionView(tx, id))?.divisionCode),
  );

  function toDto(v: repo.TSupervisionView, now: Date): TSupervision {
    return {
      id: v.id,
      target: v.target,
      hazardId: v.hazardId,
      hazardDescription: v.hazardDescription,
      hazardState: v.hazardState,
      enterpriseName: v.enterpriseName,
      divisionCode: v.divisionCode,
      townName: v.townName,
      supervisingBody: v.supervisingBody,
      leaderName: v.leaderName,
      deadline: v.deadline,
      reason: v.reason,
      status: v.status,
      overdue: v.status === 'active' && bureauDate(now) > v.deadline,
      liftedAt: v.liftedAt,
      liftNote: v.liftNote,
      createdAt: v.createdAt,
    };
  }

  function actionDtos(actions: repo.TSupervisionActionView[], now: Date): NonNullable<TSupervision['actions']> {
    const reviewOf = new Map(actions.filter((a) => a.kind === 'resumption_review' && a.requestId !== null).map((a) => [a.requestId!, a]));
    return actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      on: a.on,
      note: a.note,
      passed: a.passed,
      reviewDueOn: a.reviewDueOn,
      reviewOverdue:
        a.kind === 'resumption_request' && a.reviewDueOn !== null
          ? isResumptionReviewOverdue(a.reviewDueOn, reviewOf.get(a.id)?.on ?? null, now)
          : false,
      documents: a.documents,
      actorName: a.actorName,
      at: a.at,
    }));
  }

  async function visible(ctx: TRequestContext, id: number) {
    const { actor, row: view } = await loadInScope(
      ctx,
      'hazard.stats',
      () => repo.findSupervisionView(db, id),
      (v) => v.divisionCode,
      SUPERVISION_NOT_FOUND,
    );
    return { actor, view };
  }

  async function detail(ctx: TRequestContext, id: number): Promise<TSupervision> {
    const { actor, view } = await visible(ctx, id);
    const now = clock();
    const actions = await repo.listActions(db, id);
    const problem = can(actor.role, 'hazard.supervise')
      ? supervisionLiftProblem(view, view.target === 'hazard' ? (view.hazardState as THazardState | null) : null)
      : { message: '没有此项操作的权限' };
    return { ...toDto(view, now), actions: actionDtos(actions, now), liftProblem: problem?.message ?? null };
  }

  async function list(ctx: TRequestContext, query: TListQuery): Promise<{ items: TSupervision[]; total: number }> {
    const actor = requirePermission(ctx, 'hazard.stats');
    const now = clock();
    const { items, total } = await repo.listSupervisions(
      db,
      { scope: actor.divisionCode, status: query.status, target: query.target, divisionCode: query.divisionCode },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: items.map((v) => toDto(v, now)), total };
  }

  async function create(ctx: TRequestContext, input: TSupervisionCreate): Promise<TSupervision> {
    const actor = requirePermission(ctx, 'hazard.supervise');
    const now = clock();
    const at = now.toISOString();
    const id = await db.transaction(async (tx) => {
      let divisionCode: string;
      let hazardId: number | null = null;
      if (input.target === 'hazard') {
        const hazard = await repo.lockHazard(tx, input.hazardId!);
        if (hazard && !actorSees(actor, hazard.divisionCode))
          throw new AppError('forbidden', '该隐患不在您的管辖范围内，不能挂牌督办', { field: 'hazardId' });
        const problem = supervisionCreateProblem(
          'hazard',
          hazard ? { level: hazard.level as THazardLevel, state: hazard.state as THazardState } : null,
          input.deadline,
          now,
        );
        if (problem) throw new AppError(hazard ? 'rule_violation' : 'not_found', problem.message, { field: problem.field ?? 'hazardId' });
        if (await repo.activeSupervisionOfHazard(tx, hazard!.id))
          throw new AppError('conflict', '该重大隐患已在挂牌督办中', { field: 'hazardId' });
        divisionCode = hazard!.divisionCode;
        hazardId = hazard!.id;
        await repo.setHazardSupervised(tx, hazardId, true);
      } else {
        const town = await repo.findTown(tx, input.townCode!);
        if (!town) throw new AppError('invalid', '镇街代码不存在', { field: 'townCode' });
        if (!actorSees(actor, town.code)) throw new AppError('forbidden', '该镇街不在您的管辖范围内，不能挂牌督办', { field: 'townCode' });
        const problem = supervisionCreateProblem('town', null, input.deadline, now);
        if (problem) throw new AppError('rule_violation', problem.message, { field: problem.field });
        if (await repo.activeSupervisionOfTown(tx, town.code))
          throw new AppError('conflict', `${town.name}已在挂牌督办中`, { field: 'townCode' });
        divisionCode = town.code;
      }
      const row = await repo.insertSupervision(tx, {
        target: input.target,
        hazardId,
        divisionCode,
        supervisingBody: input.supervisingBody,
        leaderName: input.leaderName,
        deadline: input.deadline,
        reason: input.reason,
        status: 'active',
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'supervision',
        entityId: row.id,
        after: { ...input, hazardId, divisionCode },
        divisionCode,
      });
      return row.id;
    });
    return detail(ctx, id);
  }

  async function addAction(ctx: TRequestContext, id: number, input: TSupervisionActionCreate): Promise<TSupervision> {
    const actor = requirePermission(ctx, 'hazard.supervise');
    const now = clock();
    const at = now.toISOString();
    if (input.on > bureauDate(now)) throw new AppError('invalid', '日期不能晚于今天', { field: 'on' });
    const hazardSettings = await settings.get('hazard');
    await db.transaction(async (tx) => {
      const s = await lockInScope(tx, actor, id);
      if (s.status !== 'active') throw new AppError('rule_violation', '该督办已摘牌，不能再登记督办记录', { field: 'kind' });
      await attachments.requireExisting(tx, ctx, input.documents, 'documents', HAZARD_DOCUMENT_MIMES);
      let requestId: number | null = null;
      let reviewDueOn: string | null = null;
      let passed: boolean | null = null;
      if (input.kind === 'resumption_request') {
        if (await repo.latestOpenRequest(tx, id))
          throw new AppError('rule_violation', '上一份复产申请尚未现场审查，请先登记审查结果', { field: 'kind' });
        reviewDueOn = resumptionReviewDueOn(input.on, hazardSettings);
      } else if (input.kind === 'resumption_review') {
        const request = await repo.latestOpenRequest(tx, id);
        if (!request) throw new AppError('rule_violation', '没有待审查的复产申请', { field: 'kind' });
        if (input.passed === null || input.passed === undefined)
          throw new AppError('invalid', '请填写复产现场审查是否通过', { field: 'passed' });
        if (input.on < request.on) throw new AppError('invalid', `审查日期不能早于复产申请日期 ${request.on}`, { field: 'on' });
        requestId = request.id;
        passed = input.passed;
      }
      const row = await repo.insertAction(tx, {
        supervisionId: id,
        kind: input.kind,
        on: input.on,
        note: input.note,
        passed,
        reviewDueOn,
        requestId,
        documents: input.documents,
        actorId: actor.id,
        at,
      });
      await attachments.link(tx, 'supervision', id, input.documents);
      await repo.touchSupervision(tx, id, at);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'supervision_action',
        entityId: row.id,
        after: { supervisionId: id, ...input, passed, reviewDueOn, requestId },
        divisionCode: s.divisionCode,
      });
    });
    return detail(ctx, id);
  }

  async function lift(ctx: TRequestContext, id: number, input: { note: string }): Promise<TSupervision> {
    const actor = requirePermission(ctx, 'hazard.supervise');
    const at = clock().toISOString();
    await db.transaction(async (tx) => {
      const s = await lockInScope(tx, actor, id);
      const hazard = s.hazardId !== null ? await repo.lockHazard(tx, s.hazardId) : null;
      const problem = supervisionLiftProblem(s, s.target === 'hazard' ? ((hazard?.state as THazardState | undefined) ?? null) : null);
      if (problem) throw new AppError('rule_violation', problem.message, { field: problem.field ?? 'status' });
      if (!(await repo.liftSupervision(tx, id, { liftedBy: actor.id, liftedAt: at, liftNote: input.note })))
        throw new AppError('conflict', '该督办已摘牌');
      if (hazard && !(await repo.activeSupervisionOfHazard(tx, hazard.id, id))) await repo.setHazardSupervised(tx, hazard.id, false);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'supervision',
        entityId: id,
        before: { status: s.status },
        after: { status: 'lifted', liftNote: input.note, hazardId: s.hazardId },
        divisionCode: s.divisionCode,
      });
    });
    return detail(ctx, id);
  }

  return { list, detail, create, addAction, lift };
}
