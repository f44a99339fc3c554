/** SQL of waterlogging points (内涝水浸点) and their records. */
import { and, asc, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { waterloggingPoints } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

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
