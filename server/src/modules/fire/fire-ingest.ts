/**
 * Alarm ingestion for camera platforms: key check, item-by-item validation, position (calibration in force at the
 * alarm's time), masking and merging, all of a batch in one transaction of two statements (three on PostgreSQL, whose
 * advisory lock comes first): one read of the stored ids and the candidate incidents, one write of incidents, alarms
 * and zone counters; the merging is computed in memory between them (fire-ingest-merge.ts). Channel geometry, calibrations, mask zones and
 * keys are cached in memory and dropped whenever this process changes them.
 */
import { createHash } from 'node:crypto';
import {
  AppError,
  firePosition,
  maskingZone,
  tooFarInFuture,
  ZFireAlarmInputSchema,
  ZHeartbeatInputSchema,
  type TCalibration,
  type TFireSettings,
  type TIngestResult,
  type TLngLat,
  type TPolygon,
} from '@yingji/domain';
import pg from 'pg';
import type { z } from 'zod';
import type { TCore } from '../../kit/module';
import * as repo from './fire-ingest.repo';
import { alarmRows, incidentRow, mergeIntoIncidents } from './fire-ingest-merge';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface TChannelGeo {
  id: number;
  code: string;
  divisionCode: string;
  site: TLngLat;
  geometry: { headingDeg: number; fovDeg: number; rangeM: number };
  calibrations: { at: number; cal: TCalibration }[];
}

interface TCache {
  byCode: Map<string, TChannelGeo>;
  byId: Map<number, TChannelGeo>;
  zones: { id: number; polygons: TPolygon[] }[];
}

export interface TApiKey {
  id: number;
  platform: string;
  channelIds: Set<number>;
}

const NO_CAL: TCalibration = { bearingOffsetDeg: 0, distanceOffsetM: 0 };

function calibrationAt(ch: TChannelGeo, at: number): TCalibration {
  let found = NO_CAL;
  for (const c of ch.calibrations) {
    if (c.at > at) break;
    found = c.cal;
  }
  return found;
}

type TItem = z.infer<typeof ZFireAlarmInputSchema>;

/** An alarm of the batch that passed validation, placed (calibrated position, bearing) and checked against the masks. */
export interface TValid {
  index: number;
  input: TItem;
  ch: TChannelGeo;
  at: Date;
  position: [number, number];
  uncertaintyM: number;
  bearingDeg: number | null;
  zoneId: number | null;
}

export function createFireIngest({ db, clock, settings }: Pick<TCore, 'db' | 'clock' | 'settings'>) {
  let cache: Promise<TCache> | null = null;
  const keys = new Map<string, { key: TApiKey | null; until: number }>();
  const lastTouched = new Map<number, number>();
  // PGlite is one backend that runs one transaction at a time: only a PostgreSQL server needs the advisory lock
  const serialiseInDatabase = (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;

  async function load(): Promise<TCache> {
    const [channels, cals, zones] = await Promise.all([repo.channelGeometry(db), repo.allCalibrations(db), repo.activeZones(db)]);
    const byId = new Map<number, TChannelGeo>();
    const byCode = new Map<string, TChannelGeo>();
    for (const c of channels) {
      const geo: TChannelGeo = {
        id: c.id,
        code: c.code,
        divisionCode: c.divisionCode,
        site: [c.siteLongitude, c.siteLatitude],
        geometry: { headingDeg: c.headingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM },
        calibrations: [],
      };
      byId.set(c.id, geo);
      byCode.set(c.code, geo);
    }
    for (const k of cals)
      byId.get(k.channelId)?.calibrations.push({
        at: new Date(k.effectiveAt).getTime(),
        cal: { bearingOffsetDeg: k.bearingOffsetDeg, distanceOffsetM: k.distanceOffsetM },
      });
    return { byCode, byId, zones };
  }
  const geo = () => (cache ??= load().catch((e) => ((cache = null), Promise.reject(e))));

  /** Drops the caches: called after any change to channels, calibrations, zones or keys. */
  function invalidate() {
    cache = null;
    keys.clear();
  }

  /** The platform's key from the `X-Api-Key` header; a missing, wrong or revoked key is one 401. */
  async function authenticate(header: string | string[] | undefined): Promise<TApiKey> {
    const raw = Array.isArray(header) ? header[0] : header;
    if (!raw) throw new AppError('unauthenticated', '缺少接入密钥（X-Api-Key）');
    const h = hashKey(raw.trim());
    const now = Date.now();
    let hit = keys.get(h);
    if (!hit || hit.until < now) {
      const row = await repo.keyByHash(db, h);
      hit = {
        key: row && !row.revokedAt ? { id: row.id, platform: row.platform, channelIds: new Set(row.channelIds) } : null,
        until: now + 10_000,
      };
      keys.set(h, hit);
    }
    if (!hit.key) throw new AppError('unauthenticated', '接入密钥无效或已吊销');
    const last = lastTouched.get(hit.key.id) ?? 0;
    if (now - last > 60_000) {
      lastTouched.set(hit.key.id, now);
      await repo.touchKey(db, hit.key.id, clock().toISOString());
    }
    return hit.key;
  }

  async function ingest(key: TApiKey, raw: unknown[]): Promise<TIngestResult> {
    const now = clock();
    const nowIso = now.toISOString();
    const cfg: TFireSettings = await settings.get('fire');
    const { byCode, byId, zones } = await geo();
    const items: TIngestResult['items'] = raw.map((_, index) => ({
      index,
      alarmId: null,
      status: 'rejected' as const,
      incidentId: null,
      maskZoneId: null,
      field: null,
      message: null,
    }));
    const reject = (i: number, field: string | null, message: string) => {
      items[i] = { ...items[i]!, status: 'rejected', field, message };
    };

    const valid: TValid[] = [];
    const seen = new Set<string>();
    raw.forEach((r, index) => {
      const parsed = ZFireAlarmInputSchema.safeParse(r);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const id = typeof (r as { alarmId?: unknown })?.alarmId === 'string' ? (r as { alarmId: string }).alarmId : null;
        items[index] = { ...items[index]!, alarmId: id };
        return reject(index, issue.path.join('.') || null, issue.message);
      }
      const input = parsed.data;
      items[index] = { ...items[index]!, alarmId: input.alarmId };
      const ch = byCode.get(input.channel);
      if (!ch || !key.channelIds.has(ch.id)) return reject(index, 'channel', `通道 ${input.channel} 不属于该接入密钥`);
      const at = new Date(input.at);
      if (tooFarInFuture(at, now)) return reject(index, 'at', '告警时间晚于当前时间 5 分钟以上');
      if (seen.has(input.alarmId)) return reject(index, 'alarmId', '同一批中告警编号重复');
      seen.add(input.alarmId);
      const fix = firePosition(ch.site, ch.geometry, calibrationAt(ch, at.getTime()), input);
      const position: [number, number] = input.longitude !== null ? [input.longitude, input.latitude!] : fix.position;
      const hasBearing = input.bearingDeg !== null || input.box !== null;
      valid.push({
        index,
        input,
        ch,
        at,
        position,
        uncertaintyM: input.longitude !== null && input.distanceM === null ? Math.min(fix.uncertaintyM, 500) : fix.uncertaintyM,
        bearingDeg: hasBearing ? fix.bearingDeg : null,
        zoneId: maskingZone(zones, position)?.id ?? null,
      });
    });

    if (valid.length > 0) {
      const windowMs = cfg.mergeWindowMin * 60_000;
      // the earliest alarm that may merge bounds the incidents to fetch (a duplicate among them only widens it)
      const firstLive = valid.reduce<number | null>((m, v) => (v.zoneId !== null ? m : Math.min(m ?? Infinity, v.at.getTime())), null);
      await db.transaction(async (tx) => {
        if (serialiseInDatabase) await repo.lockIngest(tx);
        const context = await repo.batchContext(
          tx,
          key.platform,
          valid.map((v) => v.input.alarmId),
          firstLive === null ? null : new Date(firstLive - windowMs).toISOString(),
        );
        const stored = new Map(context.stored.map((s) => [s.externalId, s]));
        const fresh = valid.filter((v) => {
          const s = stored.get(v.input.alarmId);
          if (!s) return true;
          items[v.index] = {
            ...items[v.index]!,
            status: 'duplicate',
            incidentId: s.incidentId,
            maskZoneId: s.maskZoneId,
            message: '告警编号已接收过，未重复入库',
          };
          return false;
        });
        if (fresh.length === 0) return;
        fresh.sort((a, b) => a.at.getTime() - b.at.getTime());
        const live = fresh.filter((v) => v.zoneId === null);

        const { work, target } = mergeIntoIncidents(live.length > 0 ? context.candidates : [], live, {
          radiusM: cfg.mergeRadiusM,
          windowMin: cfg.mergeWindowMin,
          rangeOf: (channelId) => byId.get(channelId)?.geometry.rangeM ?? 0,
        });
        const changed = work.filter((w) => w.id === null || w.added > 0);
        const ids = await repo.writeBatch(tx, changed.map(incidentRow), alarmRows(key.platform, fresh, target), nowIso);
        for (const v of fresh) {
          const w = target.get(v.index);
          items[v.index] = {
            ...items[v.index]!,
            status: v.zoneId !== null ? 'suppressed' : 'accepted',
            incidentId: w ? (w.id ?? ids.get(w.tmp) ?? null) : null,
            maskZoneId: v.zoneId,
          };
        }
      });
    }
    const count = (s: string) => items.filter((i) => i.status === s).length;
    return {
      accepted: count('accepted'),
      suppressed: count('suppressed'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      items,
    };
  }

  async function heartbeats(key: TApiKey, list: z.infer<typeof ZHeartbeatInputSchema>[]) {
    const now = clock();
    const { byCode } = await geo();
    const rows = list.map((h, i) => {
      const ch = byCode.get(h.channel);
      if (!ch || !key.channelIds.has(ch.id))
        throw new AppError('forbidden', `通道 ${h.channel} 不属于该接入密钥`, { field: `heartbeats.${i}.channel` });
      if (tooFarInFuture(new Date(h.at), now))
        throw new AppError('invalid', '心跳时间晚于当前时间 5 分钟以上', { field: `heartbeats.${i}.at` });
      return { channelId: ch.id, at: h.at, power: h.power, network: h.network, camera: h.camera };
    });
    await db.transaction((tx) => repo.recordHeartbeats(tx, rows));
    return { accepted: rows.length, channelIds: [...new Set(rows.map((r) => r.channelId))] };
  }

  return { authenticate, ingest, heartbeats, invalidate };
}
export type TFireIngest = ReturnType<typeof createFireIngest>;
