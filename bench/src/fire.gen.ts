import { sql } from 'drizzle-orm';
import { fromLocal } from '@yingji/domain';
import { queryRows, type Db } from '../../server/src/db/client';
import type { TModuleGenerator } from './generate';
import { fireYear, insertFireYear } from './fire-history.gen';
import { FOREST_TOWNS, fireDemoKey, insertFireKey, insertFireRegistry } from './fire-registry.gen';
import { insertRecordset } from './recordset';

/**
 * fire: Zhongshan's forest-fire cameras (seed §二(二)2(3): 70 sites, 97 channels, fire-registry.gen.ts) in the forest
 * towns around 五桂山, six mask zones, quarterly maintenance, a year of alarms (fire-history.gen.ts: about 2,600
 * incidents, 93 % false, 1 alarm in 8 suppressed in a zone) and device alerts (power, network) that give each channel
 * its availability. A platform key, derived from the seed, lets `yingji fire-simulate` post to the demo (printed by
 * `npm run demo`).
 */
const ZONES: [name: string, kind: string, town: number, x: number, y: number][] = [
  ['三乡砖窑', 'kiln', 1, 1500, -1200],
  ['五桂山石场', 'factory', 0, -2000, 1500],
  ['神湾养殖场', 'farm', 2, 800, 900],
  ['南朗垃圾焚烧点', 'factory', 3, -900, -700],
  ['板芙菜地', 'non_forest', 4, 600, 1100],
  ['坦洲陶瓷厂', 'kiln', 5, -1000, 500],
];

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

    const year = fireYear(
      random,
      reg,
      zones,
      zoneRows.map((z) => z.id),
      now,
    );
    await insertFireYear(ctx.db, year);
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
    ctx.fingerprint.update(`fire|${reg.sites.length}|${reg.channels.length}|${year.incidents.length}|${year.alarms.length}\n`);
    return {
      fire_sites: reg.sites.length,
      fire_channels: reg.channels.length,
      fire_incidents: year.incidents.length,
      fire_alarms: year.alarms.length,
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
