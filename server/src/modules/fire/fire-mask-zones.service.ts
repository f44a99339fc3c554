/**
 * Mask zones (屏蔽区): drawn on the map or imported as GeoJSON; an alarm inside an active zone is kept, marked
 * suppressed. A zone that suppressed alarms can only be deactivated, never deleted.
 */
import { AppError, polygonsFromGeoJson, type TPolygon } from '@yingji/domain';
import type { z } from 'zod';
import type { ZMaskZoneInputSchema } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import type { TFireIngest } from './fire-ingest';
import { lockIngest } from './fire-ingest.repo';
import * as repo from './fire.repo';

type TZoneRow = Awaited<ReturnType<typeof repo.zones>>[number];

const zoneDto = (z: TZoneRow) => ({
  id: z.id,
  name: z.name,
  kind: z.kind,
  source: z.source,
  active: z.active === 1,
  polygons: z.polygons as unknown as [number, number][][][],
  suppressedCount: z.suppressedCount,
  createdAt: iso(z.createdAt),
});

export function createFireMaskZones({ db, clock, audit, ingest }: Pick<TCore, 'db' | 'clock' | 'audit'> & { ingest: TFireIngest }) {
  async function zones(ctx: TRequestContext) {
    requirePermission(ctx, 'fire.read');
    return { items: (await repo.zones(db)).map(zoneDto) };
  }

  async function createZone(ctx: TRequestContext, input: z.infer<typeof ZMaskZoneInputSchema>) {
    const actor = requirePermission(ctx, 'fire.manage');
    let polygons: TPolygon[];
    let source: 'drawn' | 'geojson';
    if (input.polygons) {
      polygons = input.polygons;
      source = 'drawn';
    } else if (input.geojson !== undefined) {
      const r = polygonsFromGeoJson(input.geojson);
      if ('problem' in r) throw new AppError('invalid', `GeoJSON：${r.problem}`, { field: 'geojson' });
      polygons = r.polygons;
      source = 'geojson';
    } else throw new AppError('invalid', '请在地图上绘制屏蔽区，或导入 GeoJSON', { field: 'polygons' });
    const now = clock().toISOString();
    const row = await db.transaction(async (tx) => {
      const row = await repo.insertZone(tx, {
        name: input.name,
        kind: input.kind,
        polygons,
        source,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_mask_zone',
        entityId: row.id,
        after: { name: input.name, kind: input.kind, source, polygons: polygons.length },
      });
      return row;
    });
    ingest.invalidate();
    return zoneDto(row);
  }

  async function deactivateZone(ctx: TRequestContext, id: number) {
    requirePermission(ctx, 'fire.manage');
    const z = await repo.zoneById(db, id);
    if (!z) throw new AppError('not_found', '屏蔽区不存在');
    if (z.active !== 1) throw new AppError('conflict', '该屏蔽区已停用');
    const row = await db.transaction(async (tx) => {
      const row = await repo.deactivateZone(tx, id, clock().toISOString());
      await audit.record(tx, ctx, { action: 'disable', entity: 'fire_mask_zone', entityId: id, before: { name: z.name } });
      return row;
    });
    ingest.invalidate();
    return zoneDto(row);
  }

  /**
   * Deletes a zone drawn or imported by mistake. One that has suppressed alarms is kept (they name it; the
   * statistics count them) and can only be deactivated. Under the ingestion lock, so no batch masks with it meanwhile.
   */
  async function deleteZone(ctx: TRequestContext, id: number) {
    requirePermission(ctx, 'fire.manage');
    const z = await repo.zoneById(db, id);
    if (!z) throw new AppError('not_found', '屏蔽区不存在');
    await db.transaction(async (tx) => {
      await lockIngest(tx);
      if (!(await repo.deleteUnusedZone(tx, id)))
        throw new AppError('rule_violation', '该屏蔽区已屏蔽过告警，只能停用（告警保留其屏蔽区）');
      await audit.record(tx, ctx, {
        action: 'delete',
        entity: 'fire_mask_zone',
        entityId: id,
        before: { name: z.name, kind: z.kind, source: z.source },
      });
    });
    ingest.invalidate();
  }

  async function zoneAlarms(ctx: TRequestContext, id: number) {
    requirePermission(ctx, 'fire.read');
    if (!(await repo.zoneById(db, id))) throw new AppError('not_found', '屏蔽区不存在');
    const r = await repo.zoneAlarms(db, id);
    return { total: r.total, items: r.items.map((a) => ({ ...a, id: Number(a.id), at: iso(a.at) })) };
  }

  return { zones, createZone, deactivateZone, deleteZone, zoneAlarms };
}
