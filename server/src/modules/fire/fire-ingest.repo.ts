/** All SQL of alarm ingestion: a batch is a handful of set-based statements in one transaction. */
import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { TPolygon } from '@yingji/domain';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { fireAlarms, fireApiKeys, fireCalibrations, fireChannels, fireIncidents, fireMaskZones, fireSites } from '../../db/schema';

/** One statement serializes ingestion, so two batches never open two incidents for one fire. */
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

/** Alarms of these ids already stored for the platform (idempotency), with where they went. */
export const storedAlarms = (tx: Db, platform: string, externalIds: string[]) =>
  externalIds.length === 0
    ? Promise.resolve([])
    : tx
        .select({ externalId: fireAlarms.externalId, incidentId: fireAlarms.incidentId, maskZoneId: fireAlarms.maskZoneId })
        .from(fireAlarms)
        .where(and(eq(fireAlarms.platform, platform), inArray(fireAlarms.externalId, externalIds)));

/** Incidents an alarm at or after `since` may still join: not closed, last seen inside the window. */
export const mergeCandidates = (tx: Db, since: string) =>
  tx
    .select({
      id: fireIncidents.id,
      longitude: fireIncidents.longitude,
      latitude: fireIncidents.latitude,
      uncertaintyM: fireIncidents.uncertaintyM,
      method: fireIncidents.method,
      lastSeenAt: fireIncidents.lastSeenAt,
      anchorChannelId: fireIncidents.anchorChannelId,
      anchorLongitude: fireIncidents.anchorLongitude,
      anchorLatitude: fireIncidents.anchorLatitude,
      anchorBearingDeg: fireIncidents.anchorBearingDeg,
      channelIds: fireIncidents.channelIds,
    })
    .from(fireIncidents)
    .where(and(gte(fireIncidents.lastSeenAt, since), ne(fireIncidents.status, 'closed')));

export interface TNewIncident {
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
  alarmCount: number;
  channelIds: number[];
  maxConfidence: number | null;
}

/** New incidents: ids drawn from the sequence first (one statement), then inserted in one statement. */
export async function insertIncidents(tx: Db, rows: TNewIncident[], now: string): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = (
    await queryRows<{ id: number }>(
      tx,
      sql`SELECT nextval(pg_get_serial_sequence('fire_incidents', 'id'))::int AS id FROM generate_series(1, ${rows.length}::int)`,
    )
  ).map((r) => Number(r.id));
  const withIds = rows.map((r, i) => ({ ...r, id: ids[i] }));
  await tx.execute(sql`INSERT INTO fire_incidents (id, division_code, status, longitude, latitude, uncertainty_m, method,
      anchor_channel_id, anchor_longitude, anchor_latitude, anchor_bearing_deg, first_seen_at, last_seen_at, alarm_count,
      channel_ids, max_confidence, opened_at, updated_at)
    SELECT v.id, v."divisionCode", 'new', v.longitude, v.latitude, v."uncertaintyM", v.method, v."anchorChannelId",
      v."anchorLongitude", v."anchorLatitude", v."anchorBearingDeg", v."firstSeenAt", v."lastSeenAt", v."alarmCount",
      ARRAY(SELECT json_array_elements_text(v."channelIds")::int), v."maxConfidence", ${now}::timestamptz, ${now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(withIds)}::json) AS v(id int, "divisionCode" text, longitude float8,
      latitude float8, "uncertaintyM" float8, method text, "anchorChannelId" int, "anchorLongitude" float8,
      "anchorLatitude" float8, "anchorBearingDeg" float8, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz,
      "alarmCount" int, "channelIds" json, "maxConfidence" float8)`);
  return ids;
}

export interface TIncidentGrowth {
  id: number;
  longitude: number;
  latitude: number;
  uncertaintyM: number;
  method: 'single' | 'triangulated';
  lastSeenAt: string;
  added: number;
  channelIds: number[];
  maxConfidence: number | null;
}

/** Existing incidents grown by this batch's alarms, in one statement. */
export async function growIncidents(tx: Db, rows: TIncidentGrowth[], now: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`UPDATE fire_incidents i SET
      longitude = v.longitude, latitude = v.latitude, uncertainty_m = v."uncertaintyM", method = v.method,
      last_seen_at = GREATEST(i.last_seen_at, v."lastSeenAt"), alarm_count = i.alarm_count + v.added,
      channel_ids = ARRAY(SELECT json_array_elements_text(v."channelIds")::int),
      max_confidence = GREATEST(i.max_confidence, v."maxConfidence"), updated_at = ${now}::timestamptz, version = i.version + 1
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id int, longitude float8, latitude float8, "uncertaintyM" float8,
      method text, "lastSeenAt" timestamptz, added int, "channelIds" json, "maxConfidence" float8)
    WHERE i.id = v.id`);
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
  incidentId: number | null;
}

/** The batch's alarms in one statement (a duplicate that slipped in is left as it was). */
export async function insertAlarms(tx: Db, rows: TAlarmRow[], now: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`INSERT INTO fire_alarms (platform, external_id, channel_id, division_code, at, bearing_deg, box,
      reported_longitude, reported_latitude, distance_m, confidence, image_ref, longitude, latitude, corrected_bearing_deg,
      mask_zone_id, incident_id, received_at)
    SELECT v.platform, v."externalId", v."channelId", v."divisionCode", v.at, v."bearingDeg", v.box, v."reportedLongitude",
      v."reportedLatitude", v."distanceM", v.confidence, v."imageRef", v.longitude, v.latitude, v."correctedBearingDeg",
      v."maskZoneId", v."incidentId", ${now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(platform text, "externalId" text, "channelId" int,
      "divisionCode" text, at timestamptz, "bearingDeg" float8, box jsonb, "reportedLongitude" float8,
      "reportedLatitude" float8, "distanceM" float8, confidence float8, "imageRef" text, longitude float8, latitude float8,
      "correctedBearingDeg" float8, "maskZoneId" int, "incidentId" int)
    ON CONFLICT (platform, external_id) DO NOTHING`);
}

/** Adds each zone's newly suppressed alarms to its counter. */
export async function countSuppressed(tx: Db, perZone: Map<number, number>): Promise<void> {
  if (perZone.size === 0) return;
  const rows = [...perZone].map(([id, n]) => ({ id, n }));
  await tx.execute(sql`UPDATE fire_mask_zones z SET suppressed_count = z.suppressed_count + v.n
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id int, n int) WHERE z.id = v.id`);
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
