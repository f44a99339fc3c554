/**
 * Stocktakes (盘点): a count sheet of all lots of a warehouse or a random sample, counted blind (the expected quantity
 * is withheld until the counts are submitted), and the discrepancies adjusted — one `adjust` movement per lot — only
 * when someone other than the counter approves, in one transaction with its audit entry.
 */
import {
  AppError,
  adjustmentApprovalProblem,
  can,
  type TStocktake,
  type ZStocktakeCountsSchema,
  type ZStocktakeCreateSchema,
} from '@yingji/domain';
import { and, asc, eq, gt } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { resourceItems, resourceLots, resourceStocktakeLines, resourceStocktakes, resourceWarehouses, users } from '../../db/schema';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './lot.repo';
import type { TResourcesService } from './resources.service';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'> & { stock: TResourcesService };
const NOT_FOUND = '盘点不存在';

export function createStocktakeService({ db, clock, audit, stock }: TDeps) {
  async function view(ctx: TRequestContext, id: number): Promise<TStocktake> {
    const [s] = await db
      .select({ s: resourceStocktakes, warehouseName: resourceWarehouses.name, counterName: users.displayName })
      .from(resourceStocktakes)
      .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceStocktakes.warehouseId))
      .innerJoin(users, eq(users.id, resourceStocktakes.counterId))
      .where(eq(resourceStocktakes.id, id));
    if (!s) throw new AppError('not_found', NOT_FOUND);
    const lines = await db
      .select({
        line: resourceStocktakeLines,
        itemName: resourceItems.name,
        unit: resourceItems.unit,
        spec: resourceLots.spec,
        expiresOn: resourceLots.expiresOn,
      })
      .from(resourceStocktakeLines)
      .innerJoin(resourceLots, eq(resourceLots.id, resourceStocktakeLines.lotId))
      .innerJoin(resourceItems, eq(resourceItems.id, resourceLots.itemId))
      .where(eq(resourceStocktakeLines.stocktakeId, id))
      .orderBy(asc(resourceStocktakeLines.id));
    const [approver] = s.s.approverId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, s.s.approverId)) : [];
    const blind = s.s.state === 'counting';
    const actor = ctx.actor;
    return {
      id: s.s.id,
      warehouseName: s.warehouseName,
      kind: s.s.kind,
      state: s.s.state,
      counterName: s.counterName,
      approverName: approver?.name ?? null,
      createdAt: s.s.createdAt,
      lines: lines.map((l) => ({
        id: l.line.id,
        lotId: l.line.lotId,
        itemName: l.itemName,
        unit: l.unit,
        spec: l.spec,
        expiresOn: l.expiresOn,
        expected: blind ? null : l.line.expected,
        counted: l.line.counted,
        difference: blind || l.line.counted === null ? null : l.line.counted - l.line.expected,
      })),
      can: {
        count: !!actor && blind && can(actor.role, 'resources.manage') && actorSees(actor, s.s.divisionCode),
        approve:
          !!actor &&
          s.s.state === 'submitted' &&
          can(actor.role, 'resources.approve') &&
          actorSees(actor, s.s.divisionCode) &&
          actor.id !== s.s.counterId,
      },
    };
  }

  async function get(ctx: TRequestContext, id: number): Promise<TStocktake> {
    const actor = requirePermission(ctx, 'resources.read');
    const [s] = await db
      .select({ divisionCode: resourceStocktakes.divisionCode })
      .from(resourceStocktakes)
      .where(eq(resourceStocktakes.id, id));
    if (!s || !actorSees(actor, s.divisionCode)) throw new AppError('not_found', NOT_FOUND);
    return view(ctx, id);
  }

  async function create(ctx: TRequestContext, input: z.output<typeof ZStocktakeCreateSchema>): Promise<TStocktake> {
    const actor = requirePermission(ctx, 'resources.manage');
    if (input.kind !== 'full' && input.sampleSize === null)
      throw new AppError('invalid', '抽样盘点和抽查须填写抽样批次数', { field: 'sampleSize' });
    const at = clock().toISOString();
    const id = await db.transaction(async (tx) => {
      const w = await stock.keptWarehouse(tx, actor, input.warehouseId);
      const lots = await tx
        .select({ id: resourceLots.id, balance: resourceLots.balance })
        .from(resourceLots)
        .where(and(eq(resourceLots.warehouseId, w.id), gt(resourceLots.balance, 0)))
        .orderBy(asc(resourceLots.id));
      if (lots.length === 0) throw new AppError('rule_violation', '该仓库没有结存的批次，无需盘点');
      let chosen = lots;
      if (input.kind !== 'full') {
        const pool = [...lots];
        chosen = [];
        while (chosen.length < Math.min(input.sampleSize!, lots.length)) chosen.push(pool.splice(randomInt(pool.length), 1)[0]!);
      }
      const [row] = await tx
        .insert(resourceStocktakes)
        .values({
          warehouseId: w.id,
          divisionCode: w.divisionCode,
          kind: input.kind,
          state: 'counting',
          counterId: actor.id,
          note: input.note,
          createdAt: at,
        })
        .returning({ id: resourceStocktakes.id });
      await tx.insert(resourceStocktakeLines).values(chosen.map((l) => ({ stocktakeId: row!.id, lotId: l.id, expected: l.balance })));
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_stocktake',
        entityId: row!.id,
        after: { ...input, lots: chosen.length },
        divisionCode: w.divisionCode,
      });
      return row!.id;
    });
    return view(ctx, id);
  }

  async function lockFor(tx: Db, actor: TActorContext, id: number) {
    const [s] = await tx.select().from(resourceStocktakes).where(eq(resourceStocktakes.id, id)).for('update');
    if (!s || !actorSees(actor, s.divisionCode)) throw new AppError('not_found', NOT_FOUND);
    return s;
  }

  /** The counter submits every line's count at once; the expected quantities show from then on. */
  async function submitCounts(ctx: TRequestContext, id: number, input: z.output<typeof ZStocktakeCountsSchema>): Promise<TStocktake> {
    const actor = requirePermission(ctx, 'resources.manage');
    const at = clock().toISOString();
    await db.transaction(async (tx) => {
      const s = await lockFor(tx, actor, id);
      if (s.state !== 'counting') throw new AppError('rule_violation', '盘点表已提交，不能再修改实盘数量');
      const lines = await tx
        .select({ id: resourceStocktakeLines.id })
        .from(resourceStocktakeLines)
        .where(eq(resourceStocktakeLines.stocktakeId, id));
      const given = new Map(input.counts.map((c) => [c.lineId, c.counted]));
      if (
        lines.some((l) => !given.has(l.id)) ||
        given.size !== lines.length ||
        input.counts.some((c) => !lines.some((l) => l.id === c.lineId))
      )
        throw new AppError('invalid', '请填写盘点表上每一个批次的实盘数量', { field: 'counts' });
      for (const [lineId, counted] of given)
        await tx.update(resourceStocktakeLines).set({ counted }).where(eq(resourceStocktakeLines.id, lineId));
      await tx.update(resourceStocktakes).set({ state: 'submitted', submittedAt: at }).where(eq(resourceStocktakes.id, id));
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_stocktake',
        entityId: id,
        after: { counts: input.counts },
        divisionCode: s.divisionCode,
      });
    });
    return view(ctx, id);
  }

  /** Someone other than the counter approves: each discrepancy becomes an `adjust` movement (never below zero). */
  async function approve(ctx: TRequestContext, id: number): Promise<TStocktake> {
    const actor = requirePermission(ctx, 'resources.approve');
    const at = clock().toISOString();
    await db.transaction(async (tx) => {
      const s = await lockFor(tx, actor, id);
      if (s.state !== 'submitted')
        throw new AppError('rule_violation', s.state === 'counting' ? '盘点表尚未提交，不能审批调整' : '该盘点已审批');
      const problem = adjustmentApprovalProblem(s.counterId, actor.id);
      if (problem) throw new AppError('rule_violation', problem);
      const lines = await tx.select().from(resourceStocktakeLines).where(eq(resourceStocktakeLines.stocktakeId, id));
      for (const l of lines) {
        const delta = (l.counted ?? l.expected) - l.expected;
        if (delta === 0) continue;
        const lot = (await repo.findLot(tx, l.lotId))!;
        if (delta < 0 && (await repo.takeFromLot(tx, lot.id, -delta)) === null)
          throw new AppError('rule_violation', `批次 #${lot.id} 盘点后已有出库，结存不足以调减 ${-delta}，请重新盘点`);
        if (delta > 0) await repo.addToLot(tx, lot.id, delta);
        await repo.insertMovement(tx, { lot, kind: 'adjust', quantity: delta, note: `盘点 #${id}`, byUser: actor.id, at });
      }
      await tx
        .update(resourceStocktakes)
        .set({ state: 'approved', approverId: actor.id, approvedAt: at })
        .where(eq(resourceStocktakes.id, id));
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_stocktake',
        entityId: id,
        after: { state: 'approved' },
        divisionCode: s.divisionCode,
      });
    });
    return view(ctx, id);
  }

  return { create, get, submitCounts, approve };
}
