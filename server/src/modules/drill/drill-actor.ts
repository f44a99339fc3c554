/** Who is reading or writing in the drill module: an officer in his division scope, or an enterprise user with his firm. */
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './plan.repo';

export type TDrillActor = TActorContext & { enterpriseId: number | null };

/** The acting user with their firm when they are an enterprise user. */
export async function drillActor(db: Db, ctx: TRequestContext, permission: Parameters<typeof requirePermission>[1]): Promise<TDrillActor> {
  const a = requirePermission(ctx, permission);
  return { ...a, enterpriseId: a.role === 'enterprise_user' ? await repo.enterpriseOfUser(db, a.id) : null };
}

export const viewerOf = (a: TDrillActor): repo.TViewer =>
  a.role === 'enterprise_user' ? { enterpriseId: a.enterpriseId } : { scope: a.divisionCode };

/** An enterprise user sees their own firm's records, an officer those in their scope. */
export const drillActorSees = (a: TDrillActor, r: { divisionCode: string; enterpriseId: number | null }): boolean =>
  a.role === 'enterprise_user' ? r.enterpriseId !== null && r.enterpriseId === a.enterpriseId : actorSees(a, r.divisionCode);
