/** All SQL of the camera registry, platform keys and mask zones. */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  fireAlarms,
  fireApiKeys,
  fireCalibrations,
  fireChannels,
  fireDeviceAlerts,
  fireMaintenance,
  fireMaskZones,
  fireSites,
} from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export const sites = (db: Db, scope: string) =>
  db.select().from(fireSites).where(inScopeSql(fireSites.divisionCode, scope)).orderBy(asc(fireSites.code));

export const channels = (db: Db, scope: string) =>
  db.select().from(fireChannels).where(inScopeSql(fireChannels.divisionCode, scope)).orderBy(asc(fireChannels.code));

export async function siteById(db: Db, id: number) {
  const [row] = await db.select().from(fireSites).where(eq(fireSites.id, id));
  return row;
}
export async function siteByCode(db: Db, code: string) {
  const [row] = await db.select().from(fireSites).where(eq(fireSites.code, code));
  return row;
}
export async function channelById(db: Db, id: number) {
  const [row] = await db.select().from(fireChannels).where(eq(fireChannels.id, id));
  return row;
}
export async function channelByCode(db: Db, code: string) {
  const [row] = await db.select().from(fireChannels).where(eq(fireChannels.code, code));
  return row;
}

export async function insertSite(tx: Db, values: typeof fireSites.$inferInsert) {
  const [row] = await tx.insert(fireSites).values(values).returning();
  return row!;
}
export async function updateSite(tx: Db, id: number, values: Partial<typeof fireSites.$inferInsert>) {
  await tx.update(fireSites).set(values).where(eq(fireSites.id, id));
  // channels carry their site's town for scope
  if (values.divisionCode) await tx.update(fireChannels).set({ divisionCode: values.divisionCode }).where(eq(fireChannels.siteId, id));
}
export async function insertChannel(tx: Db, values: typeof fireChannels.$inferInsert) {
  const [row] = await tx.insert(fireChannels).values(values).returning();
  return row!;
}
export async function updateChannel(tx: Db, id: number, values: Partial<typeof fireChannels.$inferInsert>) {
  const [row] = await tx.update(fireChannels).set(values).where(eq(fireChannels.id, id)).returning();
  return row!;
}

export const calibrations = (db: Db, channelId: number) =>
  db
    .select()
    .from(fireCalibrations)
    .where(eq(fireCalibrations.channelId, channelId))
    .orderBy(desc(fireCalibrations.effectiveAt), desc(fireCalibrations.id));

export async function insertCalibration(tx: Db, values: typeof fireCalibrations.$inferInsert) {
  await tx.insert(fireCalibrations).values(values);
}

/** The offsets in force now: the latest calibration effective at or before `now`. */
export async function calibrationNow(tx: Db, channelId: number, now: string) {
  const [row] = await tx
    .select()
    .from(fireCalibrations)
    .where(and(eq(fireCalibrations.channelId, channelId), sql`${fireCalibrations.effectiveAt} <= ${now}::timestamptz`))
    .orderBy(desc(fireCalibrations.effectiveAt), desc(fireCalibrations.id))
    .limit(1);
  return row;
}

export const maintenanceOfSite = (db: Db, siteId: number) =>
  db
    .select()
    .from(fireMaintenance)
    .where(eq(fireMaintenance.siteId, siteId))
    .orderBy(desc(fireMaintenance.doneOn), desc(fireMaintenance.id))
    .limit(100);

export async function insertMaintenance(tx: Db, values: typeof fireMaintenance.$inferInsert) {
  await tx.insert(fireMaintenance).values(values);
}

export const alertsOfChannel = (db: Db, channelId: number) =>
  db.select().from(fireDeviceAlerts).where(eq(fireDeviceAlerts.channelId, channelId)).orderBy(desc(fireDeviceAlerts.openedAt)).limit(100);

export const keys = (db: Db) => db.select().from(fireApiKeys).orderBy(desc(fireApiKeys.id));
export async function keyById(db: Db, id: number) {
  const [row] = await db.select().from(fireApiKeys).where(eq(fireApiKeys.id, id));
  return row;
}
export async function insertKey(tx: Db, values: typeof fireApiKeys.$inferInsert) {
  const [row] = await tx.insert(fireApiKeys).values(values).returning();
  return row!;
}
export async function revokeKey(tx: Db, id: number, at: string, by: number) {
  const [row] = await tx.update(fireApiKeys).set({ revokedAt: at, revokedBy: by }).where(eq(fireApiKeys.id, id)).returning();
  return row!;
}

export const zones = (db: Db) => db.select().from(fireMaskZones).orderBy(desc(fireMaskZones.active), asc(fireMaskZones.id));
export async function zoneById(db: Db, id: number) {
  const [row] = await db.select().from(fireMaskZones).where(eq(fireMaskZones.id, id));
  return row;
}
export async function insertZone(tx: Db, values: typeof fireMaskZones.$inferInsert) {
  const [row] = await tx.insert(fireMaskZones).values(values).returning();
  return row!;
}
export async function deactivateZone(tx: Db, id: number, at: string) {
  const [row] = await tx.update(fireMaskZones).set({ active: 0, updatedAt: at }).where(eq(fireMaskZones.id, id)).returning();
  return row!;
}

/** Deletes a zone that never suppressed an alarm (the caller holds the ingestion lock); false when it had. */
export async function deleteUnusedZone(tx: Db, id: number) {
  const rows = await tx
    .delete(fireMaskZones)
    .where(
      and(
        eq(fireMaskZones.id, id),
        eq(fireMaskZones.suppressedCount, 0),
        sql`NOT EXISTS (SELECT 1 FROM ${fireAlarms} WHERE ${fireAlarms.maskZoneId} = ${id})`,
      ),
    )
    .returning({ id: fireMaskZones.id });
  return rows.length > 0;
}

export async function zoneAlarms(db: Db, zoneId: number) {
  const [[count], items] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(fireAlarms)
      .where(eq(fireAlarms.maskZoneId, zoneId)),
    db
      .select({
        id: fireAlarms.id,
        externalId: fireAlarms.externalId,
        channelCode: fireChannels.code,
        at: fireAlarms.at,
        longitude: fireAlarms.longitude,
        latitude: fireAlarms.latitude,
      })
      .from(fireAlarms)
      .innerJoin(fireChannels, eq(fireChannels.id, fireAlarms.channelId))
      .where(and(eq(fireAlarms.maskZoneId, zoneId), isNotNull(fireAlarms.maskZoneId)))
      .orderBy(desc(fireAlarms.at))
      .limit(200),
  ]);
  return { total: count?.n ?? 0, items };
}
