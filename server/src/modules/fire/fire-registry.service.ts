/**
 * The camera registry (sites, channels, dated calibrations, maintenance) with its Excel round trip, the camera
 * platforms' API keys (only a SHA-256 kept) and the mask zones. Every change drops the ingestion caches.
 */
import { randomBytes } from 'node:crypto';
import {
  AppError,
  CHANNEL_KINDS,
  polygonsFromGeoJson,
  ZFireChannelInputSchema,
  ZFireSiteInputSchema,
  type ZFireChannelUpdateSchema,
  type ZFireSiteUpdateSchema,
  type TFireChannel,
  type TFireSite,
  type TPolygon,
} from '@yingji/domain';
import type { z } from 'zod';
import type { ZCalibrationInputSchema, ZFireMaintenanceInputSchema, ZMaskZoneInputSchema, ZApiKeyInputSchema } from '@yingji/domain';
import { loadInScope, requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { divisionNames, townsInScope } from '../../shared/divisions';
import { iso } from '../../shared/iso';
import { readSheet } from '../../shared/sheet-reader';
import { hashKey, type TFireIngest } from './fire-ingest';
import { lockIngest } from './fire-ingest.repo';
import * as repo from './fire.repo';

type TChannelRow = Awaited<ReturnType<typeof repo.channels>>[number];
type TZoneRow = Awaited<ReturnType<typeof repo.zones>>[number];
type TKeyRow = Awaited<ReturnType<typeof repo.keys>>[number];

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
const keyDto = (k: TKeyRow) => ({
  id: k.id,
  platform: k.platform,
  prefix: k.prefix,
  channelCount: k.channelIds.length,
  createdAt: iso(k.createdAt),
  revokedAt: iso(k.revokedAt),
  lastUsedAt: iso(k.lastUsedAt),
});

const COLUMNS = [
  '监控点编号',
  '监控点名称',
  '镇街',
  '经度',
  '纬度',
  '架设高度（米）',
  '通道编号',
  '通道名称',
  '通道类型',
  '朝向（度）',
  '视场角（度）',
  '探测距离（米）',
];
const KIND_BY_LABEL = new Map<string, string>(Object.entries(CHANNEL_KINDS).map(([k, v]) => [v, k]));

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

  async function exportRegistry(ctx: TRequestContext) {
    const { items } = await sites(ctx);
    type TRow = { s: TFireSite; c: TFireChannel | null };
    const rows: TRow[] = items.flatMap((s): TRow[] => (s.channels.length ? s.channels.map((c) => ({ s, c })) : [{ s, c: null }]));
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        '监控点与通道',
        COLUMNS.map((header, i) => ({
          header,
          width: i < 3 || i === 7 ? 16 : 12,
          value: ({ s, c }: TRow) =>
            [
              s.code,
              s.name,
              s.townName,
              s.longitude,
              s.latitude,
              s.heightM,
              c?.code,
              c?.name,
              c ? CHANNEL_KINDS[c.kind] : null,
              c?.headingDeg,
              c?.fovDeg,
              c?.rangeM,
            ][i],
        })),
        rows,
      ),
    ]);
    const now = clock();
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'fire_site', after: { rows: rows.length } }));
    return { body, fileName: ledgerFileName('森林防火监控点', now), date: now.toISOString().slice(0, 10) };
  }

  /** One sheet, a row per channel with its site's columns; by code, new rows are added and known ones updated. */
  async function importRegistry(ctx: TRequestContext, input: { buffer: Buffer; fileName: string }) {
    const actor = requirePermission(ctx, 'fire.manage');
    const towns = new Map((await townsInScope(db, actor.divisionCode)).map((t) => [t.name, t.code]));
    const problems: { row: number; sheet: string; message: string }[] = [];
    const siteRows = new Map<string, z.infer<typeof ZFireSiteInputSchema>>();
    const channelRows: { site: string; input: z.infer<typeof ZFireChannelInputSchema> }[] = [];
    let header = true;
    for await (const { rowNumber, cells } of readSheet(input, input.fileName)) {
      const v = cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
      if (header) {
        header = false;
        const missing = COLUMNS.filter((c, i) => v[i] !== c);
        if (missing.length) throw new AppError('invalid', `第 1 行的列应为：${COLUMNS.join('、')}。请使用导出的表格`, { field: 'file' });
        continue;
      }
      if (v.every((x) => x === '')) continue;
      const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
      const town = towns.get(v[2] ?? '');
      if (!town) {
        problems.push({ row: rowNumber, sheet: '监控点与通道', message: `镇街“${v[2]}”不在您的管辖范围内` });
        continue;
      }
      const s = ZFireSiteInputSchema.safeParse({
        code: v[0],
        name: v[1],
        divisionCode: town,
        longitude: num(v[3]),
        latitude: num(v[4]),
        heightM: num(v[5]),
      });
      if (!s.success) {
        problems.push({ row: rowNumber, sheet: '监控点与通道', message: s.error.issues[0]!.message });
        continue;
      }
      siteRows.set(s.data.code, s.data);
      if (!v[6]) continue;
      const c = ZFireChannelInputSchema.safeParse({
        code: v[6],
        name: v[7],
        kind: KIND_BY_LABEL.get(v[8] ?? '') ?? v[8],
        headingDeg: num(v[9]),
        fovDeg: num(v[10]),
        rangeM: num(v[11]),
      });
      if (!c.success) problems.push({ row: rowNumber, sheet: '监控点与通道', message: c.error.issues[0]!.message });
      else channelRows.push({ site: s.data.code, input: c.data });
    }
    if (problems.length) return { sites: 0, channels: 0, problems };
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const ids = new Map<string, number>();
      for (const s of siteRows.values()) {
        const known = await repo.siteByCode(tx, s.code);
        if (known) {
          await repo.updateSite(tx, known.id, { ...s, updatedAt: now });
          ids.set(s.code, known.id);
        } else ids.set(s.code, (await repo.insertSite(tx, { ...s, createdAt: now, updatedAt: now })).id);
      }
      for (const { site: code, input: c } of channelRows) {
        const siteId = ids.get(code)!;
        const known = await repo.channelByCode(tx, c.code);
        const divisionCode = siteRows.get(code)!.divisionCode;
        if (known) await repo.updateChannel(tx, known.id, { ...c, siteId, divisionCode, updatedAt: now });
        else await repo.insertChannel(tx, { ...c, siteId, divisionCode, createdAt: now, updatedAt: now });
      }
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'fire_site',
        after: { fileName: input.fileName, sites: siteRows.size, channels: channelRows.length },
      });
    });
    ingest.invalidate();
    return { sites: siteRows.size, channels: channelRows.length, problems };
  }

  async function keys(ctx: TRequestContext) {
    requirePermission(ctx, 'fire.keys');
    return { items: (await repo.keys(db)).map(keyDto) };
  }

  async function createKey(ctx: TRequestContext, input: z.infer<typeof ZApiKeyInputSchema>) {
    const actor = requirePermission(ctx, 'fire.keys');
    const known = new Set((await repo.channels(db, actor.divisionCode)).map((c) => c.id));
    const unknown = input.channelIds.filter((id) => !known.has(id));
    if (unknown.length) throw new AppError('invalid', `通道不存在：${unknown.join('、')}`, { field: 'channelIds' });
    const prefix = `fk_${randomBytes(4).toString('hex')}`;
    const key = `${prefix}.${randomBytes(24).toString('base64url')}`;
    const row = await db.transaction(async (tx) => {
      const row = await repo.insertKey(tx, {
        platform: input.platform,
        prefix,
        keyHash: hashKey(key),
        channelIds: [...new Set(input.channelIds)],
        createdBy: actor.id,
        createdAt: clock().toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_api_key',
        entityId: row.id,
        after: { platform: input.platform, prefix, channels: row.channelIds.length },
      });
      return row;
    });
    return { ...keyDto(row), key };
  }

  async function revokeKey(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'fire.keys');
    const row = await repo.keyById(db, id);
    if (!row) throw new AppError('not_found', '接入密钥不存在');
    if (row.revokedAt) throw new AppError('conflict', '该密钥已吊销');
    const out = await db.transaction(async (tx) => {
      const out = await repo.revokeKey(tx, id, clock().toISOString(), actor.id);
      await audit.record(tx, ctx, {
        action: 'disable',
        entity: 'fire_api_key',
        entityId: id,
        before: { platform: row.platform, prefix: row.prefix },
      });
      return out;
    });
    ingest.invalidate();
    return keyDto(out);
  }

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

  return {
    sites,
    createSite,
    updateSite,
    addChannel,
    channel,
    updateChannel,
    calibrate,
    addMaintenance,
    exportRegistry,
    importRegistry,
    keys,
    createKey,
    revokeKey,
    zones,
    createZone,
    deactivateZone,
    deleteZone,
    zoneAlarms,
  };
}
export type TFireRegistry = ReturnType<typeof createFireRegistry>;
