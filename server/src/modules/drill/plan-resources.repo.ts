/** The SQL of a plan's linked resources (预案依托资源): the resources module's warehouses and shelters, read and linked. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TPlanResource, TPlanResourceKind } from '@yingji/domain';
import type { Db } from '../../db/client';
import { divisions, emergencyPlanResources, resourceWarehouses, shelters } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { containsText } from '../../shared/keyword';

/** The warehouse and shelter tables seen the same way (id, name, division, address). */
const resourceTable = (kind: TPlanResourceKind) =>
  kind === 'warehouse'
    ? {
        t: resourceWarehouses,
        id: resourceWarehouses.id,
        name: resourceWarehouses.name,
        division: resourceWarehouses.divisionCode,
        address: resourceWarehouses.address,
      }
    : { t: shelters, id: shelters.id, name: shelters.name, division: shelters.divisionCode, address: shelters.address };

/** Warehouses or shelters by id, with their town's name (for checking new links). */
export async function resourcesByIds(db: Db, kind: TPlanResourceKind, ids: readonly number[]): Promise<TPlanResource[]> {
  if (ids.length === 0) return [];
  const r = resourceTable(kind);
  const rows = await db
    .select({ id: r.id, name: r.name, divisionCode: r.division, address: r.address, townName: divisions.name })
    .from(r.t)
    .leftJoin(divisions, eq(divisions.code, r.division))
    .where(inArray(r.id, [...ids]));
  return rows.map((x) => ({ kind, ...x }));
}

/** Warehouses or shelters in a division scope, by name (the form's picker). */
export async function resourceOptions(db: Db, kind: TPlanResourceKind, scope: string, q: string | undefined): Promise<TPlanResource[]> {
  const r = resourceTable(kind);
  const rows = await db
    .select({ id: r.id, name: r.name, divisionCode: r.division, address: r.address, townName: divisions.name })
    .from(r.t)
    .leftJoin(divisions, eq(divisions.code, r.division))
    .where(and(inScopeSql(r.division, scope), q ? containsText([r.name, r.address], q) : undefined))
    .orderBy(asc(r.division), asc(r.name))
    .limit(50);
  return rows.map((x) => ({ kind, ...x }));
}

/** The warehouses and shelters a plan relies on, warehouses first. */
export async function linkedResources(db: Db, planId: number): Promise<TPlanResource[]> {
  const links = await db
    .select({ warehouseId: emergencyPlanResources.warehouseId, shelterId: emergencyPlanResources.shelterId })
    .from(emergencyPlanResources)
    .where(eq(emergencyPlanResources.planId, planId))
    .orderBy(asc(emergencyPlanResources.id));
  const [w, s] = await Promise.all([
    resourcesByIds(
      db,
      'warehouse',
      links.flatMap((l) => (l.warehouseId === null ? [] : [l.warehouseId])),
    ),
    resourcesByIds(
      db,
      'shelter',
      links.flatMap((l) => (l.shelterId === null ? [] : [l.shelterId])),
    ),
  ]);
  return [...w, ...s];
}

/** Adds and removes links of one kind. */
export async function changeLinks(
  tx: Db,
  planId: number,
  kind: TPlanResourceKind,
  add: readonly number[],
  remove: readonly number[],
  by: number,
  at: string,
): Promise<void> {
  const column = kind === 'warehouse' ? emergencyPlanResources.warehouseId : emergencyPlanResources.shelterId;
  if (remove.length > 0)
    await tx.delete(emergencyPlanResources).where(and(eq(emergencyPlanResources.planId, planId), inArray(column, [...remove])));
  if (add.length > 0)
    await tx.insert(emergencyPlanResources).values(
      add.map((id) => ({
        planId,
        warehouseId: kind === 'warehouse' ? id : null,
        shelterId: kind === 'shelter' ? id : null,
        createdBy: by,
        createdAt: at,
      })),
    );
}
