/**
 * Forest-fire statistics: alarms from their roll-up by town and day, incidents counted from the rows (false-alarm rate per
 * channel and label, acknowledgement times), suppressed per zone from the zones' index; kept while nothing is written.
 */
import { bureauDayStart, addDaysToDate, FALSE_ALARM_LABELS, share, type TFireStats } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import { createSnapshotCache } from '../../kit/snapshot-cache';
import type { TRequestContext } from '../../shared/context';
import { scopeWhere } from '../../shared/scope';
import { fireAlarmCounts, fireAlarms, fireIncidents } from '../../db/schema';

export function createFireStats({ db, clock, audit }: Pick<TCore, 'db' | 'clock' | 'audit'>) {
  // A dashboard many officers of a bureau read alike: kept by scope and period while nothing was written
  // (kit/snapshot-cache.ts); the first read after a write counts it again.
  const kept = createSnapshotCache<TFireStats>({ max: 64, period: 60_000 });

  function stats(ctx: TRequestContext, q: { from: string; to: string }): Promise<TFireStats> {
    const actor = requirePermission(ctx, 'fire.read');
    return kept.get(db, `${actor.divisionCode}|${q.from}|${q.to}`, clock(), () => count(actor.divisionCode, q));
  }

  async function count(scope: string, q: { from: string; to: string }): Promise<TFireStats> {
    const from = bureauDayStart(q.from).toISOString();
    const to = bureauDayStart(addDaysToDate(q.to, 1)).toISOString();
    const inc = scopeWhere(fireIncidents.divisionCode, scope, undefined);
    const alm = scopeWhere(fireAlarms.divisionCode, scope, undefined);
    const [alarms, channels, labels, zones, ack] = await Promise.all([
      // from the roll-up by town and bureau day (fire_alarm_counts, kept by triggers): a row per town and day, not per alarm
      queryRows<{ alarms: number; suppressed: number }>(
        db,
        sql`SELECT coalesce(sum(alarms), 0)::int AS alarms, coalesce(sum(suppressed), 0)::int AS suppressed FROM fire_alarm_counts
            WHERE day >= ${q.from}::date AND day <= ${q.to}::date AND ${scopeWhere(fireAlarmCounts.divisionCode, scope, undefined)}`,
      ),
      queryRows<{ channelId: number; code: string; siteName: string; incidents: number; falseAlarms: number; verified: number }>(
        db,
        // counted by channel id first, then named: the join and the sort see a row per channel, not per incident
        sql`SELECT c.id AS "channelId", c.code, s.name AS "siteName", x.incidents, x."falseAlarms", x.verified
            FROM (SELECT anchor_channel_id, count(*)::int AS incidents, count(false_label)::int AS "falseAlarms",
                    count(verified_at)::int AS verified
                  FROM fire_incidents WHERE first_seen_at >= ${from}::timestamptz AND first_seen_at < ${to}::timestamptz AND ${inc}
                  GROUP BY anchor_channel_id) x
            JOIN fire_channels c ON c.id = x.anchor_channel_id JOIN fire_sites s ON s.id = c.site_id
            ORDER BY c.code`,
      ),
      queryRows<{ label: keyof typeof FALSE_ALARM_LABELS; count: number }>(
        db,
        sql`SELECT false_label AS label, count(*)::int AS count FROM fire_incidents
            WHERE false_label IS NOT NULL AND first_seen_at >= ${from}::timestamptz AND first_seen_at < ${to}::timestamptz AND ${inc}
            GROUP BY false_label ORDER BY count DESC, false_label`,
      ),
      queryRows<{ zoneId: number; name: string; suppressed: number }>(
        db,
        sql`SELECT z.id AS "zoneId", z.name, count(fire_alarms.id)::int AS suppressed FROM fire_mask_zones z
            JOIN fire_alarms ON fire_alarms.mask_zone_id = z.id AND fire_alarms.at >= ${from}::timestamptz
              AND fire_alarms.at < ${to}::timestamptz AND ${alm}
            GROUP BY z.id, z.name ORDER BY suppressed DESC, z.id`,
      ),
      queryRows<{ count: number; median: number | null; p90: number | null; escalated: number }>(
        db,
        sql`SELECT count(acknowledged_at)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at)) AS p90,
              count(escalated_at)::int AS escalated
            FROM fire_incidents WHERE first_seen_at >= ${from}::timestamptz AND first_seen_at < ${to}::timestamptz AND ${inc}`,
      ),
    ]);
    const incidents = channels.reduce((n, c) => n + c.incidents, 0);
    const falseAlarms = channels.reduce((n, c) => n + c.falseAlarms, 0);
    const verified = channels.reduce((n, c) => n + c.verified, 0);
    const a = ack[0]!;
    return {
      from: q.from,
      to: q.to,
      alarms: alarms[0]!.alarms,
      suppressed: alarms[0]!.suppressed,
      incidents,
      real: verified - falseAlarms,
      falseAlarms,
      falseRate: share(falseAlarms, verified),
      byChannel: channels.map(({ verified: v, ...c }) => ({ ...c, falseRate: share(c.falseAlarms, v) })),
      byLabel: labels,
      byZone: zones,
      ack: {
        count: a.count,
        medianSeconds: a.median === null ? null : Math.round(Number(a.median)),
        p90Seconds: a.p90 === null ? null : Math.round(Number(a.p90)),
        escalated: a.escalated,
      },
    };
  }

  async function exportStats(ctx: TRequestContext, q: { from: string; to: string }) {
    const s = await stats(ctx, q);
    const body = await ledgerBuffer([
      ledgerSheet(
        '总体',
        [
          { header: '项目', width: 24, value: (r: [string, number | string]) => r[0] },
          { header: '数值', width: 16, value: (r: [string, number | string]) => r[1] },
        ],
        [
          ['统计期间', `${s.from} 至 ${s.to}`],
          ['告警数', s.alarms],
          ['被屏蔽告警数', s.suppressed],
          ['火情事件数', s.incidents],
          ['确认火情', s.real],
          ['误报', s.falseAlarms],
          ['误报率', `${(s.falseRate * 100).toFixed(1)}%`],
          ['签收事件数', s.ack.count],
          ['签收时长中位数（秒）', s.ack.medianSeconds ?? ''],
          ['签收时长 90% 分位（秒）', s.ack.p90Seconds ?? ''],
          ['升级至值班长', s.ack.escalated],
        ] as [string, number | string][],
      ),
      ledgerSheet(
        '按通道',
        [
          { header: '通道', width: 14, value: (r: TFireStats['byChannel'][number]) => r.code },
          { header: '监控点', width: 20, value: (r) => r.siteName },
          { header: '事件数', width: 10, value: (r) => r.incidents },
          { header: '误报数', width: 10, value: (r) => r.falseAlarms },
          { header: '误报率', width: 10, value: (r) => `${(r.falseRate * 100).toFixed(1)}%` },
        ],
        s.byChannel,
      ),
      ledgerSheet(
        '误报原因',
        [
          { header: '原因', width: 16, value: (r: TFireStats['byLabel'][number]) => FALSE_ALARM_LABELS[r.label] },
          { header: '次数', width: 10, value: (r) => r.count },
        ],
        s.byLabel,
      ),
      ledgerSheet(
        '屏蔽区',
        [
          { header: '屏蔽区', width: 24, value: (r: TFireStats['byZone'][number]) => r.name },
          { header: '屏蔽告警数', width: 12, value: (r) => r.suppressed },
        ],
        s.byZone,
      ),
    ]);
    const now = clock();
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'fire_stats', after: q }));
    return { body, fileName: ledgerFileName('森林防火统计', now) };
  }

  return { stats, exportStats };
}
export type TFireStatsService = ReturnType<typeof createFireStats>;
