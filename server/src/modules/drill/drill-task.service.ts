/**
 * Review (复盘) follow-up tasks: listed for whoever sees their drill or owns them, completed with evidence by their
 * owner, signed off or sent back by someone else who may record drills.
 */
import {
  AppError,
  bureauDate,
  can,
  isTaskOverdue,
  taskChangeProblem,
  type TRole,
  type TTask,
  type ZTaskCompleteSchema,
  type ZTaskDecisionSchema,
  type ZTaskListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import type { TAttachmentService } from '../attachment/attachment.service';
import { drillActor, drillActorSees, viewerOf, type TDrillActor } from './drill-actor';
import * as repo from './drill-task.repo';

const TASK_NOT_FOUND = '整改任务不存在';
const rule = (message: string) => new AppError('rule_violation', message);

export const toTask = (r: NonNullable<Awaited<ReturnType<typeof repo.findTask>>>, actor: TDrillActor, t: string): TTask => ({
  id: r.t.id,
  drillId: r.t.drillId,
  drillTitle: r.drillTitle,
  phase: r.t.phase,
  finding: r.t.finding,
  unit: r.t.unit,
  ownerId: r.t.ownerId,
  ownerName: r.ownerName,
  deadline: r.t.deadline,
  state: r.t.state,
  overdue: isTaskOverdue(r.t, t),
  evidence: r.t.evidence,
  evidenceFiles: r.t.evidenceFiles,
  completedAt: iso(r.t.completedAt),
  signedOffBy: r.signerName,
  signedOffAt: iso(r.t.signedOffAt),
  note: r.t.note,
  can: {
    complete: r.t.state === 'open' && r.t.ownerId === actor.id,
    signOff: r.t.state === 'done' && r.t.ownerId !== actor.id && can(actor.role, 'drill.record'),
  },
});

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'events'> & { attachments: TAttachmentService };

export function createDrillTaskService({ db, clock, audit, events, attachments }: TDeps) {
  const today = () => bureauDate(clock());

  async function listTasks(ctx: TRequestContext, q: z.output<typeof ZTaskListQuerySchema>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const { rows, total } = await repo.listTasks(db, viewerOf(actor), actor.id, q);
    const t = today();
    return { items: rows.map((r) => toTask(r, actor, t)), total };
  }

  async function changeTask(
    ctx: TRequestContext,
    id: number,
    action: 'complete' | 'sign_off' | 'reject',
    input: { evidence?: string; files?: string[]; note?: string },
  ): Promise<TTask> {
    const actor = await drillActor(db, ctx, action === 'complete' ? 'drill.read' : 'drill.record');
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const found = await repo.lockTask(tx, id);
      const t = found?.t;
      const visible =
        t && (t.ownerId === actor.id || drillActorSees(actor, { divisionCode: t.divisionCode, enterpriseId: found.enterpriseId }));
      if (!t || !visible) throw new AppError('not_found', TASK_NOT_FOUND);
      if (action === 'complete' && t.ownerId !== actor.id) throw new AppError('forbidden', '只有整改责任人可以提交完成情况');
      const problem = taskChangeProblem(t, { action, actorId: actor.id, evidence: input.evidence });
      if (problem) throw rule(problem);
      const change =
        action === 'complete'
          ? { state: 'done' as const, evidence: input.evidence!, evidenceFiles: input.files ?? [], completedAt: now }
          : action === 'sign_off'
            ? { state: 'signed_off' as const, signedOffBy: actor.id, signedOffAt: now, note: input.note || null }
            : { state: 'open' as const, completedAt: null, note: input.note || '验收不通过，退回整改' };
      const after = await repo.updateTask(tx, id, change);
      if (action === 'complete') await attachments.link(tx, 'drill', t.drillId, input.files ?? []);
      await audit.record(tx, ctx, { action: 'update', entity: 'drill_task', entityId: id, before: t, after, divisionCode: t.divisionCode });
      if (action === 'sign_off')
        await events.emit(
          tx,
          'drill.task_signed_off',
          { taskId: id, drillId: t.drillId, divisionCode: t.divisionCode, ref: `drill_task:${id}` },
          ctx,
        );
    });
    return toTask((await repo.findTask(db, id))!, actor, today());
  }

  const complete = (ctx: TRequestContext, id: number, input: z.output<typeof ZTaskCompleteSchema>) =>
    changeTask(ctx, id, 'complete', input);
  const signOff = (ctx: TRequestContext, id: number, input: z.output<typeof ZTaskDecisionSchema>) => changeTask(ctx, id, 'sign_off', input);
  const reject = (ctx: TRequestContext, id: number, input: z.output<typeof ZTaskDecisionSchema>) => changeTask(ctx, id, 'reject', input);

  async function assignees(ctx: TRequestContext) {
    const actor = await drillActor(db, ctx, 'drill.record');
    const rows = await repo.assignees(db, viewerOf(actor));
    // only users who can open the task list can complete a task
    return {
      items: rows.filter((r) => can(r.role as TRole, 'drill.read')).map((r) => ({ id: r.id, displayName: r.displayName, role: r.role })),
    };
  }

  return { listTasks, complete, signOff, reject, assignees };
}
