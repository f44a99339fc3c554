/**
 * The stock service: warehouses and the catalogue (warehouse.service.ts), lots and movements (movement.service.ts) and
 * the stock reads below (balances, lots, movements, the balance check), all read city-wide.
 */
import { bureauDate, type TLot, type TStockRow, type ZMovementQuerySchema, type ZStockQuerySchema } from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as lotRepo from './lot.repo';
import { createMovementService } from './movement.service';
import { cityOf, keptWarehouse } from './resources.access';
import * as stockRepo from './stock.repo';
import { createWarehouseService } from './warehouse.service';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;

export function createResourcesService(deps: TDeps) {
  const { db, clock, settings } = deps;
  const today = () => bureauDate(clock());

  async function stock(ctx: TRequestContext, q: z.output<typeof ZStockQuerySchema>): Promise<{ items: TStockRow[]; total: number }> {
    const actor = requirePermission(ctx, 'resources.read');
    const { rows, total } = await stockRepo.stock(db, cityOf(actor), q, today(), await settings.get('reserveGuidance'));
    return { items: rows, total };
  }

  async function lots(
    ctx: TRequestContext,
    q: { warehouseId?: number; itemId?: number; withEmpty?: 'true' | 'false' },
  ): Promise<{ items: TLot[] }> {
    const actor = requirePermission(ctx, 'resources.read');
    return { items: await lotRepo.listLots(db, cityOf(actor), { ...q, withEmpty: q.withEmpty === 'true' }) };
  }

  async function movements(ctx: TRequestContext, q: z.output<typeof ZMovementQuerySchema>) {
    const actor = requirePermission(ctx, 'resources.read');
    const { rows, total } = await lotRepo.listMovements(db, cityOf(actor), q);
    return { items: rows, total };
  }

  async function balanceCheck(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'resources.read');
    return lotRepo.balanceMismatches(db, cityOf(actor));
  }

  return {
    ...createWarehouseService({ ...deps, today }),
    ...createMovementService({ ...deps, today }),
    stock,
    lots,
    movements,
    balanceCheck,
    keptWarehouse,
    today,
  };
}
export type TResourcesService = ReturnType<typeof createResourcesService>;
