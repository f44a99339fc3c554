import {
  AppError,
  bureauDate,
  certificateState,
  type TConflict,
  type TConflictCreate,
  type TInspector,
  type TInspectorCreate,
  type TInspectorListQuery,
  type TInspectorUpdate,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import * as enterpriseRepo from '../../enterprise/enterprise.repo';
import * as orgRepo from '../../org/org.repo';
import { actorSees, loadInScope, requirePermission } from '../../../kit/access';
import * as repo from './inspector.repo';
import { iso } from '../../../shared/iso';

export type TInspectorService = ReturnType<typeof createInspectorService>;

/**
 * The inspector pool (执法检查人员名录, 国办发〔2015〕58号): officers with an enforcement certificate, by body
 * (the bureau or a town). A town officer manages their own town's officers; the bureau manages all.
 */
export function createInspectorService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  const today = () => bureauDate(clock());

  /** The presenter: the certificate state is derived, never stored. */
  const toDto = (v: repo.TInspectorView): TInspector => ({
    ...v,
    certificateState: certificateState(v.certificateExpiresOn, today()),
    updatedAt: iso(v.updatedAt),
  });

  /** The officer's entry in the pool if he is in the actor's scope; else 404. */
  async function loadInspector(
    tx: Db,
    ctx: TRequestContext,
    userId: number,
    permission: 'inspection.inspectors' | 'inspection.read' = 'inspection.inspectors',
  ) {
    const { row } = await loadInScope(
      ctx,
      permission,
      () => repo.findInspector(tx, userId),
      (v) => v.divisionCode,
      '执法人员不在名录中',
    );
    return row;
  }

  async function list(ctx: TRequestContext, query: TInspectorListQuery) {
    const actor = requirePermission(ctx, 'inspection.inspectors');
    const { items, total } = await repo.listInspectors(db, query, actor.divisionCode, today());
    return { items: items.map(toDto), total };
  }

  async function candidates(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'inspection.inspectors');
    return (await repo.listCandidates(db, actor.divisionCode)).map(({ id, username, displayName, divisionCode }) => ({
      id,
      username,
      displayName,
      divisionCode,
    }));
  }

  async function create(ctx: TRequestContext, input: TInspectorCreate): Promise<TInspector> {
    const actor = requirePermission(ctx, 'inspection.inspectors');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const user = await orgRepo.findUser(tx, input.userId);
      if (!user || !actorSees(actor, user.divisionCode))
        throw new AppError('invalid', '所选用户不存在或不在您的管辖范围内', { field: 'userId' });
      if (!repo.INSPECTOR_ROLES.includes(user.role))
        throw new AppError('invalid', '只有市局执法人员、市局领导和镇街执法人员可以列入执法人员名录', { field: 'userId' });
      if (user.disabled) throw new AppError('invalid', '该账号已停用，不能列入名录', { field: 'userId' });
      if (await repo.findInspector(tx, user.id))
        throw new AppError('conflict', `${user.displayName} 已在执法人员名录中`, { field: 'userId' });
      const holder = await repo.findByCertificate(tx, input.certificateNo);
      if (holder) throw new AppError('conflict', `执法证号 ${input.certificateNo} 已被其他人员使用`, { field: 'certificateNo' });
      await repo.insertInspector(tx, {
        userId: user.id,
        divisionCode: user.divisionCode,
        certificateNo: input.certificateNo,
        certificateExpiresOn: input.certificateExpiresOn,
        active: input.active,
        updatedAt: now,
      });
      const after = toDto((await repo.findInspector(tx, user.id))!);
      await audit.record(tx, ctx, { action: 'create', entity: 'inspector', entityId: user.id, after, divisionCode: user.divisionCode });
      return after;
    });
  }

  async function update(ctx: TRequestContext, userId: number, input: TInspectorUpdate): Promise<TInspector> {
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = toDto(await loadInspector(tx, ctx, userId));
      if (input.certificateNo && input.certificateNo !== before.certificateNo) {
        const holder = await repo.findByCertificate(tx, input.certificateNo);
        if (holder) throw new AppError('conflict', `执法证号 ${input.certificateNo} 已被其他人员使用`, { field: 'certificateNo' });
      }
      await repo.updateInspector(tx, userId, { ...input, updatedAt: now });
      const after = toDto((await repo.findInspector(tx, userId))!);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspector',
        entityId: userId,
        before,
        after,
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  async function conflicts(ctx: TRequestContext, userId: number): Promise<TConflict[]> {
    await loadInspector(db, ctx, userId);
    return (await repo.listConflicts(db, userId)).map((c) => ({ ...c, declaredAt: iso(c.declaredAt) }));
  }

  /** 回避 (行政处罚法 art. 43): an officer with an interest in a firm is never drawn for it. */
  async function declareConflict(ctx: TRequestContext, userId: number, input: TConflictCreate): Promise<TConflict[]> {
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const inspector = await loadInspector(tx, ctx, userId);
      const firm = await enterpriseRepo.findEnterprise(tx, input.enterpriseId);
      if (!firm) throw new AppError('invalid', '所选企业不存在', { field: 'enterpriseId' });
      if (await repo.findConflict(tx, userId, firm.id))
        throw new AppError('conflict', `已登记 ${inspector.displayName} 与“${firm.name}”的回避关系`, { field: 'enterpriseId' });
      await repo.insertConflict(tx, { inspectorId: userId, enterpriseId: firm.id, reason: input.reason, declaredAt: now });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'inspector_conflict',
        entityId: `${userId}:${firm.id}`,
        after: { inspector: inspector.displayName, enterpriseId: firm.id, enterprise: firm.name, reason: input.reason },
        divisionCode: inspector.divisionCode,
      });
    });
    return conflicts(ctx, userId);
  }

  async function withdrawConflict(ctx: TRequestContext, userId: number, enterpriseId: number): Promise<TConflict[]> {
    await db.transaction(async (tx) => {
      const inspector = await loadInspector(tx, ctx, userId);
      const before = await repo.findConflict(tx, userId, enterpriseId);
      if (!before) throw new AppError('not_found', '没有这条回避登记');
      await repo.deleteConflict(tx, userId, enterpriseId);
      await audit.record(tx, ctx, {
        action: 'delete',
        entity: 'inspector_conflict',
        entityId: `${userId}:${enterpriseId}`,
        before,
        divisionCode: inspector.divisionCode,
      });
    });
    return conflicts(ctx, userId);
  }

  return { list, candidates, create, update, conflicts, declareConflict, withdrawConflict, loadInspector };
}
