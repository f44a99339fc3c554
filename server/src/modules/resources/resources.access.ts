/**
 * Who sees stock and who keeps it. Stock is dispatch information: everyone with resources.read sees the whole city's
 * warehouses and balances; a change needs a warehouse or lot in the keeper's own scope.
 */
import { AppError } from '@yingji/domain';
import type { Db } from '../../db/client';
import { actorSees } from '../../kit/access';
import type { TActorContext } from '../../shared/context';
import { findLot } from './lot.repo';
import { findWarehouse } from './warehouse.repo';

export const cityOf = (actor: { divisionCode: string }) => actor.divisionCode.slice(0, 4);
export const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});

/** A warehouse the actor keeps (in his scope), for a change; 404 otherwise. */
export async function keptWarehouse(tx: Db, actor: TActorContext, id: number, field = 'warehouseId') {
  const w = await findWarehouse(tx, id);
  if (!w || !actorSees(actor, w.divisionCode)) throw new AppError('not_found', '仓库不存在或不在您的管辖范围内', { field });
  return w;
}

/** A lot in a warehouse the actor keeps; 404 otherwise. */
export async function keptLot(tx: Db, actor: TActorContext, id: number) {
  const lot = await findLot(tx, id);
  if (!lot || !actorSees(actor, lot.divisionCode)) throw new AppError('not_found', '批次不存在或不在您的管辖范围内', { field: 'lotId' });
  return lot;
}
