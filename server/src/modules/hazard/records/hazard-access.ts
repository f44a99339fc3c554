/**
 * Who sees a hazard: the acting user as the hazard rules see them, the list's viewer filter and loading one hazard
 * for an actor. An enterprise user sees their own firm's hazards, an officer those in their division scope; a hazard
 * outside either reads as absent (404), like one that does not exist.
 */
import {
  AppError,
  isHazardOverdue,
  type THazardActor,
  type THazardCategory,
  type THazardItem,
  type THazardProblem,
  type TPermission,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import { actorSees, requirePermission } from '../../../kit/access';
import type { TRequestContext } from '../../../shared/context';
import { iso } from '../../../shared/iso';
import { bodyNaming } from '../../org/org.repo';
import { divisionName } from '../../../shared/divisions';
import * as repo from './hazard.repo';

export const HAZARD_PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'];
export const HAZARD_DOCUMENT_MIMES = [...HAZARD_PHOTO_MIMES, 'application/pdf'];

export type THazardActorWithName = THazardActor & { displayName: string };

/** The acting user as the hazard rules see them: an enterprise user carries their firm (users.enterprise_id). */
export async function hazardActor(db: Db, ctx: TRequestContext, permission: TPermission): Promise<THazardActorWithName> {
  const a = requirePermission(ctx, permission);
  const enterpriseId = a.role === 'enterprise_user' ? await repo.enterpriseOfUser(db, a.id) : null;
  return { id: a.id, role: a.role, divisionCode: a.divisionCode, enterpriseId, displayName: a.displayName };
}

export const viewerOf = (actor: THazardActor): repo.THazardViewer =>
  actor.role === 'enterprise_user' ? { enterpriseId: actor.enterpriseId } : { scope: actor.divisionCode };

/** True when the actor may see a record of this firm in this division: their own firm, or a division in scope. */
export const hazardActorSees = (actor: THazardActor, record: { enterpriseId: number; divisionCode: string }): boolean =>
  actor.role === 'enterprise_user' ? record.enterpriseId === actor.enterpriseId : actorSees(actor, record.divisionCode);

/** Absent, out of scope or another firm's: all read as absent. */
export const hazardNotFound = () => new AppError('not_found', '隐患不存在', { field: 'id' });

/** One hazard the actor may see (locked for update when asked), or 404. */
export async function loadVisibleHazard(tx: Db, actor: THazardActor, id: number, forUpdate = false): Promise<repo.THazardRow> {
  const row = await repo.findHazardRow(tx, id, forUpdate);
  if (!row || !hazardActorSees(actor, row)) throw hazardNotFound();
  return row;
}

export const toHazardItem = (r: repo.THazardItemRow, now: Date): THazardItem => ({
  id: r.id,
  enterpriseId: r.enterpriseId,
  enterpriseName: r.enterpriseName,
  divisionCode: r.divisionCode,
  townName: r.townName,
  source: r.source,
  category: r.category as THazardCategory,
  level: r.level,
  description: r.description,
  location: r.location,
  foundOn: r.foundOn,
  deadline: r.deadline,
  state: r.state,
  overdue: isHazardOverdue(r, now),
  supervised: r.supervised,
  closedAt: iso(r.closedAt),
  version: r.version,
});

/** Throws a rule's problem as an AppError on its field (prefixed for a row of a batch). */
export const failOn = (p: THazardProblem | null, code: 'invalid' | 'rule_violation' = 'rule_violation', prefix = '') => {
  if (p) throw new AppError(code, p.message, { field: p.field ? `${prefix}${p.field}` : undefined });
};

/** The issuing body of an order: the officer's town, or the city bureau; its code, name, the name telling it from a namesake, and its title. */
export async function issuerOf(db: Db, divisionCode: string) {
  const code = divisionCode.length >= 9 ? divisionCode.slice(0, 9) : divisionCode.slice(0, 4);
  const cityName = (await divisionName(db, code.slice(0, 4))) ?? '';
  if (code.length === 9) {
    const town = await bodyNaming(db, code);
    const townName = town.name ?? code;
    return { code, name: townName, qualifier: town.qualifier, body: `${cityName}${townName}应急管理办公室` };
  }
  return { code, name: cityName, qualifier: null, body: `${cityName}应急管理局` };
}
