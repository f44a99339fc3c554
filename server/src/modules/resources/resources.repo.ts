/** All SQL of warehouses, the catalogue, lots and movements. Stock is read city-wide, changed in the keeper's scope. */
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { TItemCategory, TMinimumOrigin, TMovementKind, TReserveGuidance } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import {
  resourceItems,
  resourceLots,
  resourceMinimums,
  resourceMovements,
  resourceReceipts,
  resourceWarehouses,
  users,
} from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';
import { effectiveMinimumsSql } from './minimum.repo';

export type TWarehouseRow = typeof resourceWarehouses.$inferSelect;
export type TItemRow = typeof resourceItems.$inferSelect;
export type TLotRow = typeof resourceLots.$inferSelect;

// ── warehouses and catalogue ───────────────────────────────────────────────────────────────────────────
/**
 * The stock of lot alias `l` that counts toward a minimum on `today`: not expired (an item expiring today still
 * counts), as `reserveShortfall` in the domain says.
 */
export const usableLotSql = (today: string) => sql`(l.expires_on IS NULL OR l.expires_on >= ${today}::date)`;

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

// ── stock ──────────────────────────────────────────────────────────────────────────────────────────────
export interface TStockFilter {
  warehouseId?: number;
  /** The stock points at this shelter only. */
  shelterId?: number;
  category?: TItemCategory;
  divisionCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

interface TStockRowRaw {
  warehouseId: number;
  warehouseName: string;
  divisionName: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  category: TItemCategory;
  unit: string;
  spec: string;
  balance: number;
  usable: number;
  minimum: number | null;
  minimumFrom: TMinimumOrigin | null;
  minimumSource: string | null;
  earliestExpiry: string | null;
  lots: number;
}

/**
 * One row per warehouse × item that has lots or a minimum (its own or the guidance's): balance, the effective minimum
 * and where it comes from, earliest expiry of what is left.
 */
export async function stock(db: Db, scope: string, f: TStockFilter, today: string, guidance: TReserveGuidance) {
  const where: SQL[] = [inScopeSql(resourceWarehouses.divisionCode, scope)];
  if (f.divisionCode) where.push(inScopeSql(resourceWarehouses.divisionCode, f.divisionCode));
  if (f.warehouseId) where.push(sql`resource_warehouses.id = ${f.warehouseId}`);
  if (f.shelterId) where.push(sql`resource_warehouses.shelter_id = ${f.shelterId}`);
  if (f.category) where.push(sql`i.category = ${f.category}`);
  if (f.q) where.push(containsText([sql`i.name`, sql`i.code`, sql`resource_warehouses.name`], f.q));
  const keys = sql`(SELECT warehouse_id, item_id FROM resource_lots UNION SELECT warehouse_id, item_id FROM ${effectiveMinimumsSql(guidance, 'em')}) k
      JOIN resource_warehouses ON resource_warehouses.id = k.warehouse_id
      JOIN resource_items i ON i.id = k.item_id`;
  const filter = sql.join(where, sql` AND `);
  const [rows, [count]] = await Promise.all([
    queryRows<TStockRowRaw>(
      db,
      sql`SELECT resource_warehouses.id AS "warehouseId", resource_warehouses.name AS "warehouseName", coalesce(d.name, resource_warehouses.division_code) AS "divisionName",
            i.id AS "itemId", i.code AS "itemCode", i.name AS "itemName", i.category, i.unit, i.spec,
            coalesce(s.balance, 0)::int AS balance, coalesce(s.usable, 0)::int AS usable, m.quantity AS minimum, m.origin AS "minimumFrom", m.source AS "minimumSource", s.earliest::text AS "earliestExpiry", coalesce(s.lots, 0)::int AS lots
          FROM ${keys}
          LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
          LEFT JOIN ${effectiveMinimumsSql(guidance, 'm')} ON m.warehouse_id = resource_warehouses.id AND m.item_id = i.id
          LEFT JOIN LATERAL (SELECT sum(l.balance) AS balance, sum(l.balance) FILTER (WHERE ${usableLotSql(today)}) AS usable, min(l.expires_on) FILTER (WHERE l.balance > 0) AS earliest,
                                    count(*) FILTER (WHERE l.balance > 0) AS lots
                               FROM resource_lots l WHERE l.warehouse_id = resource_warehouses.id AND l.item_id = i.id) s ON true
          WHERE ${filter}
          ORDER BY resource_warehouses.division_code, resource_warehouses.id, i.category, i.code
          LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${keys} WHERE ${filter}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ── lots and movements ─────────────────────────────────────────────────────────────────────────────────
const lotColumns = {
  id: resourceLots.id,
  warehouseId: resourceLots.warehouseId,
  warehouseName: resourceWarehouses.name,
  itemId: resourceLots.itemId,
  itemName: resourceItems.name,
  unit: resourceItems.unit,
  spec: resourceLots.spec,
  source: resourceLots.source,
  received: resourceLots.received,
  balance: resourceLots.balance,
  producedOn: resourceLots.producedOn,
  expiresOn: resourceLots.expiresOn,
  certificate3c: resourceLots.certificate3c,
  supplier: resourceLots.supplier,
  unitPriceFen: resourceLots.unitPriceFen,
  receivedOn: resourceLots.receivedOn,
  lastMaintainedOn: resourceLots.lastMaintainedOn,
  acceptors: sql<string[]>`coalesce(${resourceReceipts.acceptors}, '[]'::jsonb)`,
};

export async function listLots(db: Db, scope: string, f: { warehouseId?: number; itemId?: number; withEmpty?: boolean }, limit = 500) {
  return db
    .select(lotColumns)
    .from(resourceLots)
    .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceLots.warehouseId))
    .innerJoin(resourceItems, eq(resourceItems.id, resourceLots.itemId))
    .leftJoin(resourceReceipts, eq(resourceReceipts.id, resourceLots.receiptId))
    .where(
      and(
        inScopeSql(resourceLots.divisionCode, scope),
        f.warehouseId ? eq(resourceLots.warehouseId, f.warehouseId) : undefined,
        f.itemId ? eq(resourceLots.itemId, f.itemId) : undefined,
        f.withEmpty ? undefined : gt(resourceLots.balance, 0),
      ),
    )
    .orderBy(asc(resourceLots.warehouseId), asc(resourceLots.itemId), sql`${resourceLots.expiresOn} NULLS LAST`, asc(resourceLots.id))
    .limit(limit);
}

export async function findLot(db: Db, id: number): Promise<TLotRow | undefined> {
  const [row] = await db.select().from(resourceLots).where(eq(resourceLots.id, id));
  return row;
}

/** The lots of an item in a warehouse with stock, for earliest-expiry-first. */
export const stockLots = (db: Db, warehouseId: number, itemId: number) =>
  db
    .select({ id: resourceLots.id, balance: resourceLots.balance, expiresOn: resourceLots.expiresOn })
    .from(resourceLots)
    .where(and(eq(resourceLots.warehouseId, warehouseId), eq(resourceLots.itemId, itemId), gt(resourceLots.balance, 0)));

export async function insertReceipt(db: Db, values: typeof resourceReceipts.$inferInsert): Promise<number> {
  const [row] = await db.insert(resourceReceipts).values(values).returning({ id: resourceReceipts.id });
  return row!.id;
}

export async function insertLot(db: Db, values: typeof resourceLots.$inferInsert): Promise<TLotRow> {
  const [row] = await db.insert(resourceLots).values(values).returning();
  return row!;
}

/**
 * Takes `quantity` out of a lot only if it holds that much: one conditional UPDATE, so two concurrent issues of the
 * last unit cannot both pass (the second waits on the row lock, then finds the balance too small). Null when short.
 */
export async function takeFromLot(db: Db, lotId: number, quantity: number): Promise<number | null> {
  const [row] = await db
    .update(resourceLots)
    .set({ balance: sql`${resourceLots.balance} - ${quantity}` })
    .where(and(eq(resourceLots.id, lotId), sql`${resourceLots.balance} >= ${quantity}`))
    .returning({ balance: resourceLots.balance });
  return row ? row.balance : null;
}

export async function addToLot(db: Db, lotId: number, quantity: number): Promise<void> {
  await db
    .update(resourceLots)
    .set({ balance: sql`${resourceLots.balance} + ${quantity}` })
    .where(eq(resourceLots.id, lotId));
}

export async function setMaintained(db: Db, lotId: number, on: string): Promise<void> {
  await db.update(resourceLots).set({ lastMaintainedOn: on }).where(eq(resourceLots.id, lotId));
}

export interface TMovementInsert {
  lot: Pick<TLotRow, 'id' | 'warehouseId' | 'itemId' | 'divisionCode'>;
  kind: TMovementKind;
  quantity: number;
  counterparty?: string | null;
  note?: string;
  loanId?: number | null;
  byUser: number | null;
  at: string;
}

export async function insertMovement(db: Db, m: TMovementInsert): Promise<number> {
  const [row] = await db
    .insert(resourceMovements)
    .values({
      lotId: m.lot.id,
      warehouseId: m.lot.warehouseId,
      itemId: m.lot.itemId,
      divisionCode: m.lot.divisionCode,
      kind: m.kind,
      quantity: m.quantity,
      counterparty: m.counterparty ?? null,
      note: m.note ?? '',
      loanId: m.loanId ?? null,
      byUser: m.byUser,
      at: m.at,
    })
    .returning({ id: resourceMovements.id });
  return row!.id;
}

export async function listMovements(
  db: Db,
  scope: string,
  f: { warehouseId?: number; lotId?: number; kind?: TMovementKind; page: number; pageSize: number },
) {
  const where = and(
    inScopeSql(resourceMovements.divisionCode, scope),
    f.warehouseId ? eq(resourceMovements.warehouseId, f.warehouseId) : undefined,
    f.lotId ? eq(resourceMovements.lotId, f.lotId) : undefined,
    f.kind ? eq(resourceMovements.kind, f.kind) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: resourceMovements.id,
        kind: resourceMovements.kind,
        lotId: resourceMovements.lotId,
        warehouseName: resourceWarehouses.name,
        itemName: resourceItems.name,
        unit: resourceItems.unit,
        quantity: resourceMovements.quantity,
        counterparty: resourceMovements.counterparty,
        note: resourceMovements.note,
        loanId: resourceMovements.loanId,
        byName: users.displayName,
        at: resourceMovements.at,
      })
      .from(resourceMovements)
      .innerJoin(resourceWarehouses, eq(resourceWarehouses.id, resourceMovements.warehouseId))
      .innerJoin(resourceItems, eq(resourceItems.id, resourceMovements.itemId))
      .leftJoin(users, eq(users.id, resourceMovements.byUser))
      .where(where)
      .orderBy(desc(resourceMovements.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(resourceMovements)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Lots whose kept balance differs from the sum of their movements (none, unless the data was edited by hand). */
export async function balanceMismatches(db: Db, scope: string) {
  const [lots] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(resourceLots)
    .where(inScopeSql(resourceLots.divisionCode, scope));
  const mismatches = await queryRows<{ lotId: number; balance: number; movements: number }>(
    db,
    sql`SELECT resource_lots.id AS "lotId", resource_lots.balance, coalesce(m.total, 0)::int AS movements
          FROM resource_lots
          LEFT JOIN (SELECT lot_id, sum(quantity) AS total FROM resource_movements GROUP BY lot_id) m ON m.lot_id = resource_lots.id
         WHERE ${inScopeSql(resourceLots.divisionCode, scope)} AND resource_lots.balance <> coalesce(m.total, 0)
         ORDER BY resource_lots.id LIMIT 100`,
  );
  return { lots: lots?.n ?? 0, mismatches };
}

/** The lot a loan's item was lent from (the first one): a good return goes back into it. */
export async function loanOutLot(db: Db, loanId: number, itemId: number): Promise<TLotRow | undefined> {
  const [row] = await db
    .select({ lot: resourceLots })
    .from(resourceMovements)
    .innerJoin(resourceLots, eq(resourceLots.id, resourceMovements.lotId))
    .where(and(eq(resourceMovements.loanId, loanId), eq(resourceMovements.itemId, itemId), eq(resourceMovements.kind, 'loan_out')))
    .orderBy(asc(resourceMovements.id))
    .limit(1);
  return row?.lot;
}
