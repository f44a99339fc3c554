/** All SQL of shelters (应急避难场所). Totals are sums over the rows; the nearest query pre-filters by a box on the open-shelter index. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { REQUIRED_SHELTER_FACILITIES, type TBounds, type TShelterKind, type TShelterStatus } from '@yingji/domain';
import { queryRows, type Db } from '../../db/client';
import { divisions, shelters } from '../../db/schema';
import { containsText } from '../../shared/keyword';
import { inScopeSql } from '../../shared/scope';

export type TShelterRow = typeof shelters.$inferSelect;

const missingRequired = sql`NOT (${shelters.facilities} ?& ${sql.raw(`array[${REQUIRED_SHELTER_FACILITIES.map((f) => `'${f}'`).join(',')}]`)})`;

/** The capacity of a row in SQL: the override, else the area over the per-person standard, rounded down (shelterCapacity). */
const capacitySql = (perPerson: number) =>
  sql`coalesce(${shelters.capacityOverride}, floor(${shelters.areaM2} / ${perPerson}::float8 + 1e-9)::int)`;

export interface TShelterFilter {
  divisionCode?: string;
  kind?: TShelterKind;
  status?: TShelterStatus;
  centralCity?: boolean;
  missingFacilities?: boolean;
  q?: string;
}

function where(scope: string, f: TShelterFilter): SQL {
  return and(
    inScopeSql(shelters.divisionCode, scope),
    f.divisionCode ? inScopeSql(shelters.divisionCode, f.divisionCode) : undefined,
    f.kind ? eq(shelters.kind, f.kind) : undefined,
    f.status ? eq(shelters.status, f.status) : undefined,
    f.centralCity !== undefined ? eq(shelters.centralCity, f.centralCity) : undefined,
    f.missingFacilities === true ? missingRequired : undefined,
    f.missingFacilities === false ? sql`NOT ${missingRequired}` : undefined,
    f.q ? containsText([shelters.name, shelters.address, shelters.managingUnit], f.q) : undefined,
  )!;
}

export async function listShelters(db: Db, scope: string, f: TShelterFilter, page: { limit: number; offset: number }) {
  const w = where(scope, f);
  const [rows, [count]] = await Promise.all([
    db
      .select({ s: shelters, divisionName: sql<string>`coalesce(${divisions.name}, ${shelters.divisionCode})` })
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
    .select({ s: shelters, divisionName: sql<string>`coalesce(${divisions.name}, ${shelters.divisionCode})` })
    .from(shelters)
    .leftJoin(divisions, eq(divisions.code, shelters.divisionCode))
    .where(eq(shelters.id, id));
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

/** Open shelters inside a box (the pre-filter of the nearest query). */
export const openInBox = (db: Db, scope: string, box: TBounds | null) =>
  db
    .select({
      id: shelters.id,
      name: shelters.name,
      address: shelters.address,
      divisionName: sql<string>`coalesce(${divisions.name}, ${shelters.divisionCode})`,
      areaM2: shelters.areaM2,
      capacityOverride: shelters.capacityOverride,
      longitude: shelters.longitude,
      latitude: shelters.latitude,
    })
    .from(shelters)
    .leftJoin(divisions, eq(divisions.code, shelters.divisionCode))
    .where(
      and(
        eq(shelters.status, 'open'),
        inScopeSql(shelters.divisionCode, scope),
        box
          ? sql`${shelters.latitude} BETWEEN ${box.minLat} AND ${box.maxLat} AND ${shelters.longitude} BETWEEN ${box.minLon} AND ${box.maxLon}`
          : undefined,
      ),
    );

/** Town name → code, for the census import. */
export async function townCodesByName(db: Db, scope: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), inScopeSql(divisions.code, scope)));
  return new Map(rows.flatMap((r) => [[r.name, r.code] as const, [r.code, r.code] as const]));
}
