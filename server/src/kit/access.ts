/**
 * The access story in one file. Every service decides who may do what through these functions:
 * 1. the route's declared access (a POLICY permission, 'authenticated' or 'public') is checked by the auth hook
 *    on the routed path (server/src/http/auth.ts) before the handler runs;
 * 2. the service checks the permission again for the actor it acts for (`requirePermission`), so a call from a
 *    job or another path cannot skip it;
 * 3. a record is loaded only inside the actor's division scope (`loadInScope`, `assertInScope`): outside it, the
 *    answer is the same 404 as for a record that does not exist, so scope cannot be probed;
 * Queries that list rows filter by scope in the repository with `inScopeSql` (server/src/shared/scope.ts).
 */
import { AppError, can, inScope, type TPermission } from '@yingji/domain';
import type { TActorContext, TRequestContext } from '../shared/context';

/** The acting user, or 401. */
export function requireActor(ctx: TRequestContext): TActorContext {
  if (!ctx.actor) throw new AppError('unauthenticated', '请先登录');
  return ctx.actor;
}

/** The acting user if his role holds the permission; 401 without a user, 403 without the permission. */
export function requirePermission(ctx: TRequestContext, permission: TPermission): TActorContext {
  const actor = requireActor(ctx);
  if (!can(actor.role, permission)) throw new AppError('forbidden', '没有此项操作的权限');
  return actor;
}

/** True when the division code lies in the actor's scope (a prefix of it). */
export const actorSees = (actor: { divisionCode: string }, divisionCode: string): boolean => inScope(actor.divisionCode, divisionCode);

/** 404 with `notFound` unless the division code lies in the actor's scope. */
export function assertInScope(actor: { divisionCode: string }, divisionCode: string, notFound: string): void {
  if (!inScope(actor.divisionCode, divisionCode)) throw new AppError('not_found', notFound);
}

/**
 * Loads a record for an actor: the permission, then the record, then its division in the actor's scope; a record
 * missing or out of scope is one 404 with the same message.
 */
export async function loadInScope<T>(
  ctx: TRequestContext,
  permission: TPermission,
  load: () => Promise<T | null | undefined>,
  divisionOf: (row: T) => string,
  notFound: string,
): Promise<{ actor: TActorContext; row: T }> {
  const actor = requirePermission(ctx, permission);
  const row = await load();
  if (row === null || row === undefined || !inScope(actor.divisionCode, divisionOf(row))) throw new AppError('not_found', notFound);
  return { actor, row };
}
