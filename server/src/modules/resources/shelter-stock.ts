/**
 * Supplies stored at a shelter (issue 17 item 6): the stock points (warehouses) linked to the shelter and their rows
 * of the one stock ledger (the stock query filtered to the shelter), never a second count. Scoped by the shelter.
 */
import { AppError, type TShelterStock } from '@yingji/domain';
import { asc, eq } from 'drizzle-orm';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { resourceWarehouses } from '../../db/schema';
import * as repo from './stock.repo';
import * as shelterRepo from './shelter.repo';

type TDeps = Pick<TCore, 'db' | 'settings'> & { today: () => string };

/** More rows than a shelter's stock point holds in practice; the page says when it is cut. */
const MAX_ROWS = 200;

export function createShelterStock({ db, settings, today }: TDeps) {
  async function stock(ctx: TRequestContext, shelterId: number): Promise<TShelterStock> {
    const actor = requirePermission(ctx, 'shelter.read');
    const s = await shelterRepo.findByIdLight(db, shelterId);
    if (!s || !actorSees(actor, s.divisionCode)) throw new AppError('not_found', '避难场所不存在');
    const [{ expiringDays }, guidance] = await Promise.all([settings.get('resources'), settings.get('reserveGuidance')]);
    const now = today();
    const [warehouses, { rows }] = await Promise.all([
      db
        .select({
          id: resourceWarehouses.id,
          name: resourceWarehouses.name,
          keeper: resourceWarehouses.keeper,
          keeperPhone: resourceWarehouses.keeperPhone,
        })
        .from(resourceWarehouses)
        .where(eq(resourceWarehouses.shelterId, shelterId))
        .orderBy(asc(resourceWarehouses.id)),
      repo.stock(db, s.divisionCode, { shelterId, page: 1, pageSize: MAX_ROWS }, now, guidance),
    ]);
    return { warehouses, items: rows, expiringDays, today: now };
  }
  return { stock };
}
