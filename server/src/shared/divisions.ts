/**
 * The one place a module reads division names (省/市/区/镇街) for its output: a code's name, the names of many codes, and
 * the towns under a scope. Divisions are platform data (org keeps them current); reading them is not a call into org.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { divisions } from '../db/schema/index';
import { scopeWhere } from './scope';

/** A division's name, or null for an unknown code. */
export async function divisionName(db: Db, code: string): Promise<string | null> {
  const [row] = await db.select({ name: divisions.name }).from(divisions).where(eq(divisions.code, code));
  return row?.name ?? null;
}

/** Code → name for the given codes (unknown codes are absent). */
export async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(inArray(divisions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The towns, or the cities (a province's next level), under a scope (narrowed by a chosen division), in code order. */
export async function divisionsInScope(
  db: Db,
  level: 'town' | 'city',
  scope: string,
  divisionCode?: string,
): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, level), scopeWhere(divisions.code, scope, divisionCode)))
    .orderBy(divisions.code);
}

/** The towns under a scope (narrowed by a chosen division), in code order. */
export const townsInScope = (db: Db, scope: string, divisionCode?: string) => divisionsInScope(db, 'town', scope, divisionCode);

/** A provincial reader who chose no city sees a province's next level, its cities, where others see towns. */
export const provinceWide = (scope: string, divisionCode?: string): boolean => scope.length <= 2 && (divisionCode ?? '').length <= 2;
