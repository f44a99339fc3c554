/**
 * Device health (卡口哨卡断电提醒): each channel's last heartbeat classified by the pure rule; an alert opens when the
 * class turns bad (raised as an event), switches when it changes and clears when heartbeats say all is well again.
 * Availability per channel per month is the share of the month not under an alert.
 */
import { availability, bureauDayStart, deviceAlert, DEVICE_ALERT_KINDS, type TDeviceAlertKind } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { divisionNames } from '../../shared/divisions';
import { iso } from '../../shared/iso';
import * as repo from './fire-health.repo';

const SYSTEM: TRequestContext = { actor: null, clientAddress: null };

export function createFireHealth({ db, clock, settings, events }: Pick<TCore, 'db' | 'clock' | 'settings' | 'events'>) {
  /** Re-classifies the given channels (all when null); returns how many alerts opened, switched or cleared. */
  async function evaluate(ids: number[] | null): Promise<number> {
    const now = clock();
    const { silenceMinutes } = await settings.get('fire');
    const rows = await repo.channelsForHealth(db, ids);
    let changed = 0;
    for (const ch of rows) {
      const kind: TDeviceAlertKind | null =
        ch.status !== 'active'
          ? null
          : deviceAlert(
              ch.lastHeartbeatAt
                ? {
                    at: new Date(ch.lastHeartbeatAt),
                    power: ch.lastPower as 'mains' | null,
                    network: ch.lastNetwork as 'ok' | null,
                    camera: ch.lastCamera as 'ok' | null,
                  }
                : null,
              now,
              silenceMinutes,
            );
      if (kind === ch.alertKind) continue;
      const at = now.toISOString();
      await db.transaction(async (tx) => {
        await repo.switchAlert(tx, ch, kind, at);
        if (kind)
          await events.emit(
            tx,
            'fire.device_alert',
            {
              channelId: ch.id,
              channelCode: ch.code,
              divisionCode: ch.divisionCode,
              kind,
              occurredAt: at,
              ref: `fire_channel:${ch.id}`,
              summary: `${ch.siteName} ${ch.code}：${DEVICE_ALERT_KINDS[kind]}`,
            },
            SYSTEM,
          );
      });
      changed++;
    }
    return changed;
  }

  async function health(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'fire.read');
    const rows = await repo.channelsInScope(db, actor.divisionCode);
    const names = await divisionNames(
      db,
      rows.map((r) => r.divisionCode),
    );
    return {
      channels: rows.map(({ divisionCode, ...r }) => ({
        ...r,
        townName: names.get(divisionCode) ?? divisionCode,
        lastHeartbeatAt: iso(r.lastHeartbeatAt),
      })),
    };
  }

  async function monthAvailability(ctx: TRequestContext, month: string) {
    const actor = requirePermission(ctx, 'fire.read');
    const from = bureauDayStart(`${month}-01`);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = bureauDayStart(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
    const now = clock();
    const to = next < now ? next : now;
    const [channels, alerts] = await Promise.all([
      repo.channelsInScope(db, actor.divisionCode),
      repo.alertsOverlapping(db, actor.divisionCode, from.toISOString(), to.toISOString()),
    ]);
    return {
      month,
      items: channels.map((c) => {
        const mine = alerts.filter((a) => a.channelId === c.id);
        return {
          channelId: c.id,
          code: c.code,
          siteName: c.siteName,
          availability:
            Math.round(
              availability(
                mine.map((a) => ({ from: new Date(a.openedAt), to: a.clearedAt ? new Date(a.clearedAt) : null })),
                from,
                to,
              ) * 10_000,
            ) / 10_000,
          alerts: mine.length,
        };
      }),
    };
  }

  const alerts = async (scope: string) => (await repo.openAlerts(db, scope)).map((a) => ({ ...a, openedAt: iso(a.openedAt) }));

  return { evaluate, health, monthAvailability, alerts };
}
export type TFireHealth = ReturnType<typeof createFireHealth>;
