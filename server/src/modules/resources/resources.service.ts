/**
 * The stock service: warehouses and the catalogue (warehouse.service.ts), lots and movements (movement.service.ts) and
 * the stock reads below (balances, lots, movements, the balance check), all read city-wide.
 */
import { bureauDate, resourcesEndpoints, type TLot, type ZMovementQuerySchema, type ZStockQuerySchema } from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { createKeptJson, settingKey } from '../../kit/snapshot-cache';
import * as lotRepo from './lot.repo';
import { createMovementService } from './movement.service';
import { cityOf, keptWarehouse } from './resources.access';
import * as stockRepo from './stock.repo';
import { createWarehouseService } from './warehouse.service';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;

export function createResourcesService(deps: TDeps) {
  const { db, clock, settings } = deps;
  const today = () => bureauDate(clock());
  // pages of the stock ledger (kit/snapshot-cache.ts `createKeptJson`): a city's pages, filters and days
  const keptStock = createKeptJson(resourcesEndpoints.stock.response, 256);

  /** A page of the stock ledger as JSON text, kept while nothing changed (by city, query, day and reserve guidance). */
  async function stock(ctx: TRequestContext, q: z.output<typeof ZStockQuerySchema>): Promise<string> {
    const actor = requirePermission(ctx, 'resources.read');
    const [city, day, guidance] = [cityOf(actor), today(), await settings.get('reserveGuidance')];
    return keptStock(db, `${city}|${day}|${settingKey(guidance)}|${JSON.stringify(q)}`, clock(), async () => {
      const { rows, total } = await stockRepo.stock(db, city, q, day, guidance);
      return { items: rows, total };
    });
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
