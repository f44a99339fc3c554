/** The SQL of warehouses (with their lot and below-minimum counts), the catalogue, staff for acceptance and minimums. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { TReserveGuidance } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { resourceItems, resourceLots, resourceMinimums, resourceWarehouses, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { effectiveMinimumsSql } from './minimum.repo';
import { usableLotSql } from './stock.repo';

export type TWarehouseRow = typeof resourceWarehouses.$inferSelect;
export type TItemRow = typeof resourceItems.$inferSelect;

export async function listWarehouses(db: Db, scope: string, today: string, guidance: TReserveGuidance) {
  return queryRows<TWarehouseRow & { divisionName: string; shelterName: string | null; lots: number; belowMinimum: number }>(
    db,
    sql`SELECT resource_warehouses.id, resource_warehouses.name, resource_warehouses.kind, resource_warehouses.division_code AS "divisionCode", resource_warehouses.address, resource_warehouses.keeper, resource_warehouses.keeper_phone AS "keeperPhone",
          resource_warehouses.longitude, resource_warehouses.latitude, coalesce(d.name, resource_warehouses.division_code) AS "divisionName",
          resource_warehouses.shelter_id AS "shelterId", sh.name AS "shelterName",
          (SELECT count(*)::int FROM resource_lots l WHERE l.warehouse_id = resource_warehouses.id AND l.balance > 0) AS lots,
          (SELECT count(*)::int FROM ${effectiveMinimumsSql(guidance, 'm')} WHERE m.warehouse_id = resource_warehouses.id AND m.quantity >
             coalesce((SELECT sum(l.balance) FROM resource_lots l WHERE l.warehouse_id = resource_warehouses.id AND l.item_id = m.item_id AND ${usableLotSql(today)}), 0)) AS "belowMinimum"
        FROM resource_warehouses LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
          LEFT JOIN shelters sh ON sh.id = resource_warehouses.shelter_id
        WHERE ${inScopeSql(resourceWarehouses.divisionCode, scope)}
        ORDER BY resource_warehouses.division_code, resource_warehouses.id`,
  );
}

export async function findWarehouse(db: Db, id: number): Promise<TWarehouseRow | undefined> {
  const [row] = await db.select().from(resourceWarehouses).where(eq(resourceWarehouses.id, id));
  return row;
}

export async function insertWarehouse(db: Db, values: typeof resourceWarehouses.$inferInsert): Promise<TWarehouseRow> {
  const [row] = await db.insert(resourceWarehouses).values(values).returning();
  return row!;
}

export async function updateWarehouse(db: Db, id: number, values: Partial<typeof resourceWarehouses.$inferInsert>): Promise<TWarehouseRow> {
  const [row] = await db.update(resourceWarehouses).set(values).where(eq(resourceWarehouses.id, id)).returning();
  return row!;
}

export const listItems = (db: Db) => db.select().from(resourceItems).orderBy(asc(resourceItems.category), asc(resourceItems.code));

export async function findItems(db: Db, ids: number[]): Promise<TItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(resourceItems)
    .where(inArray(resourceItems.id, [...new Set(ids)]));
}

export async function findItemByCode(db: Db, code: string): Promise<TItemRow | undefined> {
  const [row] = await db.select().from(resourceItems).where(eq(resourceItems.code, code));
  return row;
}

export async function insertItem(db: Db, values: typeof resourceItems.$inferInsert): Promise<TItemRow> {
  const [row] = await db.insert(resourceItems).values(values).returning();
  return row!;
}

export async function updateItem(db: Db, id: number, values: Partial<typeof resourceItems.$inferInsert>): Promise<TItemRow> {
  const [row] = await db.update(resourceItems).set(values).where(eq(resourceItems.id, id)).returning();
  return row!;
}

/** How many lots (any warehouse, empty ones too) were ever received of an item. */
export async function lotCountOfItem(db: Db, itemId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(resourceLots)
    .where(eq(resourceLots.itemId, itemId));
  return row?.n ?? 0;
}

/** Active staff of the city (not enterprise users), for the acceptance signatures of a receipt. */
export async function staffOptions(db: Db, scope: string) {
  return queryRows<{ id: number; displayName: string; divisionName: string }>(
    db,
    sql`SELECT users.id, users.display_name AS "displayName", coalesce(d.name, users.division_code) AS "divisionName"
          FROM users LEFT JOIN divisions d ON d.code = users.division_code
         WHERE ${inScopeSql(users.divisionCode, scope)} AND NOT users.disabled AND users.role <> 'enterprise_user'
         ORDER BY users.division_code, users.display_name, users.id
         LIMIT 1000`,
  );
}

/** Records a warehouse's own minimum, or removes it (null); answers the one before. */
export async function upsertMinimum(db: Db, warehouseId: number, itemId: number, quantity: number | null): Promise<number | null> {
  const pair = and(eq(resourceMinimums.warehouseId, warehouseId), eq(resourceMinimums.itemId, itemId));
  const [before] = await db.select({ quantity: resourceMinimums.quantity }).from(resourceMinimums).where(pair);
  if (quantity === null) {
    await db.delete(resourceMinimums).where(pair);
    return before?.quantity ?? null;
  }
  await db
    .insert(resourceMinimums)
    .values({ warehouseId, itemId, quantity })
    .onConflictDoUpdate({ target: [resourceMinimums.warehouseId, resourceMinimums.itemId], set: { quantity } });
  return before?.quantity ?? null;
}
