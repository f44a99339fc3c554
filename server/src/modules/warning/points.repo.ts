/** SQL of waterlogging points (内涝水浸点) and their records: floodings (history) and 双三十 checks. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { resourceWarehouses, waterloggingPoints, waterloggingRecords, warnings } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TPointRow = typeof waterloggingPoints.$inferSelect;
export type TRecordRow = typeof waterloggingRecords.$inferSelect;

/** The points of the given towns (all the city's when none given), with their plans. */
export function pointsIn(db: Db, cityCode: string, towns?: readonly string[]) {
  const where: SQL | undefined = towns
    ? inArray(waterloggingPoints.divisionCode, [...towns])
    : inScopeSql(waterloggingPoints.divisionCode, cityCode);
  return db
    .select({
      id: waterloggingPoints.id,
      name: waterloggingPoints.name,
      divisionCode: waterloggingPoints.divisionCode,
      responsiblePerson: waterloggingPoints.responsiblePerson,
      phone: waterloggingPoints.phone,
      pumps: waterloggingPoints.pumps,
      roadClosure: waterloggingPoints.roadClosure,
      evacuation: waterloggingPoints.evacuation,
    })
    .from(waterloggingPoints)
    .where(and(where))
    .orderBy(asc(waterloggingPoints.divisionCode), asc(waterloggingPoints.id));
}

/** The points in the user's scope (one town when given), with how often and when last each flooded. */
export function listPoints(db: Db, scope: string, town?: string) {
  const floods = db
    .select({
      pointId: waterloggingRecords.pointId,
      n: sql<number>`count(*)::int`.as('n'),
      last: sql<string | null>`max(${waterloggingRecords.on})`.as('last'),
    })
    .from(waterloggingRecords)
    .where(eq(waterloggingRecords.kind, 'flooding'))
    .groupBy(waterloggingRecords.pointId)
    .as('floods');
  return db
    .select({
      id: waterloggingPoints.id,
      name: waterloggingPoints.name,
      townCode: waterloggingPoints.divisionCode,
      location: waterloggingPoints.location,
      responsiblePerson: waterloggingPoints.responsiblePerson,
      phone: waterloggingPoints.phone,
      pumps: waterloggingPoints.pumps,
      floodings: sql<number>`coalesce(${floods.n}, 0)`.mapWith(Number),
      lastFloodedOn: floods.last,
    })
    .from(waterloggingPoints)
    .leftJoin(floods, eq(floods.pointId, waterloggingPoints.id))
    .where(and(inScopeSql(waterloggingPoints.divisionCode, scope), town ? eq(waterloggingPoints.divisionCode, town) : undefined))
    .orderBy(asc(waterloggingPoints.divisionCode), asc(waterloggingPoints.id));
}

export const findPoint = async (db: Db, id: number) => (await db.select().from(waterloggingPoints).where(eq(waterloggingPoints.id, id)))[0];

export const lockPoint = async (db: Db, id: number) =>
  (await db.select().from(waterloggingPoints).where(eq(waterloggingPoints.id, id)).for('update'))[0];

export async function updatePlan(db: Db, id: number, set: Partial<typeof waterloggingPoints.$inferInsert>) {
  return (await db.update(waterloggingPoints).set(set).where(eq(waterloggingPoints.id, id)).returning())[0]!;
}

export async function insertRecord(db: Db, row: typeof waterloggingRecords.$inferInsert) {
  return (await db.insert(waterloggingRecords).values(row).returning())[0]!;
}

export const recordsOf = (db: Db, pointId: number) =>
  db
    .select()
    .from(waterloggingRecords)
    .where(eq(waterloggingRecords.pointId, pointId))
    .orderBy(desc(waterloggingRecords.at), desc(waterloggingRecords.id));

/** The 双三十 checks recorded under a warning at points in the given scope, latest first, with each point. */
export const checksOfWarning = (db: Db, warningId: number, scope: string) =>
  db
    .select({ record: waterloggingRecords, pointName: waterloggingPoints.name, townCode: waterloggingPoints.divisionCode })
    .from(waterloggingRecords)
    .innerJoin(waterloggingPoints, eq(waterloggingPoints.id, waterloggingRecords.pointId))
    .where(
      and(
        eq(waterloggingRecords.warningId, warningId),
        eq(waterloggingRecords.kind, 'check'),
        inScopeSql(waterloggingPoints.divisionCode, scope),
      ),
    )
    .orderBy(desc(waterloggingRecords.at), desc(waterloggingRecords.id));

/** The warnings on now (the city's): the point's page offers those of rain whose area holds it. */
export const activeWarnings = (db: Db, cityCode: string) =>
  db
    .select({
      id: warnings.id,
      kind: warnings.kind,
      level: warnings.level,
      issuedAt: warnings.issuedAt,
      state: warnings.state,
      areaAll: warnings.areaAll,
      towns: warnings.towns,
    })
    .from(warnings)
    .where(and(eq(warnings.state, 'active'), eq(warnings.divisionCode, cityCode)))
    .orderBy(desc(warnings.issuedAt));

/**
 * A warehouse of the resources module by id (the supplies pre-positioned for a point are kept there); read only to
 * check the id and show its name, the point holds no other tie to that module.
 */
export const findWarehouse = async (db: Db, id: number) =>
  (
    await db
      .select({ id: resourceWarehouses.id, name: resourceWarehouses.name, divisionCode: resourceWarehouses.divisionCode })
      .from(resourceWarehouses)
      .where(eq(resourceWarehouses.id, id))
  )[0];
