import {
  AppError,
  bureauDate,
  can,
  planApprovalProblem,
  planChecks,
  ZPlanCreateSchema,
  type TPlan,
  type TPlanCreate,
  type TPlanDetail,
  type TPlanListQuery,
  type TPlanPoolFilter,
  type TPlanRatios,
  type TPlanUpdate,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import * as orgRepo from '../../org/org.repo';
import { actorSees, loadInScope, requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import * as inspectorRepo from '../inspectors/inspector.repo';
import * as repo from './plan.repo';
import { iso } from '../../../shared/iso';

export type TPlanService = ReturnType<typeof createPlanService>;

/** The presenter: what leaves the server about a plan. */
export const toPlanDto = (v: repo.TPlanView): TPlan => ({
  id: v.id,
  divisionCode: v.divisionCode,
  divisionName: v.divisionCode.length === 9 ? v.divisionName : '市应急管理局',
  year: v.year,
  title: v.title,
  periodStart: v.periodStart,
  periodEnd: v.periodEnd,
  focus: v.focus,
  pool: v.pool as TPlanPoolFilter,
  ratios: v.ratios as TPlanRatios,
  inspectorsPerTarget: v.inspectorsPerTarget,
  rounds: v.rounds,
  status: v.status,
  createdBy: v.createdBy,
  createdByName: v.createdByName,
  approvedBy: v.approvedBy,
  approvedByName: v.approvedByName,
  approvedAt: iso(v.approvedAt),
  createdAt: iso(v.createdAt)!,
  updatedAt: iso(v.updatedAt)!,
});

/**
 * Annual inspection plans (年度监督检查计划), one set per issuing body: the bureau (the city code) or a town.
 * Drafted by anyone with inspection.plan in the body, approved by someone else (四眼原则); only approved plans draw.
 */
export function createPlanService({
  db,
  audit,
  settings,
  clock,
}: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  clock: TClock;
}) {
  /** The plan if it is in the actor's scope; another body's plan reads as absent. */
  async function loadPlan(
    tx: Db,
    ctx: TRequestContext,
    id: number,
    permission: 'inspection.read' | 'inspection.plan' = 'inspection.read',
  ): Promise<repo.TPlanView> {
    const { row } = await loadInScope(
      ctx,
      permission,
      () => repo.findPlan(tx, id),
      (p) => p.divisionCode,
      '检查计划不存在',
    );
    return row;
  }

  async function checkTowns(tx: Db, body: string, towns: string[]) {
    for (const town of towns) {
      if (!actorSees({ divisionCode: body }, town))
        throw new AppError('invalid', `镇街 ${town} 不在本单位管辖范围内`, { field: 'pool.towns' });
      const division = await orgRepo.findDivision(tx, town);
      if (!division || division.level !== 'town') throw new AppError('invalid', `镇街 ${town} 不存在`, { field: 'pool.towns' });
    }
  }

  async function list(ctx: TRequestContext, query: TPlanListQuery) {
    const actor = requirePermission(ctx, 'inspection.read');
    const { items, total } = await repo.listPlans(db, query, actor.divisionCode);
    return { items: items.map(toPlanDto), total };
  }

  async function detail(ctx: TRequestContext, id: number): Promise<TPlanDetail> {
    const view = await loadPlan(db, ctx, id);
    const plan = toPlanDto(view);
    const [sizes, frequency, pool] = await Promise.all([
      repo.poolSizes(db, plan.divisionCode, plan.pool),
      settings.get('inspectionFrequency'),
      inspectorRepo.activePool(db, plan.divisionCode),
    ]);
    const today = bureauDate(clock());
    const actor = ctx.actor!;
    const planner = can(actor.role, 'inspection.plan');
    const approveProblem = planner ? planApprovalProblem(actor, view) : '没有审批检查计划的权限';
    return {
      plan,
      checks: planChecks(sizes, plan.ratios, frequency, plan.rounds),
      inspectors: { active: pool.length, drawable: pool.filter((i) => i.certificateExpiresOn >= today).length },
      can: { edit: planner && plan.status === 'draft', approve: approveProblem === null, draw: planner && plan.status === 'approved' },
      approveProblem,
    };
  }

  async function create(ctx: TRequestContext, input: TPlanCreate): Promise<TPlan> {
    const actor = requirePermission(ctx, 'inspection.plan');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      await checkTowns(tx, actor.divisionCode, input.pool.towns);
      const id = await repo.insertPlan(tx, {
        ...input,
        divisionCode: actor.divisionCode,
        status: 'draft',
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const after = toPlanDto((await repo.findPlan(tx, id))!);
      await audit.record(tx, ctx, { action: 'create', entity: 'inspection_plan', entityId: id, after, divisionCode: after.divisionCode });
      return after;
    });
  }

  async function update(ctx: TRequestContext, id: number, input: TPlanUpdate): Promise<TPlan> {
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = toPlanDto(await loadPlan(tx, ctx, id, 'inspection.plan'));
      if (before.status !== 'draft') throw new AppError('rule_violation', '计划已审批，不能再修改');
      // The merged plan must still hold together (period inside the year, end after start).
      const merged = ZPlanCreateSchema.safeParse({ ...before, ...input });
      if (!merged.success) {
        const issue = merged.error.issues[0]!;
        throw new AppError('invalid', issue.message, { field: issue.path.map(String).join('.') });
      }
      if (input.pool) await checkTowns(tx, before.divisionCode, input.pool.towns);
      await repo.updatePlan(tx, id, { ...input, updatedAt: now });
      const after = toPlanDto((await repo.findPlan(tx, id))!);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspection_plan',
        entityId: id,
        before,
        after,
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  async function approve(ctx: TRequestContext, id: number): Promise<TPlan> {
    const actor = requirePermission(ctx, 'inspection.plan');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await loadPlan(tx, ctx, id, 'inspection.plan');
      const problem = planApprovalProblem(actor, before);
      if (problem) throw new AppError('rule_violation', problem);
      await repo.updatePlan(tx, id, { status: 'approved', approvedBy: actor.id, approvedAt: now, updatedAt: now });
      const after = toPlanDto((await repo.findPlan(tx, id))!);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspection_plan',
        entityId: id,
        before: { status: before.status },
        after: { status: 'approved', approvedBy: actor.id },
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  return { list, detail, create, update, approve, loadPlan };
}
