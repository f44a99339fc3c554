import { sql } from 'drizzle-orm';
import { destination, FALSE_ALARM_LABEL_CODES, fromLocal, type TFalseAlarmLabel, type TLngLat } from '@yingji/domain';
import { queryRows, type Db } from '../../server/src/db/client';
import { hashKey } from '../../server/src/modules/fire/fire-ingest';
import type { TModuleGenerator } from './generate';
import type { TRandom } from './prng';
import { insertRecordset } from './recordset';

/**
 * fire: Zhongshan's forest-fire cameras (seed §二(二)2(3): 70 sites, 97 channels — 27 sites with an optical and a
 * thermal channel, 43 with one) in the forest towns around 五桂山, and a year of alarms: about 2,600 incidents,
 * 1–9 alarms each, 93 % verified false (cloud, glare, permitted burning, dust, vehicles), the rest real and
 * dispatched; about 1 alarm in 8 from a kiln, factory or farm inside one of six mask zones, suppressed and kept.
 * Device alerts (power, network) give each channel its availability. A platform key, derived from the seed, lets
 * `yingji fire-simulate` post to the demo (printed by `npm run demo`).
 */
const FOREST_TOWNS: [name: string, centre: TLngLat, sites: number][] = [
  ['五桂山街道', [113.445, 22.43], 20],
  ['三乡镇', [113.43, 22.35], 12],
  ['神湾镇', [113.37, 22.3], 9],
  ['南朗街道', [113.54, 22.46], 9],
  ['板芙镇', [113.33, 22.41], 7],
  ['坦洲镇', [113.47, 22.27], 7],
  ['大涌镇', [113.3, 22.47], 6],
];
const ZONES: [name: string, kind: string, town: number, x: number, y: number][] = [
  ['三乡砖窑', 'kiln', 1, 1500, -1200],
  ['五桂山石场', 'factory', 0, -2000, 1500],
  ['神湾养殖场', 'farm', 2, 800, 900],
  ['南朗垃圾焚烧点', 'factory', 3, -900, -700],
  ['板芙菜地', 'non_forest', 4, 600, 1100],
  ['坦洲陶瓷厂', 'kiln', 5, -1000, 500],
];
export const FIRE_DEMO_PLATFORM = '演示监控平台';
export const fireDemoKey = (seed: number) => `fk_demo${seed}.${hashKey(`fire-demo-${seed}`).slice(0, 32)}`;

export interface TFireRegistry {
  sites: { id: number; code: string; divisionCode: string; p: TLngLat }[];
  channels: { id: number; code: string; siteId: number; divisionCode: string; p: TLngLat; heading: number; range: number }[];
}

/** The 70 sites and 97 channels (also used by the ingestion bench on an empty database). */
export async function insertFireRegistry(db: Db, random: TRandom, towns: Map<string, string>, now: string): Promise<TFireRegistry> {
  const sites: Record<string, unknown>[] = [];
  let n = 0;
  FOREST_TOWNS.forEach(([town, centre, count]) => {
    const code = towns.get(town);
    if (!code) return;
    for (let i = 0; i < count; i++) {
      n++;
      const p = fromLocal(centre, random.int(-4500, 4500), random.int(-4000, 4000));
      sites.push({
        code: `FS${String(n).padStart(3, '0')}`,
        name: `${town.replace(/街道|镇/, '')}${i + 1}号高点`,
        divisionCode: code,
        longitude: p[0],
        latitude: p[1],
        heightM: random.int(120, 520),
      });
    }
  });
  const siteRows = await queryRows<{ id: number; code: string; division_code: string; longitude: number; latitude: number }>(
    db,
    sql`INSERT INTO fire_sites (code, name, division_code, longitude, latitude, height_m, created_at, updated_at)
        SELECT v.code, v.name, v."divisionCode", v.longitude, v.latitude, v."heightM", ${now}::timestamptz, ${now}::timestamptz
        FROM json_to_recordset(${JSON.stringify(sites)}::json) AS v(code text, name text, "divisionCode" text, longitude float8, latitude float8, "heightM" float8)
        RETURNING id, code, division_code, longitude, latitude`,
  );
  const channels: Record<string, unknown>[] = [];
  siteRows.forEach((s, i) => {
    const heading = random.int(0, 359);
    channels.push({
      siteId: s.id,
      code: `${s.code}-1`,
      name: '可见光',
      kind: 'optical',
      headingDeg: heading,
      fovDeg: 60,
      rangeM: 10_000,
      divisionCode: s.division_code,
    });
    // 27 of the 70 sites have a thermal channel too: 97 channels
    if (i % 70 < 27)
      channels.push({
        siteId: s.id,
        code: `${s.code}-2`,
        name: '热成像',
        kind: 'thermal',
        headingDeg: (heading + 180) % 360,
        fovDeg: 40,
        rangeM: 8000,
        divisionCode: s.division_code,
      });
  });
  const channelRows = await queryRows<{
    id: number;
    code: string;
    site_id: number;
    division_code: string;
    heading_deg: number;
    range_m: number;
  }>(
    db,
    sql`INSERT INTO fire_channels (site_id, code, name, kind, heading_deg, fov_deg, range_m, division_code, last_heartbeat_at, last_power, last_network, last_camera, created_at, updated_at)
        SELECT v."siteId", v.code, v.name, v.kind, v."headingDeg", v."fovDeg", v."rangeM", v."divisionCode", ${now}::timestamptz, 'mains', 'ok', 'ok', ${now}::timestamptz, ${now}::timestamptz
        FROM json_to_recordset(${JSON.stringify(channels)}::json) AS v("siteId" int, code text, name text, kind text, "headingDeg" float8, "fovDeg" float8, "rangeM" float8, "divisionCode" text)
        RETURNING id, code, site_id, division_code, heading_deg, range_m`,
  );
  const byId = new Map(siteRows.map((s) => [s.id, s]));
  return {
    sites: siteRows.map((s) => ({ id: s.id, code: s.code, divisionCode: s.division_code, p: [s.longitude, s.latitude] as TLngLat })),
    channels: channelRows.map((c) => {
      const s = byId.get(c.site_id)!;
      return {
        id: c.id,
        code: c.code,
        siteId: c.site_id,
        divisionCode: c.division_code,
        p: [s.longitude, s.latitude] as TLngLat,
        heading: c.heading_deg,
        range: c.range_m,
      };
    }),
  };
}

/** The demo platform's key over every channel. */
export async function insertFireKey(db: Db, seed: number, channelIds: number[], now: string): Promise<string> {
  const key = fireDemoKey(seed);
  await db.execute(sql`INSERT INTO fire_api_keys (platform, prefix, key_hash, channel_ids, created_at)
    VALUES (${FIRE_DEMO_PLATFORM}, ${key.split('.')[0]}, ${hashKey(key)}, ${`{${channelIds.join(',')}}`}::int[], ${now}::timestamptz)`);
  return key;
}

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

export const fireGenerator: TModuleGenerator = {
  module: 'fire',
  async generate(ctx): Promise<Record<string, number>> {
    const towns = new Map(ctx.divisions.towns.filter((t) => t.code.startsWith('4420')).map((t) => [t.name, t.code]));
    if (!towns.has('五桂山街道')) return {};
    const random = ctx.random.fork('fire');
    const reg = await insertFireRegistry(ctx.db, random, towns, ctx.now);
    await insertFireKey(
      ctx.db,
      20_260_101,
      reg.channels.map((c) => c.id),
      ctx.now,
    );
    const now = new Date(ctx.now).getTime();
    const zones = ZONES.map(([name, kind, t, x, y]) => {
      const c = fromLocal(FOREST_TOWNS[t]![1], x, y);
      const ring = [fromLocal(c, -300, -300), fromLocal(c, 300, -300), fromLocal(c, 300, 300), fromLocal(c, -300, 300)];
      return { name, kind, centre: c, polygons: [[ring]] };
    });
    const zoneRows = await queryRows<{ id: number }>(
      ctx.db,
      sql`INSERT INTO fire_mask_zones (name, kind, polygons, source, created_at, updated_at)
          SELECT v.name, v.kind, v.polygons, 'geojson', ${new Date(now - 400 * 86_400_000).toISOString()}::timestamptz, ${ctx.now}::timestamptz
          FROM json_to_recordset(${JSON.stringify(zones)}::json) AS v(name text, kind text, polygons jsonb) RETURNING id`,
    );
    // maintenance: cleaning and trimming each quarter
    const maint: Record<string, unknown>[] = [];
    for (const s of reg.sites)
      for (let q = 0; q < 4; q++) {
        const day = new Date(now - (q * 91 + random.int(0, 30)) * 86_400_000).toISOString().slice(0, 10);
        maint.push({ siteId: s.id, divisionCode: s.divisionCode, kind: q % 2 ? 'trimming' : 'cleaning', doneOn: day });
      }
    await insertRecordset(
      ctx.db,
      maint,
      (json) => sql`INSERT INTO fire_maintenance (site_id, division_code, kind, done_on, note, recorded_at)
      SELECT v."siteId", v."divisionCode", v.kind, v."doneOn"::date, '', ${ctx.now}::timestamptz FROM json_to_recordset(${json}::json) AS v("siteId" int, "divisionCode" text, kind text, "doneOn" text)`,
    );

    // a year of incidents, more in the dry season (October–April)
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
          const zi = random.int(0, zoneRows.length - 1);
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
            zone: zoneRows[zi]!.id,
            incidentId: null,
          });
        }
      }
    }
    await insertRecordset(
      ctx.db,
      incidents,
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
    await ctx.db.execute(sql`SELECT setval(pg_get_serial_sequence('fire_incidents', 'id'), ${Math.max(1, nextId)}, false)`);
    await insertRecordset(
      ctx.db,
      alarms,
      (json) => sql`INSERT INTO fire_alarms (platform, external_id, channel_id, division_code, at, bearing_deg,
        distance_m, longitude, latitude, corrected_bearing_deg, mask_zone_id, incident_id, received_at)
      SELECT ${FIRE_DEMO_PLATFORM}, v."externalId", v."channelId", v."divisionCode", v.at, v.bearing, v.dist, v.lng, v.lat, v.bearing, v.zone, v."incidentId", v.at
      FROM json_to_recordset(${json}::json) AS v("externalId" text, "channelId" int, "divisionCode" text, at timestamptz, bearing float8,
        dist float8, lng float8, lat float8, zone int, "incidentId" int)`,
    );
    await ctx.db.execute(
      sql`UPDATE fire_mask_zones z SET suppressed_count = (SELECT count(*) FROM fire_alarms a WHERE a.mask_zone_id = z.id)`,
    );
    // device alerts: a few power and network outages per channel over the year
    const alerts: Record<string, unknown>[] = [];
    for (const c of reg.channels) {
      const k = random.int(0, 4);
      for (let i = 0; i < k; i++) {
        const from = now - random.int(2, 360) * 86_400_000;
        alerts.push({
          channelId: c.id,
          divisionCode: c.divisionCode,
          kind: random.chance(0.6) ? 'power_loss' : 'network_loss',
          openedAt: new Date(from).toISOString(),
          clearedAt: new Date(from + random.int(20, 600) * 60_000).toISOString(),
        });
      }
    }
    await insertRecordset(
      ctx.db,
      alerts,
      (json) => sql`INSERT INTO fire_device_alerts (channel_id, division_code, kind, opened_at, cleared_at)
      SELECT v."channelId", v."divisionCode", v.kind, v."openedAt", v."clearedAt" FROM json_to_recordset(${json}::json)
      AS v("channelId" int, "divisionCode" text, kind text, "openedAt" timestamptz, "clearedAt" timestamptz)`,
    );
    ctx.fingerprint.update(`fire|${reg.sites.length}|${reg.channels.length}|${incidents.length}|${alarms.length}\n`);
    return {
      fire_sites: reg.sites.length,
      fire_channels: reg.channels.length,
      fire_incidents: incidents.length,
      fire_alarms: alarms.length,
      fire_mask_zones: zoneRows.length,
      fire_device_alerts: alerts.length,
    };
  },
};

/** What `npm run demo` prints for the forest-fire module: the figures and how to start the simulator. */
export async function fireDemoLines(db: Db): Promise<string[]> {
  const [c] = await queryRows<{
    sites: number;
    channels: number;
    incidents: number;
    false_alarms: number;
    suppressed: number;
    codes: string;
  }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM fire_sites) AS sites, (SELECT count(*)::int FROM fire_channels) AS channels,
          (SELECT count(*)::int FROM fire_incidents) AS incidents, (SELECT count(*)::int FROM fire_incidents WHERE false_label IS NOT NULL) AS false_alarms,
          (SELECT count(*)::int FROM fire_alarms WHERE mask_zone_id IS NOT NULL) AS suppressed,
          (SELECT string_agg(code, ',' ORDER BY code) FROM (SELECT code FROM fire_channels ORDER BY code LIMIT 6) x) AS codes`,
  );
  if (!c || c.sites === 0) return [];
  return [
    `[demo] 森林防火：${c.sites} 个监控点 ${c.channels} 路通道；近一年火情事件 ${c.incidents} 起，误报 ${c.false_alarms} 起（${((c.false_alarms / Math.max(1, c.incidents)) * 100).toFixed(1)}%），屏蔽告警 ${c.suppressed} 条`,
    `[demo] 模拟监控平台推送：npm run yingji -- fire-simulate --url <地址> --key ${fireDemoKey(20_260_101)} --channels ${c.codes} --power-loss ${c.codes.split(',')[0]}`,
  ];
}
