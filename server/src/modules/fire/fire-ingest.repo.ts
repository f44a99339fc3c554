/** All SQL of alarm ingestion: a batch is a handful of set-based statements in one transaction. */
import { asc, eq, sql } from 'drizzle-orm';
import type { TPolygon } from '@yingji/domain';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { fireApiKeys, fireCalibrations, fireChannels, fireMaskZones, fireSites } from '../../db/schema';

/**
 * One lock serializes ingestion, so two batches never open two incidents for one fire. Every write of incidents takes
 * it (the duty officers' steps too, fire-incident.repo.ts) before any row lock, so each write's `change_seq`, read as
 * max + 1 after it, commits in the order it was given: the board's reads since a change number miss nothing.
 */
export const lockIngest = (tx: Db) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('fire_ingest'))`);

export async function keyByHash(db: Db, keyHash: string) {
  const [row] = await db.select().from(fireApiKeys).where(eq(fireApiKeys.keyHash, keyHash));
  return row;
}

export const touchKey = (db: Db, id: number, at: string) => db.update(fireApiKeys).set({ lastUsedAt: at }).where(eq(fireApiKeys.id, id));

/** Every channel with its site's position, for the in-memory geometry cache. */
export const channelGeometry = (db: Db) =>
  db
    .select({
      id: fireChannels.id,
      code: fireChannels.code,
      divisionCode: fireChannels.divisionCode,
      headingDeg: fireChannels.headingDeg,
      fovDeg: fireChannels.fovDeg,
      rangeM: fireChannels.rangeM,
      siteLongitude: fireSites.longitude,
      siteLatitude: fireSites.latitude,
    })
    .from(fireChannels)
    .innerJoin(fireSites, eq(fireSites.id, fireChannels.siteId));

export const allCalibrations = (db: Db) =>
  db
    .select({
      channelId: fireCalibrations.channelId,
      effectiveAt: fireCalibrations.effectiveAt,
      bearingOffsetDeg: fireCalibrations.bearingOffsetDeg,
      distanceOffsetM: fireCalibrations.distanceOffsetM,
    })
    .from(fireCalibrations)
    .orderBy(asc(fireCalibrations.channelId), asc(fireCalibrations.effectiveAt), asc(fireCalibrations.id));

export const activeZones = (db: Db) =>
  db
    .select({ id: fireMaskZones.id, polygons: fireMaskZones.polygons })
    .from(fireMaskZones)
    .where(eq(fireMaskZones.active, 1))
    .orderBy(asc(fireMaskZones.id)) as Promise<{ id: number; polygons: TPolygon[] }[]>;

export interface TStoredAlarm {
  externalId: string;
  incidentId: number | null;
  maskZoneId: number | null;
}

export interface TMergeCandidate {
  id: number;
  divisionCode: string;
  longitude: number;
  latitude: number;
  uncertaintyM: number;
  method: 'single' | 'triangulated';
  firstSeenAt: string;
  lastSeenAt: string;
  anchorChannelId: number;
  anchorLongitude: number;
  anchorLatitude: number;
  anchorBearingDeg: number | null;
  channelIds: number[];
}

/**
 * What a batch needs from the database, in one statement: which of its alarm ids the platform has already sent
 * (idempotency, with where each went), and the incidents an alarm at or after `since` may still join (not closed,
 * last seen inside the window; none when `since` is null).
 */
export async function batchContext(
  tx: Db,
  platform: string,
  externalIds: string[],
  since: string | null,
): Promise<{ stored: TStoredAlarm[]; candidates: TMergeCandidate[] }> {
  const [row] = await queryRows<{ stored: TStoredAlarm[] | null; candidates: TMergeCandidate[] | null }>(
    tx,
    sql`SELECT
      (SELECT json_agg(json_build_object('externalId', a.external_id, 'incidentId', a.incident_id, 'maskZoneId', a.mask_zone_id))
        FROM fire_alarms a
        WHERE a.platform = ${platform} AND a.external_id = ANY(ARRAY(SELECT json_array_elements_text(${JSON.stringify(externalIds)}::json)))
      ) AS stored,
      (SELECT json_agg(json_build_object('id', i.id, 'divisionCode', i.division_code, 'longitude', i.longitude,
          'latitude', i.latitude, 'uncertaintyM', i.uncertainty_m, 'method', i.method, 'firstSeenAt', i.first_seen_at,
          'lastSeenAt', i.last_seen_at, 'anchorChannelId', i.anchor_channel_id, 'anchorLongitude', i.anchor_longitude,
          'anchorLatitude', i.anchor_latitude, 'anchorBearingDeg', i.anchor_bearing_deg, 'channelIds', i.channel_ids))
        FROM fire_incidents i
        WHERE ${since}::timestamptz IS NOT NULL AND i.last_seen_at >= ${since}::timestamptz AND i.status <> 'closed'
      ) AS candidates`,
  );
  return { stored: row?.stored ?? [], candidates: row?.candidates ?? [] };
}

/** An incident the batch opens (`id` null, `tmp` its number in the batch) or grows (`id`, `added` alarms). */
export interface TIncidentUpsert {
  id: number | null;
  tmp: number | null;
  divisionCode: string;
  longitude: number;
  latitude: number;
  uncertaintyM: number;
  method: 'single' | 'triangulated';
  anchorChannelId: number;
  anchorLongitude: number;
  anchorLatitude: number;
  anchorBearingDeg: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
  added: number;
  channelIds: number[];
  maxConfidence: number | null;
}

export interface TAlarmRow {
  platform: string;
  externalId: string;
  channelId: number;
  divisionCode: string;
  at: string;
  bearingDeg: number | null;
  box: unknown;
  reportedLongitude: number | null;
  reportedLatitude: number | null;
  distanceM: number | null;
  confidence: number | null;
  imageRef: string | null;
  longitude: number;
  latitude: number;
  correctedBearingDeg: number | null;
  maskZoneId: number | null;
  /** An incident that existed before the batch, or */
  incidentId: number | null;
  /** the `tmp` of one the batch opens. */
  incidentTmp: number | null;
}

/**
 * The batch's writes in one statement: one upsert of its incidents (new ones take their ids from the sequence, grown
 * ones add their alarms to the count and keep the later last-seen time), one multi-row insert of its alarms (pointing
 * at the incidents by id or by the new one's `tmp`; a duplicate that slipped in is left as it was), and one update of
 * the zone counters by the suppressed alarms actually inserted. The incidents written take the next change number
 * (under `lockIngest`, taken by the caller on PostgreSQL; PGlite runs one transaction at a time). Returns the ids given to the new incidents by `tmp`.
 */
export async function writeBatch(tx: Db, incidents: TIncidentUpsert[], alarms: TAlarmRow[], now: string): Promise<Map<number, number>> {
  const rows = await queryRows<{ tmp: number; id: number }>(
    tx,
    sql`WITH v AS MATERIALIZED (
        SELECT COALESCE(v.id, nextval(pg_get_serial_sequence('fire_incidents', 'id'))::int) AS rid, v.*
        FROM json_to_recordset(${JSON.stringify(incidents)}::json) AS v(id int, tmp int, "divisionCode" text, longitude float8,
          latitude float8, "uncertaintyM" float8, method text, "anchorChannelId" int, "anchorLongitude" float8,
          "anchorLatitude" float8, "anchorBearingDeg" float8, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz,
          added int, "channelIds" json, "maxConfidence" float8)
      ),
      seq AS (SELECT coalesce(max(change_seq), 0) + 1 AS n FROM fire_incidents),
      up AS (
        INSERT INTO fire_incidents AS i (id, division_code, status, longitude, latitude, uncertainty_m, method, anchor_channel_id,
          anchor_longitude, anchor_latitude, anchor_bearing_deg, first_seen_at, last_seen_at, alarm_count, channel_ids,
          max_confidence, opened_at, updated_at, change_seq)
        SELECT v.rid, v."divisionCode", 'new', v.longitude, v.latitude, v."uncertaintyM", v.method, v."anchorChannelId",
          v."anchorLongitude", v."anchorLatitude", v."anchorBearingDeg", v."firstSeenAt", v."lastSeenAt", v.added,
          ARRAY(SELECT json_array_elements_text(v."channelIds")::int), v."maxConfidence", ${now}::timestamptz, ${now}::timestamptz,
          (SELECT n FROM seq)
        FROM v
        ON CONFLICT (id) DO UPDATE SET longitude = excluded.longitude, latitude = excluded.latitude,
          uncertainty_m = excluded.uncertainty_m, method = excluded.method,
          last_seen_at = GREATEST(i.last_seen_at, excluded.last_seen_at), alarm_count = i.alarm_count + excluded.alarm_count,
          channel_ids = excluded.channel_ids, max_confidence = GREATEST(i.max_confidence, excluded.max_confidence),
          updated_at = excluded.updated_at, version = i.version + 1, change_seq = excluded.change_seq
      ),
      ins AS (
        INSERT INTO fire_alarms (platform, external_id, channel_id, division_code, at, bearing_deg, box, reported_longitude,
          reported_latitude, distance_m, confidence, image_ref, longitude, latitude, corrected_bearing_deg, mask_zone_id,
          incident_id, received_at)
        SELECT a.platform, a."externalId", a."channelId", a."divisionCode", a.at, a."bearingDeg", a.box, a."reportedLongitude",
          a."reportedLatitude", a."distanceM", a.confidence, a."imageRef", a.longitude, a.latitude, a."correctedBearingDeg",
          a."maskZoneId", COALESCE(a."incidentId", n.rid), ${now}::timestamptz
        FROM json_to_recordset(${JSON.stringify(alarms)}::json) AS a(platform text, "externalId" text, "channelId" int,
          "divisionCode" text, at timestamptz, "bearingDeg" float8, box jsonb, "reportedLongitude" float8,
          "reportedLatitude" float8, "distanceM" float8, confidence float8, "imageRef" text, longitude float8, latitude float8,
          "correctedBearingDeg" float8, "maskZoneId" int, "incidentId" int, "incidentTmp" int)
        LEFT JOIN v n ON n.tmp = a."incidentTmp"
        ON CONFLICT (platform, external_id) DO NOTHING
        RETURNING mask_zone_id
      ),
      zones AS (
        UPDATE fire_mask_zones z SET suppressed_count = z.suppressed_count + c.n
        FROM (SELECT mask_zone_id AS id, count(*)::int AS n FROM ins WHERE mask_zone_id IS NOT NULL GROUP BY mask_zone_id) c
        WHERE z.id = c.id
      )
      SELECT tmp, rid AS id FROM v WHERE tmp IS NOT NULL`,
  );
  return new Map(rows.map((r) => [Number(r.tmp), Number(r.id)]));
}

/** Heartbeats: the channel's last word, newest wins. */
export async function recordHeartbeats(
  tx: Db,
  rows: { channelId: number; at: string; power: string | null; network: string | null; camera: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`UPDATE fire_channels c SET last_heartbeat_at = v.at, last_power = v.power, last_network = v.network,
      last_camera = v.camera
    FROM (SELECT DISTINCT ON ("channelId") * FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS x("channelId" int, at timestamptz, power text, network text, camera text) ORDER BY "channelId", at DESC) v
    WHERE c.id = v."channelId" AND (c.last_heartbeat_at IS NULL OR c.last_heartbeat_at <= v.at)`);
}
