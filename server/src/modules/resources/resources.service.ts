/**
 * Warehouses, the catalogue and stock: receipts, issues (earliest expiry first), transfers, write-offs and
 * maintenance. Each change is one transaction with its movements, the lots' balances and its audit entry; a lot's
 * balance is taken only by a conditional update, so stock never goes below zero under concurrent issues.
 */
import {
  AppError,
  acceptorsProblem,
  bureauDate,
  coordinatesProblem,
  itemChangeProblem,
  outgoingProblem,
  pickLotsFefo,
  receiptLineFault,
  type TItem,
  type TLot,
  type TStockRow,
  type TWarehouse,
  type ZIssueInputSchema,
  type ZItemInputSchema,
  type ZMaintenanceInputSchema,
  type ZMinimumInputSchema,
  type ZMovementQuerySchema,
  type ZReceiptInputSchema,
  type ZStockQuerySchema,
  type ZTransferInputSchema,
  type ZWarehouseInputSchema,
  type ZWriteOffInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './resources.repo';
import * as shelterRepo from './shelter.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;
const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});
/** Stock is dispatch information: everyone with resources.read sees the whole city's warehouses and balances. */
export const cityOf = (actor: { divisionCode: string }) => actor.divisionCode.slice(0, 4);

export function createResourcesService({ db, clock, audit, settings }: TDeps) {
  const today = () => bureauDate(clock());

  async function checkPlace(longitude: number, latitude: number) {
    const p = coordinatesProblem(longitude, latitude, (await settings.get('resources')).cityBounds);
    if (p) throw new AppError('invalid', p, { field: 'longitude' });
  }

  /** A warehouse the actor keeps (in his scope), for a change; 404 otherwise. */
  async function keptWarehouse(tx: Db, actor: TActorContext, id: number, field = 'warehouseId') {
    const w = await repo.findWarehouse(tx, id);
    if (!w || !actorSees(actor, w.divisionCode)) throw new AppError('not_found', '仓库不存在或不在您的管辖范围内', { field });
    return w;
  }

  /** The shelter a stock point is at: one the actor sees, in the warehouse's own town (the field named in the message). */
  async function checkShelter(tx: Db, actor: TActorContext, divisionCode: string, shelterId: number) {
    const s = await shelterRepo.findByIdLight(tx, shelterId);
    if (!s || !actorSees(actor, s.divisionCode))
      throw new AppError('invalid', '所在避难场所不存在或不在您的管辖范围内', { field: 'shelterId' });
    if (s.divisionCode !== divisionCode) throw new AppError('invalid', '所在避难场所应与仓库属于同一镇街', { field: 'shelterId' });
  }

  /** A lot in a warehouse the actor keeps; 404 otherwise. */
  async function keptLot(tx: Db, actor: TActorContext, id: number) {
    const lot = await repo.findLot(tx, id);
    if (!lot || !actorSees(actor, lot.divisionCode)) throw new AppError('not_found', '批次不存在或不在您的管辖范围内', { field: 'lotId' });
    return lot;
  }

  async function warehouses(ctx: TRequestContext): Promise<{ items: TWarehouse[] }> {
    const actor = requirePermission(ctx, 'resources.read');
    return { items: await repo.listWarehouses(db, cityOf(actor), today(), await settings.get('reserveGuidance')) };
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
        const row = await repo.insertWarehouse(tx, { ...input, createdAt: now, updatedAt: now });
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
      const row = await repo.updateWarehouse(tx, id, { ...input, updatedAt: now });
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
    const all = await repo.listWarehouses(db, saved.divisionCode, today(), await settings.get('reserveGuidance'));
    return all.find((w) => w.id === saved.id)!;
  }

  /** The warehouse's own minimum (本库设定), which overrides the guidance; null removes it, and the guidance applies again. */
  async function setMinimum(ctx: TRequestContext, warehouseId: number, input: z.output<typeof ZMinimumInputSchema>): Promise<void> {
    const actor = requirePermission(ctx, 'resources.manage');
    await db.transaction(async (tx) => {
      const w = await keptWarehouse(tx, actor, warehouseId, 'id');
      if ((await repo.findItems(tx, [input.itemId])).length === 0) throw new AppError('invalid', '物资不在目录中', { field: 'itemId' });
      const before = await repo.upsertMinimum(tx, warehouseId, input.itemId, input.quantity);
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
    return { items: await repo.listItems(db) };
  }

  async function createItem(ctx: TRequestContext, input: z.output<typeof ZItemInputSchema>): Promise<TItem> {
    requirePermission(ctx, 'resources.catalogue');
    return db.transaction(async (tx) => {
      if (await repo.findItemByCode(tx, input.code)) throw new AppError('conflict', `物资编码 ${input.code} 已存在`, { field: 'code' });
      const row = await repo.insertItem(tx, input);
      await audit.record(tx, ctx, { action: 'create', entity: 'resource_item', entityId: row.id, after: input });
      return row;
    });
  }

  async function updateItem(ctx: TRequestContext, id: number, input: z.output<typeof ZItemInputSchema>): Promise<TItem> {
    requirePermission(ctx, 'resources.catalogue');
    return db.transaction(async (tx) => {
      const [before] = await repo.findItems(tx, [id]);
      if (!before) throw new AppError('not_found', '物资目录条目不存在', { field: 'id' });
      const other = await repo.findItemByCode(tx, input.code);
      if (other && other.id !== id) throw new AppError('conflict', `物资编码 ${input.code} 已存在`, { field: 'code' });
      const p = itemChangeProblem(before, input, await repo.lotCountOfItem(tx, id));
      if (p) throw rule(p, 'unit');
      const row = await repo.updateItem(tx, id, input);
      await audit.record(tx, ctx, { action: 'update', entity: 'resource_item', entityId: id, before, after: input });
      return row;
    });
  }

  /** The staff who may sign a receipt's acceptance: the keeper's own city. */
  async function acceptorOptions(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'resources.manage');
    return { items: await repo.staffOptions(db, cityOf(actor)) };
  }

  async function stock(ctx: TRequestContext, q: z.output<typeof ZStockQuerySchema>): Promise<{ items: TStockRow[]; total: number }> {
    const actor = requirePermission(ctx, 'resources.read');
    const { rows, total } = await repo.stock(db, cityOf(actor), q, today(), await settings.get('reserveGuidance'));
    return { items: rows, total };
  }

  async function lots(
    ctx: TRequestContext,
    q: { warehouseId?: number; itemId?: number; withEmpty?: 'true' | 'false' },
  ): Promise<{ items: TLot[] }> {
    const actor = requirePermission(ctx, 'resources.read');
    return { items: await repo.listLots(db, cityOf(actor), { ...q, withEmpty: q.withEmpty === 'true' }) };
  }

  async function receipt(ctx: TRequestContext, input: z.output<typeof ZReceiptInputSchema>) {
    const actor = requirePermission(ctx, 'resources.manage');
    const acceptors = acceptorsProblem(input.acceptors);
    if (acceptors) throw new AppError('invalid', acceptors, { field: 'acceptors' });
    if (input.receivedOn > today()) throw new AppError('invalid', '入库日期不能晚于今天', { field: 'receivedOn' });
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const w = await keptWarehouse(tx, actor, input.warehouseId);
      const catalogue = new Map(
        (
          await repo.findItems(
            tx,
            input.lines.map((l) => l.itemId),
          )
        ).map((i) => [i.id, i]),
      );
      input.lines.forEach((line, i) => {
        const item = catalogue.get(line.itemId);
        if (!item) throw new AppError('invalid', `第 ${i + 1} 行：物资不在目录中`, { field: `lines.${i}.itemId` });
        const fault = receiptLineFault({ ...line, itemName: item.name, requires3c: item.requires3c });
        if (fault) throw new AppError('invalid', `第 ${i + 1} 行：${fault.message}`, { field: `lines.${i}.${fault.field}` });
      });
      const receiptId = await repo.insertReceipt(tx, {
        warehouseId: w.id,
        source: input.source,
        receivedOn: input.receivedOn,
        acceptors: input.acceptors.map((a) => a.trim()).filter(Boolean),
        note: input.note,
        createdBy: actor.id,
        createdAt: at,
      });
      const lotIds: number[] = [];
      const movementIds: number[] = [];
      for (const line of input.lines) {
        const lot = await repo.insertLot(tx, {
          warehouseId: w.id,
          itemId: line.itemId,
          divisionCode: w.divisionCode,
          receiptId,
          source: input.source,
          received: line.quantity,
          balance: line.quantity,
          spec: line.spec || catalogue.get(line.itemId)!.spec,
          producedOn: line.producedOn,
          expiresOn: line.expiresOn,
          certificate3c: line.certificate3c,
          supplier: line.supplier,
          unitPriceFen: line.unitPriceFen,
          receivedOn: input.receivedOn,
        });
        lotIds.push(lot.id);
        movementIds.push(
          await repo.insertMovement(tx, {
            lot,
            kind: 'receipt',
            quantity: line.quantity,
            counterparty: line.supplier,
            byUser: actor.id,
            at,
          }),
        );
      }
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_receipt',
        entityId: receiptId,
        after: { ...input, lotIds },
        divisionCode: w.divisionCode,
      });
      return { movementIds, lotIds };
    });
  }

  /** Earliest expiry first, as a suggestion for the issue form. */
  async function suggest(ctx: TRequestContext, q: { warehouseId: number; itemId: number; quantity: number }) {
    const actor = requirePermission(ctx, 'resources.read');
    const w = await repo.findWarehouse(db, q.warehouseId);
    if (!w || !actorSees({ divisionCode: cityOf(actor) }, w.divisionCode)) throw new AppError('not_found', '仓库不存在');
    const lots = await repo.stockLots(db, q.warehouseId, q.itemId);
    const usable = lots.filter((l) => l.expiresOn === null || l.expiresOn >= today());
    const available = usable.reduce((s, l) => s + l.balance, 0);
    const picks = pickLotsFefo(lots, Math.min(q.quantity, available), today()) ?? [];
    const expiry = new Map(lots.map((l) => [l.id, l.expiresOn]));
    return { picks: picks.map((p) => ({ ...p, expiresOn: expiry.get(p.lotId) ?? null })), short: Math.max(0, q.quantity - available) };
  }

  /**
   * Takes quantities out of lots in one transaction: each lot by a conditional update (a lot another issue emptied
   * meanwhile refuses the whole movement), one movement per lot.
   */
  async function takeOut(
    tx: Db,
    actor: TActorContext,
    picks: { lotId: number; quantity: number }[],
    movement: {
      kind: 'issue' | 'loan_out' | 'write_off' | 'transfer_out';
      counterparty?: string | null;
      note?: string;
      loanId?: number | null;
      at: string;
    },
  ) {
    const movementIds: number[] = [];
    const lots: repo.TLotRow[] = [];
    for (const pick of picks) {
      const lot = await repo.findLot(tx, pick.lotId);
      if (!lot) throw new AppError('not_found', '批次不存在', { field: 'lotId' });
      const problem = outgoingProblem(lot.balance, pick.quantity, '出库');
      if (problem) throw rule(problem, 'quantity');
      if ((await repo.takeFromLot(tx, lot.id, pick.quantity)) === null)
        throw rule(`批次 #${lot.id} 结存已被其他出库占用，不足 ${pick.quantity}，请刷新后重试`, 'quantity');
      movementIds.push(await repo.insertMovement(tx, { lot, quantity: -pick.quantity, byUser: actor.id, ...movement }));
      lots.push(lot);
    }
    return { movementIds, lots };
  }

  /** The picks for an item in a warehouse: the keeper's lots (checked) or earliest expiry first. */
  async function picksFor(tx: Db, warehouseId: number, itemId: number, quantity: number, chosen?: { lotId: number; quantity: number }[]) {
    if (chosen && chosen.length > 0) {
      if (chosen.reduce((s, p) => s + p.quantity, 0) !== quantity)
        throw new AppError('invalid', '各批次出库数量之和应等于出库数量', { field: 'lots' });
      for (const p of chosen) {
        const lot = await repo.findLot(tx, p.lotId);
        if (!lot || lot.warehouseId !== warehouseId || lot.itemId !== itemId)
          throw new AppError('invalid', `批次 #${p.lotId} 不是该仓库的该物资`, { field: 'lots' });
        if (lot.expiresOn !== null && lot.expiresOn < today()) throw rule(`批次 #${p.lotId} 已过有效期，不能出库`, 'lots');
      }
      return chosen;
    }
    const lots = await repo.stockLots(tx, warehouseId, itemId);
    const picks = pickLotsFefo(lots, quantity, today());
    if (!picks) {
      const available = lots.filter((l) => l.expiresOn === null || l.expiresOn >= today()).reduce((s, l) => s + l.balance, 0);
      throw rule(`出库数量 ${quantity} 超过可用结存 ${available}（过期批次不计），不能出库`, 'quantity');
    }
    return picks;
  }

  async function issue(ctx: TRequestContext, input: z.output<typeof ZIssueInputSchema>) {
    const actor = requirePermission(ctx, 'resources.manage');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const w = await keptWarehouse(tx, actor, input.warehouseId);
      const picks = await picksFor(tx, w.id, input.itemId, input.quantity, input.lots);
      const { movementIds } = await takeOut(tx, actor, picks, { kind: 'issue', counterparty: input.recipient, note: input.purpose, at });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_movement',
        entityId: movementIds[0],
        after: { kind: 'issue', ...input, picks },
        divisionCode: w.divisionCode,
      });
      return { movementIds, lotIds: picks.map((p) => p.lotId) };
    });
  }

  async function transfer(ctx: TRequestContext, input: z.output<typeof ZTransferInputSchema>) {
    const actor = requirePermission(ctx, 'resources.manage');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const lot = await keptLot(tx, actor, input.lotId);
      const to = await keptWarehouse(tx, actor, input.toWarehouseId, 'toWarehouseId');
      if (to.id === lot.warehouseId) throw new AppError('invalid', '调入仓库不能与调出仓库相同', { field: 'toWarehouseId' });
      const out = await takeOut(tx, actor, [{ lotId: lot.id, quantity: input.quantity }], {
        kind: 'transfer_out',
        counterparty: to.name,
        note: input.note,
        at,
      });
      const { id: _id, balance: _b, received: _r, warehouseId: _w, divisionCode: _d, ...attributes } = lot;
      const moved = await repo.insertLot(tx, {
        ...attributes,
        warehouseId: to.id,
        divisionCode: to.divisionCode,
        originLotId: lot.id,
        received: input.quantity,
        balance: input.quantity,
        receivedOn: today(),
      });
      const from = await repo.findWarehouse(tx, lot.warehouseId);
      const inId = await repo.insertMovement(tx, {
        lot: moved,
        kind: 'transfer_in',
        quantity: input.quantity,
        counterparty: from?.name ?? null,
        note: input.note,
        byUser: actor.id,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_movement',
        entityId: out.movementIds[0],
        after: { kind: 'transfer', ...input, newLotId: moved.id },
        divisionCode: lot.divisionCode,
      });
      return { movementIds: [...out.movementIds, inId], lotIds: [lot.id, moved.id] };
    });
  }

  async function writeOff(ctx: TRequestContext, input: z.output<typeof ZWriteOffInputSchema>) {
    const actor = requirePermission(ctx, 'resources.manage');
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const lot = await keptLot(tx, actor, input.lotId);
      const { movementIds } = await takeOut(tx, actor, [{ lotId: lot.id, quantity: input.quantity }], {
        kind: 'write_off',
        note: input.reason,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'resource_movement',
        entityId: movementIds[0],
        after: { kind: 'write_off', ...input },
        divisionCode: lot.divisionCode,
      });
      return { movementIds, lotIds: [lot.id] };
    });
  }

  async function maintain(ctx: TRequestContext, input: z.output<typeof ZMaintenanceInputSchema>): Promise<void> {
    const actor = requirePermission(ctx, 'resources.manage');
    if (input.maintainedOn > today()) throw new AppError('invalid', '保养日期不能晚于今天', { field: 'maintainedOn' });
    await db.transaction(async (tx) => {
      const lot = await keptLot(tx, actor, input.lotId);
      await repo.setMaintained(tx, lot.id, input.maintainedOn);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'resource_movement',
        entityId: `lot:${lot.id}`,
        before: { lastMaintainedOn: lot.lastMaintainedOn },
        after: input,
        divisionCode: lot.divisionCode,
      });
    });
  }

  async function movements(ctx: TRequestContext, q: z.output<typeof ZMovementQuerySchema>) {
    const actor = requirePermission(ctx, 'resources.read');
    const { rows, total } = await repo.listMovements(db, cityOf(actor), q);
    return { items: rows, total };
  }

  async function balanceCheck(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'resources.read');
    return repo.balanceMismatches(db, cityOf(actor));
  }

  return {
    warehouses,
    saveWarehouse,
    setMinimum,
    items,
    createItem,
    updateItem,
    acceptorOptions,
    stock,
    lots,
    receipt,
    suggest,
    issue,
    transfer,
    writeOff,
    maintain,
    movements,
    balanceCheck,
    takeOut,
    picksFor,
    keptWarehouse,
    today,
  };
}
export type TResourcesService = ReturnType<typeof createResourcesService>;
