/** The SQL of lots, receipts and movements. A lot's balance changes only with a movement, in the writer's transaction. */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { TMovementKind } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { resourceItems, resourceLots, resourceMovements, resourceReceipts, resourceWarehouses, users } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';

export type TLotRow = typeof resourceLots.$inferSelect;

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

/**
 * Lots whose kept balance differs from the sum of their movements, and warehouse × item whose kept stock differs from
 * its lots (none, unless the data was edited by hand).
 */
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
  // the kept stock of each warehouse × item (resource_stock) against its lots: balance and number of lots
  const stockMismatches = await queryRows<{ warehouseId: number; itemId: number; stock: number; lots: number }>(
    db,
    sql`SELECT coalesce(s.warehouse_id, l.warehouse_id) AS "warehouseId", coalesce(s.item_id, l.item_id) AS "itemId",
               coalesce(s.balance, 0)::int AS stock, coalesce(l.balance, 0)::int AS lots
          FROM (SELECT s.* FROM resource_stock s JOIN resource_warehouses ON resource_warehouses.id = s.warehouse_id
                 WHERE ${inScopeSql(resourceWarehouses.divisionCode, scope)}) s
          FULL JOIN (SELECT warehouse_id, item_id, sum(balance) AS balance, count(*) AS n FROM resource_lots
                      WHERE ${inScopeSql(resourceLots.divisionCode, scope)} GROUP BY warehouse_id, item_id) l
            ON l.warehouse_id = s.warehouse_id AND l.item_id = s.item_id
         WHERE coalesce(s.balance, 0) <> coalesce(l.balance, 0) OR coalesce(s.lots, 0) <> coalesce(l.n, 0)
         ORDER BY 1, 2 LIMIT 100`,
  );
  return { lots: lots?.n ?? 0, mismatches, stockMismatches };
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
