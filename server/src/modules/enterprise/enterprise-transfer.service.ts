import { AppError, can, inScope, type TEnterprise } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import * as orgRepo from '../org/org.repo';
import { requirePermission } from '../../kit/access';
import * as repo from './enterprise.repo';
import type { TEnterpriseService } from './enterprise.service';

export type TEnterpriseTransferService = ReturnType<typeof createEnterpriseTransferService>;

/**
 * Moving a firm between towns (属地变更): a town asks, and the firm moves only when the receiving town or
 * the bureau accepts. The bureau's own request takes effect at once.
 */
export function createEnterpriseTransferService(deps: { db: Db; audit: TAuditService; enterprises: TEnterpriseService; clock: TClock }) {
  const { db, audit, enterprises, clock } = deps;

  async function move(tx: Db, ctx: TRequestContext, firm: TEnterprise, toCode: string, reason: string, now: string) {
    const target = await orgRepo.findDivision(tx, toCode);
    await repo.updateEnterprise(tx, firm.id, { divisionCode: toCode, updatedAt: now });
    await repo.addEvents(tx, [
      {
        enterpriseId: firm.id,
        at: now,
        module: 'enterprise',
        kind: 'transfer',
        summary: `属地由 ${firm.divisionName ?? firm.divisionCode} 变更为 ${target?.name ?? toCode}：${reason}`,
      },
    ]);
    await audit.record(tx, ctx, {
      action: 'update',
      entity: 'enterprise',
      entityId: firm.id,
      before: { divisionCode: firm.divisionCode },
      after: { divisionCode: toCode, reason },
      divisionCode: toCode,
    });
  }

  async function request(ctx: TRequestContext, enterpriseId: number, input: { toCode: string; reason: string }) {
    const actor = requirePermission(ctx, 'enterprise.manage');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const firm = await enterprises.loadInScope(tx, ctx, enterpriseId);
      if (actor.divisionCode.length === 9 && firm.supervisingLevel !== 'town')
        throw new AppError('forbidden', '该企业由市级监管，镇街不能发起属地变更');
      const target = await orgRepo.findDivision(tx, input.toCode);
      if (!target || target.level !== 'town') throw new AppError('invalid', `目标镇街 ${input.toCode} 不存在`, { field: 'toCode' });
      if (input.toCode === firm.divisionCode) throw new AppError('invalid', '目标镇街与当前所属镇街相同', { field: 'toCode' });
      if (await repo.pendingTransferFor(tx, firm.id)) throw new AppError('conflict', '该企业已有一个待接收的属地变更申请');
      const cityLevel = actor.divisionCode.length <= 4 && inScope(actor.divisionCode, input.toCode);
      const transfer = await repo.insertTransfer(tx, {
        enterpriseId: firm.id,
        fromCode: firm.divisionCode,
        toCode: input.toCode,
        reason: input.reason,
        status: cityLevel ? 'accepted' : 'pending',
        requestedBy: actor.id,
        requestedAt: now,
        ...(cityLevel ? { decidedBy: actor.id, decidedAt: now, comment: '市局直接变更' } : {}),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'enterprise_transfer',
        entityId: transfer.id,
        after: transfer,
        divisionCode: firm.divisionCode,
      });
      if (cityLevel) await move(tx, ctx, firm, input.toCode, input.reason, now);
      return transfer;
    });
  }

  async function decide(ctx: TRequestContext, transferId: number, input: { accept: boolean; comment?: string | null | undefined }) {
    const actor = requirePermission(ctx, 'enterprise.manage');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const transfer = await repo.findTransfer(tx, transferId);
      if (!transfer || !(inScope(actor.divisionCode, transfer.toCode) || inScope(actor.divisionCode, transfer.fromCode))) {
        throw new AppError('not_found', '属地变更申请不存在');
      }
      if (transfer.status !== 'pending') throw new AppError('rule_violation', '该申请已处理');
      // The receiving town or the bureau decides; the asking town cannot accept its own request.
      const mayDecide =
        can(actor.role, 'enterprise.manage') &&
        inScope(actor.divisionCode, transfer.toCode) &&
        (actor.divisionCode.length <= 4 || actor.divisionCode === transfer.toCode);
      if (!mayDecide) throw new AppError('forbidden', '只有接收镇街或市局可以处理属地变更申请');
      await repo.decideTransfer(tx, transferId, {
        status: input.accept ? 'accepted' : 'rejected',
        decidedBy: actor.id,
        decidedAt: now,
        comment: input.comment ?? null,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'enterprise_transfer',
        entityId: transferId,
        before: { status: 'pending' },
        after: { status: input.accept ? 'accepted' : 'rejected', comment: input.comment ?? null },
        divisionCode: transfer.toCode,
      });
      if (input.accept) {
        const firm = await enterprises.load(tx, transfer.enterpriseId);
        await move(tx, ctx, firm, transfer.toCode, transfer.reason, now);
      }
      return {
        ...transfer,
        status: (input.accept ? 'accepted' : 'rejected') as 'accepted' | 'rejected',
        decidedAt: now,
        comment: input.comment ?? null,
      };
    });
  }

  async function list(ctx: TRequestContext, status?: string) {
    const actor = requirePermission(ctx, 'enterprise.read');
    const names = new Map((await orgRepo.listDivisions(db, actor.divisionCode.slice(0, 4))).map((d) => [d.code, d.name]));
    return (await repo.listTransfers(db, actor.divisionCode, status)).map((r) => ({
      ...r.transfer,
      enterpriseName: r.name,
      creditCode: r.creditCode,
      fromName: names.get(r.transfer.fromCode) ?? null,
      toName: names.get(r.transfer.toCode) ?? null,
    }));
  }

  return { request, decide, list };
}
