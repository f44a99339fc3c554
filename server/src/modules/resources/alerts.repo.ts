/** The alert queries of the resources module (below minimum, expiry, maintenance), each over indexed rows in scope. */
import { sql, type SQL } from 'drizzle-orm';
import type { TMinimumOrigin, TReserveGuidance } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { resourceWarehouses } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import { effectiveMinimumsSql } from './minimum.repo';
import { usableLotSql } from './stock.repo';

export interface TAlertFilter {
  warehouseId?: number;
  divisionCode?: string;
}

function warehouseWhere(scope: string, f: TAlertFilter): SQL {
  const parts: SQL[] = [inScopeSql(resourceWarehouses.divisionCode, scope)];
  if (f.divisionCode) parts.push(inScopeSql(resourceWarehouses.divisionCode, f.divisionCode));
  if (f.warehouseId) parts.push(sql`${resourceWarehouses.id} = ${f.warehouseId}`);
  return sql.join(parts, sql` AND `);
}

export interface TAlertRow {
  warehouseId: number;
  warehouseName: string;
  divisionCode: string;
  divisionName: string;
  itemName: string;
  unit: string;
  lotId: number | null;
  quantity: number;
  minimum: number | null;
  /** Where the minimum comes from (below minimum only): 'warehouse' or 'guidance', with the guidance's document. */
  minimumFrom?: TMinimumOrigin;
  minimumSource?: string | null;
  date: string | null;
}

/**
 * Effective minimums (the warehouse's own, else the guidance for its level) not met by the stock that can be issued
 * today (expired lots are not reserve: `reserveShortfall`).
 */
export const belowMinimum = (db: Db, scope: string, f: TAlertFilter, today: string, guidance: TReserveGuidance) =>
  queryRows<TAlertRow>(
    db,
    sql`SELECT resource_warehouses.id AS "warehouseId", resource_warehouses.name AS "warehouseName", resource_warehouses.division_code AS "divisionCode",
               coalesce(d.name, resource_warehouses.division_code) AS "divisionName", i.name AS "itemName", i.unit, NULL::int AS "lotId",
               coalesce(s.balance, 0)::int AS quantity, m.quantity AS minimum, m.origin AS "minimumFrom", m.source AS "minimumSource", NULL AS date
          FROM ${effectiveMinimumsSql(guidance, 'm')}
          JOIN resource_warehouses ON resource_warehouses.id = m.warehouse_id
          JOIN resource_items i ON i.id = m.item_id
          LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
          LEFT JOIN LATERAL (SELECT sum(l.balance) AS balance FROM resource_lots l WHERE l.warehouse_id = m.warehouse_id AND l.item_id = m.item_id AND ${usableLotSql(today)}) s ON true
         WHERE ${warehouseWhere(scope, f)} AND coalesce(s.balance, 0) < m.quantity
         ORDER BY resource_warehouses.division_code, resource_warehouses.id, i.code`,
  );

/** Lots with stock that expire on or before `until` (expired ones included). */
export const expiringLots = (db: Db, scope: string, f: TAlertFilter, until: string) =>
  queryRows<TAlertRow>(
    db,
    sql`SELECT resource_warehouses.id AS "warehouseId", resource_warehouses.name AS "warehouseName", resource_warehouses.division_code AS "divisionCode",
               coalesce(d.name, resource_warehouses.division_code) AS "divisionName", i.name AS "itemName", i.unit, l.id AS "lotId",
               l.balance AS quantity, NULL::int AS minimum, l.expires_on::text AS date
          FROM resource_lots l
          JOIN resource_warehouses ON resource_warehouses.id = l.warehouse_id
          JOIN resource_items i ON i.id = l.item_id
          LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
         WHERE l.balance > 0 AND l.expires_on <= ${until} AND ${warehouseWhere(scope, f)}
         ORDER BY l.expires_on, l.id
         LIMIT 2000`,
  );

/** Lots with stock whose item needs maintenance and whose last maintenance (or receipt) is an interval or more ago. */
export const maintenanceDue = (db: Db, scope: string, f: TAlertFilter, today: string) =>
  queryRows<TAlertRow>(
    db,
    sql`SELECT resource_warehouses.id AS "warehouseId", resource_warehouses.name AS "warehouseName", resource_warehouses.division_code AS "divisionCode",
               coalesce(d.name, resource_warehouses.division_code) AS "divisionName", i.name AS "itemName", i.unit, l.id AS "lotId",
               l.balance AS quantity, NULL::int AS minimum,
               (coalesce(l.last_maintained_on, l.received_on) + i.maintenance_days)::text AS date
          FROM resource_lots l
          JOIN resource_items i ON i.id = l.item_id AND i.maintenance_days IS NOT NULL
          JOIN resource_warehouses ON resource_warehouses.id = l.warehouse_id
          LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
         WHERE l.balance > 0 AND coalesce(l.last_maintained_on, l.received_on) + i.maintenance_days <= ${today}::date
           AND ${warehouseWhere(scope, f)}
         ORDER BY 10, l.id
         LIMIT 2000`,
  );
