/**
 * Drills of emergency plans: the annual drill plan and each drill's record with its phases; a held drill moves its
 * plan's last drill and next due day in the same transaction. Review (复盘) findings become follow-up tasks, completed
 * by their owner and signed off by someone else.
 */
import {
  AppError,
  bureauDate,
  can,
  drillDateProblem,
  phaseOverrunMinutes,
  phasesProblem,
  type TDrillDetail,
  type TRole,
  type TDrillItem,
  type ZDrillFindingInputSchema,
  type ZDrillInputSchema,
  type ZDrillListQuerySchema,
  type ZDrillRecordSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import type { TReadCache } from './drill-cache';
import * as repo from './drill.repo';
import * as taskRepo from './drill-task.repo';
import { createDrillTaskService, toTask } from './drill-task.service';
import * as plans from './plan.repo';
import { drillActor, drillActorSees, viewerOf, type TDrillActor } from './drill-actor';
import { dutyColumns } from './plan-item';
import { PLAN_NOT_FOUND } from './plan.service';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings' | 'events'> & { attachments: TAttachmentService; cache: TReadCache };
export const DRILL_NOT_FOUND = '演练不存在';

const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});

export const toDrillItem = (r: NonNullable<Awaited<ReturnType<typeof repo.findDrill>>>): TDrillItem => ({
  id: r.d.id,
  title: r.d.title,
  planId: r.d.planId,
  planName: r.planName,
  planKind: r.planKind,
  divisionCode: r.d.divisionCode,
  townName: r.townName,
  status: r.d.status,
  plannedOn: r.d.plannedOn,
  heldOn: r.d.heldOn,
  form: r.d.form,
  notice: r.d.notice,
  organiser: r.d.organiser,
  jointMilitary: r.d.jointMilitary,
  selfRun: r.d.selfRun,
  openTasks: r.openTasks,
});

export function createDrillService({ db, clock, audit, settings, events, attachments, cache }: TDeps) {
  const today = () => bureauDate(clock());

  attachments.registerReader('drill', async (tx, ctx, ids) => {
    const actor = ctx.actor && can(ctx.actor.role, 'drill.read') ? await drillActor(tx, ctx, 'drill.read') : null;
    if (!actor) return false;
    for (const id of ids) {
      const found = await repo.findDrill(tx, id);
      if (found && drillActorSees(actor, found.d)) return true;
    }
    return false;
  });

  async function detailFor(actor: TDrillActor, id: number): Promise<TDrillDetail> {
    const found = await repo.findDrill(db, id);
    if (!found) throw new AppError('not_found', DRILL_NOT_FOUND);
    const [tasks, revisions] = await Promise.all([taskRepo.tasksOfDrill(db, id), repo.revisionsOfDrill(db, id)]);
    // outside his scope, the owner of one of its review tasks may still read the drill his task came from (read only)
    const inScope = drillActorSees(actor, found.d);
    if (!inScope && !tasks.some((r) => r.t.ownerId === actor.id)) throw new AppError('not_found', DRILL_NOT_FOUND);
    const t = today();
    return {
      readOnly: !inScope,
      ...toDrillItem(found),
      participants: found.d.participants,
      observers: found.d.observers,
      observerCount: found.d.observerCount,
      participantCount: found.d.participantCount,
      costFen: found.d.costFen,
      phases: found.d.phases.map((p) => ({ ...p, overrunMinutes: phaseOverrunMinutes(p) })),
      photos: found.d.photos,
      videoRefs: found.d.videoRefs,
      summary: found.d.summary,
      tasks: tasks.map((r) => toTask(r, actor, t)),
      revisions,
    };
  }

  async function get(ctx: TRequestContext, id: number) {
    return detailFor(await drillActor(db, ctx, 'drill.read'), id);
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZDrillListQuerySchema>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const viewer = viewerOf(actor);
    const { page: _p, pageSize: _s, ...filter } = q;
    const [rows, total] = await Promise.all([
      repo.listDrills(db, viewer, q),
      cache.get(`drills:${JSON.stringify([viewer, filter])}`, () => repo.countDrills(db, viewer, filter)),
    ]);
    const open = await repo.openTasksOf(
      db,
      rows.map((r) => r.d.id),
    );
    return { items: rows.map((r) => toDrillItem({ ...r, openTasks: open.get(r.d.id) ?? 0 })), total };
  }

  /** Checks a held drill's date and phases against its plan and today. */
  function checkHeld(plan: plans.TPlanRow, heldOn: string, phases: z.output<typeof ZDrillInputSchema>['phases']) {
    const dateProblem = drillDateProblem(heldOn, plan);
    if (dateProblem) throw rule(dateProblem, 'heldOn');
    if (heldOn > today()) throw new AppError('invalid', '实施日期不能晚于今天；尚未实施的演练请登记为计划', { field: 'heldOn' });
    const p = phasesProblem(phases);
    if (p) throw new AppError('invalid', p.message, { field: `phases.${p.index}` });
  }

  /** The plan's stored last drill and next due day after a drill held on `heldOn` (only a later drill moves them). */
  async function moveLastDrill(tx: Db, plan: plans.TPlanRow, drillId: number, heldOn: string) {
    if (plan.lastDrillOn !== null && plan.lastDrillOn >= heldOn) return;
    const rules = await settings.get('drillDuties');
    await plans.updatePlan(tx, plan.id, {
      lastDrillOn: heldOn,
      lastDrillId: drillId,
      ...dutyColumns(plan, heldOn, rules),
      updatedAt: clock().toISOString(),
    });
  }

  async function raiseHeld(tx: Db, ctx: TRequestContext, d: repo.TDrillRow) {
    await events.emit(
      tx,
      'drill.held',
      {
        drillId: d.id,
        planId: d.planId,
        heldOn: d.heldOn!,
        divisionCode: d.divisionCode,
        enterpriseId: d.enterpriseId,
        ref: `drill:${d.id}`,
      },
      ctx,
    );
  }

  async function create(ctx: TRequestContext, input: z.output<typeof ZDrillInputSchema>) {
    const actor = await drillActor(db, ctx, 'drill.record');
    const now = clock().toISOString();
    const id = await db.transaction(async (tx) => {
      const plan = await plans.lockPlan(tx, input.planId);
      if (!plan || !drillActorSees(actor, plan)) throw new AppError('invalid', '所选预案不存在或不在您的管辖范围内', { field: 'planId' });
      if (plan.status === 'repealed') throw rule('该预案已废止，不能再登记演练', 'planId');
      const heldOn = input.status === 'done' ? (input.heldOn ?? input.plannedOn) : null;
      if (heldOn) checkHeld(plan, heldOn, input.phases);
      else {
        const p = phasesProblem(input.phases);
        if (p) throw new AppError('invalid', p.message, { field: `phases.${p.index}` });
        if (input.plannedOn < plan.issuedOn) throw rule(drillDateProblem(input.plannedOn, plan)!, 'plannedOn');
      }
      const divisionCode = plan.enterpriseId !== null ? plan.divisionCode : (input.divisionCode ?? plan.divisionCode);
      if (!drillActorSees(actor, { divisionCode, enterpriseId: plan.enterpriseId }))
        throw new AppError('invalid', '演练所在区划不在您的管辖范围内', { field: 'divisionCode' });
      const { planId: _p, status: _s, heldOn: _h, divisionCode: _dc, ...fields } = input;
      const row = await repo.insertDrill(tx, {
        ...fields,
        planId: plan.id,
        enterpriseId: plan.enterpriseId,
        divisionCode,
        status: input.status,
        heldOn,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      await attachments.link(tx, 'drill', row.id, input.photos);
      if (heldOn) await moveLastDrill(tx, plan, row.id, heldOn);
      await audit.record(tx, ctx, { action: 'create', entity: 'drill', entityId: row.id, after: row, divisionCode });
      if (heldOn) await raiseHeld(tx, ctx, row);
      return row.id;
    });
    cache.bump();
    return detailFor(actor, id);
  }

  /** A planned drill was held: its record, and the plan's duty moves on. */
  async function record(ctx: TRequestContext, id: number, input: z.output<typeof ZDrillRecordSchema>) {
    const actor = await drillActor(db, ctx, 'drill.record');
    await db.transaction(async (tx) => {
      const row = await repo.lockDrill(tx, id);
      if (!row || !drillActorSees(actor, row)) throw new AppError('not_found', DRILL_NOT_FOUND);
      if (row.status !== 'planned') throw rule(row.status === 'done' ? '该演练已登记实施情况' : '该演练已取消');
      const plan = await plans.lockPlan(tx, row.planId);
      if (!plan) throw new AppError('not_found', PLAN_NOT_FOUND);
      checkHeld(plan, input.heldOn, input.phases);
      const after = await repo.updateDrill(tx, id, { ...input, status: 'done', updatedAt: clock().toISOString() });
      await attachments.link(tx, 'drill', id, input.photos);
      await moveLastDrill(tx, plan, id, input.heldOn);
      await audit.record(tx, ctx, { action: 'update', entity: 'drill', entityId: id, before: row, after, divisionCode: row.divisionCode });
      await raiseHeld(tx, ctx, after);
    });
    cache.bump();
    return detailFor(actor, id);
  }

  /** A review finding of one phase becomes a task with its owner and deadline. */
  async function addFinding(ctx: TRequestContext, id: number, input: z.output<typeof ZDrillFindingInputSchema>) {
    const actor = await drillActor(db, ctx, 'drill.record');
    await db.transaction(async (tx) => {
      const row = await repo.lockDrill(tx, id);
      if (!row || !drillActorSees(actor, row)) throw new AppError('not_found', DRILL_NOT_FOUND);
      if (row.status !== 'done') throw rule('演练尚未实施，不能复盘');
      if (row.phases.length > 0 && !row.phases.some((p) => p.name === input.phase) && input.phase !== '总体')
        throw new AppError('invalid', `演练没有名为“${input.phase}”的环节`, { field: 'phase' });
      if (input.deadline < row.heldOn!) throw new AppError('invalid', '整改期限不能早于演练日期', { field: 'deadline' });
      const owner = await taskRepo.findUser(tx, input.ownerId);
      const ownerVisible =
        owner &&
        !owner.disabled &&
        can(owner.role as TRole, 'drill.read') &&
        (actor.role === 'enterprise_user'
          ? owner.enterpriseId === actor.enterpriseId
          : drillActorSees(actor, { divisionCode: owner.divisionCode, enterpriseId: null }));
      if (!ownerVisible) throw new AppError('invalid', '整改责任人不存在或不在您的管辖范围内', { field: 'ownerId' });
      const task = await taskRepo.insertTask(tx, {
        drillId: id,
        divisionCode: row.divisionCode,
        ...input,
        state: 'open',
        createdBy: actor.id,
        createdAt: clock().toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'drill_task',
        entityId: task.id,
        after: task,
        divisionCode: row.divisionCode,
      });
    });
    return detailFor(actor, id);
  }

  const workbench = {
    myTasks: (actor: TDrillActor) => taskRepo.countTasks(db, viewerOf(actor), actor.id, 'owner'),
    toSignOff: (actor: TDrillActor) => taskRepo.countTasks(db, viewerOf(actor), actor.id, 'signer'),
  };

  return { list, get, create, record, addFinding, ...createDrillTaskService({ db, clock, audit, events, attachments }), workbench };
}
export type TDrillService = ReturnType<typeof createDrillService>;
