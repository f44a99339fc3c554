/**
 * Lots and movements: receipts, issues (earliest expiry first), transfers, write-offs and maintenance. Each change is
 * one transaction with its movements, the lots' balances and its audit entry; a lot's balance is taken only by a
 * conditional update, so stock never goes below zero under concurrent issues.
 */
import {
  AppError,
  acceptorsProblem,
  outgoingProblem,
  pickLotsFefo,
  receiptLineFault,
  type ZIssueInputSchema,
  type ZMaintenanceInputSchema,
  type ZReceiptInputSchema,
  type ZTransferInputSchema,
  type ZWriteOffInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './lot.repo';
import { cityOf, keptLot, keptWarehouse, rule } from './resources.access';
import { findItems, findWarehouse } from './warehouse.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'> & { today: () => string };

export function createMovementService({ db, clock, audit, today }: TDeps) {
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
          await findItems(
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
    const w = await findWarehouse(db, q.warehouseId);
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
      const from = await findWarehouse(tx, lot.warehouseId);
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

  return { receipt, suggest, issue, transfer, writeOff, maintain, takeOut, picksFor };
}
