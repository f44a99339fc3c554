/** Warehouses and stock points (on the map, at a shelter of their town), the item catalogue and each warehouse's own minimums. */
import {
  AppError,
  coordinatesProblem,
  itemChangeProblem,
  type TItem,
  type TWarehouse,
  type ZItemInputSchema,
  type ZMinimumInputSchema,
  type ZWarehouseInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import { cityOf, keptWarehouse, rule } from './resources.access';
import * as shelterRepo from './shelter.repo';
import * as warehouseRepo from './warehouse.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'> & { today: () => string };

export function createWarehouseService({ db, clock, audit, settings, today }: TDeps) {
  async function checkPlace(longitude: number, latitude: number) {
    const p = coordinatesProblem(longitude, latitude, (await settings.get('resources')).cityBounds);
    if (p) throw new AppError('invalid', p, { field: 'longitude' });
  }

  /** The shelter a stock point is at: one the actor sees, in the warehouse's own town (the field named in the message). */
  async function checkShelter(tx: Db, actor: TActorContext, divisionCode: string, shelterId: number) {
    const s = await shelterRepo.findByIdLight(tx, shelterId);
    if (!s || !actorSees(actor, s.divisionCode))
      throw new AppError('invalid', '所在避难场所不存在或不在您的管辖范围内', { field: 'shelterId' });
    if (s.divisionCode !== divisionCode) throw new AppError('invalid', '所在避难场所应与仓库属于同一镇街', { field: 'shelterId' });
  }

  async function warehouses(ctx: TRequestContext): Promise<{ items: TWarehouse[] }> {
    const actor = requirePermission(ctx, 'resources.read');
    return { items: await warehouseRepo.listWarehouses(db, cityOf(actor), today(), await settings.get('reserveGuidance')) };
  }

  async function saveWarehouse(
    ctx: TRequestContext,
    id: number | null,
    input: z.output<typeof ZWarehouseInputSchema>,
  ): Promise<TWarehouse> {
    const actor = requirePermission(ctx, 'resources.manage');
    if (!actorSees(actor, input.divisionCode)) throw new AppError('invalid', '所属区划不在您的管辖范围内', { field: 'divisionCode' });
    if (input.kind === 'city' && input.divisionCode.length !== 4)
      throw new AppError('invalid', '市级仓库的所属区划应为市', { field: 'divisionCode' });
    if (input.kind !== 'city' && input.divisionCode.length !== 9)
      throw new AppError('invalid', '镇街仓库和前置点须指定所在镇街', { field: 'divisionCode' });
    await checkPlace(input.longitude, input.latitude);
    const now = clock().toISOString();
    const saved = await db.transaction(async (tx) => {
      if (input.shelterId !== null) await checkShelter(tx, actor, input.divisionCode, input.shelterId);
      if (id === null) {
        const row = await warehouseRepo.insertWarehouse(tx, { ...input, createdAt: now, updatedAt: now });
        await audit.record(tx, ctx, {
          action: 'create',
          entity: 'resource_warehouse',
          entityId: row.id,
          after: input,
          divisionCode: row.divisionCode,
        });
        return row;
      }
      const before = await keptWarehouse(tx, actor, id, 'id');
      const row = await warehouseRepo.updateWarehouse(tx, id, { ...input, updatedAt: now });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_warehouse',
        entityId: id,
        before,
        after: input,
        divisionCode: row.divisionCode,
      });
      return row;
    });
    const all = await warehouseRepo.listWarehouses(db, saved.divisionCode, today(), await settings.get('reserveGuidance'));
    return all.find((w) => w.id === saved.id)!;
  }

  /** The warehouse's own minimum (本库设定), which overrides the guidance; null removes it, and the guidance applies again. */
  async function setMinimum(ctx: TRequestContext, warehouseId: number, input: z.output<typeof ZMinimumInputSchema>): Promise<void> {
    const actor = requirePermission(ctx, 'resources.manage');
    await db.transaction(async (tx) => {
      const w = await keptWarehouse(tx, actor, warehouseId, 'id');
      if ((await warehouseRepo.findItems(tx, [input.itemId])).length === 0)
        throw new AppError('invalid', '物资不在目录中', { field: 'itemId' });
      const before = await warehouseRepo.upsertMinimum(tx, warehouseId, input.itemId, input.quantity);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_minimum',
        entityId: `${warehouseId}:${input.itemId}`,
        before: { quantity: before },
        after: { quantity: input.quantity },
        divisionCode: w.divisionCode,
      });
    });
  }

  async function items(ctx: TRequestContext): Promise<{ items: TItem[] }> {
    requirePermission(ctx, 'resources.read');
    return { items: await warehouseRepo.listItems(db) };
  }

  async function createItem(ctx: TRequestContext, input: z.output<typeof ZItemInputSchema>): Promise<TItem> {
    requirePermission(ctx, 'resources.catalogue');
    return db.transaction(async (tx) => {
      if (await warehouseRepo.findItemByCode(tx, input.code))
        throw new AppError('conflict', `物资编码 ${input.code} 已存在`, { field: 'code' });
      const row = await warehouseRepo.insertItem(tx, input);
      await audit.record(tx, ctx, { action: 'create', entity: 'resource_item', entityId: row.id, after: input });
      return row;
    });
  }

  async function updateItem(ctx: TRequestContext, id: number, input: z.output<typeof ZItemInputSchema>): Promise<TItem> {
    requirePermission(ctx, 'resources.catalogue');
    return db.transaction(async (tx) => {
      const [before] = await warehouseRepo.findItems(tx, [id]);
      if (!before) throw new AppError('not_found', '物资目录条目不存在', { field: 'id' });
      const other = await warehouseRepo.findItemByCode(tx, input.code);
      if (other && other.id !== id) throw new AppError('conflict', `物资编码 ${input.code} 已存在`, { field: 'code' });
      const p = itemChangeProblem(before, input, await warehouseRepo.lotCountOfItem(tx, id));
      if (p) throw rule(p, 'unit');
      const row = await warehouseRepo.updateItem(tx, id, input);
      await audit.record(tx, ctx, { action: 'update', entity: 'resource_item', entityId: id, before, after: input });
      return row;
    });
  }

  /** The staff who may sign a receipt's acceptance: the keeper's own city. */
  async function acceptorOptions(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'resources.manage');
    return { items: await warehouseRepo.staffOptions(db, cityOf(actor)) };
  }

  return { warehouses, saveWarehouse, setMinimum, items, createItem, updateItem, acceptorOptions };
}
