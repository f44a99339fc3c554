/**
 * Emergency plans (应急预案): registry, document versions through the attachments module, and the drill duty stored
 * per plan (interval from the setting table, last drill, next due) so the compliance view reads plans only.
 */
import {
  AppError,
  addMonthsToDate,
  bureauDate,
  planResourceProblem,
  requiredInterval,
  type TEmergencyPlanDetail,
  type TPlanResourceKind,
  type ZEmergencyPlanInputSchema,
  type ZEmergencyPlanListQuerySchema,
  type ZEmergencyPlanRevisionSchema,
  type ZEmergencyPlanUpdateSchema,
  type ZPlanResourceOptionsQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import type { TReadCache } from './drill-cache';
import { drillActor, drillActorSees, viewerOf, type TDrillActor } from './drill-actor';
import * as repo from './plan.repo';
import { dutyColumns, toPlanItem } from './plan-item';
import * as resources from './plan-resources.repo';
import { createPlanViews } from './plan-views.service';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'> & { attachments: TAttachmentService; cache: TReadCache };
export const PLAN_NOT_FOUND = '应急预案不存在';

export function createPlanService({ db, clock, audit, settings, attachments, cache }: TDeps) {
  const today = () => bureauDate(clock());

  // A changed duty table re-derives every plan's stored interval and next due day in the same transaction.
  settings.onChange('drillDuties', async (tx, rules) => {
    for (const g of await repo.dutyGroups(tx)) {
      const interval = requiredInterval(g, rules);
      await repo.setGroupInterval(tx, g, interval?.months ?? null, interval?.basis ?? null);
    }
    cache.bump();
  });

  // Plan documents are read by whoever may read the plan.
  attachments.registerReader('emergency_plan', async (tx, ctx, ids) => {
    if (!ctx.actor) return false;
    const actor = await drillActor(tx, ctx, 'drill.read').catch(() => null);
    if (!actor) return false;
    for (const id of ids) {
      const found = await repo.findPlan(tx, id);
      if (found && drillActorSees(actor, found.p)) return true;
    }
    return false;
  });

  async function detailOf(id: number): Promise<TEmergencyPlanDetail> {
    const found = await repo.findPlan(db, id);
    if (!found) throw new AppError('not_found', PLAN_NOT_FOUND);
    const [versions, drills, linkedResources] = await Promise.all([
      repo.versionsOf(db, id),
      repo.drillsOfPlan(db, id),
      resources.linkedResources(db, id),
    ]);
    const p = found.p;
    return {
      ...toPlanItem(found, today()),
      reviewCycleMonths: p.reviewCycleMonths,
      reviewDueOn: addMonthsToDate(p.revisedOn ?? p.issuedOn, p.reviewCycleMonths),
      workSafety: p.workSafety,
      highRisk: p.highRisk,
      accidentTypes: p.accidentTypes,
      disasterTypes: p.disasterTypes,
      resources: p.resources,
      linkedResources,
      version: p.version,
      versions,
      drills,
    };
  }

  async function loadVisible(ctx: TRequestContext, permission: 'drill.read' | 'drill.plan', id: number) {
    const actor = await drillActor(db, ctx, permission);
    const found = await repo.findPlan(db, id);
    if (!found || !drillActorSees(actor, found.p)) throw new AppError('not_found', PLAN_NOT_FOUND);
    return { actor, found };
  }

  async function get(ctx: TRequestContext, id: number) {
    await loadVisible(ctx, 'drill.read', id);
    return detailOf(id);
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZEmergencyPlanListQuerySchema>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const t = today();
    const viewer = viewerOf(actor);
    const { page: _page, pageSize: _size, ...filter } = q;
    const [rows, total] = await Promise.all([
      repo.listPlans(db, viewer, q, t),
      cache.get(`plans:${JSON.stringify([viewer, filter, t])}`, () => repo.countPlans(db, viewer, filter, t)),
    ]);
    return { items: rows.map((r) => toPlanItem(r, t)), total };
  }

  /** Where a new plan belongs: an enterprise user's own firm; an officer's firm or division inside their scope. */
  async function placeOf(tx: Db, actor: TDrillActor, input: z.output<typeof ZEmergencyPlanInputSchema>) {
    if (actor.role === 'enterprise_user') {
      if (actor.enterpriseId === null) throw new AppError('rule_violation', '您的账号尚未关联企业，不能登记预案，请联系属地镇街');
      if (input.level !== 'enterprise') throw new AppError('rule_violation', '企业用户只能登记本企业的预案', { field: 'level' });
      const firm = await repo.findFirm(tx, actor.enterpriseId);
      return { enterpriseId: actor.enterpriseId, divisionCode: firm!.divisionCode };
    }
    if (input.level === 'enterprise') {
      if (input.enterpriseId === null) throw new AppError('invalid', '企业预案须选择所属企业', { field: 'enterpriseId' });
      const firm = await repo.findFirm(tx, input.enterpriseId);
      if (!firm || !actorSees(actor, firm.divisionCode))
        throw new AppError('invalid', '所选企业不存在或不在您的管辖范围内', { field: 'enterpriseId' });
      return { enterpriseId: firm.id, divisionCode: firm.divisionCode };
    }
    const divisionCode = input.divisionCode ?? actor.divisionCode;
    if (input.level === 'town' && divisionCode.length !== 9)
      throw new AppError('invalid', '镇街预案须选择所属镇街', { field: 'divisionCode' });
    if (!actorSees(actor, divisionCode) || !(await repo.divisionExists(tx, divisionCode)))
      throw new AppError('invalid', '所属区划不存在或不在您的管辖范围内', { field: 'divisionCode' });
    return { enterpriseId: null, divisionCode };
  }

  /**
   * Sets the plan's warehouses and shelters to the given ids: new links must pass the scope rule, links already on
   * the plan may stay or go. Returns the links before and after, for the audit.
   */
  async function setLinks(
    tx: Db,
    actor: TDrillActor,
    planId: number,
    want: { warehouse: readonly number[] | undefined; shelter: readonly number[] | undefined },
    at: string,
  ) {
    const before = await resources.linkedResources(tx, planId);
    for (const kind of ['warehouse', 'shelter'] as const satisfies readonly TPlanResourceKind[]) {
      const ids = want[kind];
      if (ids === undefined) continue;
      const had = new Set(before.filter((r) => r.kind === kind).map((r) => r.id));
      const add = ids.filter((id) => !had.has(id));
      const remove = [...had].filter((id) => !ids.includes(id));
      const found = new Map((await resources.resourcesByIds(tx, kind, add)).map((r) => [r.id, r]));
      for (const id of add) {
        const problem = planResourceProblem(actor, kind, found.get(id));
        if (problem) throw new AppError('invalid', problem, { field: kind === 'warehouse' ? 'warehouseIds' : 'shelterIds' });
      }
      await resources.changeLinks(tx, planId, kind, add, remove, actor.id, at);
    }
    const after = await resources.linkedResources(tx, planId);
    const brief = (rs: typeof before) => rs.map((r) => ({ kind: r.kind, id: r.id, name: r.name }));
    return { before: brief(before), after: brief(after) };
  }

  async function create(ctx: TRequestContext, input: z.output<typeof ZEmergencyPlanInputSchema>) {
    const actor = await drillActor(db, ctx, 'drill.plan');
    const now = clock().toISOString();
    if (input.issuedOn > today()) throw new AppError('invalid', '发布日期不能晚于今天', { field: 'issuedOn' });
    const rules = await settings.get('drillDuties');
    const id = await db.transaction(async (tx) => {
      const place = await placeOf(tx, actor, input);
      const row = await repo.insertPlan(tx, {
        name: input.name,
        level: input.level,
        kind: input.kind,
        ownerUnit: input.ownerUnit,
        ...place,
        issuedOn: input.issuedOn,
        reviewCycleMonths: input.reviewCycleMonths,
        status: input.status,
        workSafety: input.workSafety,
        highRisk: input.highRisk,
        accidentTypes: input.accidentTypes,
        disasterTypes: input.disasterTypes,
        resources: input.resources,
        ...dutyColumns(input, null, rules),
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      if (input.document) {
        await repo.insertVersion(tx, {
          planId: row.id,
          no: 1,
          sha256: input.document.sha256,
          fileName: input.document.fileName,
          revisedOn: input.issuedOn,
          note: '首次发布',
          createdBy: actor.id,
          createdAt: now,
        });
        await attachments.link(tx, 'emergency_plan', row.id, [input.document.sha256]);
      }
      const links = await setLinks(tx, actor, row.id, { warehouse: input.warehouseIds, shelter: input.shelterIds }, now);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'emergency_plan',
        entityId: row.id,
        after: { ...row, linkedResources: links.after },
        divisionCode: row.divisionCode,
      });
      return row.id;
    });
    cache.bump();
    return detailOf(id);
  }

  async function update(ctx: TRequestContext, id: number, input: z.output<typeof ZEmergencyPlanUpdateSchema>) {
    const actor = await drillActor(db, ctx, 'drill.plan');
    const rules = await settings.get('drillDuties');
    await db.transaction(async (tx) => {
      const row = await repo.lockPlan(tx, id);
      if (!row || !drillActorSees(actor, row)) throw new AppError('not_found', PLAN_NOT_FOUND);
      if (row.version !== input.version) throw new AppError('conflict', '预案已被他人修改，请刷新后重试');
      const { version: _v, warehouseIds, shelterIds, ...change } = input;
      const next = { ...row, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as repo.TPlanRow;
      const now = clock().toISOString();
      const links = await setLinks(tx, actor, id, { warehouse: warehouseIds, shelter: shelterIds }, now);
      const after = await repo.updatePlan(tx, id, {
        ...change,
        ...dutyColumns(next, row.lastDrillOn, rules),
        updatedAt: now,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'emergency_plan',
        entityId: id,
        before: { ...row, linkedResources: links.before },
        after: { ...after, linkedResources: links.after },
        divisionCode: row.divisionCode,
      });
    });
    // a changed status or duty fact moves the plan in the compliance view and the list totals
    cache.bump();
    return detailOf(id);
  }

  /** A new version of the document; the revision may name the drill whose review asked for it. */
  async function revise(ctx: TRequestContext, id: number, input: z.output<typeof ZEmergencyPlanRevisionSchema>) {
    const actor = await drillActor(db, ctx, 'drill.plan');
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const row = await repo.lockPlan(tx, id);
      if (!row || !drillActorSees(actor, row)) throw new AppError('not_found', PLAN_NOT_FOUND);
      if (input.revisedOn < row.issuedOn)
        throw new AppError('invalid', `修订日期不能早于预案发布日期（${row.issuedOn}）`, { field: 'revisedOn' });
      if (input.revisedOn > today()) throw new AppError('invalid', '修订日期不能晚于今天', { field: 'revisedOn' });
      if (input.drillId !== null && !(await repo.drillsOfPlan(tx, id)).some((d) => d.id === input.drillId))
        throw new AppError('invalid', '所选演练不是本预案的演练', { field: 'drillId' });
      const v = await repo.insertVersion(tx, { planId: id, no: 0, ...input, createdBy: actor.id, createdAt: now });
      await repo.updatePlan(tx, id, {
        revisedOn: input.revisedOn,
        status: row.status === 'revising' ? 'in_force' : row.status,
        updatedAt: now,
      });
      await attachments.link(tx, 'emergency_plan', id, [input.sha256]);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'emergency_plan',
        entityId: id,
        after: { version: v },
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  /** The picker's choices: warehouses or shelters the officer may link (in his scope; none for enterprise users). */
  async function resourceOptions(ctx: TRequestContext, q: z.output<typeof ZPlanResourceOptionsQuerySchema>) {
    const actor = await drillActor(db, ctx, 'drill.plan');
    if (actor.role === 'enterprise_user') return { items: [] };
    return { items: await resources.resourceOptions(db, q.kind, actor.divisionCode, q.q) };
  }

  const workbench = {
    overdue: (actor: TDrillActor) => {
      const viewer = viewerOf(actor);
      return cache.get(`overdue:${JSON.stringify([viewer, today()])}`, () => repo.countOverdue(db, viewer, today()));
    },
  };

  return { list, get, create, update, revise, resourceOptions, ...createPlanViews({ db, clock, audit, cache }), workbench, detailOf };
}
export type TPlanService = ReturnType<typeof createPlanService>;
