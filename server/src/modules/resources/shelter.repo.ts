/** All SQL of shelters (应急避难场所). Totals are sums over the rows; the nearest query pre-filters by a box on the open-shelter index. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { REQUIRED_SHELTER_FACILITIES, type TBounds, type TShelterKind, type TShelterStatus } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { divisions, resourceWarehouses, shelters } from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';

export type TShelterRow = typeof shelters.$inferSelect;

const missingRequired = sql`NOT (${shelters.facilities} ?& ${sql.raw(`array[${REQUIRED_SHELTER_FACILITIES.map((f) => `'${f}'`).join(',')}]`)})`;

/** The capacity of a row in SQL: the override, else the area over the per-person standard, rounded down (shelterCapacity). */
const capacitySql = (perPerson: number) =>
  sql`coalesce(${shelters.capacityOverride}, floor(${shelters.areaM2} / ${perPerson}::float8 + 1e-9)::int)`;

/** A stock point (warehouse) at the shelter holds stock when one of its lots has a balance: read from the ledger. */
const heldSql = sql`EXISTS (SELECT 1 FROM resource_lots l WHERE l.warehouse_id = w.id AND l.balance > 0)`;
const hasStockSql = sql`EXISTS (SELECT 1 FROM resource_warehouses w WHERE w.shelter_id = ${shelters.id} AND ${heldSql})`;
/** The row as listed: the shelter, its town's name, its stock points and how many hold stock. */
const rowColumns = {
  s: shelters,
  divisionName: sql<string>`coalesce(${divisions.name}, ${shelters.divisionCode})`,
  stockPoints: sql<number>`(SELECT count(*)::int FROM resource_warehouses w WHERE w.shelter_id = ${shelters.id})`,
  stockedPoints: sql<number>`(SELECT count(*)::int FROM resource_warehouses w WHERE w.shelter_id = ${shelters.id} AND ${heldSql})`,
};

export interface TShelterFilter {
  divisionCode?: string;
  kind?: TShelterKind;
  status?: TShelterStatus;
  centralCity?: boolean;
  missingFacilities?: boolean;
  hasStock?: boolean;
  q?: string;
}

/** The list's query string as a filter: its yes/no fields come as 'true' / 'false' (the list and its Excel export). */
export const shelterFilter = <Q extends { centralCity?: string; missingFacilities?: string; hasStock?: string }>(q: Q) => ({
  ...q,
  centralCity: q.centralCity === undefined ? undefined : q.centralCity === 'true',
  missingFacilities: q.missingFacilities === undefined ? undefined : q.missingFacilities === 'true',
  hasStock: q.hasStock === undefined ? undefined : q.hasStock === 'true',
});

function where(scope: string, f: TShelterFilter): SQL {
  return and(
    inScopeSql(shelters.divisionCode, scope),
    f.divisionCode ? inScopeSql(shelters.divisionCode, f.divisionCode) : undefined,
    f.kind ? eq(shelters.kind, f.kind) : undefined,
    f.status ? eq(shelters.status, f.status) : undefined,
    f.centralCity !== undefined ? eq(shelters.centralCity, f.centralCity) : undefined,
    f.missingFacilities === true ? missingRequired : undefined,
    f.missingFacilities === false ? sql`NOT ${missingRequired}` : undefined,
    f.hasStock === true ? hasStockSql : undefined,
    f.hasStock === false ? sql`NOT ${hasStockSql}` : undefined,
    f.q ? containsText([shelters.name, shelters.address, shelters.managingUnit], f.q) : undefined,
  )!;
}

export async function listShelters(db: Db, scope: string, f: TShelterFilter, page: { limit: number; offset: number }) {
  const w = where(scope, f);
  const [rows, [count]] = await Promise.all([
    db
      .select(rowColumns)
      .from(shelters)
      .leftJoin(divisions, eq(divisions.code, shelters.divisionCode))
      .where(w)
      .orderBy(asc(shelters.divisionCode), asc(shelters.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(shelters)
      .where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findShelter(db: Db, id: number) {
  const [row] = await db
    .select(rowColumns)
    .from(shelters)
    .leftJoin(divisions, eq(divisions.code, shelters.divisionCode))
    .where(eq(shelters.id, id));
  return row;
}

/**
 * What the stock points at the shelters in scope hold, per shelter and item (lots with a balance, read from the
 * ledger): for the census export's 储备物资 column.
 */
export async function storedAtShelters(db: Db, scope: string) {
  return queryRows<{ shelterId: number; itemName: string; unit: string; quantity: number }>(
    db,
    sql`SELECT resource_warehouses.shelter_id AS "shelterId", i.name AS "itemName", i.unit, sum(l.balance)::int AS quantity
          FROM resource_warehouses JOIN resource_lots l ON l.warehouse_id = resource_warehouses.id AND l.balance > 0
          JOIN resource_items i ON i.id = l.item_id
         WHERE resource_warehouses.shelter_id IS NOT NULL AND ${inScopeSql(resourceWarehouses.divisionCode, scope)}
         GROUP BY resource_warehouses.shelter_id, i.code, i.name, i.unit
         ORDER BY resource_warehouses.shelter_id, i.code`,
  );
}

/** The shelter's name and town, no more (the check of a warehouse's link to it). */
export async function findByIdLight(db: Db, id: number): Promise<{ name: string; divisionCode: string } | undefined> {
  const [row] = await db.select({ name: shelters.name, divisionCode: shelters.divisionCode }).from(shelters).where(eq(shelters.id, id));
  return row;
}

export async function findByName(db: Db, divisionCode: string, name: string): Promise<TShelterRow | undefined> {
  const [row] = await db
    .select()
    .from(shelters)
    .where(and(eq(shelters.divisionCode, divisionCode), eq(shelters.name, name)));
  return row;
}

export async function insertShelter(db: Db, values: typeof shelters.$inferInsert): Promise<number> {
  const [row] = await db.insert(shelters).values(values).returning({ id: shelters.id });
  return row!.id;
}

export async function updateShelter(db: Db, id: number, values: Partial<typeof shelters.$inferInsert>): Promise<void> {
  await db.update(shelters).set(values).where(eq(shelters.id, id));
}

/** Sums by town (area, capacity, shelters, missing facilities) and of the central city, from the rows. */
export async function totalsByTown(db: Db, scope: string, perPerson: number) {
  return queryRows<{
    divisionCode: string;
    divisionName: string;
    shelters: number;
    areaM2: number;
    capacity: number;
    missingFacilities: number;
    central: boolean;
  }>(
    db,
    sql`SELECT ${shelters.divisionCode} AS "divisionCode", coalesce(max(${divisions.name}), ${shelters.divisionCode}) AS "divisionName",
               ${shelters.centralCity} AS central, count(*)::int AS shelters, coalesce(sum(${shelters.areaM2}), 0)::float8 AS "areaM2",
               coalesce(sum(${capacitySql(perPerson)}), 0)::int AS capacity, (count(*) FILTER (WHERE ${missingRequired}))::int AS "missingFacilities"
          FROM ${shelters} LEFT JOIN ${divisions} ON ${divisions.code} = ${shelters.divisionCode}
         WHERE ${inScopeSql(shelters.divisionCode, scope)}
         GROUP BY ${shelters.divisionCode}, ${shelters.centralCity}
         ORDER BY ${shelters.divisionCode}`,
  );
}

const EARTH_DIAMETER_M = 2 * 6_371_008.8; // haversineMetres' IUGG mean radius, twice

type TNearRow = {
  id: number;
  name: string;
  address: string;
  divisionName: string;
  areaM2: number;
  capacityOverride: number | null;
  longitude: number;
  latitude: number;
};

/** The haversine distance in metres from the point to a shelter row, in SQL (haversineMetres). */
const distanceSql = (point: { longitude: number; latitude: number }) =>
  sql`${EARTH_DIAMETER_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(${shelters.latitude} - ${point.latitude}::float8) / 2), 2)
        + cos(radians(${point.latitude}::float8)) * cos(radians(${shelters.latitude}))
          * power(sin(radians(${shelters.longitude} - ${point.longitude}::float8) / 2), 2))))`;

/** Open shelters in scope inside the box of the row `r` of the boxes list (a range on the open-shelter position index). */
const inBoxSql = (scope: string) =>
  sql`${shelters.status} = 'open' AND ${inScopeSql(shelters.divisionCode, scope)}
      AND ${shelters.latitude} BETWEEN r.min_lat AND r.max_lat AND ${shelters.longitude} BETWEEN r.min_lon AND r.max_lon`;

/**
 * The open shelters nearest to a point, in one statement. `boxes` go from the smallest to the whole scope (`radius`
 * null, `box` null); the statement walks them in order and stops at the first whose `limit`-th nearest lies within its
 * radius (a shelter outside the box is farther than that, so the ranking inside it is exact), or at the last. There is
 * no ORDER BY on the boxes, so that the walk stops early: PostgreSQL scans VALUES in order, and any box that passes
 * gives the same exact answer, so the order only decides how many boxes are read, never the result. Each
 * box is a range on the (latitude, longitude) index of open shelters; the chosen one gives its `fetch` nearest, by
 * haversine in SQL. The caller recomputes the distance with haversineMetres.
 */
export function nearestOpen(
  db: Db,
  scope: string,
  point: { longitude: number; latitude: number },
  boxes: readonly { radius: number | null; box: TBounds | null }[],
  limit: number,
  fetch: number,
) {
  const rows = boxes.map(({ radius, box }) => {
    const b = box ?? { minLat: -90, maxLat: 90, minLon: -180, maxLon: 180 };
    return sql`(${radius ?? 0}::float8, ${radius === null}::boolean, ${b.minLat}::float8, ${b.maxLat}::float8, ${b.minLon}::float8, ${b.maxLon}::float8)`;
  });
  const distance = distanceSql(point);
  return queryRows<TNearRow>(
    db,
    sql`WITH r AS (
          SELECT r.* FROM (VALUES ${sql.join(rows, sql`, `)}) AS r(radius, whole, min_lat, max_lat, min_lon, max_lon)
           WHERE r.whole OR coalesce((SELECT ${distance} AS distance FROM ${shelters} WHERE ${inBoxSql(scope)}
                                       ORDER BY distance, ${shelters.id} OFFSET ${limit - 1} LIMIT 1) < r.radius, false)
           LIMIT 1)
        SELECT n.id, n.name, n.address, coalesce(d.name, n.division_code) AS "divisionName", n.area_m2 AS "areaM2",
               n.capacity_override AS "capacityOverride", n.longitude, n.latitude
          FROM r CROSS JOIN LATERAL (
                 SELECT ${shelters.id} AS id, ${shelters.name} AS name, ${shelters.address} AS address,
                        ${shelters.divisionCode} AS division_code, ${shelters.areaM2} AS area_m2,
                        ${shelters.capacityOverride} AS capacity_override, ${shelters.longitude} AS longitude,
                        ${shelters.latitude} AS latitude, ${distance} AS distance
                   FROM ${shelters} WHERE ${inBoxSql(scope)}
                  ORDER BY distance, ${shelters.id}
                  LIMIT ${fetch}) n
          LEFT JOIN ${divisions} d ON d.code = n.division_code
         ORDER BY n.distance, n.id`,
  );
}

/** Town name → code, for the census import. */
export async function townCodesByName(db: Db, scope: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, scope)));
  return new Map(rows.flatMap((r) => [[r.name, r.code] as const, [r.code, r.code] as const]));
}

/** Town and name of every shelter in scope (an import's create or update). */
export const namesIn = (db: Db, scope: string) =>
  db.select({ divisionCode: shelters.divisionCode, name: shelters.name }).from(shelters).where(inScopeSql(shelters.divisionCode, scope));
