/**
 * The effective minimums (effectiveMinimum in the domain) as SQL: a warehouse's own recorded minimum, else the reserve
 * guidance for its level (the `reserveGuidance` setting, passed in as JSON). One row per warehouse × item that has one.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TReserveGuidance } from '@yingji/domain';

/**
 * `(…) AS <alias>` with columns warehouse_id, item_id, quantity, origin ('warehouse' | 'guidance') and source (the
 * guidance's document, else NULL). Guidance rows whose item code is not in the catalogue match nothing.
 */
export function effectiveMinimumsSql(guidance: TReserveGuidance, alias: string): SQL {
  const own = sql`SELECT m.warehouse_id, m.item_id, m.quantity, 'warehouse'::text AS origin, NULL::text AS source FROM resource_minimums m`;
  if (guidance.length === 0) return sql`(${own}) AS ${sql.raw(alias)}`;
  const rows = JSON.stringify(guidance.map((g) => ({ kind: g.kind, item_code: g.itemCode, quantity: g.quantity, source: g.source })));
  return sql`(${own}
      UNION ALL
      SELECT w.id, i.id, g.quantity, 'guidance'::text, g.source
        FROM jsonb_to_recordset(${rows}::jsonb) AS g(kind text, item_code text, quantity int, source text)
        JOIN resource_items i ON i.code = g.item_code
        JOIN resource_warehouses w ON w.kind = g.kind
       WHERE NOT EXISTS (SELECT 1 FROM resource_minimums o WHERE o.warehouse_id = w.id AND o.item_id = i.id)) AS ${sql.raw(alias)}`;
}
