/**
 * Waterlogging points (内涝水浸点): the plan of each (一点一策) edited by the bureau or the point's town, its flooding
 * history, and the 双三十 checks recorded at it while a rain warning covering its town is on. Each change is one
 * transaction with its audit entry.
 */
import {
  AppError,
  can,
  doubleThirtyCheckProblem,
  doubleThirtyTriggered,
  inScope,
  RAIN_WARNING_KINDS,
  type TDoubleThirtyCheck,
  type TDoubleThirtyInput,
  type TPointDetail,
  type TPointPlan,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './points.repo';
import { townNames } from './warning.repo';

const presentCheck = (r: repo.TRecordRow, pointName: string, townName: string): TDoubleThirtyCheck => ({
  id: r.id,
  pointId: r.pointId,
  pointName,
  townName,
  warningId: r.warningId,
  at: r.at,
  rainfallMm: r.rainfallMm,
  depthCm: r.depthCm,
  triggered: doubleThirtyTriggered(r),
  roadsClosed: r.roadsClosed,
  peopleMoved: r.peopleMoved,
  note: r.note,
  actorName: r.actorName,
});

/** The 双三十 checks a warning's page lists: those recorded under it at points of the user's scope. */
export async function checksOfWarning(db: Db, warningId: number, scope: string): Promise<TDoubleThirtyCheck[]> {
  const [rows, names] = await Promise.all([repo.checksOfWarning(db, warningId, scope), townNames(db, scope.slice(0, 4))]);
  return rows.map((r) => presentCheck(r.record, r.pointName, names.get(r.townCode) ?? r.townCode));
}

export function createPointsService(core: Pick<TCore, 'db' | 'clock' | 'audit'>) {
  const { db, clock, audit } = core;
  const cityOf = (scope: string) => scope.slice(0, 4);
  const actorName = (ctx: TRequestContext) => ctx.actor?.displayName ?? '系统';

  async function list(ctx: TRequestContext, town?: string) {
    const actor = requirePermission(ctx, 'warning.read');
    const [rows, names] = await Promise.all([repo.listPoints(db, actor.divisionCode, town), townNames(db, cityOf(actor.divisionCode))]);
    return { items: rows.map((r) => ({ ...r, townName: names.get(r.townCode) ?? r.townCode })) };
  }

  /** A point in the user's scope, or the 404 of an unknown one. */
  async function visible(tx: Db, ctx: TRequestContext, id: number, lock = false) {
    const actor = requirePermission(ctx, 'warning.read');
    const p = lock ? await repo.lockPoint(tx, id) : await repo.findPoint(tx, id);
    if (!p || !inScope(actor.divisionCode, p.divisionCode)) throw new AppError('not_found', '水浸点不存在');
    return { actor, p };
  }

  async function detailOf(via: Db, ctx: TRequestContext, p: repo.TPointRow): Promise<TPointDetail> {
    const actor = ctx.actor!;
    const [records, names, warningRows, warehouse] = await Promise.all([
      repo.recordsOf(via, p.id),
      townNames(via, cityOf(p.divisionCode)),
      repo.activeWarnings(via, cityOf(p.divisionCode)),
      p.warehouseId ? repo.findWarehouse(via, p.warehouseId) : Promise.resolve(undefined),
    ]);
    const townName = names.get(p.divisionCode) ?? p.divisionCode;
    const floodings = records.filter((r) => r.kind === 'flooding').sort((a, b) => b.on.localeCompare(a.on) || b.id - a.id);
    return {
      id: p.id,
      name: p.name,
      townCode: p.divisionCode,
      townName,
      location: p.location,
      longitude: p.longitude,
      latitude: p.latitude,
      responsiblePerson: p.responsiblePerson,
      phone: p.phone,
      pumps: p.pumps,
      supplies: p.supplies,
      warehouseId: p.warehouseId,
      warehouseName: warehouse?.name ?? null,
      roadClosure: p.roadClosure,
      evacuation: p.evacuation,
      updatedAt: p.updatedAt,
      lastFloodedOn: floodings[0]?.on ?? null,
      floodings: floodings.map(({ id, on, durationMinutes, depthCm, note, actorName: by }) => ({
        id,
        on,
        durationMinutes,
        depthCm,
        note,
        actorName: by,
      })),
      checks: records.filter((r) => r.kind === 'check').map((r) => presentCheck(r, p.name, townName)),
      rainWarnings: warningRows
        .filter((w) => RAIN_WARNING_KINDS.includes(w.kind) && (w.areaAll || w.towns.includes(p.divisionCode)))
        .map(({ id, kind, level, issuedAt }) => ({ id, kind, level, issuedAt })),
      canEdit: can(actor.role, 'warning.points'),
    };
  }

  async function detail(ctx: TRequestContext, id: number) {
    const { p } = await visible(db, ctx, id);
    return detailOf(db, ctx, p);
  }

  /** 一点一策 edited: the whole plan replaced, the audit keeps what it was. */
  async function editPlan(ctx: TRequestContext, id: number, input: TPointPlan) {
    requirePermission(ctx, 'warning.points');
    return db.transaction(async (tx) => {
      const { p } = await visible(tx, ctx, id, true);
      if (input.warehouseId !== null && !(await repo.findWarehouse(tx, input.warehouseId)))
        throw new AppError('invalid', '所选物资仓库不存在', { field: 'warehouseId' });
      const after = await repo.updatePlan(tx, id, { ...input, updatedAt: clock().toISOString() });
      const { responsiblePerson, phone, pumps, supplies, warehouseId, roadClosure, evacuation } = p;
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'waterlogging_point',
        entityId: id,
        before: { responsiblePerson, phone, pumps, supplies, warehouseId, roadClosure, evacuation },
        after: input,
        divisionCode: p.divisionCode,
      });
      return detailOf(tx, ctx, after);
    });
  }

  /** One flooding of the point, for its history: the day, how long the water stood, how deep. */
  async function recordFlooding(
    ctx: TRequestContext,
    id: number,
    input: { on: string; durationMinutes: number; depthCm: number | null; note: string },
  ) {
    requirePermission(ctx, 'warning.points');
    const now = clock();
    if (input.on > now.toISOString().slice(0, 10)) throw new AppError('invalid', '水浸日期不能晚于今天', { field: 'on' });
    return db.transaction(async (tx) => {
      const { p } = await visible(tx, ctx, id, true);
      const r = await repo.insertRecord(tx, {
        pointId: id,
        kind: 'flooding',
        on: input.on,
        at: now.toISOString(),
        durationMinutes: input.durationMinutes,
        depthCm: input.depthCm,
        note: input.note,
        actorName: actorName(ctx),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'waterlogging_flooding',
        entityId: r.id,
        after: { pointId: id, ...input },
        divisionCode: p.divisionCode,
      });
      return detailOf(tx, ctx, p);
    });
  }

  /** A 双三十 check under a rain warning covering the point's town; past 30 the action taken goes with it. */
  async function recordCheck(ctx: TRequestContext, id: number, input: TDoubleThirtyInput) {
    requirePermission(ctx, 'warning.points');
    const now = clock();
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      const { p } = await visible(tx, ctx, id, true);
      const w = (await repo.activeWarnings(tx, cityOf(p.divisionCode))).find((x) => x.id === input.warningId);
      if (!w) throw new AppError('invalid', '所选预警不存在或已解除，不能记录双三十检查', { field: 'warningId' });
      const problem = doubleThirtyCheckProblem(input, w, p.divisionCode);
      if (problem) throw new AppError('rule_violation', problem, { field: problem.includes('措施') ? 'roadsClosed' : 'warningId' });
      const r = await repo.insertRecord(tx, {
        pointId: id,
        kind: 'check',
        warningId: w.id,
        on: at.slice(0, 10),
        at,
        rainfallMm: input.rainfallMm,
        depthCm: input.depthCm,
        roadsClosed: input.roadsClosed,
        peopleMoved: input.peopleMoved,
        note: input.note,
        actorName: actorName(ctx),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'double_thirty_check',
        entityId: r.id,
        after: { pointId: id, ...input, triggered: doubleThirtyTriggered(input) },
        divisionCode: p.divisionCode,
      });
      return detailOf(tx, ctx, p);
    });
  }

  return { list, detail, editPlan, recordFlooding, recordCheck };
}
export type TPointsService = ReturnType<typeof createPointsService>;
