/** All SQL of device health: channels' last heartbeats, device alerts and their history. */
import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fireChannels, fireDeviceAlerts, fireSites } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export const channelsForHealth = (db: Db, ids: number[] | null) =>
  db
    .select({
      id: fireChannels.id,
      code: fireChannels.code,
      divisionCode: fireChannels.divisionCode,
      status: fireChannels.status,
      lastHeartbeatAt: fireChannels.lastHeartbeatAt,
      lastPower: fireChannels.lastPower,
      lastNetwork: fireChannels.lastNetwork,
      lastCamera: fireChannels.lastCamera,
      alertKind: fireChannels.alertKind,
      siteName: fireSites.name,
    })
    .from(fireChannels)
    .innerJoin(fireSites, eq(fireSites.id, fireChannels.siteId))
    .where(ids ? inArray(fireChannels.id, ids) : undefined)
    .orderBy(asc(fireChannels.code));

export const channelsInScope = (db: Db, scope: string) =>
  db
    .select({
      id: fireChannels.id,
      code: fireChannels.code,
      name: fireChannels.name,
      divisionCode: fireChannels.divisionCode,
      siteName: fireSites.name,
      lastHeartbeatAt: fireChannels.lastHeartbeatAt,
      alertKind: fireChannels.alertKind,
      power: fireChannels.lastPower,
      network: fireChannels.lastNetwork,
      camera: fireChannels.lastCamera,
    })
    .from(fireChannels)
    .innerJoin(fireSites, eq(fireSites.id, fireChannels.siteId))
    .where(inScopeSql(fireChannels.divisionCode, scope))
    .orderBy(asc(fireChannels.code));

/** Closes the channel's open alert (if any), opens the new one (if any) and mirrors it on the channel. */
export async function switchAlert(tx: Db, ch: { id: number; divisionCode: string }, kind: string | null, at: string) {
  await tx
    .update(fireDeviceAlerts)
    .set({ clearedAt: at })
    .where(and(eq(fireDeviceAlerts.channelId, ch.id), isNull(fireDeviceAlerts.clearedAt)));
  if (kind)
    await tx.insert(fireDeviceAlerts).values({ channelId: ch.id, divisionCode: ch.divisionCode, kind: kind as 'silent', openedAt: at });
  await tx.update(fireChannels).set({ alertKind: kind }).where(eq(fireChannels.id, ch.id));
}

export const openAlerts = (db: Db, scope: string) =>
  db
    .select({
      channelId: fireDeviceAlerts.channelId,
      channelCode: fireChannels.code,
      siteName: fireSites.name,
      kind: fireDeviceAlerts.kind,
      openedAt: fireDeviceAlerts.openedAt,
    })
    .from(fireDeviceAlerts)
    .innerJoin(fireChannels, eq(fireChannels.id, fireDeviceAlerts.channelId))
    .innerJoin(fireSites, eq(fireSites.id, fireChannels.siteId))
    .where(and(isNull(fireDeviceAlerts.clearedAt), inScopeSql(fireDeviceAlerts.divisionCode, scope)))
    .orderBy(asc(fireDeviceAlerts.openedAt));

/** Alerts overlapping [from, to) of the channels in scope. */
export const alertsOverlapping = (db: Db, scope: string, from: string, to: string) =>
  db
    .select({ channelId: fireDeviceAlerts.channelId, openedAt: fireDeviceAlerts.openedAt, clearedAt: fireDeviceAlerts.clearedAt })
    .from(fireDeviceAlerts)
    .where(
      and(
        inScopeSql(fireDeviceAlerts.divisionCode, scope),
        lt(fireDeviceAlerts.openedAt, to),
        or(isNull(fireDeviceAlerts.clearedAt), gt(fireDeviceAlerts.clearedAt, from)),
      ),
    );
