import { sql } from 'drizzle-orm';
import { destination, FALSE_ALARM_LABEL_CODES, type TFalseAlarmLabel, type TLngLat } from '@yingji/domain';
import type { Db } from '../../server/src/db/client';
import { FIRE_DEMO_PLATFORM, type TFireRegistry } from './fire-registry.gen';
import type { TRandom } from './prng';
import { insertRecordset } from './recordset';

/**
 * A year of the cameras' incidents and alarms: about 2,600 incidents, more in the dry season (October–April), 1–9
 * alarms each, 93 % verified false (cloud, glare, permitted burning, dust, vehicles), the rest real, dispatched and
 * closed; about 1 alarm in 8 from a kiln, factory or farm inside one of the mask zones, suppressed and kept.
 */

// the false alarms' labels, per cent
const LABEL_WEIGHTS: [TFalseAlarmLabel, number][] = [
  ['cloud', 34],
  ['sun_glare', 22],
  ['permitted_burning', 18],
  ['dust', 12],
  ['vehicle', 8],
  ['other', 6],
];
const pickLabel = (random: TRandom): TFalseAlarmLabel => {
  let r = random.int(1, 100);
  for (const [l, w] of LABEL_WEIGHTS) if ((r -= w) <= 0) return l;
  return FALSE_ALARM_LABEL_CODES[0];
};

/** The year's rows, drawn from `random` in the generator's order; incident ids from 1, alarms pointing at them. */
export function fireYear(random: TRandom, reg: TFireRegistry, zones: { centre: TLngLat }[], zoneIds: number[], now: number) {
  const incidents: Record<string, unknown>[] = [];
  const alarms: Record<string, unknown>[] = [];
  let nextId = 1;
  for (let d = 365; d >= 1; d--) {
    const day = new Date(now - d * 86_400_000);
    const month = day.getUTCMonth();
    const dry = month >= 9 || month <= 3;
    const count = random.int(0, dry ? 18 : 6);
    for (let k = 0; k < count; k++) {
      const ch = random.pick(reg.channels);
      const bearing = (ch.heading + random.int(-25, 25) + 360) % 360;
      const dist = random.int(1500, Math.round(ch.range * 0.8));
      const p = destination(ch.p, bearing, dist);
      const at = day.getTime() + random.int(0, 86_399) * 1000;
      const n = random.int(1, 9);
      const real = random.chance(0.07);
      const id = nextId++;
      const ackS = random.int(20, 400);
      const opened = new Date(at).toISOString();
      incidents.push({
        id,
        divisionCode: ch.divisionCode,
        status: real ? 'closed' : 'false_alarm',
        longitude: p[0],
        latitude: p[1],
        uncertaintyM: Math.round(dist * 0.12),
        anchorChannelId: ch.id,
        anchorLongitude: ch.p[0],
        anchorLatitude: ch.p[1],
        anchorBearingDeg: bearing,
        firstSeenAt: opened,
        lastSeenAt: new Date(at + (n - 1) * 40_000).toISOString(),
        alarmCount: n,
        channelIds: `{${ch.id}}`,
        acknowledgedAt: new Date(at + ackS * 1000).toISOString(),
        escalatedAt: ackS > 300 ? new Date(at + 300_000).toISOString() : null,
        escalatedTo: ackS > 300 ? '值班长' : null,
        verifiedAt: new Date(at + (ackS + 60) * 1000).toISOString(),
        falseLabel: real ? null : pickLabel(random),
        dispatchedAt: real ? new Date(at + (ackS + 240) * 1000).toISOString() : null,
        closedAt: real ? new Date(at + 4 * 3_600_000).toISOString() : null,
        outcome: real ? '明火已扑灭' : null,
      });
      for (let a = 0; a < n; a++)
        alarms.push({
          externalId: `gen-${id}-${a}`,
          channelId: ch.id,
          divisionCode: ch.divisionCode,
          at: new Date(at + a * 40_000).toISOString(),
          bearing,
          dist,
          lng: p[0],
          lat: p[1],
          zone: null,
          incidentId: id,
        });
      // a kiln or farm in view now and then: suppressed
      if (random.chance(0.14)) {
        const zi = random.int(0, zoneIds.length - 1);
        const zc = zones[zi]!.centre;
        alarms.push({
          externalId: `gen-z${id}`,
          channelId: ch.id,
          divisionCode: ch.divisionCode,
          at: new Date(at + 7_200_000).toISOString(),
          bearing: null,
          dist: null,
          lng: zc[0],
          lat: zc[1],
          zone: zoneIds[zi]!,
          incidentId: null,
        });
      }
    }
  }
  return { incidents, alarms, nextId };
}

/** Inserts the year's incidents (the id sequence moved past them) and alarms. */
export async function insertFireYear(db: Db, year: ReturnType<typeof fireYear>): Promise<void> {
  await insertRecordset(
    db,
    year.incidents,
    (json) => sql`INSERT INTO fire_incidents (id, division_code, status, longitude, latitude, uncertainty_m, method,
        anchor_channel_id, anchor_longitude, anchor_latitude, anchor_bearing_deg, first_seen_at, last_seen_at, alarm_count, channel_ids,
        opened_at, acknowledged_at, escalated_at, escalated_to, verified_at, false_label, dispatched_at, closed_at, outcome, updated_at)
      SELECT v.id, v."divisionCode", v.status, v.longitude, v.latitude, v."uncertaintyM", 'single', v."anchorChannelId", v."anchorLongitude",
        v."anchorLatitude", v."anchorBearingDeg", v."firstSeenAt", v."lastSeenAt", v."alarmCount", v."channelIds"::int[], v."firstSeenAt",
        v."acknowledgedAt", v."escalatedAt", v."escalatedTo", v."verifiedAt", v."falseLabel", v."dispatchedAt", v."closedAt", v.outcome, v."lastSeenAt"
      FROM json_to_recordset(${json}::json) AS v(id int, "divisionCode" text, status text, longitude float8, latitude float8, "uncertaintyM" float8,
        "anchorChannelId" int, "anchorLongitude" float8, "anchorLatitude" float8, "anchorBearingDeg" float8, "firstSeenAt" timestamptz,
        "lastSeenAt" timestamptz, "alarmCount" int, "channelIds" text, "acknowledgedAt" timestamptz, "escalatedAt" timestamptz,
        "escalatedTo" text, "verifiedAt" timestamptz, "falseLabel" text, "dispatchedAt" timestamptz, "closedAt" timestamptz, outcome text)`,
  );
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('fire_incidents', 'id'), ${Math.max(1, year.nextId)}, false)`);
  await insertRecordset(
    db,
    year.alarms,
    (json) => sql`INSERT INTO fire_alarms (platform, external_id, channel_id, division_code, at, bearing_deg,
        distance_m, longitude, latitude, corrected_bearing_deg, mask_zone_id, incident_id, received_at)
      SELECT ${FIRE_DEMO_PLATFORM}, v."externalId", v."channelId", v."divisionCode", v.at, v.bearing, v.dist, v.lng, v.lat, v.bearing, v.zone, v."incidentId", v.at
      FROM json_to_recordset(${json}::json) AS v("externalId" text, "channelId" int, "divisionCode" text, at timestamptz, bearing float8,
        dist float8, lng float8, lat float8, zone int, "incidentId" int)`,
  );
}
