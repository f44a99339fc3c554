/** The stock ledger's SQL (库存台账): balances per warehouse × item against the effective minimum. Read city-wide. */
import { sql, type SQL } from 'drizzle-orm';
import type { TItemCategory, TMinimumOrigin, TReserveGuidance } from '@yingji/domain';
import type { Db } from '../../db/client';
import { resourceWarehouses } from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';
import { effectiveMinimumsSql } from './minimum.repo';
import { queryNamed } from './named-statement';

/**
 * The stock of lot alias `l` that counts toward a minimum on `today`: not expired (an item expiring today still
 * counts), as `reserveShortfall` in the domain says.
 */
export const usableLotSql = (today: string) => sql`(l.expires_on IS NULL OR l.expires_on >= ${today}::date)`;

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
  // the keys: every warehouse × item with lots (the kept resource_stock) or an effective minimum, with the minimum
  const keys = sql`(SELECT s.warehouse_id, s.item_id FROM resource_stock s WHERE s.lots > 0) s
      FULL JOIN ${effectiveMinimumsSql(guidance, 'm')} ON m.warehouse_id = s.warehouse_id AND m.item_id = s.item_id
      JOIN resource_warehouses ON resource_warehouses.id = coalesce(s.warehouse_id, m.warehouse_id)
      JOIN resource_items i ON i.id = coalesce(s.item_id, m.item_id)`;
  // one statement: the keys counted, and only the page's keys summed (an empty page still answers the total)
  const found = await queryNamed<TStockRowRaw & { total: number }>(
    db,
    sql`WITH k AS (SELECT resource_warehouses.id AS warehouse_id, resource_warehouses.name AS warehouse_name, resource_warehouses.division_code,
                          i.id AS item_id, i.code, i.name, i.category, i.unit, i.spec, m.quantity AS minimum, m.origin, m.source
                     FROM ${keys} WHERE ${sql.join(where, sql` AND `)})
        SELECT c.total, p.warehouse_id AS "warehouseId", p.warehouse_name AS "warehouseName", coalesce(d.name, p.division_code) AS "divisionName",
               p.item_id AS "itemId", p.code AS "itemCode", p.name AS "itemName", p.category, p.unit, p.spec,
               coalesce(s.balance, 0)::int AS balance, coalesce(s.usable, 0)::int AS usable, p.minimum, p.origin AS "minimumFrom", p.source AS "minimumSource",
               s.earliest::text AS "earliestExpiry", coalesce(s.lots, 0)::int AS lots
          FROM (SELECT count(*)::int AS total FROM k) c
          LEFT JOIN LATERAL (SELECT * FROM k ORDER BY division_code, warehouse_id, category, code LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}) p ON true
          LEFT JOIN divisions d ON d.code = p.division_code
          LEFT JOIN LATERAL (SELECT sum(l.balance) AS balance, sum(l.balance) FILTER (WHERE ${usableLotSql(today)}) AS usable, min(l.expires_on) FILTER (WHERE l.balance > 0) AS earliest,
                                    count(*) FILTER (WHERE l.balance > 0) AS lots
                               FROM resource_lots l WHERE l.warehouse_id = p.warehouse_id AND l.item_id = p.item_id) s ON true
         ORDER BY p.division_code, p.warehouse_id, p.category, p.code`,
  );
  const rows: TStockRowRaw[] = found.filter((r) => r.warehouseId !== null).map(({ total: _total, ...r }) => r);
  return { rows, total: found[0]?.total ?? 0 };
}
