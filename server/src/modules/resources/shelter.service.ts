/**
 * Shelters (应急避难场所): the registry with capacity from area and the per-person standard (or a recorded override),
 * facilities with last-checked dates, totals by town and for the central city summed from the rows, and the nearest
 * open shelters to a point (box pre-filter on the index, haversine on the candidates).
 */
import {
  AppError,
  REQUIRED_SHELTER_FACILITIES,
  boxAround,
  coordinatesProblem,
  nearestShelters,
  shelterCapacity,
  type TShelter,
  type ZNearestQuerySchema,
  type ZShelterInputSchema,
  type ZShelterListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { cityOf } from './resources.access';
import * as repo from './shelter.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;
export type TShelterSave = z.output<typeof ZShelterInputSchema>;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function createShelterService({ db, clock, audit, settings }: TDeps) {
  const perPerson = async () => (await settings.get('resources')).shelterAreaPerPersonM2;

  function toDto(r: { s: repo.TShelterRow; divisionName: string; stockPoints: number; stockedPoints: number }, per: number): TShelter {
    const { createdAt: _c, updatedAt: _u, ...s } = r.s;
    return {
      ...s,
      divisionName: r.divisionName,
      stockPoints: r.stockPoints,
      stockedPoints: r.stockedPoints,
      capacity: shelterCapacity(s.areaM2, per, s.capacityOverride),
      computedCapacity: shelterCapacity(s.areaM2, per, null),
      missingFacilities: REQUIRED_SHELTER_FACILITIES.filter((f) => !s.facilities[f]),
    };
  }

  async function list(ctx: TRequestContext, q: z.output<typeof ZShelterListQuerySchema>) {
    const actor = requirePermission(ctx, 'shelter.read');
    const f = repo.shelterFilter(q);
    const { rows, total } = await repo.listShelters(db, actor.divisionCode, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const per = await perPerson();
    return { items: rows.map((r) => toDto(r, per)), total };
  }

  async function totals(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'shelter.read');
    const { shelterAreaPerPersonM2: per, townPopulation } = await settings.get('resources');
    const rows = await repo.totalsByTown(db, actor.divisionCode, per);
    const zero = () => ({ shelters: 0, areaM2: 0, capacity: 0 });
    const all = zero();
    const central = zero();
    const towns = new Map<string, ReturnType<typeof zero> & { divisionCode: string; divisionName: string; missingFacilities: number }>();
    for (const r of rows) {
      for (const t of r.central ? [all, central] : [all]) {
        t.shelters += r.shelters;
        t.areaM2 += r.areaM2;
        t.capacity += r.capacity;
      }
      const t = towns.get(r.divisionCode) ?? {
        ...zero(),
        divisionCode: r.divisionCode,
        divisionName: r.divisionName,
        missingFacilities: 0,
      };
      t.shelters += r.shelters;
      t.areaM2 += r.areaM2;
      t.capacity += r.capacity;
      t.missingFacilities += r.missingFacilities;
      towns.set(r.divisionCode, t);
    }
    const byTown = [...towns.values()].map((t) => {
      const population = townPopulation[t.divisionCode] ?? null;
      return { ...t, areaM2: round2(t.areaM2), population, per100Residents: population ? round2((t.capacity * 100) / population) : null };
    });
    return { all: { ...all, areaM2: round2(all.areaM2) }, centralCity: { ...central, areaM2: round2(central.areaM2) }, byTown };
  }

  /**
   * The nearest open shelters in the city: a box of 500 m around the point, widened fourfold (2, 8, 32, 128 km) and then to
   * the city until it holds `limit` shelters of which the farthest lies within the box's radius (a shelter in a corner
   * of the box may be farther than one just outside its side). All the boxes go in one statement (repo.nearestOpen):
   * one round trip, and a box is read only when the smaller ones failed, so sparse shelters cost no extra trips.
   */
  async function nearest(ctx: TRequestContext, q: z.output<typeof ZNearestQuerySchema>) {
    const actor = requirePermission(ctx, 'shelter.read');
    const { cityBounds, shelterAreaPerPersonM2: per } = await settings.get('resources');
    const p = coordinatesProblem(q.longitude, q.latitude, cityBounds);
    if (p) throw new AppError('invalid', p, { field: 'longitude' });
    // A few more than asked, so that rows tied to the metre are ordered by the same rule as nearestShelters.
    const fetch = q.limit + 4;
    const boxes = [500, 2_000, 8_000, 32_000, 128_000, null].map((radius) => ({
      radius,
      box: radius === null ? null : boxAround(q.longitude, q.latitude, radius),
    }));
    const near = nearestShelters(await repo.nearestOpen(db, cityOf(actor), q, boxes, q.limit, fetch), q, q.limit);
    return {
      items: near.map((s) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        divisionName: s.divisionName,
        capacity: shelterCapacity(s.areaM2, per, s.capacityOverride),
        longitude: s.longitude,
        latitude: s.latitude,
        distanceM: s.distanceM,
      })),
    };
  }

  /** One shelter with every registry field, its facilities and supplies, when it is in the actor's scope. */
  async function get(ctx: TRequestContext, id: number): Promise<TShelter> {
    const actor = requirePermission(ctx, 'shelter.read');
    const row = await repo.findShelter(db, id);
    if (!row || !actorSees(actor, row.s.divisionCode)) throw new AppError('not_found', '避难场所不存在');
    return toDto(row, await perPerson());
  }

  /** The checks every saved shelter passes: in the actor's scope, coordinates in the city, an override with its reason. */
  async function check(actor: { divisionCode: string }, input: TShelterSave) {
    if (!actorSees(actor, input.divisionCode)) return { field: 'divisionCode', message: '所在镇街不在您的管辖范围内' };
    const p = coordinatesProblem(input.longitude, input.latitude, (await settings.get('resources')).cityBounds);
    if (p) return { field: 'longitude', message: p };
    if (input.capacityOverride !== null && !input.overrideReason?.trim())
      return { field: 'overrideReason', message: '核定容纳人数与按面积计算的不同时，请填写核定说明' };
    return null;
  }

  /** Saves one shelter in a transaction the caller holds (one form, or every row of an import). */
  async function saveIn(tx: Db, id: number | null, input: TShelterSave): Promise<number> {
    const at = clock().toISOString();
    if (id === null) return repo.insertShelter(tx, { ...input, createdAt: at, updatedAt: at });
    await repo.updateShelter(tx, id, { ...input, updatedAt: at });
    return id;
  }

  async function save(ctx: TRequestContext, id: number | null, input: TShelterSave): Promise<TShelter> {
    const actor = requirePermission(ctx, 'shelter.manage');
    const problem = await check(actor, input);
    if (problem) throw new AppError('invalid', problem.message, { field: problem.field });
    const savedId = await db.transaction(async (tx) => {
      let before: repo.TShelterRow | undefined;
      if (id !== null) {
        before = (await repo.findShelter(tx, id))?.s;
        if (!before || !actorSees(actor, before.divisionCode)) throw new AppError('not_found', '避难场所不存在');
      }
      const clash = await repo.findByName(tx, input.divisionCode, input.name);
      if (clash && clash.id !== id) throw new AppError('conflict', `本镇街已有名为“${input.name}”的避难场所`, { field: 'name' });
      const saved = await saveIn(tx, id, input);
      await audit.record(tx, ctx, {
        action: id === null ? 'create' : 'update',
        entity: 'shelter',
        entityId: saved,
        before,
        after: input,
        divisionCode: input.divisionCode,
      });
      return saved;
    });
    return toDto((await repo.findShelter(db, savedId))!, await perPerson());
  }

  return { list, get, totals, nearest, save, check, saveIn, toDto };
}
export type TShelterService = ReturnType<typeof createShelterService>;
