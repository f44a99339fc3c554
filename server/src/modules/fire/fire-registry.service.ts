/**
 * The camera registry: sites, channels, dated calibrations and maintenance, with the registry's Excel round trip,
 * API keys and mask zones joined from their own files. Every change drops the ingestion caches.
 */
import {
  AppError,
  ZFireChannelInputSchema,
  ZFireSiteInputSchema,
  type ZFireChannelUpdateSchema,
  type ZFireSiteUpdateSchema,
  type TFireChannel,
  type TFireSite,
} from '@yingji/domain';
import type { z } from 'zod';
import type { ZCalibrationInputSchema, ZFireMaintenanceInputSchema } from '@yingji/domain';
import { loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { divisionNames, townsInScope } from '../../shared/divisions';
import { iso } from '../../shared/iso';
import type { TFireIngest } from './fire-ingest';
import * as repo from './fire.repo';
import { createFireApiKeys } from './fire-api-keys.service';
import { createFireMaskZones } from './fire-mask-zones.service';
import { createFireRegistrySheet } from './fire-registry-sheet.service';

type TChannelRow = Awaited<ReturnType<typeof repo.channels>>[number];

const channelDto = (c: TChannelRow): TFireChannel => ({
  id: c.id,
  siteId: c.siteId,
  code: c.code,
  name: c.name,
  kind: c.kind,
  headingDeg: c.headingDeg,
  fovDeg: c.fovDeg,
  rangeM: c.rangeM,
  bearingOffsetDeg: c.bearingOffsetDeg,
  distanceOffsetM: c.distanceOffsetM,
  status: c.status,
  lastHeartbeatAt: iso(c.lastHeartbeatAt),
  alertKind: c.alertKind as TFireChannel['alertKind'],
});

export function createFireRegistry({ db, clock, audit, ingest }: Pick<TCore, 'db' | 'clock' | 'audit'> & { ingest: TFireIngest }) {
  async function sites(ctx: TRequestContext): Promise<{ items: TFireSite[] }> {
    const actor = requirePermission(ctx, 'fire.read');
    const [s, c] = await Promise.all([repo.sites(db, actor.divisionCode), repo.channels(db, actor.divisionCode)]);
    const names = await divisionNames(
      db,
      s.map((x) => x.divisionCode),
    );
    return {
      items: s.map((x) => ({
        id: x.id,
        code: x.code,
        name: x.name,
        divisionCode: x.divisionCode,
        townName: names.get(x.divisionCode) ?? x.divisionCode,
        longitude: x.longitude,
        latitude: x.latitude,
        heightM: x.heightM,
        status: x.status,
        channels: c.filter((ch) => ch.siteId === x.id).map(channelDto),
      })),
    };
  }

  async function site(ctx: TRequestContext, id: number) {
    return loadInScope(
      ctx,
      'fire.read',
      () => repo.siteById(db, id),
      (s) => s.divisionCode,
      '监控点不存在',
    );
  }

  async function createSite(ctx: TRequestContext, input: z.infer<typeof ZFireSiteInputSchema>): Promise<TFireSite> {
    const actor = requirePermission(ctx, 'fire.manage');
    if (await repo.siteByCode(db, input.code)) throw new AppError('conflict', `监控点编号 ${input.code} 已存在`, { field: 'code' });
    const now = clock().toISOString();
    const row = await db.transaction(async (tx) => {
      const row = await repo.insertSite(tx, { ...input, createdAt: now, updatedAt: now });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_site',
        entityId: row.id,
        after: input,
        divisionCode: input.divisionCode,
      });
      return row;
    });
    ingest.invalidate();
    void actor;
    return (await sites(ctx)).items.find((s) => s.id === row.id)!;
  }

  /** An edit of a site; a change of town moves its channels' scope with it. */
  async function updateSite(ctx: TRequestContext, id: number, input: z.infer<typeof ZFireSiteUpdateSchema>): Promise<TFireSite> {
    const { actor, row } = await loadInScope(
      ctx,
      'fire.manage',
      () => repo.siteById(db, id),
      (s) => s.divisionCode,
      '监控点不存在',
    );
    if (!(await townsInScope(db, actor.divisionCode)).some((t) => t.code === input.divisionCode))
      throw new AppError('invalid', '镇街不在您的管辖范围内', { field: 'divisionCode' });
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      await repo.updateSite(tx, id, { ...input, updatedAt: now });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_site',
        entityId: id,
        before: {
          name: row.name,
          divisionCode: row.divisionCode,
          longitude: row.longitude,
          latitude: row.latitude,
          heightM: row.heightM,
          status: row.status,
        },
        after: input,
        divisionCode: input.divisionCode,
      });
    });
    ingest.invalidate();
    return (await sites(ctx)).items.find((s) => s.id === id)!;
  }

  async function addChannel(ctx: TRequestContext, siteId: number, input: z.infer<typeof ZFireChannelInputSchema>): Promise<TFireChannel> {
    requirePermission(ctx, 'fire.manage');
    const { row: s } = await site(ctx, siteId);
    if (await repo.channelByCode(db, input.code)) throw new AppError('conflict', `通道编号 ${input.code} 已存在`, { field: 'code' });
    const now = clock().toISOString();
    const row = await db.transaction(async (tx) => {
      const row = await repo.insertChannel(tx, { ...input, siteId, divisionCode: s.divisionCode, createdAt: now, updatedAt: now });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_channel',
        entityId: row.id,
        after: input,
        divisionCode: s.divisionCode,
      });
      return row;
    });
    ingest.invalidate();
    return channelDto(row);
  }

  async function channel(ctx: TRequestContext, id: number) {
    const { row } = await loadInScope(
      ctx,
      'fire.read',
      () => repo.channelById(db, id),
      (c) => c.divisionCode,
      '通道不存在',
    );
    const [s, cals, maint, alerts] = await Promise.all([
      repo.siteById(db, row.siteId),
      repo.calibrations(db, id),
      repo.maintenanceOfSite(db, row.siteId),
      repo.alertsOfChannel(db, id),
    ]);
    return {
      ...channelDto(row),
      siteName: s!.name,
      calibrations: cals.map((c) => ({
        id: c.id,
        effectiveAt: iso(c.effectiveAt),
        bearingOffsetDeg: c.bearingOffsetDeg,
        distanceOffsetM: c.distanceOffsetM,
        note: c.note,
      })),
      maintenance: maint
        .filter((m) => m.channelId === null || m.channelId === id)
        .map((m) => ({ id: m.id, kind: m.kind, doneOn: m.doneOn, note: m.note })),
      alerts: alerts.map((a) => ({ id: a.id, kind: a.kind, openedAt: iso(a.openedAt), clearedAt: iso(a.clearedAt) })),
    };
  }

  /** An edit of a channel's optics and status; its calibration changes only through a dated recalibration. */
  async function updateChannel(ctx: TRequestContext, id: number, input: z.infer<typeof ZFireChannelUpdateSchema>) {
    const { row } = await loadInScope(
      ctx,
      'fire.manage',
      () => repo.channelById(db, id),
      (c) => c.divisionCode,
      '通道不存在',
    );
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      await repo.updateChannel(tx, id, { ...input, updatedAt: now });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_channel',
        entityId: id,
        before: { name: row.name, kind: row.kind, headingDeg: row.headingDeg, fovDeg: row.fovDeg, rangeM: row.rangeM, status: row.status },
        after: input,
        divisionCode: row.divisionCode,
      });
    });
    ingest.invalidate();
    return channel(ctx, id);
  }

  /** A recalibration: dated; alarms at or after its time use it, earlier ones keep the offsets they had. */
  async function calibrate(ctx: TRequestContext, id: number, input: z.infer<typeof ZCalibrationInputSchema>) {
    const { actor, row } = await loadInScope(
      ctx,
      'fire.manage',
      () => repo.channelById(db, id),
      (c) => c.divisionCode,
      '通道不存在',
    );
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      await repo.insertCalibration(tx, { channelId: id, ...input, recordedBy: actor.id, recordedAt: now });
      const current = await repo.calibrationNow(tx, id, now);
      if (current)
        await repo.updateChannel(tx, id, {
          bearingOffsetDeg: current.bearingOffsetDeg,
          distanceOffsetM: current.distanceOffsetM,
          updatedAt: now,
        });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_channel',
        entityId: id,
        before: { bearingOffsetDeg: row.bearingOffsetDeg, distanceOffsetM: row.distanceOffsetM },
        after: input,
        divisionCode: row.divisionCode,
      });
    });
    ingest.invalidate();
    return channel(ctx, id);
  }

  async function addMaintenance(ctx: TRequestContext, siteId: number, input: z.infer<typeof ZFireMaintenanceInputSchema>) {
    const { actor, row: s } = await loadInScope(
      ctx,
      'fire.manage',
      () => repo.siteById(db, siteId),
      (x) => x.divisionCode,
      '监控点不存在',
    );
    if (input.channelId !== null) {
      const ch = await repo.channelById(db, input.channelId);
      if (!ch || ch.siteId !== siteId) throw new AppError('invalid', '该通道不属于这个监控点', { field: 'channelId' });
    }
    await db.transaction(async (tx) => {
      await repo.insertMaintenance(tx, {
        siteId,
        ...input,
        divisionCode: s.divisionCode,
        recordedBy: actor.id,
        recordedAt: clock().toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_maintenance',
        entityId: siteId,
        after: input,
        divisionCode: s.divisionCode,
      });
    });
  }

  return {
    sites,
    site,
    createSite,
    updateSite,
    addChannel,
    channel,
    updateChannel,
    calibrate,
    addMaintenance,
    ...createFireRegistrySheet({ db, clock, audit, ingest, sites }),
    ...createFireApiKeys({ db, clock, audit, ingest }),
    ...createFireMaskZones({ db, clock, audit, ingest }),
  };
}
export type TFireRegistry = ReturnType<typeof createFireRegistry>;
