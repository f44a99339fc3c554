import { sql } from 'drizzle-orm';
import { fromLocal, type TLngLat } from '@yingji/domain';
import { queryRows, type Db } from '../../server/src/db/client';
import { hashKey } from '../../server/src/modules/fire/fire-ingest';
import type { TRandom } from './prng';

/**
 * Zhongshan's forest-fire cameras (seed §二(二)2(3)): 70 sites in the forest towns around 五桂山, 97 channels (27
 * sites with an optical and a thermal channel, 43 with one), and the demo platform's key over all of them. Used by
 * the generator (fire.gen.ts) and by the ingestion bench (fire-ingest-bench.ts) on an empty database.
 */
export const FOREST_TOWNS: [name: string, centre: TLngLat, sites: number][] = [
  ['五桂山街道', [113.445, 22.43], 20],
  ['三乡镇', [113.43, 22.35], 12],
  ['神湾镇', [113.37, 22.3], 9],
  ['南朗街道', [113.54, 22.46], 9],
  ['板芙镇', [113.33, 22.41], 7],
  ['坦洲镇', [113.47, 22.27], 7],
  ['大涌镇', [113.3, 22.47], 6],
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
