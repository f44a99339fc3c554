/**
 * The alert list of the resources module as one statement: below minimum, expiring, expired, maintenance due and loans
 * overdue as a UNION ALL over their partial indexes and the kept stock (resource_stock), ordered and cut in SQL, with
 * the counts by kind and by town taken from the same rows (so the list's counts never disagree with it).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ALERT_KINDS, type TAlertKind, type TMinimumOrigin, type TReserveGuidance } from '@yingji/domain';
import type { Db } from '../../db/client';
import { resourceWarehouses } from '../../db/schema';
import { escapeLike, inScopeSql } from '../../shared/scope';
import { loanInScope } from './loan.repo';
import { effectiveMinimumsSql } from './minimum.repo';
import { queryNamed } from './named-statement';

export interface TAlertFilter {
  warehouseId?: number;
  divisionCode?: string;
}

export interface TAlertQuery {
  /** The actor's scope: stock by the warehouse's division, loans by the lending warehouse's or the borrower's. */
  scope: string;
  filter: TAlertFilter;
  kinds: readonly TAlertKind[];
  today: string;
  /** Lots expiring on or before this day are 临期 (the ones before today are expired). */
  until: string;
  guidance: TReserveGuidance;
  /** How many rows to list (the counts cover all of them). */
  limit: number;
}

export interface TAlertRow {
  kind: TAlertKind;
  warehouseId: number;
  warehouseName: string;
  divisionCode: string;
  divisionName: string;
  itemName: string;
  unit: string | null;
  lotId: number | null;
  loanId: number | null;
  quantity: number;
  minimum: number | null;
  /** Where the minimum comes from (below minimum only): 'warehouse' or 'guidance', with the guidance's document. */
  minimumFrom: TMinimumOrigin | null;
  minimumSource: string | null;
  borrowerUnit: string | null;
  date: string | null;
}

export interface TAlertCounts {
  rows: TAlertRow[];
  byKind: Partial<Record<TAlertKind, number>>;
  byTown: { divisionCode: string; divisionName: string; count: number }[];
}

/** The warehouses in scope (and in the chosen warehouse or division), with their division's name. */
function warehousesSql(scope: string, f: TAlertFilter): SQL {
  const parts: SQL[] = [inScopeSql(resourceWarehouses.divisionCode, scope)];
  if (f.divisionCode) parts.push(inScopeSql(resourceWarehouses.divisionCode, f.divisionCode));
  if (f.warehouseId) parts.push(sql`${resourceWarehouses.id} = ${f.warehouseId}`);
  return sql`SELECT resource_warehouses.id, resource_warehouses.name, resource_warehouses.division_code, coalesce(d.name, resource_warehouses.division_code) AS division_name
               FROM resource_warehouses LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
              WHERE ${sql.join(parts, sql` AND `)}`;
}

/** Columns of every branch, in order: k (the kind's place in ALERT_KINDS), then the sort keys k1, k2, k3. */
const branchColumns = `k, warehouse_id, warehouse_name, division_code, division_name, item_name, unit, lot_id, loan_id, quantity, minimum,
  minimum_from, minimum_source, borrower_unit, date, k1, k2, k3`;

function branches(q: TAlertQuery): SQL[] {
  const want = (k: TAlertKind) => q.kinds.includes(k);
  const out: SQL[] = [];
  const k = (kind: TAlertKind) => ALERT_KINDS.indexOf(kind);
  // a lot's division is its warehouse's: the scope on the lot (as inScopeSql) lets a town's list read only its own lots
  const lotsInScope = q.scope.length === 9 ? sql`l.division_code = ${q.scope}` : sql`l.division_code LIKE ${escapeLike(q.scope) + '%'}`;
  if (want('below_minimum'))
    // effective minimums (own, else the guidance for its level) not met by the stock that can be issued today: the
    // kept stock (resource_stock) less what has expired (the few expired lots with stock, by the expiry index)
    out.push(sql`SELECT ${k('below_minimum')}::int, w.id, w.name, w.division_code, w.division_name, i.name, i.unit, NULL::int, NULL::int,
                        (coalesce(s.balance, 0) - coalesce(x.expired, 0))::int, m.quantity, m.origin, m.source, NULL::text, NULL::text,
                        w.division_code, w.id, i.code
                   FROM w JOIN ${effectiveMinimumsSql(q.guidance, 'm')} ON m.warehouse_id = w.id
                   JOIN resource_items i ON i.id = m.item_id
                   LEFT JOIN resource_stock s ON s.warehouse_id = m.warehouse_id AND s.item_id = m.item_id
                   LEFT JOIN (SELECT l.warehouse_id, l.item_id, sum(l.balance) AS expired FROM resource_lots l
                               WHERE ${lotsInScope} AND l.balance > 0 AND l.expires_on < ${q.today}::date GROUP BY l.warehouse_id, l.item_id) x
                     ON x.warehouse_id = m.warehouse_id AND x.item_id = m.item_id
                  WHERE coalesce(s.balance, 0) - coalesce(x.expired, 0) < m.quantity`);
  if (want('expiring') || want('expired')) {
    const which =
      want('expiring') && want('expired')
        ? sql``
        : want('expired')
          ? sql`AND l.expires_on < ${q.today}::date`
          : sql`AND l.expires_on >= ${q.today}::date`;
    out.push(sql`SELECT CASE WHEN l.expires_on < ${q.today}::date THEN ${k('expired')}::int ELSE ${k('expiring')}::int END, w.id, w.name, w.division_code, w.division_name,
                        i.name, i.unit, l.id, NULL::int, l.balance, NULL::int, NULL::text, NULL::text, NULL::text, l.expires_on::text, l.expires_on::text, l.id, NULL::text
                   FROM resource_lots l JOIN w ON w.id = l.warehouse_id JOIN resource_items i ON i.id = l.item_id
                  WHERE ${lotsInScope} AND l.balance > 0 AND l.expires_on <= ${q.until}::date ${which}`);
  }
  if (want('maintenance_due'))
    // lots with stock whose item needs maintenance, last maintained (or received) an interval or more ago: per item,
    // one range of the maintenance index (OFFSET 0 keeps the lateral a per-item index scan, not a scan of all lots)
    out.push(sql`SELECT ${k('maintenance_due')}::int, w.id, w.name, w.division_code, w.division_name, i.name, i.unit, l.id, NULL::int, l.balance, NULL::int,
                        NULL::text, NULL::text, NULL::text, l.due::text, l.due::text, l.id, NULL::text
                   FROM resource_items i
                   CROSS JOIN LATERAL (SELECT l.id, l.warehouse_id, l.balance, coalesce(l.last_maintained_on, l.received_on) + i.maintenance_days AS due
                                         FROM resource_lots l
                                        WHERE l.item_id = i.id AND l.balance > 0 AND ${lotsInScope}
                                          AND coalesce(l.last_maintained_on, l.received_on) <= ${q.today}::date - i.maintenance_days OFFSET 0) l
                   JOIN w ON w.id = l.warehouse_id
                  WHERE i.maintenance_days IS NOT NULL`);
  if (want('loan_overdue')) {
    const f: SQL[] = [loanInScope(q.scope)];
    if (q.filter.warehouseId) f.push(sql`resource_loans.warehouse_id = ${q.filter.warehouseId}`);
    if (q.filter.divisionCode) f.push(inScopeSql(resourceWarehouses.divisionCode, q.filter.divisionCode));
    out.push(sql`SELECT ${k('loan_overdue')}::int, resource_loans.warehouse_id, resource_warehouses.name, resource_warehouses.division_code,
                        coalesce(d.name, resource_warehouses.division_code), '', NULL::text, NULL::int, resource_loans.id, NULL::int, NULL::int, NULL::text, NULL::text,
                        resource_loans.borrower_unit, resource_loans.expected_return_on::text, resource_loans.expected_return_on::text, resource_loans.id, NULL::text
                   FROM resource_loans JOIN resource_warehouses ON resource_warehouses.id = resource_loans.warehouse_id
                   LEFT JOIN divisions d ON d.code = resource_warehouses.division_code
                  WHERE resource_loans.state IN ('issued', 'returning') AND resource_loans.expected_return_on < ${q.today}::date AND ${sql.join(f, sql` AND `)}`);
  }
  return out;
}

/**
 * One statement answering one row: the first `limit` alerts in kind order (then by town, warehouse and item for a
 * minimum, by date and lot or loan for the others), and the counts of all of them by kind and by town.
 */
export async function alertList(db: Db, q: TAlertQuery): Promise<TAlertCounts> {
  const parts = branches(q);
  if (parts.length === 0) return { rows: [], byKind: {}, byTown: [] };
  const [row] = await queryNamed<{
    rows: (Omit<TAlertRow, 'kind'> & { k: number })[];
    byKind: Record<string, number>;
    byTown: TAlertCounts['byTown'];
  }>(
    db,
    sql`WITH w AS (${warehousesSql(q.scope, q.filter)}),
        a(${sql.raw(branchColumns)}) AS (${sql.join(parts, sql` UNION ALL `)})
        SELECT (SELECT coalesce(json_agg(json_build_object('k', r.k,
                  'warehouseId', r.warehouse_id, 'warehouseName', r.warehouse_name, 'divisionCode', r.division_code, 'divisionName', r.division_name,
                  'itemName', r.item_name, 'unit', r.unit, 'lotId', r.lot_id, 'loanId', r.loan_id, 'quantity', r.quantity, 'minimum', r.minimum,
                  'minimumFrom', r.minimum_from, 'minimumSource', r.minimum_source, 'borrowerUnit', r.borrower_unit, 'date', r.date)
                  ORDER BY r.k, r.k1, r.k2, r.k3), '[]'::json)
                  FROM (SELECT * FROM a ORDER BY k, k1, k2, k3 LIMIT ${q.limit}) r) AS rows,
               (SELECT coalesce(json_object_agg(c.k, c.n), '{}'::json)
                  FROM (SELECT k, count(*)::int AS n FROM a GROUP BY k) c) AS "byKind",
               (SELECT coalesce(json_agg(json_build_object('divisionCode', t.division_code, 'divisionName', t.division_name, 'count', t.n)
                  ORDER BY t.division_code), '[]'::json)
                  FROM (SELECT division_code, min(division_name) AS division_name, count(*)::int AS n FROM a GROUP BY division_code) t) AS "byTown"`,
  );
  const { rows, byKind, byTown } = row!;
  return {
    rows: rows.map(({ k, ...r }) => ({ ...r, kind: ALERT_KINDS[k]! })),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, n]) => [ALERT_KINDS[Number(k)]!, n])),
    byTown,
  };
}
